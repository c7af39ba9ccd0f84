/**
 * Element payloads (image, sound, video, file): "uploaded" by copying the sender's local file into the
 * emulator's blob dir in chunks (progress events, cancellable), downloaded by copying it to a path the
 * caller chose, after checking that path: absolute, no NUL, no ".." segment, an existing parent
 * directory, not a directory itself. Payloads are also served over HTTP under /blobs/<id>.
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { ApiError, Err } from './apiError';

/** TIM's file size limits: 100 MB for files and videos, 28 MB for images. */
export const MAX_FILE_BYTES = 100 * 1024 * 1024;
export const MAX_IMAGE_BYTES = 28 * 1024 * 1024;
/** Upload and download copy in chunks of this size and report progress after each one. */
export const CHUNK = 256 * 1024;

export interface UploadResult {
  readonly id: string;
  readonly size: number;
}

export async function uploadFile(
  blobDir: string,
  path: string,
  maxBytes: number,
  options: { chunkDelayMs: number; isCancelled(): boolean; onProgress(cur: number, total: number): void },
): Promise<UploadResult> {
  if (!isAbsolute(path) || path.includes('\0')) {
    throw new ApiError(Err.FILE_NOT_FOUND, `not an absolute local path: ${path}`);
  }
  let size: number;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new ApiError(Err.FILE_NOT_FOUND, `not a file: ${path}`);
    }
    size = info.size;
  } catch (error: unknown) {
    if (error instanceof ApiError) {
      throw error;
    }
    throw new ApiError(Err.FILE_NOT_FOUND, `file not found: ${path}`);
  }
  if (size === 0) {
    throw new ApiError(Err.FILE_SIZE_EMPTY, `file is empty: ${path}`);
  }
  if (size > maxBytes) {
    throw new ApiError(Err.FILE_TOO_LARGE, `file is larger than ${maxBytes} bytes: ${path}`);
  }
  await mkdir(blobDir, { recursive: true });
  const id = randomBytes(12).toString('hex');
  const target = join(blobDir, id);
  const source = await open(path, 'r');
  const sink = await open(`${target}.part`, 'w');
  try {
    const buffer = Buffer.alloc(Math.min(CHUNK, size));
    let done = 0;
    while (done < size) {
      if (options.isCancelled()) {
        throw new ApiError(Err.SEND_FAILED_WITH_CANCEL, 'send cancelled');
      }
      const { bytesRead } = await source.read(buffer, 0, buffer.length, done);
      if (bytesRead === 0) {
        break;
      }
      await sink.write(buffer, 0, bytesRead);
      done += bytesRead;
      options.onProgress(done, size);
      if (options.chunkDelayMs > 0) {
        await new Promise((resolve) => setTimeout(resolve, options.chunkDelayMs));
      }
    }
    await sink.sync();
  } catch (error: unknown) {
    await sink.close();
    await source.close();
    await rm(`${target}.part`, { force: true });
    throw error;
  }
  await sink.close();
  await source.close();
  await rename(`${target}.part`, target);
  return { id, size };
}

/** Checks a download target the way the emulator promises (see the header). */
export async function checkTargetPath(path: string): Promise<string> {
  if (path.length === 0 || path.includes('\0') || !isAbsolute(path)) {
    throw new ApiError(Err.INVALID_PARAMETERS, 'path must be an absolute file path');
  }
  if (path.split(/[\\/]/).includes('..') || normalize(path) !== path.replace(/[\\/]+$/, '')) {
    throw new ApiError(Err.INVALID_PARAMETERS, 'path must be normalised and may not contain ".."');
  }
  if (path.endsWith(sep) || path.endsWith('/')) {
    throw new ApiError(Err.INVALID_PARAMETERS, 'path names a directory');
  }
  try {
    const parent = await stat(dirname(path));
    if (!parent.isDirectory()) {
      throw new Error('not a directory');
    }
  } catch {
    throw new ApiError(Err.IO_OPERATION_FAILED, `directory does not exist: ${dirname(path)}`);
  }
  try {
    if ((await stat(path)).isDirectory()) {
      throw new ApiError(Err.INVALID_PARAMETERS, 'path names a directory');
    }
  } catch (error: unknown) {
    if (error instanceof ApiError) {
      throw error;
    }
  }
  return path;
}

/**
 * Copies a stored payload to `path` (through a temporary file, so a failed copy leaves nothing),
 * calling `onProgress` after each CHUNK read and always at least once with cur == total.
 */
export async function downloadTo(blobDir: string, id: string, path: string, onProgress: (cur: number, total: number) => void): Promise<number> {
  const source = join(blobDir, id);
  const total = (await stat(source)).size;
  const temp = `${path}.${randomBytes(4).toString('hex')}.part`;
  await new Promise<void>((resolve, reject) => {
    // Chunks of CHUNK bytes bound the number of reports (400 for the largest file TIM allows).
    const input = createReadStream(source, { highWaterMark: CHUNK });
    const output = createWriteStream(temp, { flags: 'wx' });
    let cur = 0;
    input.on('data', (chunk) => {
      cur += chunk.length;
      onProgress(cur, total);
    });
    input.on('error', reject);
    output.on('error', reject);
    output.on('finish', () => {
      if (total === 0) {
        onProgress(0, 0); // no chunk was read, but the caller still hears that the copy is complete
      }
      resolve();
    });
    input.pipe(output);
  }).catch(async (error: unknown) => {
    await rm(temp, { force: true });
    throw new ApiError(Err.FILE_TRANS_DOWNLOAD_FAILED, `download failed: ${String(error)}`);
  });
  await rename(temp, path);
  return total;
}

/** GET /blobs/<id>: the payload, for element URLs. */
export function serveBlob(blobDir: string, request: IncomingMessage, response: ServerResponse): void {
  const match = /^\/blobs\/([0-9a-f]{24})$/.exec(request.url ?? '');
  if (request.method !== 'GET' || match === null || match[1] === undefined) {
    response.writeHead(404).end();
    return;
  }
  const stream = createReadStream(join(blobDir, match[1]));
  stream.on('error', () => {
    if (!response.headersSent) {
      response.writeHead(404);
    }
    response.end();
  });
  stream.once('open', () => response.writeHead(200, { 'content-type': 'application/octet-stream' }));
  stream.pipe(response);
}
