// WAL checkpoints on their own thread (src/store/sqlite/checkpointer.ts): when the thread
// starts, that it copies the WAL back while the writer goes on, and that closing leaves one
// whole database file.

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase, type SqliteDb } from '../../src/store/index.js';
import { BACKSTOP_PAGES } from '../../src/store/sqlite/checkpointer.js';
import { writerOf } from '../../src/store/sqlite/unit-of-work.js';

const ROW_BYTES = 4000;

function scratch(): string {
  return join(mkdtempSync(join(tmpdir(), 'kl-ckpt-')), 'kamerlens.db');
}

/** `n` rows of ROW_BYTES random bytes from id `from` on, in one unit of work (one commit). */
async function put(db: SqliteDb, from: number, n: number): Promise<void> {
  await writerOf(db).run(async () => {
    const ins = db.prepare('INSERT INTO big (id, data) VALUES (?, ?)');
    for (let i = 0; i < n; i++) ins.run(from + i, randomBytes(ROW_BYTES));
  });
}

const autocheckpoint = (db: SqliteDb) => db.pragma('wal_autocheckpoint', { simple: true }) as number;

describe('WAL checkpoints on their own thread', () => {
  it('start once a commit leaves more than SQLite checkpoints at, copy the WAL back while the writer goes on, and end before the writer closes', async () => {
    const file = scratch();
    const db = openDatabase(file);
    db.exec('CREATE TABLE big (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
    await put(db, 0, 10);
    assert.equal(autocheckpoint(db), 1000, 'a small commit keeps SQLite’s own checkpoints');
    // ~12 MB in one commit: the writer still checkpoints this one itself, then hands over.
    await put(db, 10, 3000);
    assert.equal(autocheckpoint(db), BACKSTOP_PAGES);
    const before = statSync(file).size;
    for (let k = 0; k < 5; k++) await put(db, 3010 + k * 3000, 3000);
    // ~60 MB more, far below the writer's backstop: only the thread copies it into the file.
    let grown = 0;
    for (let i = 0; i < 200 && grown < 57e6; i++) {
      await sleep(50);
      grown = statSync(file).size - before;
    }
    assert.ok(grown >= 57e6, `the database file grew ${grown} bytes while the writer went on`);
    db.close();
    // The writer closed last: it copied the rest and removed the WAL, so the file alone is whole.
    assert.equal(existsSync(`${file}-wal`), false);
    const copy = `${file}.copy`;
    copyFileSync(file, copy);
    const check = new Database(copy, { readonly: true });
    try {
      assert.equal((check.prepare('SELECT COUNT(*) AS n FROM big').get() as { n: number }).n, 18_010);
      assert.equal(check.pragma('integrity_check', { simple: true }), 'ok');
    } finally {
      check.close();
    }
  });

  it('never starts for a process that writes little', async () => {
    const file = scratch();
    const db = openDatabase(file);
    try {
      db.exec('CREATE TABLE big (id INTEGER PRIMARY KEY, data BLOB NOT NULL)');
      for (let k = 0; k < 300; k++) await put(db, k * 5, 5);
      // 6 MB in 300 commits: SQLite's own checkpoints keep the WAL near 4 MB, so none is handed over.
      assert.equal(autocheckpoint(db), 1000);
      assert.ok(statSync(`${file}-wal`).size < 8e6);
    } finally {
      db.close();
    }
  });
});
