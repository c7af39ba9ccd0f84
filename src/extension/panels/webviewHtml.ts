/**
 * The chat webview's HTML shell: a strict Content-Security-Policy (default-src 'none', scripts only with
 * a fresh nonce, styles, fonts and images only from the extension's own dist folder) and nothing from
 * messages: all content is rendered by the script with DOM APIs, never as HTML.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';

export function createNonce(): string {
  return randomBytes(18).toString('base64');
}

export interface WebviewHtmlOptions {
  readonly webview: vscode.Webview;
  readonly distUri: vscode.Uri;
  readonly title: string;
  readonly lang: string;
  readonly nonce?: string;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function contentSecurityPolicy(webview: vscode.Webview, nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    // Lit (inside @vscode-elements) adopts constructed stylesheets; the nonce covers our own <link>.
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `font-src ${webview.cspSource}`,
    `img-src ${webview.cspSource} data:`,
  ].join('; ');
}

export function renderWebviewHtml(options: WebviewHtmlOptions): string {
  const { webview, distUri, title, lang } = options;
  const nonce = options.nonce ?? createNonce();
  const asset = (...segments: string[]): string => webview.asWebviewUri(vscode.Uri.joinPath(distUri, ...segments)).toString();
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(contentSecurityPolicy(webview, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(asset('codicons', 'codicon.css'))}" id="vscode-codicon-stylesheet">
<link rel="stylesheet" nonce="${nonce}" href="${escapeAttribute(asset('webview.css'))}">
<title>${escapeAttribute(title)}</title>
</head>
<body>
<div id="app"></div>
<script type="module" nonce="${nonce}" src="${escapeAttribute(asset('webview.js'))}"></script>
</body>
</html>`;
}
