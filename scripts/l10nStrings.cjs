// Finds every user-visible string of the extension host for translation: the first argument of each
// `vscode.l10n.t('...')` / `l10n.t("...")` call in src/extension, and the chat panel's strings in
// the webview's English tables (translated on the host at run time). Used by `node scripts/l10n.mjs`
// (writes l10n/bundle.l10n.json) and by the l10n unit test (checks every translation exists).
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');

function walk(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** Reads a JS string literal starting at `source[start]` (a quote); returns [value, endIndex]. */
function readLiteral(source, start) {
  const quote = source[start];
  let value = '';
  for (let i = start + 1; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[++i];
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
    } else if (c === quote) {
      return [value, i];
    } else if (quote === '`' && c === '$' && source[i + 1] === '{') {
      return [undefined, i];
    } else {
      value += c;
    }
  }
  return [undefined, source.length];
}

function extensionStrings() {
  const found = new Set();
  for (const file of walk(path.join(root, 'src', 'extension'))) {
    const source = fs.readFileSync(file, 'utf8');
    // vscode.l10n.t(...), and ctx.t(...) / t(...) in the pure modules that take a Translate function.
    const call = /(?<![A-Za-z0-9_$])t\(\s*(\{\s*message:\s*)?/g;
    let match;
    while ((match = call.exec(source))) {
      const start = match.index + match[0].length;
      if (!`'"\``.includes(source[start])) continue; // a variable: covered elsewhere (panel strings)
      const [value] = readLiteral(source, start);
      if (value !== undefined) found.add(value);
    }
  }
  // The webview's English tables: `'key': 'English',` lines.
  for (const table of [['src', 'webview', 'strings.ts'], ['src', 'webview', 'snippet', 'snippetStrings.ts']]) {
    const source = fs.readFileSync(path.join(root, ...table), 'utf8');
    const entry = /^\s*'[A-Za-z0-9_.]+':\s*(['"])/gm;
    let match;
    while ((match = entry.exec(source))) {
      const [value] = readLiteral(source, match.index + match[0].length - 1);
      if (value !== undefined) found.add(value);
    }
  }
  return [...found].sort();
}

module.exports = { extensionStrings };
