/**
 * Runs the API suite on tim-emulator, and (only where credentials and network exist) the very same
 * suite on Tencent Cloud through the native endpoint.
 */
import { defineApiSuite } from './apiSuite';
import { emulatorEnv, liveEnv, liveUnavailableReason } from './harness';

describe('TIM API on tim-emulator', function () {
  defineApiSuite(() => emulatorEnv({ revokeTimeLimitSeconds: 1 }));
});

describe('TIM API live on Tencent Cloud (native endpoint)', function () {
  before(function () {
    const reason = liveUnavailableReason();
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
  });
  defineApiSuite(() => liveEnv());
});
