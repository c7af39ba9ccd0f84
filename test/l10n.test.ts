/**
 * TIM Chat speaks English and Simplified Chinese: every user-visible string of the extension host and
 * the chat panel (found by scripts/l10nStrings.cjs) has a translation in l10n/bundle.l10n.zh-cn.json
 * with the same placeholders, l10n/bundle.l10n.json is up to date, and every %key% of package.json has
 * an English and a Chinese entry.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './harness/paths';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { extensionStrings } = require('../scripts/l10nStrings.cjs') as { extensionStrings: () => string[] };

const readJson = (...segments: string[]): Record<string, string> => JSON.parse(fs.readFileSync(path.join(repoRoot, ...segments), 'utf8')) as Record<string, string>;
const placeholders = (s: string): string => (s.match(/\{\d+\}/g) ?? []).sort().join(',');

describe('translations', () => {
  const strings = extensionStrings();

  it('finds the strings (the extractor works)', () => {
    assert.ok(strings.length > 150, `only ${strings.length} strings found`);
    assert.ok(strings.includes('Sign In to TIM Chat'));
    assert.ok(strings.includes('Jump to latest'), 'the webview table is included');
  });

  it('keeps l10n/bundle.l10n.json in step with the sources (node scripts/l10n.mjs)', () => {
    assert.deepEqual(Object.keys(readJson('l10n', 'bundle.l10n.json')).sort(), strings);
  });

  it('translates every string into Simplified Chinese with the same placeholders', () => {
    const zh = readJson('l10n', 'bundle.l10n.zh-cn.json');
    const missing = strings.filter((s) => !zh[s]?.trim());
    assert.deepEqual(missing, [], 'untranslated');
    const mismatched = strings.filter((s) => placeholders(s) !== placeholders(zh[s]));
    assert.deepEqual(mismatched, [], 'placeholders differ');
    const stale = Object.keys(zh).filter((s) => !strings.includes(s));
    assert.deepEqual(stale, [], 'translations of strings no longer used');
  });

  it('has an English and a Chinese entry for every %key% of package.json', () => {
    const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    const keys = [...new Set([...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]))].sort();
    const en = readJson('package.nls.json');
    const zh = readJson('package.nls.zh-cn.json');
    assert.deepEqual(keys.filter((k) => !en[k]), [], 'missing in package.nls.json');
    assert.deepEqual(keys.filter((k) => !zh[k]), [], 'missing in package.nls.zh-cn.json');
    assert.deepEqual(Object.keys(en).filter((k) => !keys.includes(k)), [], 'unused in package.nls.json');
  });
});
