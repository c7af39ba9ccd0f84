/**
 * Opening a data directory an older emulator wrote: the columns added since are added, rows kept.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DB_FILE, openDatabase } from '../../../src/emulator/server/schema';

describe('tim-emulator schema migration', function () {
  it('adds groups.dismissed (TIMGroupDelete) to a groups table without it; existing groups are not dismissed', function () {
    const dir = mkdtempSync(join(tmpdir(), 'tim-emulator-schema-'));
    try {
      const old = new Database(join(dir, DB_FILE));
      // The groups table as emulators before TIMGroupDelete created it.
      old.exec(`CREATE TABLE groups(
        group_id TEXT PRIMARY KEY, name TEXT NOT NULL, type INTEGER NOT NULL, owner TEXT NOT NULL,
        created INTEGER NOT NULL, face_url TEXT NOT NULL DEFAULT '', notification TEXT NOT NULL DEFAULT '',
        introduction TEXT NOT NULL DEFAULT '', add_option INTEGER NOT NULL DEFAULT 2, max_members INTEGER NOT NULL,
        info_seq INTEGER NOT NULL DEFAULT 1)`);
      old.prepare("INSERT INTO groups(group_id, name, type, owner, created, max_members) VALUES ('team', 'Team', 0, 'ann', 1, 2000)").run();
      old.close();
      const db = openDatabase(dir, 'normal');
      try {
        assert.deepEqual(db.prepare('SELECT group_id, name, dismissed FROM groups').all(), [{ group_id: 'team', name: 'Team', dismissed: 0 }]);
      } finally {
        db.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
