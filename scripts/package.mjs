// `npm run package [-- --target linux-x64]`: builds the production bundles and makes the .vsix with
// @vscode/vsce. Without --target the .vsix carries no libImSDK (it then works on the emulator, and on
// Tencent Cloud with timChat.sdkPath); with --target it carries that platform's library from native/,
// extracted by scripts/sdk.mjs, as a platform-specific extension.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const targetIndex = args.indexOf('--target');
const target = targetIndex >= 0 ? args[targetIndex + 1] : undefined;
const outIndex = args.indexOf('--out');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = outIndex >= 0 ? path.resolve(args[outIndex + 1]) : path.join(root, `${pkg.name}-${pkg.version}${target ? `-${target}` : ''}.vsix`);

function step(command, commandArgs, env = process.env) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', env });
  if (result.status !== 0) {
    console.error(`package: ${path.basename(commandArgs[0] ?? command)} failed`);
    process.exit(1);
  }
}

step(process.execPath, [path.join(root, 'scripts/build.mjs'), '--production']);
// native/ may hold several platforms: the .vsix carries only its target's library, through an ignore
// file made for this run (vsce --ignoreFile) from .vscodeignore.
const ignoreFile = path.join(root, '.cache', 'vscodeignore.generated');
fs.mkdirSync(path.dirname(ignoreFile), { recursive: true });
let ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8');
if (target) {
  step(process.execPath, [path.join(root, 'scripts/sdk.mjs'), '--target', target]);
  if (!fs.existsSync(path.join(root, 'native', target))) {
    console.error(`package: native/${target}/ is missing after npm run sdk`);
    process.exit(1);
  }
  // The library only (files directly in the folder): the C headers in include/ are for people.
  // vsce lets any negation win over the ignores, so the negation itself must leave include/ out.
  ignore += `\n!native/${target}/*\n`;
  // The callback relay is built for this machine only (build.mjs): other targets use koffi's relay.
  if (fs.existsSync(path.join(root, 'dist', 'native', target))) ignore += `!dist/native/${target}/*\n`;
  else console.warn(`package: no callback relay for ${target} (built only for this machine); it will use koffi's blocking relay`);
}
fs.writeFileSync(ignoreFile, ignore);
const vsce = path.join(root, 'node_modules/@vscode/vsce/vsce');
step(process.execPath, [vsce, 'package', '--no-update-package-json', '--allow-missing-repository', '--skip-license', '--ignoreFile', ignoreFile, '--out', out, ...(target ? ['--target', target] : [])]);
console.log(`package: ${out}`);
