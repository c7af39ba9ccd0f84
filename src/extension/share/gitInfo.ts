/**
 * The git repository a file is in, its remote and its HEAD commit, read from the `.git` folder directly
 * (config, HEAD, loose refs, packed-refs; `.git` files of worktrees and submodules too): no `git`
 * process and never any network. Plain Node (no vscode); the parsers are pure and unit-tested.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface GitRepository {
  /** The working tree's root folder. */
  readonly root: string;
  /** Remote URL (origin, else the first remote), credentials removed. */
  readonly remote?: string;
  /** HEAD's commit, hex; undefined in a repository without commits. */
  readonly commit?: string;
}

/** Sections (`remote "origin"` keeps its subsection's case) to keys (lower case) to values. */
export type GitConfig = Map<string, Map<string, string[]>>;

function unescapeValue(raw: string): string {
  let out = '';
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (c === '"') {
      quoted = !quoted;
    } else if (c === '\\' && i + 1 < raw.length) {
      const next = raw[++i];
      out += next === 'n' ? '\n' : next === 't' ? '\t' : next === 'b' ? '\b' : next;
    } else if ((c === '#' || c === ';') && !quoted) {
      break;
    } else {
      out += c;
    }
  }
  return out.trim();
}

/** Parses git's config format: sections, subsections, comments, quotes, escapes, continued lines. */
export function parseGitConfig(text: string): GitConfig {
  const config: GitConfig = new Map();
  let section: Map<string, string[]> | undefined;
  const lines = text.replace(/\\\r?\n/g, '').split(/\r?\n/);
  for (const line of lines) {
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || trimmed.startsWith(';')) {
      continue;
    }
    const header = /^\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:\\.|[^"\\])*)")?\s*\]\s*(.*)$/.exec(trimmed);
    if (header) {
      const name = header[2] !== undefined ? `${header[1].toLowerCase()} "${header[2].replace(/\\(.)/g, '$1')}"` : header[1].toLowerCase();
      section = config.get(name) ?? new Map<string, string[]>();
      config.set(name, section);
      const rest = header[3];
      if (!rest || rest.startsWith('#') || rest.startsWith(';')) {
        continue;
      }
      // `[core] bare = false` on one line: fall through with what follows the header.
      parseEntry(rest, section);
      continue;
    }
    if (section) {
      parseEntry(trimmed, section);
    }
  }
  return config;
}

function parseEntry(entry: string, section: Map<string, string[]>): void {
  const match = /^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/.exec(entry);
  if (!match) {
    return;
  }
  const key = match[1].toLowerCase();
  const value = match[2] === undefined ? 'true' : unescapeValue(match[2]);
  section.set(key, [...(section.get(key) ?? []), value]);
}

/** The URL of `origin`, else of the first remote with a URL. */
export function remoteUrl(config: GitConfig): string | undefined {
  const origin = config.get('remote "origin"')?.get('url')?.at(-1);
  if (origin) {
    return origin;
  }
  for (const [name, entries] of config) {
    const url = name.startsWith('remote "') ? entries.get('url')?.at(-1) : undefined;
    if (url) {
      return url;
    }
  }
  return undefined;
}

/** Removes `user:password@` (and a lone `token@`) from http(s)-like URLs. */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, (whole, scheme: string) => (/^ssh:\/\//i.test(scheme) ? whole : scheme));
}

/**
 * A remote in a comparable form, `host/owner/repo`, lower case: `git@github.com:Org/Repo.git`,
 * `https://github.com/org/repo`, `ssh://git@github.com:22/org/repo.git` are all `github.com/org/repo`.
 */
export function normalizeRemote(url: string): string {
  let value = url.trim();
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/)(.+)$/.exec(value);
  if (scp && !/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    value = `${scp[1]}/${scp[2]}`;
  } else {
    value = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '').replace(/^[^@/]*@/, '').replace(/^([^/:]+):\d+(?=\/)/, '$1');
  }
  return value.replace(/\/+$/, '').replace(/\.git$/i, '').replace(/\/+/g, '/').toLowerCase();
}

/** Parses packed-refs: ref name to commit (peeled `^` lines are skipped). */
export function parsePackedRefs(text: string): Map<string, string> {
  const refs = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const match = /^([0-9a-f]{40}(?:[0-9a-f]{24})?) (\S+)$/i.exec(line.trim());
    if (match) {
      refs.set(match[2], match[1].toLowerCase());
    }
  }
  return refs;
}

async function readText(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
}

interface GitDirs {
  readonly root: string;
  /** HEAD lives here (a worktree's own folder). */
  readonly gitDir: string;
  /** config, refs and packed-refs live here (the main repository's folder for a worktree). */
  readonly commonDir: string;
}

/** Walks up from `start` to the first folder with a `.git` folder or file. */
export async function findGitDirs(start: string): Promise<GitDirs | undefined> {
  let dir = path.resolve(start);
  for (;;) {
    const dotGit = path.join(dir, '.git');
    const stat = await fs.stat(dotGit).catch(() => undefined);
    if (stat?.isDirectory()) {
      return { root: dir, gitDir: dotGit, commonDir: dotGit };
    }
    if (stat?.isFile()) {
      const pointer = /^gitdir:\s*(.+?)\s*$/m.exec((await readText(dotGit)) ?? '');
      if (pointer) {
        const gitDir = path.resolve(dir, pointer[1]);
        const common = (await readText(path.join(gitDir, 'commondir')))?.trim();
        return { root: dir, gitDir, commonDir: common ? path.resolve(gitDir, common) : gitDir };
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) {
      return undefined;
    }
    dir = parent;
  }
}

/** HEAD's commit: a detached hash, or the branch it names through loose refs, then packed-refs. */
export async function resolveHead(dirs: Pick<GitDirs, 'gitDir' | 'commonDir'>): Promise<string | undefined> {
  let ref = (await readText(path.join(dirs.gitDir, 'HEAD')))?.trim();
  for (let depth = 0; ref && depth < 5; depth++) {
    if (/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/i.test(ref)) {
      return ref.toLowerCase();
    }
    const name = /^ref:\s*(\S+)$/.exec(ref)?.[1];
    if (!name || name.split('/').includes('..')) {
      return undefined;
    }
    const loose = (await readText(path.join(dirs.gitDir, name))) ?? (await readText(path.join(dirs.commonDir, name)));
    if (loose !== undefined) {
      ref = loose.trim();
      continue;
    }
    return parsePackedRefs((await readText(path.join(dirs.commonDir, 'packed-refs'))) ?? '').get(name);
  }
  return undefined;
}

/** The repository holding `filePath` (a file or folder), or undefined when it is in none. */
export async function gitRepositoryOf(filePath: string): Promise<GitRepository | undefined> {
  const dirs = await findGitDirs(filePath);
  if (!dirs) {
    return undefined;
  }
  const config = parseGitConfig((await readText(path.join(dirs.commonDir, 'config'))) ?? '');
  const remote = remoteUrl(config);
  const commit = await resolveHead(dirs);
  return { root: dirs.root, ...(remote ? { remote: stripCredentials(remote) } : {}), ...(commit ? { commit } : {}) };
}
