/**
 * The emulator endpoint when tim-emulator is killed with SIGKILL under load and restarted on the same
 * port and data dir: every send resolves with success once the server is back (resent under its own
 * message id), and every message is stored exactly once, whether the crash came before its commit,
 * between commit and answer, or not at all.
 */
import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatorEndpoint } from '../../../src/emulator/client/emulatorEndpoint';
import type { TimCallResult } from '../../../src/tim/endpoint';
import { parseTimJson } from '../../../src/tim/json';
import { genUserSig } from '../../../src/tim/userSig';

const ROOT = join(__dirname, '../../..');

interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  readonly port: number;
  readonly sdkAppId: number;
  readonly secretKey: string;
}

/** Runs tim-emulator in its own process, so it can really be killed. */
function startChild(dataDir: string, port: number): Promise<Started> {
  const script = `
    require('./src/emulator/server/startEmulator.ts')
      .startEmulator({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, warn: () => {} })
      .then((e) => console.log(JSON.stringify({ url: e.url, port: e.port, sdkAppId: e.sdkAppId, secretKey: e.secretKey })))
      .catch((error) => { console.error(error); process.exit(1); });`;
  const child = spawn(process.execPath, ['-r', './scripts/ts-register.cjs', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((candidate) => candidate.startsWith('{'));
      if (line) {
        resolve({ child, ...(JSON.parse(line) as Omit<Started, 'child'>) });
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    child.once('exit', (code) => reject(new Error(`tim-emulator exited with ${code}: ${err}`)));
  });
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve();
      return;
    }
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

describe('EmulatorEndpoint when tim-emulator is killed -9 under load', () => {
  let dataDir: string;
  let server: Started | undefined;
  const endpoints: EmulatorEndpoint[] = [];

  before(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'tim-emulator-crash-'));
  });

  after(async () => {
    await Promise.all(endpoints.map((endpoint) => endpoint.dispose()));
    if (server) {
      await killed(server.child);
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('stores every send exactly once after the clients resend', async () => {
    server = await startChild(dataDir, 0);
    const { port, sdkAppId, secretKey, url } = server;
    // The recipient must exist before anyone can send to it (20003 otherwise).
    const users = ['sink', 's1', 's2', 's3'];
    const [, ...senders] = await Promise.all(
      users.map(async (userId) => {
        const endpoint = await EmulatorEndpoint.connect({ url, reconnect: { initialDelayMs: 20, maxDelayMs: 200 }, defaultTimeoutMs: 15_000 });
        endpoints.push(endpoint);
        assert.equal(await endpoint.callSync('TIMInit', [sdkAppId, JSON.stringify({ sdk_config_config_file_path: join(dataDir, userId) })]), 0);
        assert.equal((await endpoint.call('TIMLogin', [userId, genUserSig({ sdkAppId, secretKey, userId })])).code, 0);
        return { userId, endpoint };
      }),
    );
    // Each sender keeps a window of sends in flight, so whenever the kill lands some sends are unsent,
    // some written but not committed, some committed but not answered.
    const perSender = 150;
    const window = 8;
    let acknowledged = 0;
    const results: TimCallResult[] = [];
    const loops = senders.map(async ({ userId, endpoint }) => {
      let next = 0;
      const worker = async (): Promise<void> => {
        while (next < perSender) {
          const text = `${userId}-${next++}`;
          const result = await endpoint.call('TIMMsgSendMessage', ['sink', 1, JSON.stringify({ message_elem_array: [{ elem_type: 0, text_elem_content: text }] })]);
          acknowledged++;
          results.push(result);
        }
      };
      await Promise.all(Array.from({ length: window }, worker));
    });
    const deadline = Date.now() + 10_000;
    while (acknowledged < 30 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    await killed(server.child);
    const atKill = acknowledged;
    await new Promise((resolve) => setTimeout(resolve, 200));
    server = await startChild(dataDir, port);
    await Promise.all(loops);
    assert.ok(atKill < perSender * senders.length, `the kill came too late (${atKill} acknowledged)`);
    assert.equal(results.length, perSender * senders.length);
    for (const result of results) {
      assert.equal(result.code, 0, result.desc);
    }
    for (const { userId, endpoint } of senders) {
      const list = await endpoint.call('TIMMsgGetMsgList', ['sink', 1, JSON.stringify({ msg_getmsglist_param_count: perSender * 2, msg_getmsglist_param_is_ramble: true })]);
      assert.equal(list.code, 0, list.desc);
      const messages = parseTimJson(list.json) as Array<{ message_elem_array?: Array<{ text_elem_content?: string }>; message_msg_id?: string }>;
      const texts = messages.map((message) => message.message_elem_array?.[0]?.text_elem_content ?? '');
      for (let i = 0; i < perSender; i++) {
        assert.equal(texts.filter((text) => text === `${userId}-${i}`).length, 1, `${userId}-${i} stored once (killed after ${atKill} acks)`);
      }
      assert.equal(new Set(messages.map((message) => message.message_msg_id)).size, messages.length, 'no message id twice');
    }
  });
});
