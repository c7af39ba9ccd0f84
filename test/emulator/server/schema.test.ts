/**
 * Opening a data directory an older emulator wrote: the columns added since are added, rows kept.
 */
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { readTimeOf, requestOf, setReadTime, storeApplication } from '../../../src/emulator/server/groupRequestStore';
import { DB_FILE, openDatabase } from '../../../src/emulator/server/schema';

/** A fresh data dir for `test`, removed afterwards. */
function withDataDir(test: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'tim-emulator-schema-'));
  try {
    test(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('tim-emulator schema migration', function () {
  it('adds the join request tables (group_requests, pendency_reads) to a data dir from before them; they work at once', function () {
    withDataDir((dir) => {
      // Everything of today's schema but the two tables, as an emulator before join requests left it.
      const old = openDatabase(dir, 'normal');
      old.exec('DROP TABLE group_requests; DROP TABLE pendency_reads');
      old.prepare("INSERT INTO groups(group_id, name, type, owner, created, add_option, max_members) VALUES ('team', 'Team', 0, 'ann', 1, 1, 2000)").run();
      old.close();
      const db = openDatabase(dir, 'normal');
      try {
        const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('group_requests', 'pendency_reads') ORDER BY name").all();
        assert.deepEqual(tables, [{ name: 'group_requests' }, { name: 'pendency_reads' }]);
        const id = storeApplication(db, 'team', 'bo', 100, 'hi');
        assert.equal(storeApplication(db, 'team', 'bo', 101, 'hi again'), id, 'one undecided request per applicant');
        assert.deepEqual([requestOf(db, 'team', 'bo')?.msg, requestOf(db, 'team', 'bo')?.add_time], ['hi again', 101]);
        assert.equal(readTimeOf(db, 'ann'), 0n);
        setReadTime(db, 'ann', 2n ** 64n - 1n);
        assert.equal(readTimeOf(db, 'ann'), 2n ** 64n - 1n);
        assert.deepEqual(db.prepare('SELECT group_id, add_option, dismissed FROM groups').all(), [{ group_id: 'team', add_option: 1, dismissed: 0 }]);
      } finally {
        db.close();
      }
    });
  });

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
