/**
 * A stand-in for the VS Code webview around dist/webview.js, for UI tests without the workbench: a
 * loopback HTTP server serving the bundle under the same strict CSP as the real panel, a theme's
 * --vscode-* variables, and a fake `acquireVsCodeApi` whose host answers the chat protocol from a
 * generated conversation of any length (query: n, mode=full|unknown|olderFails, unread, signedIn,
 * draft, delay, theme, type=group for a group chat, members=fail for a member list that fails, locale).
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { DISTINCT_EMOJI } from '../../src/shared/emojiShortcodes';
import { repoRoot } from '../harness/paths';

/** The emoji panel's emoji, which the host accepts as reactions: set before fakeHost runs in the page. */
declare const PANEL_EMOJI: readonly string[];

const THEMES: Record<string, Record<string, string>> = {
  dark: {
    'foreground': '#cccccc', 'editor-background': '#1f1f1f', 'descriptionForeground': '#9d9d9d', 'focusBorder': '#0078d4',
    'panel-border': '#2b2b2b', 'list-hoverBackground': '#2a2d2e', 'textLink-foreground': '#4daafc', 'textLink-activeForeground': '#4daafc',
    'errorForeground': '#f85149', 'editorError-foreground': '#f14c4c', 'editorWarning-foreground': '#cca700',
    'textCodeBlock-background': '#2b2b2b', 'textPreformat-foreground': '#d0d0d0', 'textBlockQuote-background': '#2b2b2b',
    'textBlockQuote-border': '#616161', 'editorWidget-background': '#202020', 'editorWidget-border': '#313131', 'widget-border': '#313131',
    'button-background': '#0078d4', 'button-foreground': '#ffffff', 'button-hoverBackground': '#026ec1', 'button-border': '#ffffff12',
    'button-secondaryBackground': '#313131', 'button-secondaryForeground': '#cccccc', 'button-secondaryHoverBackground': '#3c3c3c',
    'input-background': '#313131', 'input-foreground': '#cccccc', 'input-border': '#3c3c3c', 'input-placeholderForeground': '#989898',
    'menu-background': '#1f1f1f', 'menu-foreground': '#cccccc', 'menu-border': '#454545', 'menu-selectionBackground': '#0078d4', 'menu-selectionForeground': '#ffffff',
    'charts-red': '#f14c4c', 'charts-blue': '#3794ff', 'charts-yellow': '#cca700', 'charts-orange': '#d18616', 'charts-green': '#89d185', 'charts-purple': '#b180d7',
    'terminal-ansiCyan': '#11a8cd', 'terminal-ansiMagenta': '#bc3fbc', 'editor-findMatchHighlightBackground': '#ea5c0033', 'editor-findMatchBackground': '#9e6a03',
    'toolbar-hoverBackground': '#5a5d5e50', 'icon-foreground': '#cccccc', 'inputValidation-errorBackground': '#5a1d1d', 'inputValidation-errorBorder': '#be1100',
    'widget-shadow': '#0000005c', 'scrollbarSlider-background': '#79797966',
    'settings-textInputBackground': '#313131', 'settings-textInputForeground': '#cccccc', 'settings-textInputBorder': '#3c3c3c', 'editor-foreground': '#cccccc', 'editor-rangeHighlightBackground': '#ffffff0b',
  },
  light: {
    'foreground': '#3b3b3b', 'editor-background': '#ffffff', 'descriptionForeground': '#717171', 'focusBorder': '#005fb8',
    'panel-border': '#e5e5e5', 'list-hoverBackground': '#f2f2f2', 'textLink-foreground': '#005fb8', 'textLink-activeForeground': '#005fb8',
    'errorForeground': '#f85149', 'editorError-foreground': '#e51400', 'editorWarning-foreground': '#bf8803',
    'textCodeBlock-background': '#f2f2f2', 'textPreformat-foreground': '#3b3b3b', 'textBlockQuote-background': '#f8f8f8',
    'textBlockQuote-border': '#e5e5e5', 'editorWidget-background': '#f8f8f8', 'editorWidget-border': '#c8c8c8', 'widget-border': '#e5e5e5',
    'button-background': '#005fb8', 'button-foreground': '#ffffff', 'button-hoverBackground': '#0258a8', 'button-border': '#0000001a',
    'button-secondaryBackground': '#e5e5e5', 'button-secondaryForeground': '#3b3b3b', 'button-secondaryHoverBackground': '#cccccc',
    'input-background': '#ffffff', 'input-foreground': '#3b3b3b', 'input-border': '#cecece', 'input-placeholderForeground': '#767676',
    'menu-background': '#ffffff', 'menu-foreground': '#3b3b3b', 'menu-border': '#cecece', 'menu-selectionBackground': '#005fb8', 'menu-selectionForeground': '#ffffff',
    'charts-red': '#e51400', 'charts-blue': '#1a85ff', 'charts-yellow': '#bf8803', 'charts-orange': '#d18616', 'charts-green': '#388a34', 'charts-purple': '#652d90',
    'terminal-ansiCyan': '#0598bc', 'terminal-ansiMagenta': '#bc05bc', 'editor-findMatchHighlightBackground': '#ea5c0033', 'editor-findMatchBackground': '#a8ac94',
    'toolbar-hoverBackground': '#b8b8b850', 'icon-foreground': '#3b3b3b', 'inputValidation-errorBackground': '#f2dede', 'inputValidation-errorBorder': '#be1100',
    'widget-shadow': '#00000029', 'scrollbarSlider-background': '#64646466',
    'settings-textInputBackground': '#ffffff', 'settings-textInputForeground': '#3b3b3b', 'settings-textInputBorder': '#cecece', 'editor-foreground': '#3b3b3b', 'editor-rangeHighlightBackground': '#fdff0033',
  },
  hc: {
    'foreground': '#ffffff', 'editor-background': '#000000', 'descriptionForeground': '#ffffffb3', 'focusBorder': '#f38518',
    'contrastBorder': '#6fc3df', 'contrastActiveBorder': '#f38518', 'textLink-foreground': '#21a6ff', 'textLink-activeForeground': '#21a6ff',
    'errorForeground': '#f48771', 'editorError-foreground': '#f48771', 'editorWarning-foreground': '#ffd370',
    'textCodeBlock-background': '#000000', 'textPreformat-foreground': '#ffffff', 'textBlockQuote-background': '#000000',
    'textBlockQuote-border': '#ffffff', 'editorWidget-background': '#0c141f', 'editorWidget-border': '#6fc3df', 'widget-border': '#6fc3df',
    'button-background': '#000000', 'button-foreground': '#ffffff', 'button-border': '#6fc3df', 'button-secondaryBackground': '#000000', 'button-secondaryForeground': '#ffffff',
    'input-background': '#000000', 'input-foreground': '#ffffff', 'input-border': '#6fc3df', 'input-placeholderForeground': '#ffffffb3',
    'settings-textInputBackground': '#000000', 'settings-textInputForeground': '#ffffff', 'settings-textInputBorder': '#6fc3df', 'editor-foreground': '#ffffff',
    'menu-background': '#000000', 'menu-foreground': '#ffffff', 'menu-border': '#6fc3df', 'menu-selectionBorder': '#f38518',
    'charts-red': '#f48771', 'charts-blue': '#75beff', 'charts-yellow': '#ffd370', 'charts-orange': '#ffa657', 'charts-green': '#89d185', 'charts-purple': '#d7a0ff',
    'terminal-ansiCyan': '#29b8db', 'terminal-ansiMagenta': '#d670d6', 'editor-rangeHighlightBorder': '#f38518', 'editor-findMatchHighlightBackground': '#00000000',
    'inputValidation-errorBackground': '#000000', 'inputValidation-errorBorder': '#f48771',
  },
};

function themeCss(name: string): string {
  const vars = Object.entries(THEMES[name] ?? THEMES.dark).map(([k, v]) => `--vscode-${k}: ${v};`);
  vars.push('--vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif;', '--vscode-font-size: 13px;', '--vscode-editor-font-family: "DejaVu Sans Mono", monospace;', '--vscode-editor-font-size: 13px;');
  return `html { ${vars.join(' ')} }`;
}

/** Runs in the page before webview.js: the fake VS Code API and host. Plain JS, serialized as-is. */
function fakeHost(): void {
  interface Quote { id: string; sender: string; text: string }
  interface Reaction { id: string; count: number; mine: boolean; users: string[] }
  interface Msg { id: string; seq: string; time: number; sender: string; senderName: string; isSelf: boolean; status: string; isPeerRead: boolean; revocableUntil: number; mentionsMe: boolean; replyTo?: Quote; reactions?: Reaction[]; pinned?: boolean; readReceipt?: { read: number; unread: number }; elements: unknown[] }
  const params = new URLSearchParams(location.search);
  const total = Number(params.get('n') ?? '100000');
  const mode = params.get('mode') ?? 'full';
  const unread = Number(params.get('unread') ?? '0');
  const signedIn = params.get('signedIn') !== '0';
  const isGroup = params.get('type') === 'group';
  let memberRequests = 0;
  // Pinned messages of a group (pins=m30,m5: the latest pinned first); canPin=1 as for an owner or admin.
  const pinnedIds: string[] = isGroup ? (params.get('pins') ?? '').split(',').filter(Boolean) : [];
  const canPin = params.get('canPin') === '1';
  // receipts=1 (groups): the user's messages asked who read them; of 3 others, i % 4 did (all 3 when i % 4 is 3).
  const receipts = isGroup && params.get('receipts') === '1';
  const now = Math.floor(Date.now() / 1000);
  const base = now - total * 600;
  const users: Array<[string, string]> = [['alice', 'Alice Liddell'], ['bob', 'Bob Stone'], ['me', 'Me Myself'], ['carol', 'Carol 张']];
  const removed = new Set<string>();
  const extra: Msg[] = [];
  const words = 'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore'.split(' ');
  // Reactions: m(40k+21) has 👍 by three others and 🎉 by "me" and eleven others; chat/react changes them here.
  const reactionsOf = new Map<string, Reaction[]>();
  const quickReactions = ['👍', '❤️', '😄', '🎉', '😮', '😢', '👀', '🚀'];
  function reactionsFor(i: number): Reaction[] {
    const changed = reactionsOf.get(`m${i}`);
    if (changed) {
      return changed;
    }
    return i % 40 === 21
      ? [
          { id: '👍', count: 3, mine: false, users: ['Alice Liddell', 'Bob Stone', 'Carol 张'] },
          { id: '🎉', count: 12, mine: true, users: ['You', 'Alice Liddell', 'Bob Stone', 'Carol 张', 'Dan', 'Eve', 'Fay', 'Gus', 'Hal', 'Ivy'] },
        ]
      : [];
  }
  function generated(i: number): Msg {
    const user = users[i % 7 === 0 ? 2 : i % 3];
    const isSelf = user[0] === 'me';
    let elements: unknown[];
    switch (i % 40) {
      case 5: elements = [{ kind: 'text', text: 'Here is the fix:\n```ts\nfunction add(a: number, b: number): number {\n  return a + b;\n}\n```' }]; break;
      case 7: elements = [{ kind: 'text', text: 'Plan:\n1. **build** it\n2. *test* it\n   - unit\n   - ui\n3. ship `v1.0`' }]; break;
      case 11: elements = [{ kind: 'file', elemIndex: 0, name: 'design-spec.pdf', size: 2_345_678 }]; break;
      case 13: elements = [{ kind: 'image', elemIndex: 0, name: 'screenshot.png', size: 345_678, width: 1280, height: 720 }]; break;
      case 17: elements = [{ kind: 'text', text: 'payload <img src=x onerror="window.__xss=1"> <script>window.__xss=2</script> [click me](javascript:window.__xss=3) and [the docs](https://example.com/docs?q=1)' }]; break;
      case 19: elements = [{ kind: 'groupTips', text: 'Bob Stone changed the group name to "Team"' }]; break;
      case 23: elements = [{ kind: 'text', text: '> quoted line\n\nand my answer with ~~strike~~ and https://example.org/path.' }]; break;
      case 29: elements = [{ kind: 'merger', title: 'Chat history of Alice and Bob', abstracts: ['Alice: hi', 'Bob: hello', 'Alice: lunch?'], count: 3 }]; break;
      case 37: elements = [{ kind: 'text', text: 'This is where it breaks:' }, { kind: 'custom', data: '{}', description: 'Code snippet', extension: 'timchat.codeSnippet', snippet: { path: 'src/webview/heightIndex.ts', languageId: 'typescript', startLine: 40, endLine: 44, gitRemote: 'https://example.com/team/tim-chat.git', gitCommit: '0123456789abcdef0123', code: 'export function add(a: number, b: number): number {\n  // the sum\n  return a + b; // "<b>not html</b>"\n}\nconst answer = add(40, 2);' } }]; break;
      case 31: elements = [{ kind: 'sound', elemIndex: 0, durationSeconds: 14, size: 22_000 }, { kind: 'location', description: 'Shenzhen office', latitude: 22.54, longitude: 113.93 }]; break;
      default: {
        const length = 3 + ((i * 7919) % 60);
        const text = Array.from({ length }, (_, k) => words[(i + k * 3) % words.length]).join(' ');
        elements = [{ kind: 'text', text: `#${i} ${text}` }];
      }
    }
    // Replies: m(40k+3) answers the code message 38 before it; m(40k+9) quotes one no longer in the
    // history; from m4000 on, m(40k+33) quotes one 3,990 messages back (beyond what a reveal pages).
    const replyTo: Quote | undefined =
      i >= 40 && i % 40 === 3 ? quoteOf(`m${i - 38}`)
      : i >= 40 && i % 40 === 9 ? { id: 'gone', sender: 'Bob Stone', text: 'deleted long ago' }
      : i >= 4000 && i % 40 === 33 ? quoteOf(`m${i - 3990}`)
      : undefined;
    const reactions = reactionsFor(i);
    const pinned = pinnedIds.includes(`m${i}`);
    const readReceipt = receipts && isSelf ? { read: i % 4, unread: 3 - (i % 4) } : undefined;
    return { id: `m${i}`, seq: String(i + 1), time: base + i * 600, sender: user[0], senderName: user[1], isSelf, status: 'sent', isPeerRead: i < total - 2, revocableUntil: isSelf ? Date.now() + 120_000 : 0, mentionsMe: i % 97 === 0, ...(replyTo ? { replyTo } : {}), ...(reactions.length > 0 ? { reactions } : {}), ...(pinned ? { pinned } : {}), ...(readReceipt ? { readReceipt } : {}), elements };
  }
  function pinnedViews(): Array<{ id: string; senderName: string; text: string; pinnedBy: string }> {
    return pinnedIds.map((id) => {
      const quote = quoteOf(id);
      return { id, senderName: quote.sender, text: quote.text, pinnedBy: 'Bob Stone' };
    });
  }
  function quoteOf(id: string): Quote {
    const quoted = generated(Number(id.slice(1)));
    const first = quoted.elements[0] as { text?: string };
    return { id, sender: quoted.senderName, text: String(first.text ?? '[File]').split('\n')[0] };
  }
  function all(from: number, to: number): Msg[] {
    const out: Msg[] = [];
    for (let i = Math.max(0, from); i < Math.min(total, to); i++) {
      const m = generated(i);
      if (!removed.has(m.id)) {
        out.push(m);
      }
    }
    return out;
  }
  const host = {
    requests: [] as Array<{ method: string; params: unknown }>,
    commands: [] as Array<{ method: string; params: unknown }>,
    state: undefined as unknown,
    delayMs: Number(params.get('delay') ?? '5'),
    notify(method: string, payload: unknown): void {
      post({ kind: 'notification', method, params: payload });
    },
    generated,
  };
  (window as unknown as { __host: typeof host }).__host = host;
  function post(data: unknown): void {
    window.dispatchEvent(new MessageEvent('message', { data }));
  }
  let sent = 0;
  function answer(method: string, p: Record<string, unknown>): unknown {
    if (method === 'app/ping') {
      return { echo: p.text, receivedAt: Date.now() };
    }
    if (mode === 'unknown') {
      throw new Error(`Unknown request ${method}`);
    }
    switch (method) {
      case 'chat/loadLatest': {
        const count = Number(p.count);
        return { messages: [...all(total - count, total), ...extra], hasMoreBefore: total - count > 0 };
      }
      case 'chat/loadOlder': {
        if (mode === 'olderFails') {
          throw new Error('the server is busy');
        }
        const before = Number(String(p.beforeId).slice(1));
        const count = Number(p.count);
        return { messages: all(before - count, before), hasMoreBefore: before - count > 0 };
      }
      case 'chat/sendText': {
        const replyTo = typeof p.replyTo === 'string' ? (/^m\d+$/.test(p.replyTo) ? quoteOf(p.replyTo) : { id: p.replyTo, sender: 'Me Myself', text: 'a message I sent' }) : undefined;
        const message: Msg = { id: `s${++sent}`, seq: '0', time: Math.floor(Date.now() / 1000), sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'sending', isPeerRead: false, revocableUntil: 0, mentionsMe: false, ...(replyTo ? { replyTo } : {}), elements: [{ kind: 'text', text: String(p.text) }] };
        extra.push(message);
        setTimeout(() => host.notify('chat/messageUpdated', { message: { ...message, seq: String(total + sent), status: 'sent', revocableUntil: Date.now() + 120_000 } }), 400);
        return message;
      }
      case 'chat/members':
        // The first request fails with members=fail (the next '@' asks again).
        if (params.get('members') === 'fail' && memberRequests++ === 0) {
          throw new Error('the group is busy');
        }
        return { members: [
          { userId: 'alice', name: 'Alice Liddell' }, { userId: 'bob', name: 'Bob Stone' }, { userId: 'bobby', name: 'Bobby Tables' },
          { userId: 'carol', name: 'Carol 张' }, { userId: '__kImSDK_MessageAtALL__', name: 'everyone', everyone: true },
        ] };
      case 'chat/markRead':
        return { unreadCount: 0 };
      case 'chat/delete':
        for (const id of p.ids as string[]) {
          removed.add(id);
        }
        return { deleted: (p.ids as string[]).length };
      case 'chat/revoke':
        return { revoked: true };
      case 'chat/cancel':
        return { cancelled: true };
      case 'chat/retry':
        throw new Error('retry is not scripted');
      case 'chat/mediaUri':
        // A 1×1 PNG: the real host passes a webview URI of the downloaded image.
        return { uri: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==' };
      case 'chat/expandMerger': {
        if (p.id === 'm69') {
          // Rendered as the chat renders its own: Markdown with a code block, a snippet card, a file's line, a recall, no raw HTML.
          return {
            messages: [
              { ...generated(1), elements: [{ kind: 'text', text: 'Fixed in **main** :tada: see https://example.com/pr/7\n```ts\nconst fixed = true;\n```' }] },
              generated(37),
              { ...generated(2), replyTo: { id: 'elsewhere', sender: 'Carol 张', text: 'the <i>log</i>?' }, elements: [{ kind: 'file', elemIndex: 0, name: 'trace.log', size: 2048 }] },
              { ...generated(4), status: 'revoked', elements: [] },
              { ...generated(5), elements: [{ kind: 'text', text: 'inner <b>not bold</b>' }] },
              { ...generated(6), elements: [{ kind: 'image', elemIndex: 0, name: 'whiteboard.png', size: 1234, width: 64, height: 48 }] },
            ],
          };
        }
        if (p.id !== 'm29') {
          return { messages: [generated(1), { ...generated(2), elements: [{ kind: 'text', text: 'inner <b>not bold</b>' }] }] };
        }
        // m29 nests: its second inner message is merged, and so is that one's second (issue 6).
        const said = (i: number, text: string): Msg => ({ ...generated(i), elements: [{ kind: 'text', text }] });
        const merger = (i: number, title: string): Msg => ({ ...generated(i), elements: [{ kind: 'merger', title, abstracts: [], count: 2 }] });
        const layers: Record<string, Msg[]> = {
          '': [said(3, 'outer text'), merger(4, 'Design chat')],
          '1': [said(5, 'middle text'), merger(6, 'Old chat')],
          '1,1': [said(8, 'deepest text')],
        };
        const layer = layers[((p.path as number[] | undefined) ?? []).join(',')];
        if (!layer) {
          throw new Error('no such merged message');
        }
        return { messages: layer };
      }
      case 'chat/star': {
        const id = String(p.id);
        const base = extra.find((m) => m.id === id) ?? generated(Number(id.slice(1)));
        return { ...base, starred: p.starred === true };
      }
      case 'chat/whoReacted':
      case 'chat/whoRead':
        return { shown: true };
      case 'chat/pin': {
        // As the host: owners and admins only; the new list and the message's row follow as notifications.
        if (!canPin || params.get('pinFails') === '1') {
          throw new Error('Only the group owner and admins can pin messages.');
        }
        const id = String(p.id);
        const at = pinnedIds.indexOf(id);
        if (at >= 0) {
          pinnedIds.splice(at, 1);
        }
        if (p.pinned === true) {
          pinnedIds.unshift(id);
        }
        setTimeout(() => {
          host.notify('chat/pinned', { messages: pinnedViews(), canPin });
          host.notify('chat/messageUpdated', { message: generated(Number(id.slice(1))) });
        }, 1);
        return { pinned: p.pinned === true };
      }
      case 'chat/react': {
        // As the host: TIM Chat's reactions or one already on the message; the user's own is taken back.
        const id = String(p.id);
        const reaction = String(p.reaction);
        const message = generated(Number(id.slice(1)));
        const current = message.reactions ?? [];
        const existing = current.find((r) => r.id === reaction);
        if (!quickReactions.includes(reaction) && !PANEL_EMOJI.includes(reaction) && !existing) {
          throw new Error('That reaction is not one TIM Chat offers.');
        }
        const next = existing
          ? current
              .map((r) => (r.id !== reaction ? r : r.mine ? { ...r, count: r.count - 1, mine: false, users: r.users.filter((u) => u !== 'You') } : { ...r, count: r.count + 1, mine: true, users: ['You', ...r.users].slice(0, 10) }))
              .filter((r) => r.count > 0)
          : [...current, { id: reaction, count: 1, mine: true, users: ['You'] }];
        reactionsOf.set(id, next);
        const updated: Msg = { ...message, reactions: next };
        if (next.length === 0) {
          delete updated.reactions;
        }
        return updated;
      }
      case 'chat/download':
        return { saved: true };
      case 'chat/forward':
        return { forwarded: (p.ids as string[]).length };
      case 'chat/remind':
        return { dueAt: Date.now() + 20 * 60_000 };
      case 'chat/copyLink':
        return { link: `vscode://timchat.tim-chat/message?app=1&group=g&from=bob&id=${String(p.id)}&seq=1&time=1&rand=1` };
      case 'chat/deleteSelected': {
        const ids = p.ids as string[];
        for (const id of ids) {
          removed.add(id);
        }
        setTimeout(() => host.notify('chat/messagesRemoved', { ids }), 1);
        return { deleted: ids.length };
      }
      case 'chat/attach': {
        const message: Msg = { id: `pending-${++sent}`, seq: '0', time: Math.floor(Date.now() / 1000), sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'sending', isPeerRead: false, revocableUntil: 0, mentionsMe: false, elements: [{ kind: 'file', elemIndex: 0, name: 'notes.txt', size: 2048 }] };
        setTimeout(() => host.notify('chat/uploadProgress', { id: message.id, percent: 40 }), 50);
        return { messages: [message] };
      }
      case 'chat/dropFiles': {
        // As the host does: only local files; each becomes a sending file message.
        const uris = p.uris as string[];
        if (uris.some((uri) => !uri.startsWith('file:'))) {
          throw new Error('Only files on this machine can be sent.');
        }
        return { messages: uris.map((uri) => ({ id: `pending-${++sent}`, seq: '0', time: Math.floor(Date.now() / 1000), sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'sending', isPeerRead: false, revocableUntil: 0, mentionsMe: false, elements: [{ kind: 'file', elemIndex: 0, name: uri.split('/').pop() ?? '', size: 10 }] })) };
      }
      case 'chat/edit': {
        const id = String(p.id);
        const base = extra.find((m) => m.id === id) ?? generated(Number(id.slice(1)));
        if (!base.isSelf) {
          throw new Error('Only your own sent text messages can be edited.');
        }
        return { ...base, edited: true, elements: [{ kind: 'text', text: String(p.text) }] };
      }
      case 'chat/pasteImage': {
        if (p.mime !== 'image/png') {
          throw new Error('Only PNG, JPEG, GIF, WebP and BMP images can be pasted.');
        }
        return { id: `pending-${++sent}`, seq: '0', time: Math.floor(Date.now() / 1000), sender: 'me', senderName: 'Me Myself', isSelf: true, status: 'sending', isPeerRead: false, revocableUntil: 0, mentionsMe: false, elements: [{ kind: 'image', elemIndex: 0, name: 'pasted.png', size: atob(String(p.data)).length, width: 1, height: 1 }] };
      }
      case 'snippet/status': {
        const snippet = p.snippet as { startLine: number; endLine: number; path: string };
        return { staleness: 'same', startLine: snippet.startLine, endLine: snippet.endLine, localPath: snippet.path };
      }
      case 'snippet/open':
        return { opened: 'workspace', uri: 'file:///x' };
      default:
        throw new Error(`Unknown request ${method}`);
    }
  }
  (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => ({
    postMessage(message: { kind: string; id: number; method: string; params: Record<string, unknown> }): void {
      if (message.kind === 'ready') {
        setTimeout(() => {
          const [key, id, title] = isGroup ? ['group_dev', 'dev', 'Developers'] : ['c2c_alice', 'alice', 'Alice Liddell'];
          host.notify('app/state', { conversationId: key, title, signedIn: mode !== 'unknown' && signedIn, locale: 'en' });
          if (mode !== 'unknown') {
            // As the real host sends them: app/state carries the conversation key, chat/info the bare id beside its type.
            host.notify('chat/info', { conversationId: id, conversationType: isGroup ? 'group' : 'c2c', title, selfId: 'me', signedIn, draft: params.get('draft') ?? '', unreadCount: unread, locale: params.get('locale') ?? 'en', reactionsAvailable: params.get('reactions') !== '0', ...(params.get('notice') ? { notice: params.get('notice') } : {}), strings: {} });
            if (isGroup) {
              host.notify('chat/pinned', { messages: pinnedViews(), canPin });
            }
          }
        }, 1);
      } else if (message.kind === 'command') {
        host.commands.push({ method: message.method, params: message.params });
      } else if (message.kind === 'request') {
        host.requests.push({ method: message.method, params: message.params });
        setTimeout(() => {
          try {
            post({ kind: 'response', id: message.id, result: answer(message.method, message.params) });
          } catch (error) {
            post({ kind: 'response', id: message.id, error: { message: (error as Error).message } });
          }
        }, host.delayMs);
      }
    },
    getState(): unknown {
      const saved = sessionStorage.getItem('webview-state');
      return saved ? JSON.parse(saved) : undefined;
    },
    setState(state: unknown): void {
      host.state = state;
      sessionStorage.setItem('webview-state', JSON.stringify(state));
    },
  });
}

export interface FakeHostServer {
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Bundles the webview as scripts/build.mjs does, but into a folder of this test run: dist/ is shared
 * with whoever else builds at the same time (and build.mjs empties it first).
 */
export async function buildWebview(outDir: string): Promise<void> {
  await esbuild.build({
    entryPoints: [path.join(repoRoot, 'src/webview/main.ts')],
    outfile: path.join(outDir, 'webview.js'),
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    sourcemap: 'linked',
    logLevel: 'warning',
    absWorkingDir: repoRoot,
  });
  fs.mkdirSync(path.join(outDir, 'codicons'), { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) {
    fs.copyFileSync(path.join(repoRoot, 'node_modules/@vscode/codicons/dist', file), path.join(outDir, 'codicons', file));
  }
}

export async function startFakeHostServer(dist: string): Promise<FakeHostServer> {
  const nonce = 'dGVzdC1ub25jZQ==';
  const types: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.html': 'text/html' };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let body: string | Buffer;
    let type = 'text/html';
    if (url.pathname === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      const theme = url.searchParams.get('theme') ?? 'dark';
      const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src ${origin} 'nonce-${nonce}'; font-src ${origin}; img-src ${origin} data:`;
      body = `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="${csp}">
<link rel="stylesheet" nonce="${nonce}" href="/codicons/codicon.css" id="vscode-codicon-stylesheet">
<link rel="stylesheet" nonce="${nonce}" href="/theme-${theme}.css">
<link rel="stylesheet" nonce="${nonce}" href="/webview.css">
<script nonce="${nonce}" src="/fakeHost.js"></script><title>chat</title></head>
<body class="vscode-${theme}"><div id="app"></div><script type="module" nonce="${nonce}" src="/webview.js"></script></body></html>`;
    } else if (url.pathname === '/fakeHost.js') {
      body = `const PANEL_EMOJI = ${JSON.stringify(DISTINCT_EMOJI.map((entry) => entry.emoji))};\n(${fakeHost.toString()})();`;
      type = types['.js'];
    } else if (/^\/theme-(dark|light|hc)\.css$/.test(url.pathname)) {
      body = themeCss(url.pathname.slice(7, -4));
      type = types['.css'];
    } else {
      const file = path.join(dist, path.normalize(url.pathname));
      if (!file.startsWith(dist + path.sep) || !fs.existsSync(file)) {
        response.writeHead(404).end();
        return;
      }
      body = fs.readFileSync(file);
      type = types[path.extname(file)] ?? 'application/octet-stream';
    }
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
