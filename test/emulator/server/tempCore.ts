/**
 * The emulator core (its commit queue wired as the server wires it) on a temporary data directory,
 * with the accounts ann and ben: the setup of the core-level tests.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmulatorCore, openEmulator } from '../../../src/emulator/server/core';
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
