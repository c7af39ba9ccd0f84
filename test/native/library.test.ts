/**
 * Unit tests of the library loader: search order, the one error naming every place tried (missing,
 * wrong architecture, not a library), and pinning + loading a real shared library (the fake SDK, so
 * libImSDK itself is never loaded outside a network namespace).
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describeArchitecture, detectArchitecture } from '../../src/native/architecture';
import { candidatePaths, loadTimLibrary, NativeLibraryError } from '../../src/native/library';
import { loadFakeSdk } from './fakeSdk';

function elfHeader(machine: number): Buffer {
  const header = Buffer.alloc(64);
  header.writeUInt32BE(0x7f454c46, 0);
  header[4] = 2; // 64-bit
  header[5] = 1; // little endian
  header.writeUInt16LE(machine, 18);
  return header;
}

function peHeader(machine: number): Buffer {
  const header = Buffer.alloc(256);
  header.writeUInt16LE(0x5a4d, 0);
  header.writeUInt32LE(0x80, 0x3c);
  header.writeUInt32LE(0x4550, 0x80);
  header.writeUInt16LE(machine, 0x84);
  return header;
}

describe('native library loader', () => {
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-loader-'));
  });

  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads the architecture of ELF, PE and Mach-O headers', () => {
    assert.deepEqual(detectArchitecture(elfHeader(62)), { format: 'ELF', arches: ['x64'] });
    assert.deepEqual(detectArchitecture(elfHeader(183)), { format: 'ELF', arches: ['arm64'] });
    assert.deepEqual(detectArchitecture(peHeader(0x8664)), { format: 'PE', arches: ['x64'] });
    const fat = Buffer.alloc(64);
    fat.writeUInt32BE(0xcafebabe, 0);
    fat.writeUInt32BE(2, 4);
    fat.writeUInt32BE(0x01000007, 8);
    fat.writeUInt32BE(0x0100000c, 28);
    assert.deepEqual(detectArchitecture(fat), { format: 'Mach-O', arches: ['x64', 'arm64'] });
    assert.equal(describeArchitecture(elfHeader(62), 'linux', 'x64'), undefined);
    assert.match(describeArchitecture(elfHeader(183), 'linux', 'x64') ?? '', /wrong architecture: the library is arm64, this process is x64/);
    assert.match(describeArchitecture(peHeader(0x8664), 'linux', 'x64') ?? '', /wrong platform: a PE library/);
    assert.match(describeArchitecture(Buffer.from('hello world, not a library'), 'linux', 'x64') ?? '', /not a shared library/);
  });

  it('tries the setting, then TIMCHAT_SDK_PATH, then <extensionRoot>/native/<platform>-<arch>/', () => {
    const folder = path.join(dir, 'sdkdir');
    fs.mkdirSync(folder);
    const candidates = candidatePaths({
      sdkPath: folder,
      env: { TIMCHAT_SDK_PATH: path.join(dir, 'env.so') },
      extensionRoot: dir,
      platform: 'linux',
      arch: 'x64',
    });
    assert.deepEqual(
      candidates.map((c) => c.path),
      [path.join(folder, 'libImSDK.so'), path.join(dir, 'env.so'), path.join(dir, 'native', 'linux-x64', 'libImSDK.so')],
    );
    assert.deepEqual(
      candidates.map((c) => c.source),
      ['setting timChat.sdkPath', 'environment TIMCHAT_SDK_PATH', 'extension native folder'],
    );
  });

  it('names every place tried and why each failed, in one error', () => {
    const wrongArch = path.join(dir, 'arm.so');
    fs.writeFileSync(wrongArch, elfHeader(183));
    const notLibrary = path.join(dir, 'native', 'linux-x64', 'libImSDK.so');
    fs.mkdirSync(path.dirname(notLibrary), { recursive: true });
    fs.writeFileSync(notLibrary, 'not a library at all');
    let error: unknown;
    try {
      loadTimLibrary({
        sdkPath: path.join(dir, 'missing.so'),
        env: { TIMCHAT_SDK_PATH: wrongArch },
        extensionRoot: dir,
        platform: 'linux',
        arch: 'x64',
      });
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof NativeLibraryError);
    assert.equal(error.attempts.length, 3);
    assert.match(error.attempts[0].reason, /does not exist/);
    assert.match(error.attempts[1].reason, /wrong architecture: the library is arm64, this process is x64/);
    assert.match(error.attempts[2].reason, /not a shared library/);
    assert.match(error.message, /setting timChat\.sdkPath: .*missing\.so: does not exist/);
    assert.match(error.message, /environment TIMCHAT_SDK_PATH: .*arm\.so: wrong architecture/);
    assert.match(error.message, /extension native folder: .*libImSDK\.so: not a shared library/);
    assert.match(error.message, /npm run sdk/);
  });

  it('says "not set" for places that were not given, and names unsupported platforms', () => {
    let error: unknown;
    try {
      loadTimLibrary({ env: {}, platform: 'linux', arch: 'riscv64' });
    } catch (caught) {
      error = caught;
    }
    assert.ok(error instanceof NativeLibraryError);
    assert.match(error.message, /ships no library for linux-riscv64/);
    assert.match(error.message, /environment TIMCHAT_SDK_PATH: \(not set\): not set/);
  });

  it('pins and loads a real library from the setting, once', function () {
    if (process.platform !== 'linux' || process.arch !== 'x64') {
      this.skip();
    }
    const fake = loadFakeSdk();
    if (!fake) {
      this.skip();
    }
    // A copy nobody else has loaded, so the maps tell what the loader alone did.
    const copy = path.join(dir, 'libpinned.so');
    fs.copyFileSync(fake.path, copy);
    const first = loadTimLibrary({ sdkPath: copy, env: {} });
    assert.equal(first.path, copy);
    assert.equal(loadTimLibrary({ sdkPath: copy, env: {} }), first, 'loaded once, then reused');
    // Even if koffi lets go of its handle, the pinned mapping stays (the exit-crash fix).
    first.handle.unload();
    assert.ok(fs.readFileSync('/proc/self/maps', 'utf8').includes(copy), 'library unmapped after koffi unload');
  });
});
