/** Which links from messages may be opened: web and mail links only, never commands or files. */

const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL when it may be opened, otherwise undefined. */
export function openableUrl(text: string): string | undefined {
  if (typeof text !== 'string' || text.length > 4096) {
    return undefined;
  }
  try {
    const url = new URL(text.trim());
    return ALLOWED_SCHEMES.has(url.protocol) ? url.toString() : undefined;
  } catch {
    return undefined;
  }
}
