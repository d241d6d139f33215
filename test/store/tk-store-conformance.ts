/**
 * The TkStore conformance suite: every implementation (SQLite now, PostgreSQL later) must
 * pass it. Call it from an implementation's test file with a factory for an empty store.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { TkEntity } from '../../src/domain/tk.js';
import type { TkEntryWrite, TkStore } from '../../src/store/tk-store.js';

const G = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;

function zaak(n: number, extra: Partial<TkEntity> = {}): TkEntity {
  return {
    id: G(n), category: 'Zaak', updated: '2025-03-03T12:00:00.000Z', deleted: false,
    fields: { nummer: `2025Z0${n}`, soort: 'Motie', afgedaan: 'false' }, refs: [{ name: 'kamerstukdossier', ref: G(900) }], ...extra,
  };
}
const entry = (entity: TkEntity, enclosure: string | null = null): TkEntryWrite => ({ entity, enclosure });

export function runTkStoreConformance(name: string, makeStore: () => Promise<TkStore>): void {
  describe(`TkStore conformance: ${name}`, () => {
    it('stores a page with its cursor and reads entities back exactly', async () => {
      const s = await makeStore();
      const e = zaak(1, { fields: { nummer: '2025Z03735', titel: null, zaak: ['a', 'b'] } });
      const r = await s.applyPage('Zaak', [entry(e)], '37');
      assert.deepEqual(r, { upserted: 1, deleted: 0, filesQueued: 0 });
      assert.deepEqual(await s.getEntity(G(1)), e);
      assert.equal(await s.getCursor('Zaak'), '37');
      assert.equal(await s.getCursor('Document'), null);
      assert.deepEqual(await s.listCursors(), [{ category: 'Zaak', cursor: '37' }]);
    });

    it('upserts by id: a re-sent entity replaces fields and references', async () => {
      const s = await makeStore();
      await s.applyPage('Zaak', [entry(zaak(1))], '1');
      const changed = zaak(1, { fields: { nummer: '2025Z01', afgedaan: 'true' }, refs: [{ name: 'activiteit', ref: G(5) }, { name: 'activiteit', ref: G(6) }] });
      await s.applyPage('Zaak', [entry(changed)], '9');
      assert.deepEqual(await s.getEntity(G(1)), changed);
      assert.deepEqual(await s.refsTo(G(900)), []);
      assert.equal((await s.listEntities({ category: 'Zaak' })).total, 1);
    });

    it('answers references in both directions, with the category at the other end', async () => {
      const s = await makeStore();
      const dossier: TkEntity = { id: G(900), category: 'Kamerstukdossier', updated: null, deleted: false, fields: { nummer: '21501' }, refs: [] };
      await s.applyPage('Kamerstukdossier', [entry(dossier)], '1');
      await s.applyPage('Zaak', [entry(zaak(1)), entry(zaak(2))], '3');
      assert.deepEqual(await s.refsFrom(G(1)), [{ fromId: G(1), name: 'kamerstukdossier', toId: G(900), otherCategory: 'Kamerstukdossier' }]);
      const to = await s.refsTo(G(900));
      assert.deepEqual(to.map((r) => [r.fromId, r.otherCategory]), [[G(1), 'Zaak'], [G(2), 'Zaak']]);
      assert.equal((await s.refsTo(G(900), 'zaak')).length, 0);
    });

    it('a tombstone deletes the entity, its outgoing references and its file record', async () => {
      const s = await makeStore();
      await s.applyPage('Zaak', [entry(zaak(1), 'http://x/Resources/1')], '1');
      const r = await s.applyPage('Zaak', [entry({ ...zaak(1), deleted: true, fields: {}, refs: [] })], '2');
      assert.equal(r.deleted, 1);
      assert.equal(await s.getEntity(G(1)), null);
      assert.deepEqual(await s.refsTo(G(900)), []);
      assert.equal(await s.getFile(G(1)), null);
      // A tombstone for an entity never seen is harmless.
      await s.applyPage('Zaak', [entry({ ...zaak(2), deleted: true })], '3');
      assert.equal(await s.getCursor('Zaak'), '3');
    });

    it('a failing page stores nothing, not even its cursor', async () => {
      const s = await makeStore();
      await s.applyPage('Zaak', [entry(zaak(1))], '1');
      await assert.rejects(s.applyPage('Zaak', [entry(zaak(2)), entry({ ...zaak(3), id: '' })], '5'));
      assert.equal(await s.getEntity(G(2)), null);
      assert.equal(await s.getCursor('Zaak'), '1');
    });

    it('lists a category paged by id and filtered by a field, repeated fields included', async () => {
      const s = await makeStore();
      const many = [1, 2, 3, 4, 5].map((n) => zaak(n, { fields: { soort: n % 2 ? 'Motie' : 'Amendement', tag: ['x', `y${n}`] } }));
      await s.applyPage('Zaak', many.map((e) => entry(e)), '5');
      const page = await s.listEntities({ category: 'Zaak', offset: 1, limit: 2 });
      assert.equal(page.total, 5);
      assert.deepEqual(page.items.map((e) => e.id), [G(2), G(3)]);
      const moties = await s.listEntities({ category: 'Zaak', field: 'soort', value: 'Motie' });
      assert.deepEqual(moties.items.map((e) => e.id), [G(1), G(3), G(5)]);
      assert.deepEqual((await s.listEntities({ category: 'Zaak', field: 'tag', value: 'y4' })).items.map((e) => e.id), [G(4)]);
      assert.deepEqual(await s.countByCategory(), [{ category: 'Zaak', count: 5 }]);
    });

    it('queues files with the page, keeps them queued until fetched, and requeues only on change', async () => {
      const s = await makeStore();
      const doc: TkEntity = { ...zaak(7), category: 'Document', file: { contentType: 'application/pdf', contentLength: 10 } };
      const r = await s.applyPage('Document', [entry(doc, 'http://x/Resources/7')], '7');
      assert.equal(r.filesQueued, 1);
      let f = await s.getFile(G(7));
      assert.equal(f?.status, 'pending');
      assert.equal(f?.version, 0);
      assert.deepEqual((await s.filesToFetch(10)).map((x) => x.entityId), [G(7)]);

      await s.recordFileFailed(G(7), 'missing', 'HTTP 404');
      f = await s.getFile(G(7));
      assert.deepEqual([f?.status, f?.attempts, f?.lastError], ['missing', 1, 'HTTP 404']);
      assert.equal((await s.filesToFetch(10)).length, 1);

      await s.recordFileFetched(G(7), doc.updated, { version: 1, contentHash: 'h1', byteCount: 10, path: 'files/a.v1.pdf' });
      f = await s.getFile(G(7));
      assert.deepEqual([f?.status, f?.version, f?.contentHash, f?.attempts, f?.lastError], ['ok', 1, 'h1', 0, null]);
      assert.equal((await s.filesToFetch(10)).length, 0);

      // The same state re-sent: nothing to fetch. A newer state: queued again, old file kept.
      assert.equal((await s.applyPage('Document', [entry(doc, 'http://x/Resources/7')], '8')).filesQueued, 0);
      assert.equal((await s.getFile(G(7)))?.status, 'ok');
      await s.applyPage('Document', [entry({ ...doc, updated: '2025-04-01T00:00:00.000Z' }, 'http://x/Resources/7')], '9');
      f = await s.getFile(G(7));
      assert.deepEqual([f?.status, f?.version, f?.path], ['pending', 1, 'files/a.v1.pdf']);
    });

    it('a download of an older state does not mark a re-sent entity fetched', async () => {
      const s = await makeStore();
      const doc: TkEntity = { ...zaak(8), category: 'Document', file: { contentType: 'text/plain', contentLength: 3 } };
      await s.applyPage('Document', [entry(doc, 'http://x/Resources/8')], '1');
      await s.applyPage('Document', [entry({ ...doc, updated: '2026-01-01T00:00:00.000Z' }, 'http://x/Resources/8')], '2');
      await s.recordFileFetched(G(8), doc.updated, { version: 1, contentHash: 'h', byteCount: 3, path: 'p' });
      const f = await s.getFile(G(8));
      assert.deepEqual([f?.status, f?.version], ['pending', 1]);
    });
  });
}
