/**
 * Type checking is part of the tests: every runtime's tsconfig passes `tsc --noEmit`, and the webview
 * and shared configs really forbid host-only modules.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { outputPath, repoRoot } from './harness/paths';

const tsc = path.join(repoRoot, 'node_modules/typescript/bin/tsc');

function typecheck(project: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [tsc, '--noEmit', '-p', project], { cwd: repoRoot, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('type checking', function () {
  this.timeout(180_000);

  for (const project of ['tsconfig.json', 'tsconfig.node.json', 'tsconfig.webview.json', 'tsconfig.shared.json', 'tsconfig.test.json']) {
    it(`${project} passes tsc --noEmit`, () => {
      const { status, output } = typecheck(project);
      assert.equal(status, 0, output);
    });
  }

  for (const [config, module] of [['tsconfig.webview.json', 'vscode'], ['tsconfig.webview.json', 'koffi'], ['tsconfig.shared.json', 'vscode'], ['tsconfig.shared.json', 'node:fs']]) {
    it(`${config} refuses an import of ${module}`, () => {
      const dir = path.dirname(outputPath('typecheck-probe', 'x'));
      fs.writeFileSync(path.join(dir, 'probe.ts'), `import * as forbidden from '${module}';\nexport const probe = forbidden;\n`);
      fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({ extends: path.join(repoRoot, config), include: ['probe.ts'] }));
      const { status, output } = typecheck(path.join(dir, 'tsconfig.json'));
      assert.notEqual(status, 0);
      assert.match(output, /is not a module/);
    });
  }
});
