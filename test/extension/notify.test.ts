/**
 * Every message the extension shows goes through src/extension/notify.ts, which makes links in others'
 * words inert: a direct vscode.window.show*Message anywhere else would bypass it. Read as source (parsed,
 * so comments and strings do not count, while `window.showX`, `window['showX']` and `{ showX } = window`
 * do); importing the modules would need vscode.
 */
import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(__dirname, '../..');
const extensionDir = path.join(root, 'src/extension');
const chokePoint = path.join(extensionDir, 'notify.ts');
const DIRECT = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(full) : entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** `file:line name` for each use of vscode.window's message functions in `text` (the source of `file`). */
function directUses(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    const name = ts.isIdentifier(node) ? node.text : ts.isElementAccessExpression(node) && ts.isStringLiteralLike(node.argumentExpression) ? node.argumentExpression.text : undefined;
    if (name !== undefined && DIRECT.has(name)) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      found.push(`${path.relative(root, file)}:${line + 1} ${name}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('messages go through notify.ts', () => {
  it('no file in src/extension but notify.ts calls vscode.window.show{Information,Warning,Error}Message', () => {
    const files = sourceFiles(extensionDir);
    assert.ok(files.length > 50 && files.includes(chokePoint), 'the scan sees the extension source');
    assert.deepEqual(files.filter((file) => file !== chokePoint).flatMap((file) => directUses(file)), []);
  });

  it('would see a direct call, an aliased one and a destructured one', () => {
    const probe = [
      '// showErrorMessage in a comment, and "showErrorMessage" in a string, are no call',
      "void vscode.window.showInformationMessage('x', 'showWarningMessage');",
      "const show = vscode.window['showWarningMessage'];",
      'const { showErrorMessage } = vscode.window;',
    ].join('\n');
    assert.deepEqual(directUses(path.join(extensionDir, 'probe.ts'), probe), [
      'src/extension/probe.ts:2 showInformationMessage',
      'src/extension/probe.ts:3 showWarningMessage',
      'src/extension/probe.ts:4 showErrorMessage',
    ]);
  });
});
