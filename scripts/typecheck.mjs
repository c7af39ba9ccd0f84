// Type-checks every runtime with its own tsconfig (tsc --noEmit), so webview code cannot see vscode
// or koffi and plain-Node code cannot see vscode. Exits non-zero when any project fails.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const projects = ['tsconfig.json', 'tsconfig.node.json', 'tsconfig.webview.json', 'tsconfig.shared.json', 'tsconfig.test.json'];
const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
let failed = 0;
for (const project of process.argv.slice(2).length ? process.argv.slice(2) : projects) {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: root, encoding: 'utf8' });
  const output = (result.stdout + result.stderr).trim();
  if (result.status === 0) {
    console.log(`typecheck: ${project} ok`);
  } else {
    failed++;
    console.log(`typecheck: ${project} FAILED\n${output}`);
  }
}
process.exit(failed ? 1 : 0);
