// Runs inside the real VS Code extension host (loaded as extensionTestsPath): registers the TypeScript
// loader, then runs every *.vscode.test.ts file (or those named in TIMCHAT_TEST_FILES) with mocha and
// the project reporter, which writes the counts to TIMCHAT_TEST_RESULTS for scripts/test.mjs.
'use strict';
const path = require('node:path');
const fs = require('node:fs');

const root = path.resolve(__dirname, '..', '..');
require(path.join(root, 'scripts/ts-register.cjs'));
const Mocha = require(path.join(root, 'node_modules/mocha'));

function findTests(dir, out = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.vscode.test.ts')) out.push(full);
  }
  return out;
}

exports.run = function run() {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: 60_000,
    reporter: path.join(root, 'scripts/mocha-reporter.cjs'),
  });
  const only = (process.env.TIMCHAT_TEST_FILES || '').split(path.delimiter).filter(Boolean);
  const files = only.length ? only.map((f) => path.resolve(root, f)) : findTests(path.join(root, 'test')).sort();
  for (const file of files) mocha.addFile(file);
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} extension test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error);
    }
  });
};
