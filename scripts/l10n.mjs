// `node scripts/l10n.mjs`: regenerates l10n/bundle.l10n.json (the English source strings of every
// vscode.l10n.t call) and lists the strings l10n/bundle.l10n.zh-cn.json does not translate yet.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { extensionStrings } = createRequire(import.meta.url)('./l10nStrings.cjs');
const strings = extensionStrings();
const bundle = Object.fromEntries(strings.map((s) => [s, s]));
fs.writeFileSync(path.join(root, 'l10n', 'bundle.l10n.json'), `${JSON.stringify(bundle, null, 2)}\n`);
const zh = JSON.parse(fs.readFileSync(path.join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8'));
const missing = strings.filter((s) => !(s in zh));
console.log(`l10n: ${strings.length} strings; ${missing.length} without a Simplified Chinese translation`);
for (const s of missing) console.log(`  ${JSON.stringify(s)}`);
