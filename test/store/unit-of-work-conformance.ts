/**
 * Conformance of units of work (src/store/unit-of-work.ts), run on SQLite and PostgreSQL by
 * unit-of-work.test.ts: a unit's writes across stores (a document version, its index entry,
 * a Kamer entity with its cursor, structure rows, and the watch layer's: a monitor's batch,
 * its new watermark, a webhook delivery with its outbox row, a notice) commit together or not
 * at all; neither another connection nor the own process outside the unit sees them while
 * it is open; a nested call joins the outer unit.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, describe, it } from 'node:test';
import type { TkEntity } from '../../src/domain/tk.js';
import { toIndexDocument } from '../../src/ingest/document.js';
import { parseQuery } from '../../src/search/query.js';
import type { NewVersion } from '../../src/store/store.js';
import type { Database, TxStores } from '../../src/store/unit-of-work.js';
import { SO } from '../helpers/structure-fixtures.js';

/** The feed the unit's cursor belongs to (cursors are kept per feed). */
const FEED = 'https://feed.example/SyncFeed/2.0';

export interface UnitOfWorkFixture {
  /** The units of work of one process. */
  units: Database;
  /** That process's stores, outside any unit. */
  stores: TxStores;
  /** The same database through another connection (another node, another process). */
  other: TxStores;
  close(): Promise<void>;
}

const AT = '2025-03-01T08:00:00.000Z';

/** What a unit writes into five stores, and how to look each of them up again. */
function work(n: number) {
  const word = `eenheidswoord${'abcdefghij'[n]}`;
  const text = `Een brief over ${word} en de werking van eenheden van werk.`;
  const bytes = new TextEncoder().encode(text);
  const docId = `uow-brief-${n}`;
  const version: NewVersion = {
    contentHash: createHash('sha256').update(bytes).digest('hex'),
    format: 'text', fileName: `${docId}.txt`, byteSize: bytes.length, mimeType: 'text/plain', text, pages: null,
    structure: SO.structure, original: bytes, title: `Brief ${n}`, kind: SO.structure.kind, date: '2025-03-01',
  };
  const entity: TkEntity = {
    id: `00000000-0000-4000-a000-00000000000${n}`, category: 'Persoon', updated: '2025-03-01T00:00:00Z', deleted: false,
    fields: { achternaam: `Eenheid${n}` }, refs: [],
  };
  const cursor = `cursor-${n}`;
  // The watch rows hang off a user and a monitor made before the unit (`prepare`): what the
  // unit writes is then only what a watch run writes, and each row is looked up on its own.
  const userId = `uow-user-${n}`;
  const monitorId = `uow-monitor-${n}`;
  const outboxId = `uow-outbox-${n}`;
  const notice = `De webhook van volger ${n} is uitgezet.`;
  return {
    docId,
    version,
    /** The user and the monitor the unit's watch rows belong to, committed outside any unit. */
    async prepare(s: TxStores): Promise<void> {
      await s.watchStore.ensureUser({ id: userId, email: `eenheid${n}@example.org`, feedKey: `feed-${n}`, createdAt: AT });
      await s.watchStore.createMonitor({
        id: monitorId, userId, kind: 'search', params: { query: word }, label: word, interval: 'immediate', email: false,
        webhookUrl: 'https://hook.example/uow', webhookSecret: 'geheim', webhookFailures: 0, webhookDisabledAt: null,
        watermark: 0, tkWatermark: null, nextDueAt: null, lastRunAt: null, lastMatchCount: 0, createdAt: AT,
      });
    },
    /** Writes all five through `tx` (after `prepare`); returns the stored document's id. */
    async write(tx: TxStores): Promise<string> {
      const saved = await tx.store.saveVersion(`test:${docId}`, docId, version);
      await tx.index.upsert([toIndexDocument(saved.docId, version)]);
      await tx.tk.applyPage('Persoon', [{ entity, enclosure: null }], { origin: FEED, skiptoken: cursor });
      await tx.structure.put(saved.docId, { title: version.title, kind: version.kind, date: version.date }, SO.structure);
      // What a watch run writes for a monitor, and what switching off a webhook writes.
      const itemKey = `doc:${saved.docId}@${saved.version}`;
      await tx.watchStore.insertBatch({ monitorId, n: 1, items: JSON.stringify([{ reason: word, docs: [[saved.docId, saved.version]] }]), createdAt: AT });
      await tx.watchStore.enqueue({ id: outboxId, userId, monitorId, channel: 'webhook', payload: '{}', nextAttemptAt: AT, createdAt: AT });
      assert.equal(await tx.watchStore.insertDelivery({ monitorId, channel: 'webhook', itemKey, outboxId, queuedAt: AT, deliveredAt: null }), true);
      await tx.watchStore.advanceMonitor(monitorId, 7, null, AT, 1, null);
      await tx.watchStore.addNotice(userId, notice, AT);
      return saved.docId;
    },
    /** Which of the five `s` sees. */
    async seen(s: TxStores, id: string = docId) {
      const hits = await s.index.search({ query: parseQuery(word), offset: 0, limit: 5, snippets: false });
      return {
        version: (await s.store.getDocument(id)) !== null,
        index: hits.hits.some((h) => h.id === id),
        entity: (await s.tk.getEntity(entity.id)) !== null,
        cursor: (await s.tk.getCursor('Persoon', FEED)) === cursor,
        structure: (await s.structure.citations(id)).length > 0,
        batch: (await s.watchStore.countItems(monitorId)) === 1,
        watermark: (await s.watchStore.getMonitor(monitorId))?.watermark === 7,
        delivery: (await s.watchStore.listDeliveries(monitorId, 5)).some((d) => d.outboxId === outboxId && d.outboxStatus === 'pending'),
        notice: (await s.watchStore.listNotices(userId, 5)).some((x) => x.message === notice),
      };
    },
  };
}

const none = { version: false, index: false, entity: false, cursor: false, structure: false, batch: false, watermark: false, delivery: false, notice: false };
const all = { version: true, index: true, entity: true, cursor: true, structure: true, batch: true, watermark: true, delivery: true, notice: true };

export function runUnitOfWorkConformance(name: string, open: () => Promise<UnitOfWorkFixture>): void {
  describe(`units of work: ${name}`, () => {
    const opened: UnitOfWorkFixture[] = [];
    const fresh = async () => {
      const f = await open();
      opened.push(f);
      return f;
    };
    after(() => Promise.all(opened.map((f) => f.close())));

    it('a unit that throws leaves nothing of what it wrote in any store', async () => {
      const f = await fresh();
      const w = work(1);
      await w.prepare(f.stores);
      assert.ok(SO.structure.citations.length > 0, 'the fixture has citations to look up');
      let wrote = '';
      await assert.rejects(
        f.units.transaction(async (tx) => {
          wrote = await w.write(tx);
          // Inside the unit, its own stores see all of it.
          assert.deepEqual(await w.seen(tx, wrote), all);
          throw new Error('de import faalt daarna');
        }),
        /de import faalt daarna/,
      );
      assert.equal(wrote, w.docId);
      assert.deepEqual(await w.seen(f.stores), none);
      assert.deepEqual(await w.seen(f.other), none);
    });

    it('a write that fails inside a unit fails the unit, even when its code catches the error', async () => {
      const f = await fresh();
      const w = work(6);
      await w.prepare(f.stores);
      const extra = work(7);
      await assert.rejects(
        f.units.transaction(async (tx) => {
          await w.write(tx);
          // A batch whose last item adds a version to a document that does not exist: its
          // first item is written before that is found. The unit's code catches the error.
          await assert.rejects(
            tx.store.saveVersions([
              { source: `test:${extra.docId}`, preferredId: extra.docId, version: { ...extra.version, contentHash: 'eenheid-los-1' } },
              { source: 'test:nergens', preferredId: 'nergens', version: { ...extra.version, contentHash: 'eenheid-los-2' }, target: { docId: 'bestaat-niet' } },
            ]),
            RangeError,
          );
        }),
        /rolled back, nothing of it stored/,
      );
      assert.deepEqual(await w.seen(f.stores), none);
      assert.deepEqual(await w.seen(f.other), none);
      assert.equal(await f.other.store.getDocument(extra.docId), null);
      assert.equal(await f.other.store.findByContentHash('eenheid-los-1'), null);
    });

    it('a unit that resolves commits all of it, seen by every connection', async () => {
      const f = await fresh();
      const w = work(2);
      await w.prepare(f.stores);
      const id = await f.units.transaction((tx) => w.write(tx));
      assert.deepEqual(await w.seen(f.stores, id), all);
      assert.deepEqual(await w.seen(f.other, id), all);
    });

    it('while a unit is open, another connection does not see its writes, nor the own process outside the unit', async () => {
      const f = await fresh();
      const w = work(3);
      await w.prepare(f.stores);
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let written!: () => void;
      const wrote = new Promise<void>((r) => (written = r));
      let handed!: TxStores;
      const unit = f.units.transaction(async (tx) => {
        handed = tx;
        await w.write(tx);
        written();
        // Awaiting inside fn: the unit stays open until the readers below are done.
        await held;
      });
      await wrote;
      try {
        assert.deepEqual(await w.seen(f.other), none);
        // Nor does the unit's own process outside the unit (SQLite: its read connection).
        assert.deepEqual(await w.seen(f.stores), none);
        // The unit's stores are bound to it, not found from where they are called: used from
        // outside `fn` (this test's own flow), they still read inside the open unit.
        assert.deepEqual(await w.seen(handed), all);
      } finally {
        release();
        await unit;
      }
      assert.deepEqual(await w.seen(f.other), all);
    });

    it('a nested transaction joins the outer unit: rolled back with it, committed with it', async () => {
      const f = await fresh();
      const a = work(4);
      const b = work(5);
      await a.prepare(f.stores);
      await b.prepare(f.stores);
      let inner: TxStores | null = null;
      await assert.rejects(
        f.units.transaction(async (outer) => {
          await f.units.transaction(async (tx) => {
            inner = tx;
            await a.write(tx);
          });
          // The inner unit returned, but nothing is committed before the outer one is.
          assert.deepEqual(await a.seen(f.other), none);
          assert.deepEqual(await a.seen(outer), all);
          throw new Error('buitenste eenheid faalt');
        }),
        /buitenste eenheid faalt/,
      );
      assert.ok(inner !== null);
      assert.deepEqual(await a.seen(f.other), none);
      assert.deepEqual(await a.seen(f.stores), none);

      await f.units.transaction(async () => {
        await f.units.transaction((tx) => b.write(tx));
        assert.deepEqual(await b.seen(f.other), none);
      });
      assert.deepEqual(await b.seen(f.other), all);
    });

    it('a unit that throws after a nested one threw and was caught still commits what the outer kept', async () => {
      const f = await fresh();
      const a = work(6);
      await a.prepare(f.stores);
      await f.units.transaction(async (tx) => {
        await a.write(tx);
        // A nested unit joins: its failure is the caller's to handle, not a rollback of its own.
        await assert.rejects(f.units.transaction(async () => {
          throw new Error('binnenste');
        }));
      });
      assert.deepEqual(await a.seen(f.other), all);
    });
  });
}
