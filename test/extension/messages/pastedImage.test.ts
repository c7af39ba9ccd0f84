import * as assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MAX_IMAGE_BYTES } from '../../../src/extension/messages/mediaElements';
import { decodeBase64, pastedImageProblem, writePastedImage } from '../../../src/extension/messages/pastedImage';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const GIF = Buffer.from('GIF89a\x01\x00', 'latin1');
const WEBP = Buffer.from('RIFF\x24\x00\x00\x00WEBPVP8 ', 'latin1');
const BMP = Buffer.from('BM\x3a\x00', 'latin1');

describe('pasted images', () => {
  it('decodes only well-formed base64', () => {
    assert.deepEqual(decodeBase64(PNG.toString('base64')), PNG);
    assert.deepEqual(decodeBase64(''), Buffer.alloc(0));
    for (const bad of ['abc', 'ab$=', 'YWJj\n', '====', 42, undefined, null]) {
      assert.equal(decodeBase64(bad), undefined, String(bad));
    }
  });

  it('accepts the image types TIM sends, when the bytes are that type', () => {
    assert.equal(pastedImageProblem('image/png', PNG), undefined);
    assert.equal(pastedImageProblem('image/jpeg', JPEG), undefined);
    assert.equal(pastedImageProblem('image/gif', GIF), undefined);
    assert.equal(pastedImageProblem('image/webp', WEBP), undefined);
    assert.equal(pastedImageProblem('image/bmp', BMP), undefined);
  });

  it('refuses other types, empty or oversized images, and bytes that are not what they claim', () => {
    assert.equal(pastedImageProblem('image/svg+xml', Buffer.from('<svg onload="x()"/>')), 'type', 'SVG can carry script');
    assert.equal(pastedImageProblem('text/html', PNG), 'type');
    assert.equal(pastedImageProblem(undefined, PNG), 'type');
    assert.equal(pastedImageProblem('constructor', PNG), 'type', 'not a key every object has');
    assert.equal(pastedImageProblem('toString', PNG), 'type');
    assert.equal(pastedImageProblem('image/png', Buffer.alloc(0)), 'empty');
    assert.equal(pastedImageProblem('image/png', Buffer.concat([PNG, Buffer.alloc(MAX_IMAGE_BYTES)])), 'tooLarge');
    assert.equal(pastedImageProblem('image/jpeg', PNG), 'content');
    assert.equal(pastedImageProblem('image/png', Buffer.from('<html>not an image</html>')), 'content');
    assert.equal(pastedImageProblem('image/webp', Buffer.from('RIFF\x24\x00\x00\x00WAVEfmt ', 'latin1')), 'content', 'a RIFF that is not WebP');
  });

  it('writes the image to a new private file and removes pastes older than a day', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'timchat-paste-'));
    try {
      const old = path.join(dir, 'pasted-20200101-000000-00000000.png');
      fs.writeFileSync(old, PNG);
      const longAgo = new Date(Date.now() - 25 * 60 * 60 * 1000);
      fs.utimesSync(old, longAgo, longAgo);
      const recent = path.join(dir, 'pasted-recent.png');
      fs.writeFileSync(recent, PNG);
      const unrelated = path.join(dir, 'notes.txt');
      fs.writeFileSync(unrelated, 'keep');
      fs.utimesSync(unrelated, longAgo, longAgo);

      const first = await writePastedImage(dir, 'image/png', PNG);
      const second = await writePastedImage(dir, 'image/png', PNG);
      assert.notEqual(first, second);
      // Named by the time of the paste (UTC), in a folder of its own here so the clock of this run removes nothing.
      const stamped = await writePastedImage(path.join(dir, 'stamped'), 'image/jpeg', JPEG, Date.UTC(2026, 10, 27, 3, 4, 5));
      assert.match(path.basename(stamped), /^pasted-20261127-030405-[0-9a-f]{8}\.jpg$/);
      assert.deepEqual(fs.readFileSync(first), PNG);
      if (process.platform !== 'win32') {
        assert.equal(fs.statSync(first).mode & 0o777, 0o600);
      }
      assert.equal(fs.existsSync(old), false, 'a day-old paste is removed');
      assert.equal(fs.existsSync(recent), true);
      assert.equal(fs.existsSync(unrelated), true, 'only pastes are removed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
