/** TIM Chat links (shared/chatLink.ts): their text, the query VS Code hands a URI handler, whose chat they name, and what they refuse. */
import * as assert from 'node:assert/strict';
import { chatLinkOfUri, conversationOfLink, formatGroupLink, formatMessageLink, linkableId, type MessageLink, parseChatLink } from '../../src/shared/chatLink';

/** The message link `text` is, or undefined. */
function parseMessageLink(text: string): MessageLink | undefined {
  const link = parseChatLink(text);
  return link?.kind === 'message' ? link.message : undefined;
}

/** The message link of a URI handed over by VS Code, or undefined. */
const messageLinkOfUri = (uri: Parameters<typeof chatLinkOfUri>[0]): MessageLink | undefined => {
  const link = chatLinkOfUri(uri);
  return link?.kind === 'message' ? link.message : undefined;
};

const c2c: MessageLink = { app: '1400000001', conversation: { type: 'c2c', users: ['alice', 'bob'] }, sender: 'alice', msgId: '144115-1795795796-42', seq: '7', time: '1795795796', rand: '3150284786' };
const group: MessageLink = { ...c2c, conversation: { type: 'group', id: '@TGS#2C5SZEAEF 开发' }, sender: 'bob', seq: '18446744073709551615' };

/** The link as VS Code hands it to a URI handler: its query percent-decoded. */
function asHandlerUri(text: string): { scheme: string; authority: string; path: string; query: string; fragment: string } {
  const match = /^([^:]+):\/\/([^/]+)([^?]*)\?(.*)$/.exec(text);
  assert.ok(match);
  return { scheme: match[1] ?? '', authority: match[2] ?? '', path: match[3] ?? '', query: decodeURIComponent(match[4] ?? ''), fragment: '' };
}

describe('TIM Chat links', () => {
  it('round-trip a one-to-one and a group message, as text and through a URI handler', () => {
    for (const link of [c2c, group]) {
      const text = formatMessageLink('vscode', link);
      assert.match(text, /^vscode:\/\/timchat\.tim-chat\/message\?app=1400000001&/);
      assert.doesNotMatch(text, /[\s#]/, 'nothing that ends a bare link or starts a fragment');
      assert.deepEqual(parseMessageLink(text), link);
      assert.deepEqual(parseMessageLink(`  ${text}\n`), link, 'pasted with spaces around');
      assert.deepEqual(messageLinkOfUri(asHandlerUri(text)), link);
    }
    assert.deepEqual(parseMessageLink(formatMessageLink('code-oss', c2c)), c2c, "another editor's scheme");
  });

  it('name the one-to-one chat as the reader calls it, and no chat for someone outside it', () => {
    assert.deepEqual(conversationOfLink(c2c, 'alice'), { type: 'c2c', id: 'bob' });
    assert.deepEqual(conversationOfLink(c2c, 'bob'), { type: 'c2c', id: 'alice' });
    assert.equal(conversationOfLink(c2c, 'carol'), undefined);
    assert.deepEqual(conversationOfLink({ ...c2c, conversation: { type: 'c2c', users: ['alice', 'alice'] } }, 'alice'), { type: 'c2c', id: 'alice' }, 'a note to self');
    assert.deepEqual(conversationOfLink(group, 'carol'), { type: 'group', id: '@TGS#2C5SZEAEF 开发' });
  });

  it('refuse anything that is not exactly a message link', () => {
    const good = formatMessageLink('vscode', c2c);
    const bad = [
      '',
      'https://timchat.tim-chat/message?app=1',
      good.replace('timchat.tim-chat', 'evil.example'),
      good.replace('/message?', '/other?'),
      good.replace('vscode:', 'Java Script:'),
      `${good}#x`,
      good.replace('app=1400000001', 'app=14000x'),
      good.replace('seq=7', 'seq=-7'),
      good.replace('seq=7', 'seq=123456789012345678901'),
      good.replace('id=144115-1795795796-42', 'id=%3Cscript%3E'),
      good.replace('&rand=3150284786', ''),
      `${good}&seq=8`,
      good.replace('c2c=bob', 'c2c=bob&c2c=carol'),
      good.replace('c2c=bob', 'group=g1'),
      good.replace('from=alice', 'from=al%0Aice'),
      good.replace('from=alice', 'from=%E0%A4%A'),
      `${good}&x`,
      `${good}${'&pad=1'.repeat(200)}`,
    ];
    for (const text of bad) {
      assert.equal(parseMessageLink(text), undefined, text);
    }
    assert.equal(messageLinkOfUri({ ...asHandlerUri(good), authority: 'other' }), undefined);
    assert.equal(messageLinkOfUri({ ...asHandlerUri(good), fragment: 'x' }), undefined);
  });

  it('link a group: round trip, and nothing but an app and a group', () => {
    const link = formatGroupLink('vscode', { app: '1400000001', group: '@TGS#2C5SZEAEF' });
    assert.equal(link, 'vscode://timchat.tim-chat/group?app=1400000001&group=%40TGS%232C5SZEAEF');
    assert.deepEqual(parseChatLink(link), { kind: 'group', group: { app: '1400000001', group: '@TGS#2C5SZEAEF' } });
    assert.deepEqual(chatLinkOfUri(asHandlerUri(link)), { kind: 'group', group: { app: '1400000001', group: '@TGS#2C5SZEAEF' } });
    assert.equal(parseMessageLink(link), undefined, 'not a message link');
    for (const bad of [`${link}&from=bob`, link.replace('app=1400000001&', ''), link.replace('/group?', '/groups?'), `${link}&group=other`]) {
      assert.equal(parseChatLink(bad), undefined, bad);
    }
    // An '&' encoded only once reads as a separator once VS Code has decoded the query: refused there.
    assert.equal(chatLinkOfUri(asHandlerUri(link.replace('group=%40TGS%232C5SZEAEF', 'group=a%26b'))), undefined);
    assert.deepEqual(parseChatLink(formatMessageLink('vscode', c2c)), { kind: 'message', message: c2c });
  });

  it("carry IDs with '&', '=' and '%' both as text and through a URI handler, which decodes the query first", () => {
    for (const id of ['a&b', 'a=b', 'x&y=z', '100%', 'a%26b', 'a%3Db%25', '&=%', '研发&测试']) {
      assert.equal(linkableId(id), true, id);
      const groupLink = formatGroupLink('vscode', { app: '1400000001', group: id });
      assert.deepEqual(parseChatLink(groupLink), { kind: 'group', group: { app: '1400000001', group: id } }, groupLink);
      assert.deepEqual(chatLinkOfUri(asHandlerUri(groupLink)), { kind: 'group', group: { app: '1400000001', group: id } }, groupLink);
      const message: MessageLink = { ...c2c, conversation: { type: 'c2c', users: [id, 'bob'] }, sender: id };
      const messageLink = formatMessageLink('vscode', message);
      assert.deepEqual(parseMessageLink(messageLink), message, messageLink);
      assert.deepEqual(messageLinkOfUri(asHandlerUri(messageLink)), message, messageLink);
    }
    assert.equal(formatGroupLink('vscode', { app: '1', group: 'a&b=c%' }), 'vscode://timchat.tim-chat/group?app=1&group=a%2526b%253Dc%2525', 'encoded twice');
    assert.equal(formatGroupLink('vscode', { app: '1', group: '@TGS#研发' }), 'vscode://timchat.tim-chat/group?app=1&group=%40TGS%23%E7%A0%94%E5%8F%91', 'everything else once');
  });

  it('read a link written before IDs could hold separators as it was meant', () => {
    // Before, values were encoded once: an ID with '%' (but none with '&' or '=') could be in one.
    const old = 'vscode://timchat.tim-chat/group?app=1400000001&group=50%25%20off';
    assert.deepEqual(parseChatLink(old), { kind: 'group', group: { app: '1400000001', group: '50% off' } });
    assert.deepEqual(chatLinkOfUri(asHandlerUri(old)), { kind: 'group', group: { app: '1400000001', group: '50% off' } });
  });

  it('carry no ID with control characters, and none too long or empty', () => {
    assert.equal(linkableId('alice'), true);
    assert.equal(linkableId('@TGS#2C5SZEAEF'), true);
    assert.equal(linkableId('a\nb'), false);
    assert.equal(linkableId('a\u0000b'), false);
    assert.equal(linkableId(''), false);
    assert.equal(linkableId('x'.repeat(129)), false);
  });
});
