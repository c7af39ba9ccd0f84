/**
 * Unit tests of scripts/sdk.mjs (`npm run sdk`): its tar reader on a tarball made here, its errors,
 * and that a second run is a fast no-op. The script is ESM, so it runs in child processes.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');
const script = path.join(root, 'scripts', 'sdk.mjs');

function esm(code: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run sdk (scripts/sdk.mjs)', function () {
  this.timeout(60_000);

  it('reads only the wanted files out of a .tgz, long names included', function () {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-sdk-script-'));
    const longDir = path.join('package', 'lib', 'linux', 'include', 'a'.repeat(120));
    fs.mkdirSync(path.join(dir, longDir), { recursive: true });
    fs.mkdirSync(path.join(dir, 'package', 'lib', 'linux', 'lib'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'package', 'lib', 'linux', 'lib', 'libImSDK.so'), 'ELF?');
    fs.writeFileSync(path.join(dir, longDir, 'TIMDeep.h'), '// deep');
    fs.writeFileSync(path.join(dir, 'package', 'lib', 'linux', 'include', 'TIMCloud.h'), '// cloud');
    const tgz = path.join(dir, 'pack.tgz');
    const tar = spawnSync('tar', ['czf', tgz, '-C', dir, 'package']);
    if (tar.error || tar.status !== 0) {
      console.log('    no tar binary to build the test tarball');
      this.skip();
    }
    const result = esm(`
      import { readTarball } from ${JSON.stringify(script)};
      const seen = [];
      readTarball(${JSON.stringify(tgz)}, (n) => n.endsWith('.h') || n.endsWith('.so'), (n, d) => seen.push(n + '=' + d.toString()));
      console.log(JSON.stringify(seen.sort()));
    `);
    assert.equal(result.status, 0, result.stderr);
    const seen = JSON.parse(result.stdout) as string[];
    assert.deepEqual(seen, [
      'package/lib/linux/include/TIMCloud.h=// cloud',
      `package/lib/linux/include/${'a'.repeat(120)}/TIMDeep.h=// deep`,
      'package/lib/linux/lib/libImSDK.so=ELF?',
    ]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('maps every platform the package ships to its library', () => {
    const result = esm(`
      import { SDK_TARGETS } from ${JSON.stringify(script)};
      console.log(JSON.stringify(Object.fromEntries(Object.entries(SDK_TARGETS).map(([k, v]) => [k, v.library.split('/').pop()]))));
    `);
    assert.equal(result.status, 0, result.stderr);
    assert.deepEqual(JSON.parse(result.stdout), {
      'linux-x64': 'libImSDK.so',
      'linux-arm64': 'libImSDK_arm64.so',
      'win32-x64': 'ImSDK.dll',
      'win32-ia32': 'ImSDK.dll',
      'darwin-x64': 'ImSDKForMac.dylib',
      'darwin-arm64': 'ImSDKForMac.dylib',
    });
  });

  it('refuses unknown targets and arguments with a clear message', () => {
    const target = spawnSync(process.execPath, [script, '--target', 'linux-riscv64'], { encoding: 'utf8' });
    assert.equal(target.status, 1);
    assert.match(target.stderr, /linux-riscv64 is not shipped by im_electron_sdk@8\.0\.5906; shipped: linux-x64/);
    const argument = spawnSync(process.execPath, [script, '--frobnicate'], { encoding: 'utf8' });
    assert.equal(argument.status, 1);
    assert.match(argument.stderr, /unknown argument --frobnicate; usage/);
  });

  it('is a fast no-op when the library is already extracted', function () {
    const target = `${process.platform}-${process.arch}`;
    const stamp = path.join(root, 'native', target, '.sdk-version');
    if (!fs.existsSync(stamp)) {
      console.log(`    native/${target} not extracted yet (npm run sdk): nothing to compare`);
      this.skip();
    }
    const start = Date.now();
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /present/);
    assert.ok(Date.now() - start < 5000);
  });
});
