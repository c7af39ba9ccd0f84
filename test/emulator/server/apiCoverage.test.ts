/**
 * The emulator answers every function of the typed client's tables (src/tim/apiTable.ts), and the wire
 * protocol's documentation (docs/emulator-protocol.md) names every function it answers ("Functions") and
 * every event the server pushes ("event").
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { supportedApis } from '../../../src/emulator/server/dispatch';
import { TIM_CALLBACK_APIS, TIM_EVENT_LISTENERS, TIM_SYNC_APIS } from '../../../src/tim/apiTable';

describe('tim-emulator API coverage', function () {
  it('answers every function of TIM_CALLBACK_APIS and TIM_SYNC_APIS', function () {
    const answered = new Set(supportedApis());
    const missing = [...Object.keys(TIM_CALLBACK_APIS), ...Object.keys(TIM_SYNC_APIS)].filter((api) => !answered.has(api));
    assert.deepEqual(missing, []);
  });

  it('lists every function it answers in docs/emulator-protocol.md', function () {
    const doc = readFileSync(join(__dirname, '../../../docs/emulator-protocol.md'), 'utf8');
    const section = doc.slice(doc.indexOf('\n## Functions'));
    const listed = new Set(section.match(/\bTIM[A-Za-z0-9]+\b/g) ?? []);
    assert.deepEqual(supportedApis().filter((api) => !listed.has(api)), []);
  });

  it('lists every event the server pushes in docs/emulator-protocol.md', function () {
    const doc = readFileSync(join(__dirname, '../../../docs/emulator-protocol.md'), 'utf8');
    const section = doc.slice(doc.indexOf('\n### event'), doc.indexOf('\n### error'));
    // NetworkStatusListener is the endpoint's own report of its connection, never a frame.
    const pushed = Object.keys(TIM_EVENT_LISTENERS).filter((name) => name !== 'NetworkStatusListener');
    assert.deepEqual(pushed.filter((name) => !new RegExp(`\\b${name}\\b`).test(section)), []);
  });
});
