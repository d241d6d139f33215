/**
 * `kamerlens import` killed with SIGKILL mid-import, then run again, on both backends: while it
 * stores batches, at a batch boundary's next batch, and in the promise pass and watch run that
 * follow. Each kill is timed by what the database holds (the number of documents stored), not
 * by a clock, so it lands mid-import on a fast machine as on a slow one. The data must end as
 * one uninterrupted import leaves it: every document once, each with one version, the same
 * texts, structure, commitments and search answers, and the change log the monitors read
 * holding every version exactly once.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openPgServices, openServices, type Opened } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { PgDb } from '../../src/store/postgres/connection.js';
import { freshPgUrl, pgSkip } from '../helpers/pg.js';
import { documentsWithVersions } from '../helpers/stored.js';

const root = join(import.meta.dirname, '..', '..');
const MAIN = join(root, 'src', 'main.ts');
const RECORDS = 3000;

const WORDS = ['glasvezel', 'cyberbeveiliging', 'telecomraad', 'lidstaten', 'desinformatie', 'netneutraliteit', 'frequenties', 'toezicht', 'weerbaarheid', 'ransomware'];

/** A bulk file of `RECORDS` letters; every third promises something by a date, so the promise pass has work. */
function bulkFile(dir: string): string {
  const lines: string[] = [];
  for (let n = 0; n < RECORDS; n++) {
    const a = WORDS[n % WORDS.length]!;
    const b = WORDS[(n * 7 + 3) % WORDS.length]!;
    const promise = n % 3 === 0 ? `Ik zal uw Kamer voor de zomer van 2026 informeren over ${a} (${n}).\n\n` : '';
    lines.push(
      JSON.stringify({
        id: `brief-${n}`,
        kind: n % 4 === 0 ? 'nota' : 'kamerbrief',
        title: `Brief ${n} over ${a} en ${b}`,
        date: `202${n % 6}-${String((n % 12) + 1).padStart(2, '0')}-${String((n % 28) + 1).padStart(2, '0')}`,
        text: `Geachte voorzitter,\n\nIn deze brief ${n} ga ik in op ${a} en op ${b} in de Europese Unie.\n\n${promise}De minister van Economische Zaken,\nA. Jansen`,
      }),
    );
  }
  const file = join(dir, 'brieven.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

/**
 * `kamerlens import file` in a child. With `killWhen`, the database is polled and the child
 * killed with SIGKILL once `killWhen(stored documents)` holds (the number pushed on `killedAt`);
 * resolves whether it was killed (false: it ended first, which must then be a success).
 */
function importChild(env: Record<string, string>, file: string, stored: () => Promise<number>, killWhen: ((n: number) => boolean) | null, killedAt: number[] = []): Promise<boolean> {
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'import', file], { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let ended = false;
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code, signal) => {
      ended = true;
      if (signal === 'SIGKILL') return ok(true);
      if (code !== 0) return fail(new Error(`kamerlens import exited with ${code}: ${err}`));
      ok(false);
    });
    if (!killWhen) return;
    void (async () => {
      while (!ended) {
        const n = await stored().catch(() => 0);
        if (!ended && killWhen(n)) {
          killedAt.push(n);
          child.kill('SIGKILL');
          return;
        }
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
  });
}

/** What an import leaves, times aside: documents with their versions, stats, commitments, search answers and the change log. */
async function contents(s: Opened) {
  const ids = (await s.store.documentIds()).sort();
  const docs = await documentsWithVersions(s.store, ids);
  const today = '2026-01-01';
  const search = [];
  for (const q of ['glasvezel', 'telecomraad lidstaten', '"Europese Unie"', 'ransomware kind:nota']) {
    const r = await s.index.search({ query: parseQuery(q), offset: 0, limit: 20 });
    search.push({ q, total: r.total, ids: r.hits.map((h) => h.id) });
  }
  const head = await s.watchStore.changeHead();
  const changes = (await s.watchStore.changedDocuments(0, head)).map((c) => `${c.docId}@${c.version}`);
  return {
    ids,
    docs,
    stats: await s.store.stats(),
    commitments: (await s.structure.commitments({ today, limit: 5000 })).total,
    search,
    // Each version logged once (in any order: batches commit in their own order after a kill).
    changes: [...changes].sort(),
    changesOnce: new Set(changes).size === changes.length,
  };
}

describe('kamerlens import killed with -9 and run again', { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'kl-ikill-'));
  const file = bulkFile(dir);
  let reference: Awaited<ReturnType<typeof contents>> | null = null;

  const referenceContents = async () => {
    if (reference) return reference;
    const data = mkdtempSync(join(tmpdir(), 'kl-ikill-ref-'));
    await importChild({ KAMERLENS_DATA: data }, file, async () => 0, null);
    const s = openServices(join(data, 'kamerlens.db'));
    try {
      reference = await contents(s);
    } finally {
      await s.close();
    }
    assert.equal(reference.ids.length, RECORDS);
    assert.ok(reference.commitments >= RECORDS / 3, `commitments found: ${reference.commitments}`);
    assert.ok(reference.changesOnce);
    return reference;
  };

  /** Kills mid-batch (after the first batch, and later), and at the end (the promise pass and watch run), then a run to the end. */
  const killThenResume = async (env: Record<string, string>, stored: () => Promise<number>) => {
    let killed = 0;
    const killedAt: number[] = [];
    for (const at of [1, RECORDS / 2, RECORDS]) {
      if (await importChild(env, file, stored, (n) => n >= at, killedAt)) killed++;
    }
    assert.ok(killed >= 2, `killed ${killed} of 3 imports before they ended`);
    assert.ok(killedAt.some((n) => n > 0 && n < RECORDS), `a kill landed with part of the file stored: ${killedAt.join(', ')}`);
    assert.equal(await importChild(env, file, stored, null), false);
  };

  it('SQLite: the same data as one uninterrupted import', async () => {
    const ref = await referenceContents();
    const data = mkdtempSync(join(tmpdir(), 'kl-ikill-lite-'));
    const dbFile = join(data, 'kamerlens.db');
    let reader: Database.Database | null = null;
    const stored = async () => {
      if (!reader) {
        if (!existsSync(dbFile)) return 0;
        reader = new Database(dbFile, { readonly: true, fileMustExist: true });
      }
      return (reader.prepare('SELECT COUNT(*) AS n FROM documents').get() as { n: number }).n;
    };
    try {
      await killThenResume({ KAMERLENS_DATA: data }, stored);
    } finally {
      (reader as Database.Database | null)?.close();
    }
    const s = openServices(dbFile);
    try {
      assert.deepEqual(await contents(s), ref);
    } finally {
      await s.close();
    }
  });

  it('PostgreSQL: the same data as one uninterrupted import into SQLite', { skip: pgSkip }, async () => {
    const ref = await referenceContents();
    const url = await freshPgUrl();
    const env = { KAMERLENS_DATABASE_URL: url, KAMERLENS_DATA: mkdtempSync(join(tmpdir(), 'kl-ikill-pg-')) };
    const migrated = await new Promise<number | null>((ok) => spawn(process.execPath, ['--import', 'tsx', MAIN, 'migrate'], { cwd: root, env: { ...process.env, ...env }, stdio: 'ignore' }).on('exit', ok));
    assert.equal(migrated, 0);
    const db = new PgDb(url, { max: 1 });
    const stored = async () => (await db.one<{ n: number }>('SELECT COUNT(*)::int AS n FROM documents'))!.n;
    try {
      await killThenResume(env, stored);
    } finally {
      await db.close();
    }
    const s = await openPgServices(url, null);
    try {
      assert.deepEqual(await contents(s), ref);
    } finally {
      await s.close();
    }
  });
});
