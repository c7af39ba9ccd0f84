/**
 * tls-sig-api-v2 UserSigs: the generator's format, the verifier's TIM codes, and logins refused with
 * those codes by tim-emulator.
 */
import { strict as assert } from 'node:assert';
import { inflateSync } from 'node:zlib';
import { decodeUserSig, genUserSig, verifyUserSig } from '../../../src/tim/userSig';
import { expectCode } from './apiSuite';
import { emulatorEnv, type TestEnv } from './harness';

const KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';

describe('UserSig (tls-sig-api-v2)', function () {
  it('produces Tencent\'s format: deflated JSON, base64 with * - _ substitutions', function () {
    const sig = genUserSig({ sdkAppId: 1400000000, secretKey: KEY, userId: 'xiaojun', expireSeconds: 86400 * 180, nowSeconds: 1600000000 });
    assert.doesNotMatch(sig, /[+/=]/);
    const json = JSON.parse(inflateSync(Buffer.from(sig.replace(/\*/g, '+').replace(/-/g, '/').replace(/_/g, '='), 'base64')).toString()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(json).sort(), ['TLS.expire', 'TLS.identifier', 'TLS.sdkappid', 'TLS.sig', 'TLS.time', 'TLS.ver']);
    assert.equal(json['TLS.ver'], '2.0');
    assert.equal(decodeUserSig(sig)?.identifier, 'xiaojun');
  });

  it('verifies and names each failure with TIM\'s code', function () {
    const now = Math.floor(Date.now() / 1000);
    const good = genUserSig({ sdkAppId: 1400000001, secretKey: KEY, userId: 'u1' });
    assert.equal(verifyUserSig(good, { sdkAppId: 1400000001, secretKey: KEY, userId: 'u1' }).ok, true);
    const check = (sig: string, userId = 'u1', sdkAppId = 1400000001): number | undefined => {
      const r = verifyUserSig(sig, { sdkAppId, secretKey: KEY, userId });
      return r.ok ? undefined : r.code;
    };
    assert.equal(check(''), 70002);
    assert.equal(check('garbage!!'), 70052);
    assert.equal(check(good, 'u2'), 70013);
    assert.equal(check(good, 'u1', 1400000002), 70014);
    assert.equal(check(genUserSig({ sdkAppId: 1400000001, secretKey: 'other', userId: 'u1' })), 70003);
    assert.equal(check(genUserSig({ sdkAppId: 1400000001, secretKey: KEY, userId: 'u1', expireSeconds: 10, nowSeconds: now - 100 })), 70001);
  });

  describe('logins on tim-emulator', function () {
    let env: TestEnv;
    before(async function () {
      env = await emulatorEnv();
    });
    after(async function () {
      await env.close();
    });

    it('refuses bad, foreign, mismatched and expired sigs with TIM\'s codes', async function () {
      const { client } = await env.bareClient();
      await client.init(env.sdkAppId, {});
      await expectCode(client.login('amy', 'not-a-sig'), 70052);
      await expectCode(client.login('amy', env.userSig('bea')), 70013);
      await expectCode(client.login('amy', genUserSig({ sdkAppId: env.sdkAppId, secretKey: 'wrong', userId: 'amy' })), 70003);
      await expectCode(client.login('amy', genUserSig({ sdkAppId: env.sdkAppId + 1, secretKey: env.emulator?.secretKey ?? '', userId: 'amy' })), 70014);
      await expectCode(client.login('amy', env.userSig('amy', 10, Math.floor(Date.now() / 1000) - 100)), 70001);
      await client.login('amy', env.userSig('amy'));
      assert.equal(await client.getLoginUserID(), 'amy');
      assert.equal(await client.getLoginStatus(), 1);
      await client.logout();
      assert.equal(await client.getLoginStatus(), 3);
      const other = await env.bareClient();
      await other.client.init(env.sdkAppId + 5, {});
      await expectCode(other.client.login('amy', env.userSig('amy')), 70020);
    });
  });
});
