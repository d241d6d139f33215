/**
 * The bulk import on PostgreSQL, which stores a batch in a fixed number of statements
 * (Store.saveVersions, StructureWriter.putMany): it stores what the SQLite default stores, and
 * importers on two nodes at once, with the same or clashing records, never double a document,
 * number versions without gaps and log every version once, in commit order.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { importPaths, type ImportSummary } from '../../src/ingest/import.js';
import { openPgServices, openServices, type Opened } from '../../src/main.js';
import { PgDb } from '../../src/store/postgres/connection.js';
import { freshPgSchemaUrl, pgSkip } from '../helpers/pg.js';
import { documentsWithVersions } from '../helpers/stored.js';

const dir = mkdtempSync(join(tmpdir(), 'kl-bulk-pg-'));

const record = (id: string, n: number, tag = '') =>
  JSON.stringify({
    id,
    kind: n % 3 ? 'kamerbrief' : 'nota',
    title: `Document ${id}${tag}`,
    date: `2025-02-${String((n % 28) + 1).padStart(2, '0')}`,
    text: `Geachte voorzitter,\n\nIk zal uw Kamer voor de zomer van 2026 informeren over glasvezel (${n}${tag}).\n\nDe minister,\nA. Jansen`,
  });

/** A bulk file of these lines. */
function bulk(name: string, lines: string[]): string {
  const file = join(dir, name);
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const run = (s: Opened, files: string[], batchSize = 7): Promise<ImportSummary> =>
  importPaths(files, { units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos }, { batchSize, parseInWorker: false });

/** What a store holds, times aside. */
async function contents(s: Opened) {
  const ids = await s.store.documentIds();
  const docs = await documentsWithVersions(s.store, ids);
  const today = '2026-01-01';
  return {
    ids,
    docs,
    stats: await s.store.stats(),
    commitments: await s.structure.commitments({ today, limit: 500 }),
    actors: await s.structure.commitmentActors(),
  };
}

/** The change log as numbered: (seq, doc, version). */
async function changeLog(url: string): Promise<[number, string, number][]> {
  const db = new PgDb(url, { max: 1 });
  try {
    return (await db.rows<{ seq: number; doc_id: string; version: number }>('SELECT seq, doc_id, version FROM watch_changes ORDER BY seq')).map((r) => [r.seq, r.doc_id, r.version]);
  } finally {
    await db.close();
  }
}

describe('bulk import on PostgreSQL', { skip: pgSkip }, () => {
  const opened: Opened[] = [];
  after(() => Promise.all(opened.map((s) => s.close())));
  const pgNode = async (url: string) => {
    const s = await openPgServices(url, null);
    opened.push(s);
    return s;
  };

  it('stores what SQLite stores: new documents, a record twice, a record changed, a bad line, across batches', async () => {
    const lines = Array.from({ length: 30 }, (_, i) => record(`doc-${i}`, i));
    lines.splice(5, 0, '{"id": "kapot", ');
    lines.push(record('doc-3', 3)); // the same record again: unchanged
    lines.push(record('doc-4', 4, ' herzien')); // the same id, new content: a new version
    lines.push(record('Doc 4', 40)); // another record whose id makes the same slug: doc-4-2
    const first = bulk('eerste.ndjson', lines);
    const second = bulk('tweede.ndjson', [record('doc-4', 4, ' nog eens'), record('doc-30', 30), record('doc-0', 0)]);
    const sqlite = openServices(':memory:');
    opened.push(sqlite);
    const url = await freshPgSchemaUrl();
    const postgres = await pgNode(url);
    const a = await run(sqlite, [first, second]);
    const b = await run(postgres, [first, second]);
    assert.deepEqual(b.counts, a.counts);
    assert.deepEqual(a.counts, { new: 32, 'new-version': 2, 'new-file': 0, unchanged: 2, failed: 1 });
    assert.deepEqual(b.failures.map((f) => f.source), a.failures.map((f) => f.source));
    const expected = await contents(sqlite);
    assert.ok(expected.commitments.total >= 30, `${expected.commitments.total} commitments`);
    assert.deepEqual(await contents(postgres), expected);
    assert.deepEqual((await postgres.store.listVersions('doc-4')).map((v) => v.version), [3, 2, 1]);
    assert.ok(expected.ids.includes('doc-4-2'));
    // Every version logged once, numbered without gaps in the order stored.
    const log = await changeLog(url);
    assert.deepEqual(log.map((r) => r[0]), Array.from({ length: 34 }, (_, i) => i + 1));
    assert.deepEqual(log.filter((r) => r[1] === 'doc-4').map((r) => r[2]), [1, 2, 3]);
  });

  it('two nodes importing the same files at once store each record once', async () => {
    const url = await freshPgSchemaUrl();
    const [one, two] = [await pgNode(url), await pgNode(url)];
    const a = bulk('a.ndjson', Array.from({ length: 40 }, (_, i) => record(`gedeeld-${i}`, i)));
    const b = bulk('b.ndjson', Array.from({ length: 40 }, (_, i) => record(`gedeeld-${i + 20}`, i + 20)));
    const [r1, r2] = await Promise.all([run(one, [a, b]), run(two, [b, a])]);
    // 60 distinct records, each stored by one of the two and found unchanged by the other.
    assert.equal(r1.counts.failed + r2.counts.failed, 0, JSON.stringify([r1.failures, r2.failures]));
    assert.equal(r1.counts.new + r2.counts.new, 60);
    assert.equal(r1.counts.unchanged + r2.counts.unchanged, 100);
    const ids = await one.store.documentIds();
    assert.deepEqual([...ids].sort(), Array.from({ length: 60 }, (_, i) => `gedeeld-${i}`).sort());
    assert.deepEqual(await one.store.stats().then((s) => [s.documents, s.versions]), [60, 60]);
    assert.equal((await one.structure.commitments({ today: '2026-01-01', limit: 1000 })).total, 60);
    assert.deepEqual((await changeLog(url)).map((r) => r[0]), Array.from({ length: 60 }, (_, i) => i + 1));
  });

  it('two nodes importing different contents of the same records at once make consecutive versions of one document each', async () => {
    const url = await freshPgSchemaUrl();
    const [one, two] = [await pgNode(url), await pgNode(url)];
    const a = bulk('c.ndjson', Array.from({ length: 30 }, (_, i) => record(`botsing-${i}`, i, ' (a)')));
    const b = bulk('d.ndjson', Array.from({ length: 30 }, (_, i) => record(`botsing-${29 - i}`, 29 - i, ' (b)')));
    // One batch each, the same records in opposite orders: without the batch's id locks the two inserted the same
    // rows each waiting for the other's, and PostgreSQL failed one import (a deadlock: 3 runs of 3 when each record
    // was saved on its own, 1 in 3 with batches that did not lock their ids).
    const [r1, r2] = await Promise.all([run(one, [a], 30), run(two, [b], 30)]);
    assert.equal(r1.counts.failed + r2.counts.failed, 0, JSON.stringify([r1.failures, r2.failures]));
    assert.equal(r1.counts.new + r2.counts.new, 30);
    assert.equal(r1.counts['new-version'] + r2.counts['new-version'], 30);
    assert.deepEqual(await one.store.stats().then((s) => [s.documents, s.versions]), [30, 60]);
    for (let i = 0; i < 30; i++) {
      const id = `botsing-${i}`;
      assert.deepEqual((await two.store.listVersions(id)).map((v) => v.version), [2, 1], id);
      // The document shows its current version, and its structure rows are that version's.
      const current = (await two.store.getVersion(id))!;
      const tag = current.text.includes(' (a))') ? '(a)' : '(b)';
      assert.ok((await two.store.getDocument(id))!.title.endsWith(tag), id);
      const mine = await two.structure.commitments({ today: '2026-01-01', docIds: [id] });
      assert.deepEqual(mine.items.map((c) => c.text), current.structure.commitments.map((c) => c.text), id);
    }
    const log = await changeLog(url);
    assert.deepEqual(log.map((r) => r[0]), Array.from({ length: 60 }, (_, i) => i + 1));
    assert.equal(new Set(log.map((r) => `${r[1]} v${r[2]}`)).size, 60);
  });
});
