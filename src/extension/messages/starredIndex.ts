/**
 * Where the starred messages are, per signed-in user: a small JSON file in the extension's global
 * storage, so the "Starred" list survives reloads. The star itself lives on the message (local custom
 * data, starMark.ts); this index only says which messages to look up, and every entry is checked
 * against the message again before it is listed. Pure Node (no vscode): unit-tested.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface StarredEntry {
  /** Conversation key, `c2c_<id>` or `group_<id>`. */
  readonly key: string;
  /** message_msg_id. */
  readonly id: string;
  /** Seconds since the epoch, for ordering. */
  readonly time: number;
}

type IndexFile = Record<string, StarredEntry[]>;

const MAX_ENTRIES_PER_USER = 1000;

function isEntry(value: unknown): value is StarredEntry {
  const v = value as Partial<StarredEntry> | null;
  return typeof v === 'object' && v !== null && typeof v.key === 'string' && typeof v.id === 'string' && typeof v.time === 'number';
}

export class StarredIndex {
  private readonly file: string;

  constructor(storageDir: string) {
    this.file = path.join(storageDir, 'starred.json');
  }

  private read(): IndexFile {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'));
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return {};
      }
      const result: IndexFile = {};
      for (const [user, entries] of Object.entries(parsed as Record<string, unknown>)) {
        result[user] = Array.isArray(entries) ? entries.filter(isEntry) : [];
      }
      return result;
    } catch {
      // Missing or damaged: start over (the stars themselves are on the messages).
      return {};
    }
  }

  private write(data: IndexFile): void {
    fs.mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(data));
    fs.renameSync(temporary, this.file);
  }

  /** Newest first. */
  list(userId: string): StarredEntry[] {
    return [...(this.read()[userId] ?? [])].sort((a, b) => b.time - a.time);
  }

  set(userId: string, entry: StarredEntry, starred: boolean): void {
    const data = this.read();
    const entries = (data[userId] ?? []).filter((e) => e.id !== entry.id);
    if (starred) {
      entries.push(entry);
    }
    data[userId] = entries.slice(-MAX_ENTRIES_PER_USER);
    this.write(data);
  }

  remove(userId: string, ids: readonly string[]): void {
    const data = this.read();
    if (!data[userId]) {
      return;
    }
    const gone = new Set(ids);
    data[userId] = data[userId].filter((e) => !gone.has(e.id));
    this.write(data);
  }
}
