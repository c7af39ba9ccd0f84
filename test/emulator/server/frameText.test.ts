/**
 * Frames that carry JSON inside a string, handed to the socket worker in parts (frameText.ts): written
 * out, they are exactly the frames JSON.stringify writes.
 */
import * as assert from 'node:assert/strict';
import type { ResultFrame } from '../../../src/emulator/protocol';
import { escapeJsonText, frameText, recvNewMsgFrame, resultFrame, SplicedFrame } from '../../../src/emulator/server/frameText';

const AWKWARD = ['{"a":"\\"quoted\\" back\\\\slash"}', '你好 压测', 'emoji 😀 and a lone \ud800 surrogate', 'tab\tnew\nline\u0001 \u2028', ''];

describe('emulator frames spliced from JSON text', () => {
  it('escapes a concatenation as the concatenation of the escapes', () => {
    for (const a of AWKWARD) {
      for (const b of AWKWARD) {
        assert.equal(escapeJsonText(a) + escapeJsonText(b), escapeJsonText(a + b));
        assert.equal(JSON.parse(`"${escapeJsonText(a + b)}"`), a + b);
      }
    }
  });

  it('writes a result frame as JSON.stringify does, and leaves frames with a value or a sync error to it', () => {
    for (const json of AWKWARD) {
      const frames: ResultFrame[] = [
        { type: 'result', id: 7, code: 0, desc: 'd "q" 说明', json, messageId: 'm-1', eventSeq: 3 },
        { type: 'result', id: 8, code: 6014, desc: '', json },
      ];
      for (const frame of frames) {
        const written = resultFrame(frame);
        assert.ok(written !== undefined);
        assert.equal(frameText(written), JSON.stringify(frame));
        assert.equal(typeof written === 'string', json === '', 'only a frame with json to escape is spliced');
      }
    }
    assert.equal(resultFrame({ type: 'result', id: 1, code: 0, desc: '', json: '{}', value: 5 }), undefined);
    assert.equal(resultFrame({ type: 'result', id: 1, code: -3, desc: 'bad', json: '', syncError: true }), undefined);
  });

  it('writes a RecvNewMsg frame as JSON.stringify does', () => {
    const texts = ['{"x":"你好"}', '{"y":"\\"q\\""}'];
    const frame = JSON.stringify({ type: 'event', seq: 9, event: { name: 'RecvNewMsg', json: `[${texts.join(',')}]` } });
    assert.equal(frameText(recvNewMsgFrame(9, texts)), frame);
  });

  it('writes a plain frame as it is', () => {
    assert.equal(frameText('{"type":"event"}'), '{"type":"event"}');
    assert.equal(frameText(new SplicedFrame('[', '"', ']')), '[\\"]');
  });
});
