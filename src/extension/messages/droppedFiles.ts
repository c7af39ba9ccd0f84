/**
 * Files dropped on a chat panel (from VS Code's Explorer or an editor tab, which hand the webview their
 * URIs): which local paths they name. The list comes from the webview, so it is checked as untrusted
 * input: an array of at most MAX_DROPPED_FILES strings, each a `file:` URI, or a `vscode-remote:` one (a
 * remote window's Explorer; the extension host runs on that machine, where the path is local). Anything
 * else is refused by name. Pure (Node's URL), so it is unit-tested without VS Code.
 */
import { fileURLToPath } from 'node:url';

/** Files one drop may send: enough for a handful of screenshots or logs, few enough to read before sending. */
export const MAX_DROPPED_FILES = 20;

export interface DroppedPaths {
  readonly paths: readonly string[];
  /** What was dropped but is no file on this machine (another scheme, not a URI): as given, for the error. */
  readonly refused: readonly string[];
}

/** The local paths `uris` name, each once, in order; throws when it is not a list of at most MAX_DROPPED_FILES strings. */
export function droppedPaths(uris: unknown): DroppedPaths {
  if (!Array.isArray(uris) || uris.length > MAX_DROPPED_FILES || uris.some((uri) => typeof uri !== 'string')) {
    throw new RangeError(`expected at most ${MAX_DROPPED_FILES} URIs`);
  }
  const paths: string[] = [];
  const refused: string[] = [];
  for (const uri of uris as string[]) {
    const local = localPathOf(uri);
    if (local === undefined) {
      refused.push(uri);
    } else if (!paths.includes(local)) {
      paths.push(local);
    }
  }
  return { paths, refused };
}

function localPathOf(uri: string): string | undefined {
  let url: URL;
  try {
    url = new URL(uri);
  } catch {
    return undefined;
  }
  try {
    if (url.protocol === 'file:') {
      return fileURLToPath(url);
    }
    if (url.protocol === 'vscode-remote:' && url.pathname.startsWith('/')) {
      return decodeURIComponent(url.pathname);
    }
  } catch {
    // A file URI with a host or an encoded slash: not a path here.
  }
  return undefined;
}
