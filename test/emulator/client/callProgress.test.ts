/**
 * Progress frames on the emulator endpoint, against a scripted server: a call asks for them only when
 * its caller listens, reports reach the listener in order and before the result, and reports nobody can
 * use (for a call that did not ask, is over or never existed, or malformed) cost nothing but a log line.
 */
import { strict as assert } from 'node:assert';
import type { CallFrame } from '../../../src/emulator/protocol';
import type { TimCallProgress } from '../../../src/tim/endpoint';
import { EndpointFixture } from './endpointFixture';
import { until } from './scriptedServer';

const DOWNLOAD = 'TIMMsgDownloadElemToPath';
const ARGS = ['{"msg_download_elem_param_id":"x"}', '/tmp/out.bin'];
const report = (current: number, total: number): string =>
  JSON.stringify({ msg_download_elem_result_current_size: current, msg_download_elem_result_total_size: total });

describe('EmulatorEndpoint: call progress', () => {
  const fixture = new EndpointFixture();

  it('asks for progress only when the caller listens, and delivers the reports in order before the result', async () => {
    fixture.server.responder = (call, connection) => {
      if (call.progress === true) {
        for (const current of [1, 2, 3]) {
          connection.send({ type: 'progress', id: call.id, desc: 'downloading', json: report(current, 3) });
        }
      }
      return { code: 0, desc: '', json: report(3, 3) };
    };
    const endpoint = fixture.open();
    const seen: TimCallProgress[] = [];
    const reportsAtResult = await endpoint.call(DOWNLOAD, ARGS, { onProgress: (p) => seen.push(p) }).then(() => seen.length);
    assert.equal(reportsAtResult, 3, 'every report arrived before the promise settled');
    assert.deepEqual(seen, [1, 2, 3].map((current) => ({ desc: 'downloading', json: report(current, 3) })));
    assert.deepEqual(await endpoint.call(DOWNLOAD, ARGS), { code: 0, desc: '', json: report(3, 3) });
    const calls = (await fixture.server.connection(0)).calls.filter((c) => c.api === DOWNLOAD);
    assert.deepEqual(calls.map((c: CallFrame) => c.progress), [true, undefined], 'progress: true only with a listener');
  });

  it('drops reports for calls that did not ask, are over or never existed, and malformed ones, without failing the call', async () => {
    let lateId = 0;
    fixture.server.responder = (call, connection) => {
      if (call.progress === true) {
        connection.sendRaw(`{"type":"progress","id":${call.id},"desc":"downloading","json":{"not":"a string"}}`);
        connection.send({ type: 'progress', id: call.id, desc: 'downloading', json: report(5, 5) });
        lateId = call.id;
      }
      return { code: 0, desc: '', json: '' };
    };
    const endpoint = fixture.open();
    const seen: string[] = [];
    await endpoint.call(DOWNLOAD, ARGS, { onProgress: (p) => seen.push(p.json) });
    assert.deepEqual(seen, [report(5, 5)], 'the malformed report is skipped, the good one delivered');
    const connection = await fixture.server.connection(0);
    connection.send({ type: 'progress', id: lateId, desc: 'downloading', json: report(6, 6) });
    connection.send({ type: 'progress', id: 424242, desc: 'downloading', json: report(1, 1) });
    // A later call's result is the barrier: everything sent before it has been handled.
    assert.equal((await endpoint.call('TIMConvGetConvList', [])).code, 0);
    assert.deepEqual(seen, [report(5, 5)], 'nothing after the result');
    assert.ok(fixture.logs.some((line) => /progress/.test(line)), 'the malformed frame is logged');
  });

  it('logs a progress listener that throws and still resolves the call', async () => {
    fixture.server.responder = (call, connection) => {
      connection.send({ type: 'progress', id: call.id, desc: 'downloading', json: report(1, 2) });
      return { code: 0, desc: '', json: report(2, 2) };
    };
    const endpoint = fixture.open();
    const result = await endpoint.call(DOWNLOAD, ARGS, {
      onProgress: () => {
        throw new Error('listener broke');
      },
    });
    assert.equal(result.json, report(2, 2));
    await until(() => fixture.logs.some((line) => /listener broke/.test(line)), 'the throw is logged');
  });
});
