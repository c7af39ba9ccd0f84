/** Pure behaviour: message actions, keyboard decisions, draft saving, read reporting, debouncing. */
import * as assert from 'node:assert/strict';
import { Debouncer } from '../../src/webview/debounce';
import { DraftKeeper } from '../../src/webview/draftKeeper';
import { composerKeyAction, isTypingKey, listKeyAction, type KeyLike } from '../../src/webview/keyboard';
import { actionsFor, canRevoke, revokeExpiresIn, type ActionLabels } from '../../src/webview/messageActions';
import { ReadReporter } from '../../src/webview/readReporter';
import { ManualTimers, message } from './fixtures';

const labels: ActionLabels = { retry: 'Retry', cancel: 'Cancel', revoke: 'Recall', delete: 'Delete…', copy: 'Copy', link: (u: string) => `Open ${u}` };
const ids = (list: ReturnType<typeof actionsFor>): string[] => list.map((a) => a.id);

describe('message actions', () => {
  it('offers retry for failed, cancel for sending, recall within the limit', () => {
    const now = 1_000_000;
    assert.deepEqual(ids(actionsFor(message('m', { isSelf: true, status: 'failed' }), now, [], labels, true)), ['retry', 'copy', 'delete']);
    assert.deepEqual(ids(actionsFor(message('m', { isSelf: true, status: 'sending' }), now, [], labels, true)), ['cancel', 'copy']);
    assert.deepEqual(ids(actionsFor(message('m', { isSelf: true, revocableUntil: now + 1 }), now, ['https://a/'], labels, true)), ['link:0', 'copy', 'revoke', 'delete']);
    assert.deepEqual(ids(actionsFor(message('m', { isSelf: true, revocableUntil: now }), now, [], labels, false)), ['delete']);
    assert.deepEqual(ids(actionsFor(message('m', { revocableUntil: now + 1 }), now, [], labels, true)), ['copy', 'delete']);
    assert.deepEqual(ids(actionsFor(message('m', { status: 'revoked' }), now, [], labels, true)), ['delete']);
  });

  it('offers Pin for Everyone or Unpin on sent messages, only with the labels (owners and admins), never on group tips', () => {
    const more = { reply: 'Reply', edit: 'Edit', star: 'Star', unstar: 'Unstar', forward: 'Forward', select: 'Select', deselect: 'Deselect', download: 'Download', selected: false };
    const withPin = { ...labels, more: { ...more, pin: 'Pin', unpin: 'Unpin' } };
    const pinIds = (m: ReturnType<typeof message>, l: ActionLabels) => ids(actionsFor(m, 0, [], l, true)).filter((id) => id === 'pin' || id === 'unpin');
    assert.deepEqual(pinIds(message('m'), withPin), ['pin']);
    assert.deepEqual(pinIds(message('m', { pinned: true }), withPin), ['unpin']);
    assert.deepEqual(pinIds(message('m'), { ...labels, more }), [], 'no labels: a plain member');
    for (const status of ['sending', 'failed', 'revoked', 'local'] as const) {
      assert.deepEqual(pinIds(message('m', { status }), withPin), [], status);
    }
    assert.deepEqual(pinIds(message('m', { elements: [{ kind: 'groupTips', text: 'Bob joined' }] }), withPin), []);
  });

  it('offers Copy Link on sent messages only: others can find nothing else by it', () => {
    const more = { reply: 'Reply', edit: 'Edit', star: 'Star', unstar: 'Unstar', forward: 'Forward', copyLink: 'Copy Link', select: 'Select', deselect: 'Deselect', download: 'Download', selected: false };
    const offers = (m: ReturnType<typeof message>): boolean => ids(actionsFor(m, 0, [], { ...labels, more }, true)).includes('copyLink');
    assert.equal(offers(message('m')), true);
    assert.equal(offers(message('m', { isSelf: true })), true);
    for (const status of ['sending', 'failed', 'revoked', 'local'] as const) {
      assert.equal(offers(message('m', { status })), false, status);
    }
  });

  it('offers Remind Me… on settled messages, not while sending or failed, nor on tips (a group call record included)', () => {
    const more = { reply: 'Reply', edit: 'Edit', star: 'Star', unstar: 'Unstar', remind: 'Remind Me…', forward: 'Forward', select: 'Select', deselect: 'Deselect', download: 'Download', selected: false };
    const offers = (m: ReturnType<typeof message>): boolean => ids(actionsFor(m, 0, [], { ...labels, more }, true)).includes('remind');
    assert.equal(offers(message('m')), true);
    assert.equal(offers(message('m', { status: 'local' })), true);
    for (const status of ['sending', 'failed', 'revoked'] as const) {
      assert.equal(offers(message('m', { status })), false, status);
    }
    assert.equal(offers(message('m', { elements: [{ kind: 'custom', data: '{}', description: '', extension: '', card: { icon: 'call-incoming', text: 'Bob started a voice call', details: [], tip: true } }] })), false);
    assert.equal(ids(actionsFor(message('m'), 0, [], { ...labels, more: { ...more, remind: undefined } }, true)).includes('remind'), false, 'no label: not offered');
  });

  it('knows when recall expires', () => {
    const own = message('m', { isSelf: true, revocableUntil: 5000 });
    assert.equal(canRevoke(own, 4999), true);
    assert.equal(revokeExpiresIn(own, 3000), 2000);
    assert.equal(revokeExpiresIn(own, 5000), undefined);
  });
});

describe('keyboard', () => {
  const key = (k: string, extra: Partial<KeyLike> = {}): KeyLike => ({ key: k, shiftKey: false, ctrlKey: false, altKey: false, metaKey: false, isComposing: false, ...extra });

  it('sends on Enter, not on Shift+Enter or while composing', () => {
    assert.equal(composerKeyAction(key('Enter')), 'send');
    assert.equal(composerKeyAction(key('Enter', { ctrlKey: true })), 'send');
    assert.equal(composerKeyAction(key('Enter', { shiftKey: true })), 'none');
    assert.equal(composerKeyAction(key('Enter', { isComposing: true })), 'none');
    assert.equal(composerKeyAction(key('a')), 'none');
  });

  it('moves through the list and clamps at its ends', () => {
    assert.deepEqual(listKeyAction('ArrowUp', 5, 10, 4), { kind: 'move', index: 4 });
    assert.deepEqual(listKeyAction('ArrowUp', 0, 10, 4), { kind: 'move', index: 0 });
    assert.deepEqual(listKeyAction('ArrowDown', 9, 10, 4), { kind: 'move', index: 9 });
    assert.deepEqual(listKeyAction('PageUp', 5, 10, 4), { kind: 'move', index: 1 });
    assert.deepEqual(listKeyAction('PageDown', 5, 10, 4), { kind: 'move', index: 9 });
    assert.deepEqual(listKeyAction('Home', 5, 10, 4), { kind: 'move', index: 0 });
    assert.deepEqual(listKeyAction('End', 5, 10, 4), { kind: 'move', index: 9 });
    assert.deepEqual(listKeyAction('Enter', 5, 10, 4), { kind: 'open' });
    assert.deepEqual(listKeyAction('Escape', 5, 10, 4), { kind: 'composer' });
    assert.deepEqual(listKeyAction('x', 5, 10, 4), { kind: 'none' });
    assert.deepEqual(listKeyAction('ArrowUp', 0, 0, 4), { kind: 'none' });
  });

  it('knows which keys type text', () => {
    assert.equal(isTypingKey(key('a')), true);
    assert.equal(isTypingKey(key('张')), true);
    assert.equal(isTypingKey(key('a', { ctrlKey: true })), false);
    assert.equal(isTypingKey(key(' ')), false);
    assert.equal(isTypingKey(key('ArrowUp')), false);
  });
});

describe('Debouncer', () => {
  it('runs once with the latest value after the pause, or at flush', () => {
    const timers = new ManualTimers();
    const seen: number[] = [];
    const debouncer = new Debouncer<number>((v) => seen.push(v), 100, timers);
    debouncer.schedule(1);
    timers.advance(50);
    debouncer.schedule(2);
    timers.advance(99);
    assert.deepEqual(seen, []);
    timers.advance(1);
    assert.deepEqual(seen, [2]);
    debouncer.schedule(3);
    debouncer.flush();
    debouncer.flush();
    assert.deepEqual(seen, [2, 3]);
    debouncer.schedule(4);
    debouncer.cancel();
    timers.advance(1000);
    assert.deepEqual(seen, [2, 3]);
    assert.equal(timers.pending, 0);
  });
});

describe('DraftKeeper', () => {
  it('keeps the draft locally at once and sends it to the host after a pause', () => {
    const timers = new ManualTimers();
    const host: string[] = [];
    const local: string[] = [];
    const drafts = new DraftKeeper((t) => host.push(t), (t) => local.push(t), 500, timers);
    drafts.knownToHost('');
    drafts.changed('h');
    drafts.changed('he');
    assert.deepEqual(local, ['h', 'he']);
    assert.deepEqual(host, []);
    timers.advance(500);
    assert.deepEqual(host, ['he']);
    drafts.changed('he');
    timers.advance(500);
    assert.deepEqual(host, ['he'], 'an unchanged draft is not sent again');
  });

  it('clears the draft on send and flushes when the page goes away', () => {
    const timers = new ManualTimers();
    const host: string[] = [];
    const drafts = new DraftKeeper((t) => host.push(t), () => undefined, 500, timers);
    drafts.knownToHost('old');
    drafts.changed('typed');
    drafts.flush();
    assert.deepEqual(host, ['typed']);
    drafts.changed('message');
    drafts.sent();
    timers.advance(1000);
    assert.deepEqual(host, ['typed', '']);
  });

  it('restores the webview state draft over the host one', () => {
    assert.equal(DraftKeeper.initialDraft('host', 'state'), 'state');
    assert.equal(DraftKeeper.initialDraft('host', ''), '');
    assert.equal(DraftKeeper.initialDraft('host', undefined), 'host');
  });
});

describe('ReadReporter', () => {
  it('reports once the newest messages are seen with focus, and only again after news', () => {
    const timers = new ManualTimers();
    let reports = 0;
    const reads = new ReadReporter(() => reports++, 300, timers);
    reads.update(true, true);
    timers.advance(1000);
    assert.equal(reports, 0, 'nothing unseen');
    reads.markUnseen();
    reads.update(true, false);
    timers.advance(1000);
    assert.equal(reports, 0, 'no focus');
    reads.update(true, true);
    reads.update(false, true);
    timers.advance(1000);
    assert.equal(reports, 0, 'scrolled away before the pause ended');
    reads.update(true, true);
    timers.advance(299);
    reads.update(true, true);
    timers.advance(300);
    assert.equal(reports, 1);
    reads.update(true, true);
    timers.advance(1000);
    assert.equal(reports, 1);
  });
});
