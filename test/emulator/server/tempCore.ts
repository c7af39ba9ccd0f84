/**
 * The emulator core (its commit queue wired as the server wires it) on a temporary data directory,
 * with the accounts ann and ben: the setup of the core-level tests, and what they do with it (log a
 * device in, roll a change back).
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../../src/emulator/server/apiError';
import { type EmulatorCore, openEmulator } from '../../../src/emulator/server/core';
import { type OutFrame, frameText } from '../../../src/emulator/server/frameText';
import type { Durability } from '../../../src/emulator/server/schema';

/** Closes a core's commit queue, then its database (the order the server closes them in). */
export function closeCore(core: EmulatorCore): void {
  core.queue.close();
  core.db.close();
}

/** A core on a new temporary directory; a test that reopens the core there sets `core` to the new one. */
export class TempCore {
  readonly dir: string;
  core: EmulatorCore;

  constructor(
    prefix: string,
    readonly durability: Durability = 'normal',
  ) {
    this.dir = mkdtempSync(join(tmpdir(), prefix));
    this.core = openEmulator(this.dir, { durability });
    this.core.emu.model.ensureUser('ann');
    this.core.emu.model.ensureUser('ben');
  }

  /** Closes the current core and opens the same directory again (a restart). */
  reopen(): EmulatorCore {
    closeCore(this.core);
    this.core = openEmulator(this.dir, { durability: this.durability });
    return this.core;
  }

  /** Closes the current core and removes the directory. */
  close(): void {
    closeCore(this.core);
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** A logged-in, connected device of `user` whose frames land in `frames`. */
export function loginDevice(core: EmulatorCore, user: string, frames: string[]): void {
  core.db.prepare("INSERT INTO devices(user_id, config_path, base_msg, logged_in) VALUES (?, 'd', 0, 1)").run(user);
  const id = core.db.prepare("SELECT id FROM devices WHERE user_id = ? AND config_path = 'd'").pluck().get(user) as number;
  core.emu.hub.addLoggedIn(user, id);
  core.emu.hub.bindSink(id, { pushFrame: (frame: OutFrame) => void frames.push(frameText(frame)) });
}

/** `change` in an operation that fails after it: the operation's savepoint rolls back. */
export function inFailingOp(core: EmulatorCore, change: () => unknown): Promise<unknown> {
  return core.queue.enqueue(() => {
    change();
    throw new ApiError(6017, 'the operation fails after the change');
  });
}

/** `change` (an enqueued operation) in a group commit that fails as a whole: an atomic operation fails otherwise than with an ApiError. */
export async function inFailingCommit(core: EmulatorCore, change: Promise<unknown>): Promise<void> {
  const failing = core.queue.enqueue(() => {
    throw new Error('the group transaction fails');
  }, { atomic: true });
  const outcomes = await Promise.allSettled([change, failing]);
  assert.deepEqual(outcomes.map((r) => r.status), ['rejected', 'rejected']);
}
