/** The pure parts of the message commands: search queries, import files, batched list delete, the star index, media elements. */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { batchesOf, deleteInBatches, LIST_DELETE_INTERVAL_MS } from '../../../src/extension/messages/listDelete';
import { parseImportFile } from '../../../src/extension/messages/importFile';
import { cachedImagePath, downloadTargetOf, elementForFile, fileProblem, safeFileName } from '../../../src/extension/messages/mediaElements';
import { parseKeywords, searchParam } from '../../../src/extension/messages/searchQuery';
import { isStarred, STAR_MARK, withStar } from '../../../src/extension/messages/starMark';
import { StarredIndex } from '../../../src/extension/messages/starredIndex';
import { TIMConvType, TIMElemType } from '../../../src/tim/enums';
import type { TimMessage } from '../../../src/tim/types/message';

const msg = (id: string): TimMessage => ({
  message_msg_id: id, message_conv_id: 'bob', message_conv_type: TIMConvType.C2C, message_sender: 'alice', message_client_time: 1, message_server_time: 1,
  message_is_from_self: true, message_status: 2, message_unique_id: 1n, message_rand: 1, message_seq: 1, message_elem_array: [{ elem_type: TIMElemType.Text, text_elem_content: id }],
});

describe('search queries', () => {
  it('reads words as all-of, OR as any-of, quotes as one keyword', () => {
    assert.deepEqual(parseKeywords('release notes'), { keywords: ['release', 'notes'], match: 'all', senders: [] });
    assert.deepEqual(parseKeywords('发布 OR release'), { keywords: ['发布', 'release'], match: 'any', senders: [] });
    assert.deepEqual(parseKeywords('"release notes" v2'), { keywords: ['release notes', 'v2'], match: 'all', senders: [] });
  });
  it('reads from:<user ID> as a sender, with keywords or alone, each once', () => {
    assert.deepEqual(parseKeywords('from:bob deploy'), { keywords: ['deploy'], match: 'all', senders: ['bob'] });
    assert.deepEqual(parseKeywords('From:bob from:张三 from:bob'), { keywords: [], match: 'all', senders: ['bob', '张三'] });
    assert.deepEqual(parseKeywords('a OR b from:carol'), { keywords: ['a', 'b'], match: 'any', senders: ['carol'] });
    // A bare from: names nobody; quotes do not make a from: token a keyword.
    assert.deepEqual(parseKeywords('from:'), { error: 'empty' });
    assert.deepEqual(parseKeywords('"from:bob"'), { keywords: [], match: 'all', senders: ['bob'] });
  });
  it('refuses empty, too many and mixed queries', () => {
    assert.deepEqual(parseKeywords('   '), { error: 'empty' });
    assert.deepEqual(parseKeywords('a b c d e f'), { error: 'tooMany' });
    assert.deepEqual(parseKeywords('a b OR c'), { error: 'mixed' });
  });
  it('builds TIMMsgSearchLocalMessages parameters', () => {
    const param = searchParam({ keywords: ['a', 'b'], match: 'any', senders: ['carol'], types: [TIMElemType.Text], periodSeconds: 3600 }, { id: 'bob', type: TIMConvType.C2C }, { index: 0, size: 50 });
    assert.deepEqual(param, {
      msg_search_param_keyword_array: ['a', 'b'], msg_search_param_keyword_list_match_type: 0, msg_search_param_message_type_array: [0], msg_search_param_send_identifier_array: ['carol'],
      msg_search_param_search_time_position: 0, msg_search_param_search_time_period: 3600, msg_search_param_conv_id: 'bob', msg_search_param_conv_type: 1,
      msg_search_param_page_index: 0, msg_search_param_page_size: 50,
    });
    const all = searchParam({ keywords: ['x'], match: 'all', senders: [], types: [], periodSeconds: 0 });
    assert.equal(all.msg_search_param_keyword_list_match_type, 1);
    assert.equal(all.msg_search_param_conv_id, undefined);
    assert.equal(all.msg_search_param_message_type_array, undefined);
    assert.equal(all.msg_search_param_send_identifier_array, undefined);
  });
});

describe('import files', () => {
  it('accepts an array or {messages}, keeps uint64 precision and drops foreign ids', () => {
    const text = '[{"message_msg_id":"x","message_seq":18446744073709551615,"message_client_time":1700000000,"message_elem_array":[{"elem_type":0,"text_elem_content":"hi"}]}]';
    const result = parseImportFile(text, 'alice');
    assert.ok('messages' in result);
    assert.equal(result.messages.length, 1);
    assert.equal((result.messages[0] as { message_msg_id?: string }).message_msg_id, undefined);
    assert.equal(result.messages[0].message_sender, 'alice');
    assert.equal(result.messages[0].message_is_from_self, true);
    const wrapped = parseImportFile('{"messages":[{"message_sender":"bob","message_elem_array":[{"elem_type":0,"text_elem_content":"yo"}]}]}', 'alice');
    assert.ok('messages' in wrapped && wrapped.messages[0].message_is_from_self === false);
  });
  it('names the problem and imports nothing for bad files', () => {
    assert.equal((parseImportFile('{not json', 'a') as { problem: { kind: string } }).problem.kind, 'notJson');
    assert.equal((parseImportFile('{"a":1}', 'a') as { problem: { kind: string } }).problem.kind, 'notList');
    assert.equal((parseImportFile('[]', 'a') as { problem: { kind: string } }).problem.kind, 'empty');
    const bad = parseImportFile('[{"message_elem_array":[{"elem_type":0,"text_elem_content":"ok"}]},{"message_elem_array":[{"elem_type":5}]}]', 'a');
    assert.deepEqual(bad, { problem: { kind: 'badMessage', index: 2, detail: 'element 0 has elem_type 5, which cannot be imported' } });
    assert.equal((parseImportFile('[{"message_elem_array":[]}]', 'a') as { problem: { kind: string } }).problem.kind, 'badMessage');
  });
});

describe('batched list delete', () => {
  it('splits into batches of 30 and waits a second between calls', async () => {
    assert.deepEqual(batchesOf([1, 2, 3, 4, 5], 2), [[1, 2], [3, 4], [5]]);
    const messages = Array.from({ length: 65 }, (_, i) => msg(`m${i}`));
    const calls: number[] = [];
    const sleeps: number[] = [];
    const reports: number[] = [];
    const deleted = await deleteInBatches(messages, async (batch) => void calls.push(batch.length), (done) => reports.push(done), async (ms) => void sleeps.push(ms));
    assert.equal(deleted, 65);
    assert.deepEqual(calls, [30, 30, 5]);
    assert.deepEqual(sleeps, [LIST_DELETE_INTERVAL_MS, LIST_DELETE_INTERVAL_MS]);
    assert.deepEqual(reports, [30, 60, 65]);
  });
  it('waits out one frequency limit, and reports what was deleted when a call fails', async () => {
    let first = true;
    const limited = await deleteInBatches([msg('a')], async () => {
      if (first) {
        first = false;
        throw Object.assign(new Error('limit'), { code: 7008 });
      }
    }, () => undefined, async () => undefined);
    assert.equal(limited, 1);
    let n = 0;
    await assert.rejects(
      deleteInBatches(Array.from({ length: 40 }, (_, i) => msg(`m${i}`)), async () => {
        if (n++ === 1) {
          throw new Error('boom');
        }
      }, () => undefined, async () => undefined),
      (error: Error & { deleted?: number }) => error.deleted === 30,
    );
  });
});

describe('stars', () => {
  it('marks the message custom string and keeps a per-user index across instances', () => {
    const starred = withStar(msg('a'), true);
    assert.equal(starred.message_custom_str, STAR_MARK);
    assert.ok(isStarred(starred));
    assert.ok(!isStarred(withStar(starred, false)));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-star-'));
    const index = new StarredIndex(dir);
    index.set('alice', { key: 'c2c_bob', id: 'a', time: 1 }, true);
    index.set('alice', { key: 'c2c_bob', id: 'b', time: 2 }, true);
    index.set('carol', { key: 'c2c_bob', id: 'c', time: 3 }, true);
    assert.deepEqual(new StarredIndex(dir).list('alice').map((e) => e.id), ['b', 'a']);
    index.set('alice', { key: 'c2c_bob', id: 'b', time: 2 }, false);
    index.remove('alice', ['a']);
    assert.deepEqual(new StarredIndex(dir).list('alice'), []);
    assert.equal(new StarredIndex(dir).list('carol').length, 1);
    fs.writeFileSync(path.join(dir, 'starred.json'), 'garbage');
    assert.deepEqual(new StarredIndex(dir).list('alice'), []);
  });
});

describe('media elements', () => {
  it('sends images as image elements only when asked, and checks sizes', () => {
    assert.equal(elementForFile('/x/a.PNG', 10, true).elem_type, TIMElemType.Image);
    assert.deepEqual(elementForFile('/x/a.png', 10, false), { elem_type: TIMElemType.File, file_elem_file_path: '/x/a.png', file_elem_file_name: 'a.png', file_elem_file_size: 10 });
    assert.equal(elementForFile('/x/a.txt', 10, true).elem_type, TIMElemType.File);
    assert.equal(fileProblem(0, false), 'empty');
    assert.equal(fileProblem(29 * 1024 * 1024, true), 'tooLarge');
    assert.equal(fileProblem(29 * 1024 * 1024, false), undefined);
  });
  it('makes safe names and cache paths from message data', () => {
    assert.equal(safeFileName('../../etc/passwd', 'f'), 'passwd');
    assert.equal(safeFileName('C:\\x\\..', 'f'), 'f');
    assert.equal(safeFileName('a<b>:c?.txt', 'f'), 'a_b__c_.txt');
    const target = downloadTargetOf({ elem_type: TIMElemType.Image, image_elem_orig_path: '/home/bob/shot.png', image_elem_level: 0, image_elem_orig_id: 'abc123' });
    assert.equal(target?.name, 'shot.png');
    assert.equal(cachedImagePath('/s/media', target!), path.join('/s/media', 'abc123.png'));
    assert.equal(cachedImagePath('/s/media', { ...target!, id: '../x' }), undefined);
    assert.equal(cachedImagePath('/s/media', { ...target!, name: 'x.svg' }), undefined, 'only raster images are shown');
    assert.equal(downloadTargetOf({ elem_type: TIMElemType.File, file_elem_file_path: '/a/b.zip', file_elem_file_name: 'b.zip', file_elem_file_size: 3 }), undefined, 'nothing uploaded yet');
  });
});
