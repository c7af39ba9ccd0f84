/** Walking a path into nested merged messages: one download per level, and clear errors for bad paths. */
import * as assert from 'node:assert/strict';
import { englishOnly } from '../../../src/extension/chat/translate';
import { checkMergerPath, downloadMergerPath } from '../../../src/extension/messages/mergerPath';
import type { TimMessage } from '../../../src/tim/types/message';

const textMessage = (id: string): TimMessage => ({ message_msg_id: id, message_elem_array: [{ elem_type: 0, text_elem_content: id }] }) as unknown as TimMessage;
const merged = (id: string, inline?: TimMessage[]): TimMessage =>
  ({
    message_msg_id: id,
    message_elem_array: [{ elem_type: 12, merge_elem_title: id, merge_elem_abstract_array: [], merge_elem_compatible_text: '', ...(inline ? { merge_elem_message_array: inline } : { merge_elem_relay_json_key: `key-${id}` }) }],
  }) as unknown as TimMessage;

describe('paths into nested merged messages', () => {
  const layers: Record<string, TimMessage[]> = {
    top: [textMessage('a'), merged('mid')],
    mid: [merged('deep'), textMessage('b')],
    deep: [textMessage('c')],
  };
  const downloaded: string[] = [];
  const download = async (m: TimMessage): Promise<TimMessage[]> => {
    downloaded.push(m.message_msg_id);
    return layers[m.message_msg_id] ?? [];
  };
  const ids = (list: readonly TimMessage[]): string[] => list.map((m) => m.message_msg_id);

  it('downloads one layer per step and returns the messages at the end', async () => {
    downloaded.length = 0;
    assert.deepEqual(ids(await downloadMergerPath(merged('top'), [], download, englishOnly)), ['a', 'mid']);
    assert.deepEqual(ids(await downloadMergerPath(merged('top'), [1, 0], download, englishOnly)), ['c']);
    assert.deepEqual(downloaded, ['top', 'top', 'mid', 'deep']);
  });

  it('uses an inner merger\'s own messages when it carries them and no key', async () => {
    const top = merged('top2');
    const inline = async (m: TimMessage): Promise<TimMessage[]> => (m.message_msg_id === 'top2' ? [merged('inline', [textMessage('x')])] : []);
    assert.deepEqual(ids(await downloadMergerPath(top, [0], inline, englishOnly)), ['x']);
  });

  it('refuses paths that name nothing or a message that is not merged', async () => {
    await assert.rejects(downloadMergerPath(textMessage('t'), [], download, englishOnly), /This is not a merged message/);
    await assert.rejects(downloadMergerPath(merged('top'), [0], download, englishOnly), /Message 1 at level 1 is not a merged message/);
    await assert.rejects(downloadMergerPath(merged('top'), [1, 5], download, englishOnly), /no message 6 at level 2/);
    assert.deepEqual(checkMergerPath(undefined, englishOnly), []);
    assert.deepEqual(checkMergerPath([0, 3], englishOnly), [0, 3]);
    for (const bad of [[-1], [1.5], ['0'], 'x', new Array(101).fill(0)]) {
      assert.throws(() => checkMergerPath(bad, englishOnly), /not valid/);
    }
  });
});
