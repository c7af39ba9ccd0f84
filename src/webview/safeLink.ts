/**
 * Which link targets a message may carry: absolute http, https and mailto URLs, and TIM Chat's own
 * links to messages and groups (shared/chatLink.ts, which the host opens itself, never the OS). Anything else
 * (javascript:, data:, command:, file:, other vscode: links, relative paths) is not a link and stays text.
 */
import { parseChatLink } from '../shared/chatLink';

const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The normalised URL when `raw` is an allowed link target, otherwise undefined. */
export function safeLinkTarget(raw: string): string | undefined {
  const candidate = raw.trim();
  // Control characters and whitespace inside a URL are how scheme filters get fooled ("java\tscript:").
  if (candidate.length === 0 || candidate.length > 2048 || /[\u0000-\u0020\u007f-\u009f]/.test(candidate)) {
    return undefined;
  }
  if (parseChatLink(candidate)) {
    return candidate;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return undefined;
  }
  if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
    return undefined;
  }
  // "http:/x" parses (as http://x/) but nobody writes it meaning a link.
  if (url.protocol !== 'mailto:' && (url.hostname.length === 0 || !/^https?:\/\//i.test(candidate))) {
    return undefined;
  }
  return url.href;
}
