/**
 * Every user-visible string of the share feature (vscode.l10n.t calls in src/extension/share and the
 * snippet card's table) has a Simplified Chinese translation with the same placeholders, in
 * src/extension/share/l10n.zh-cn.json (merged into l10n/bundle.l10n.zh-cn.json by the lead).
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SNIPPET_STRINGS } from '../../../src/webview/snippet/snippetStrings';

const root = path.resolve(__dirname, '..', '..', '..');
const shareDir = path.join(root, 'src', 'extension', 'share');

function shareStrings(): string[] {
  const found = new Set<string>(Object.values(SNIPPET_STRINGS));
  for (const file of fs.readdirSync(shareDir).filter((f) => f.endsWith('.ts'))) {
    const source = fs.readFileSync(path.join(shareDir, file), 'utf8');
    for (const match of source.matchAll(/(?<![A-Za-z0-9_$])t\(\s*'((?:\\.|[^'\\])*)'/g)) {
      found.add(match[1].replace(/\\(.)/g, '$1'));
    }
  }
  return [...found].sort();
}

const placeholders = (s: string): string => (s.match(/\{\d+\}/g) ?? []).sort().join(',');

describe('share strings in Simplified Chinese', () => {
  it('translates every string with the same placeholders', () => {
    const zh = JSON.parse(fs.readFileSync(path.join(shareDir, 'l10n.zh-cn.json'), 'utf8')) as Record<string, string>;
    const strings = shareStrings();
    assert.ok(strings.length > 50);
    assert.deepEqual(strings.filter((s) => !(s in zh)), [], 'untranslated');
    for (const s of strings) {
      assert.equal(placeholders(zh[s]), placeholders(s), s);
    }
  });
});
