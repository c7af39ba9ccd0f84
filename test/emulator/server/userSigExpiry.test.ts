/**
 * A login ends when its UserSig runs out, as on Tencent's server: the client hears UserSigExpired and
 * its calls answer 6014 (not logged in) until it logs in again with a fresh UserSig. Real timers: the
 * UserSig in the test lasts two seconds.
 */
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { TimError } from '../../../src/tim/errors';
import { emulatorEnv, type TestEnv } from './harness';

describe('emulator UserSig expiry during a session', function () {
  this.timeout(20_000);
  let env: TestEnv;

  before(async () => {
    env = await emulatorEnv();
  });

  after(async () => {
    await env?.close();
  });

  it('pushes UserSigExpired when the UserSig runs out and logs the device out; a fresh UserSig logs in again', async () => {
    const { client } = await env.bareClient();
    let expiredAt = 0;
    client.onEvent('UserSigExpired', () => {
      expiredAt = Date.now();
    });
    await client.init(env.sdkAppId, { sdk_config_config_file_path: join(env.dataDir ?? '', 'devices', 'erin') });
    const loggedInAt = Date.now();
    await client.login('erin', env.userSig('erin', 2));
    assert.deepEqual(await client.convGetConvList(), [], 'logged in: calls work');
    for (let waited = 0; expiredAt === 0 && waited < 6000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.ok(expiredAt > 0, 'UserSigExpired arrived');
    // The UserSig's time is in whole seconds, so it runs out between 1 and 2 s after the login.
    assert.ok(expiredAt - loggedInAt >= 900, `not before the UserSig ran out (${expiredAt - loggedInAt} ms)`);
    await assert.rejects(
      async () => {
        for (let tries = 0; tries < 20; tries++) {
          await client.convGetConvList();
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      (error: unknown) => error instanceof TimError && error.code === 6014,
    );
    await client.login('erin', env.userSig('erin'));
    assert.deepEqual(await client.convGetConvList(), []);
  });

  it('keeps a login whose UserSig lasts for months (longer than one timer can wait)', async () => {
    const alice = await env.device('alice');
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(alice.events.all('UserSigExpired').length, 0);
    assert.deepEqual(await alice.client.convGetConvList(), []);
  });
});
