/**
 * Frames written from message text escaped once (frameText.ts) are the frames JSON.stringify writes.
 */
import * as assert from 'node:assert/strict';
import { ESCAPED_JSON, escapeJsonText, recvNewMsgFrameText, resultFrameText, type ResultWithEscaped } from '../../../src/emulator/server/frameText';

const AWKWARD = ['{"a":"\\"quoted\\" back\\\\slash"}', '你好 压测', 'emoji 😀 and a lone \ud800 surrogate', 'tab\tnew\nline\u0001', ''];

describe('emulator frame text from escaped JSON', () => {
  it('escapes a concatenation as the concatenation of the escapes', () => {
    for (const a of AWKWARD) {
      for (const b of AWKWARD) {
        assert.equal(escapeJsonText(a) + escapeJsonText(b), escapeJsonText(a + b));
        assert.equal(JSON.parse(`"${escapeJsonText(a + b)}"`), a + b);
      }
    }
  });

  it('writes a result frame as JSON.stringify does, and leaves frames with a value to it', () => {
    for (const json of AWKWARD) {
      const frame: ResultWithEscaped = { type: 'result', id: 7, code: 0, desc: 'd "q"', json, messageId: 'm-1', eventSeq: 3 };
      frame[ESCAPED_JSON] = escapeJsonText(json);
      assert.deepEqual(JSON.parse(resultFrameText(frame) ?? ''), JSON.parse(JSON.stringify(frame)));
    }
    const plain: ResultWithEscaped = { type: 'result', id: 1, code: 0, desc: '', json: '' };
    assert.equal(resultFrameText(plain), undefined, 'nothing escaped: the generic path');
    const withValue: ResultWithEscaped = { type: 'result', id: 1, code: 0, desc: '', json: '{}', value: 5 };
    withValue[ESCAPED_JSON] = '{}';
    assert.equal(resultFrameText(withValue), undefined);
  });

  it('writes a RecvNewMsg frame as JSON.stringify does', () => {
    const texts = ['{"x":"你好"}', '{"y":"\\"q\\""}'];
    const frame = JSON.stringify({ type: 'event', seq: 9, event: { name: 'RecvNewMsg', json: `[${texts.join(',')}]` } });
    assert.equal(recvNewMsgFrameText(9, texts.map(escapeJsonText)), frame);
  });
});
