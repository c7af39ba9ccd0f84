/**
 * Who may open a merger by its key alone (TIMMsgDownloadMergerMessage on a message taken from an earlier
 * download, which is in nobody's store): sending a merger into a conversation stream grants that stream
 * its own key and every key nested inside it, so whoever can read the outer layer can open the inner
 * ones, and nobody else can.
 */
import type { Database as Db } from 'better-sqlite3';
import { parseTimJson } from '../../../tim/json';
import type { Access } from '../access';
import { isObject } from '../args';
import { Elem, MAX_MERGE_LAYERS } from '../elements';

/** The messages stored under a merge key, or undefined when the key is unknown. */
export function storedMergeMessages(db: Db, key: string): unknown[] | undefined {
  const row = db.prepare('SELECT json FROM merges WHERE key = ?').get(key) as { json: string } | undefined;
  if (row === undefined) {
    return undefined;
  }
  const parsed = parseTimJson(row.json);
  return Array.isArray(parsed) ? parsed : [];
}

/** True when `userId` can see a conversation stream that was granted `key`. */
export function canReadMerge(db: Db, access: Access, userId: string, key: string): boolean {
  const rows = db.prepare('SELECT stream FROM merge_access WHERE key = ?').all(key) as Array<{ stream: string }>;
  return rows.some((r) => access.convOfStream(r.stream, userId) !== undefined);
}

/**
 * The merge keys nested (at any depth) in a merger's message array that `sender` may pass on. Every key
 * is checked against the sender's own grants, including keys found in stored layers: a stored layer is
 * what some sender wrote, and a key they could not read was never granted with it, so trusting it here
 * would let a crafted merger leak another conversation's messages one forward later.
 */
export function nestedMergeKeys(db: Db, access: Access, sender: string, messages: unknown): string[] {
  const found = new Set<string>();
  const walk = (list: unknown, depth: number): void => {
    // Sends are checked against 100 layers (elements.ts); the bound also stops a cycle of stored keys.
    if (depth > MAX_MERGE_LAYERS || !Array.isArray(list)) {
      return;
    }
    for (const message of list) {
      const elems = isObject(message) ? message.message_elem_array : undefined;
      for (const elem of Array.isArray(elems) ? elems : []) {
        if (!isObject(elem) || elem.elem_type !== Elem.MERGE) {
          continue;
        }
        const key = elem.merge_elem_relay_json_key;
        if (typeof key === 'string' && key.length > 0 && !found.has(key) && canReadMerge(db, access, sender, key)) {
          found.add(key);
          walk(storedMergeMessages(db, key), depth + 1);
        }
        walk(elem.merge_elem_message_array, depth + 1);
      }
    }
  };
  walk(messages, 1);
  return [...found];
}

/** Lets the readers of `stream` open these merges (inside the send's commit). */
export function grantMergeKeys(db: Db, stream: string, keys: readonly string[]): void {
  // Every send passes here and almost none carries a merger: preparing the statement cost ~15 µs each.
  if (keys.length === 0) {
    return;
  }
  const insert = db.prepare('INSERT OR IGNORE INTO merge_access(key, stream) VALUES (?, ?)');
  for (const key of keys) {
    insert.run(key, stream);
  }
}
