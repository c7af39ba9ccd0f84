/**
 * Images pasted into the composer (a screenshot, usually). The webview sends the clipboard's bytes;
 * here they are checked (a type TIM sends as an image, not empty, within TIM's image limit, and bytes
 * that really are that type: the webview's data is untrusted) and written to a file in the extension's
 * storage, which TIM uploads as an image element. Files older than a day go at the next paste: by then
 * their upload has long finished (a failed send retried after that says its file is gone).
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { MAX_IMAGE_BYTES } from './mediaElements';

/** The clipboard types accepted, and the file extension each is written with. */
export const PASTED_IMAGE_TYPES: Readonly<Record<string, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/bmp': 'bmp',
};

const KEEP_MS = 24 * 60 * 60 * 1000;

/** Each type's first bytes ("magic numbers"); WebP is RIFF....WEBP. */
function looksLike(mime: string, bytes: Uint8Array): boolean {
  const starts = (...prefix: number[]): boolean => prefix.every((b, i) => bytes[i] === b);
  const ascii = (offset: number, text: string): boolean => [...text].every((ch, i) => bytes[offset + i] === ch.charCodeAt(0));
  switch (mime) {
    case 'image/png':
      return starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a);
    case 'image/jpeg':
      return starts(0xff, 0xd8, 0xff);
    case 'image/gif':
      return ascii(0, 'GIF87a') || ascii(0, 'GIF89a');
    case 'image/webp':
      return ascii(0, 'RIFF') && ascii(8, 'WEBP');
    case 'image/bmp':
      return ascii(0, 'BM');
    default:
      return false;
  }
}

/** Base64 as the webview's btoa writes it; undefined for anything else (so nothing is guessed). */
export function decodeBase64(data: unknown): Buffer | undefined {
  if (typeof data !== 'string' || data.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
    return undefined;
  }
  return Buffer.from(data, 'base64');
}

/** Why pasted bytes cannot be sent as an image, as a key the caller translates; undefined when they can. */
export function pastedImageProblem(mime: unknown, bytes: Uint8Array): 'type' | 'empty' | 'tooLarge' | 'content' | undefined {
  // Own keys only: 'constructor' or 'toString' are "in" any object.
  if (typeof mime !== 'string' || !Object.hasOwn(PASTED_IMAGE_TYPES, mime)) {
    return 'type';
  }
  if (bytes.length === 0) {
    return 'empty';
  }
  if (bytes.length > MAX_IMAGE_BYTES) {
    return 'tooLarge';
  }
  return looksLike(mime, bytes) ? undefined : 'content';
}

/** Writes checked bytes to a new file in `dir` (created when needed) and returns its path. */
export async function writePastedImage(dir: string, mime: string, bytes: Uint8Array, now = Date.now()): Promise<string> {
  await fs.promises.mkdir(dir, { recursive: true });
  await removeOldFiles(dir, now);
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const file = path.join(dir, `pasted-${stamp}-${randomBytes(4).toString('hex')}.${PASTED_IMAGE_TYPES[mime]}`);
  // 'wx': never overwrite (the random part makes a clash unlikely; if one happens it fails loudly).
  await fs.promises.writeFile(file, bytes, { flag: 'wx', mode: 0o600 });
  return file;
}

async function removeOldFiles(dir: string, now: number): Promise<void> {
  for (const name of await fs.promises.readdir(dir)) {
    if (!name.startsWith('pasted-')) {
      continue;
    }
    const file = path.join(dir, name);
    try {
      if (now - (await fs.promises.stat(file)).mtimeMs > KEEP_MS) {
        await fs.promises.rm(file, { force: true });
      }
    } catch {
      // Best effort: a file another window removed meanwhile is fine.
    }
  }
}
