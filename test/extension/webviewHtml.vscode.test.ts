/** The chat webview's HTML: a strict CSP with a per-render nonce, resources only from dist/. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { TimChatApi } from '../../src/extension/extension';
import { contentSecurityPolicy, renderWebviewHtml } from '../../src/extension/panels/webviewHtml';

describe('chat webview HTML', () => {
  let panel: vscode.WebviewPanel;

  before(() => {
    panel = vscode.window.createWebviewPanel('timChat.test', 'test', vscode.ViewColumn.Active, { enableScripts: true });
  });
  after(() => panel.dispose());

  it('allows scripts only with the nonce and nothing by default', () => {
    const csp = contentSecurityPolicy(panel.webview, 'abc123');
    assert.match(csp, /^default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123'(;|$)/);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
    // No wildcard source of its own (the webview's cspSource may carry VS Code's CDN pattern).
    const sources = csp.split(/[;\s]+/);
    assert.ok(!sources.includes('*') && !sources.includes('data:*') && !sources.includes('https:'), csp);
  });

  it('uses a fresh nonce on every render and tags every script with it', () => {
    const ext = vscode.extensions.getExtension<TimChatApi>('timchat.tim-chat');
    assert.ok(ext);
    const distUri = vscode.Uri.joinPath(ext.extensionUri, 'dist');
    const a = renderWebviewHtml({ webview: panel.webview, distUri, title: 't', lang: 'en' });
    const b = renderWebviewHtml({ webview: panel.webview, distUri, title: 't', lang: 'en' });
    // The CSP meta content is attribute-escaped, so read the nonce from a tag.
    const nonceOf = (html: string): string => /<script[^>]* nonce="([^"]+)"/.exec(html)?.[1] ?? '';
    assert.notEqual(nonceOf(a), '');
    assert.notEqual(nonceOf(a), nonceOf(b));
    const scripts = a.match(/<script[^>]*>/g) ?? [];
    assert.ok(scripts.length > 0);
    for (const script of scripts) {
      assert.ok(script.includes(`nonce="${nonceOf(a)}"`), script);
    }
    assert.ok(a.includes(`&#39;nonce-${nonceOf(a)}&#39;`), 'the CSP names the same nonce');
  });

  it('escapes the title instead of trusting it', () => {
    const html = renderWebviewHtml({ webview: panel.webview, distUri: vscode.Uri.file('/x'), title: '<script>alert(1)</script>', lang: 'en"><x' });
    assert.ok(!html.includes('<script>alert(1)</script>'));
    assert.ok(!html.includes('lang="en"><x"'));
  });
});
