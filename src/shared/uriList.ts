/**
 * The URIs of something dropped on a chat panel, as VS Code's workbench hands them to a webview: its own
 * `application/vnd.code.uri-list` and the standard `text/uri-list` (RFC 2483: one per line, `#` lines
 * are comments), or `ResourceURLs` (a JSON array of URI strings) from older workbenches. Pure, so the
 * panel's drop handling and its tests read them alike.
 */

const URI_LIST_TYPES = ['application/vnd.code.uri-list', 'text/uri-list'];

/** The URIs a drop carries, read by `getData` (DataTransfer.getData); none when it carries no URI list. */
export function droppedUris(getData: (type: string) => string): string[] {
  for (const type of URI_LIST_TYPES) {
    const uris = parseUriList(getData(type));
    if (uris.length > 0) {
      return uris;
    }
  }
  try {
    const resources: unknown = JSON.parse(getData('ResourceURLs') || '[]');
    return Array.isArray(resources) ? resources.filter((uri): uri is string => typeof uri === 'string' && uri.length > 0) : [];
  } catch {
    return [];
  }
}

export function parseUriList(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
}
