/**
 * The MissingStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it.
 * Unresolved citations are read from the structure index of the same backend, so the
 * fixture brings its StructureWriter.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyStructure, type Citation, type DocumentKind } from '../../src/domain/index.js';
import type { MissingStore } from '../../src/store/missing-store.js';
import type { StructureWriter } from '../../src/store/structure-index.js';

export interface MissingStoreFixture {
  missing: MissingStore;
  /** The structure index on the same database; null while the backend has none. */
  structure: StructureWriter | null;
  close(): Promise<void>;
}

const kst = (raw: string, dossier: string, number: string): Citation => ({ kind: 'kamerstuk', raw, dossier, number, year: null });
const council = (raw: string): Citation => ({ kind: 'council-doc', raw, id: raw });

async function put(w: StructureWriter, id: string, date: string | null, citations: Citation[], councilDocs: string[] = [], kind: DocumentKind = 'kamerbrief') {
  const s = emptyStructure(kind);
  s.citations = citations;
  s.identifiers = { ...s.identifiers, councilDocs };
  await w.put(id, { title: `Titel ${id}`, kind, date }, s);
}

export function runMissingStoreConformance(name: string, make: () => Promise<MissingStoreFixture>): void {
  describe(`MissingStore conformance: ${name}`, () => {
    it('keeps reports and lists them newest first', async () => {
      const f = await make();
      try {
        assert.deepEqual(await f.missing.reports(10), []);
        const a = await f.missing.addReport({ what: 'Kamerstuk 1 nr. 1', where: null, userId: 'u1', at: '2026-01-01T10:00:00.000Z' });
        const b = await f.missing.addReport({ what: 'Verslag Telecomraad <4 maart>', where: 'https://www.rijksoverheid.nl/x', userId: 'u2', at: '2026-01-02T10:00:00.000Z' });
        assert.deepEqual(a, { id: a.id, what: 'Kamerstuk 1 nr. 1', where: null, reportedAt: '2026-01-01T10:00:00.000Z' });
        assert.ok(Number.isInteger(a.id) && b.id > a.id);
        assert.deepEqual(await f.missing.reports(10), [b, a]);
        assert.deepEqual(await f.missing.reports(1), [b]);
      } finally {
        await f.close();
      }
    });

    it('lists cited keys no stored document carries, most cited first, with spellings and citing documents', async () => {
      const f = await make();
      try {
        assert.ok(f.structure, 'the factory gives a structure store');
        assert.deepEqual(await f.missing.unresolvedCitations(10), []);
        await put(f.structure, 'brief-a', '2025-01-02', [
          kst('Kamerstuk 36259, nr. 2', '36259', '2'),
          council('13943/17'),
          council('6163/25'),
          kst('Kamerstuk 21501-33, nr. 1', '21501-33', '1'),
        ]);
        await put(f.structure, 'brief-b', null, [kst('Kamerstukken 36 259, nr. 2', '36 259', '2'), kst('Kamerstuk 36259 nr 2', '36259', '02')]);
        // A spelling cited twice is one spelling.
        await put(f.structure, 'brief-c', '2024-05-05', [council('ST 13943/17'), council('13943/17 REV 1'), council('13943/17 ADD 1'), council('13943/17'), council('13943/17 COR 1')]);
        // Carries 6163/25: cited, but not missing.
        await put(f.structure, 'raad-6163', '2025-02-01', [], ['6163/25'], 'raadsconclusies');
        const got = await f.missing.unresolvedCitations(10);
        // Two documents cite each of the first two (ties by key, in byte order); one the last.
        assert.deepEqual(got.map((c) => c.key), ['council:13943/17', 'kamerstuk:36259/2', 'kamerstuk:21501-33/1']);
        assert.deepEqual(got[0]!.raws, ['13943/17', '13943/17 ADD 1', '13943/17 COR 1'], 'at most three spellings, in byte order');
        assert.deepEqual(got[0]!.citedBy, [
          { id: 'brief-a', title: 'Titel brief-a', kind: 'kamerbrief', date: '2025-01-02' },
          { id: 'brief-c', title: 'Titel brief-c', kind: 'kamerbrief', date: '2024-05-05' },
        ]);
        assert.deepEqual(got[1]!.raws, ['Kamerstuk 36259 nr 2', 'Kamerstuk 36259, nr. 2', 'Kamerstukken 36 259, nr. 2']);
        assert.deepEqual(got[1]!.citedBy.map((d) => [d.id, d.date]), [['brief-a', '2025-01-02'], ['brief-b', null]], 'undated last');
        assert.deepEqual((await f.missing.unresolvedCitations(1)).map((c) => c.key), ['council:13943/17']);
        // Stored now: no longer missing.
        await put(f.structure, 'raad-13943', '2017-11-01', [], ['13943/17'], 'raadsconclusies');
        assert.deepEqual((await f.missing.unresolvedCitations(10)).map((c) => c.key), ['kamerstuk:36259/2', 'kamerstuk:21501-33/1']);
      } finally {
        await f.close();
      }
    });

    it('names the ten newest citers of a key cited by many documents and of one cited by few, undated last', async () => {
      const f = await make();
      try {
        assert.ok(f.structure, 'the factory gives a structure store');
        // 120 documents: every third cites 36259/2 (40, with ties of date and undated ones), one cites 21501-33/1.
        const many = kst('Kamerstuk 36259, nr. 2', '36259', '2');
        // And every tenth from the fifth cites 36259/3 (12, many as well), only five of them dated: its list goes on with undated ones.
        const mostlyUndated = kst('Kamerstuk 36259, nr. 3', '36259', '3');
        const expected: { id: string; date: string | null }[] = [];
        const expectedMostlyUndated: { id: string; date: string | null }[] = [];
        for (let i = 0; i < 120; i++) {
          const id = `doc-${String(i).padStart(3, '0')}`;
          const date = i % 11 === 0 || (i % 10 === 5 && i >= 50) ? null : `2024-${String(1 + (i % 12)).padStart(2, '0')}-0${1 + (i % 3)}`;
          const cites = i % 3 === 0 ? [many] : i === 7 ? [kst('Kamerstuk 21501-33, nr. 1', '21501-33', '1')] : [];
          if (i % 10 === 5) cites.push(mostlyUndated);
          await put(f.structure, id, date, cites);
          if (i % 3 === 0) expected.push({ id, date });
          if (i % 10 === 5) expectedMostlyUndated.push({ id, date });
        }
        // Newest first, ties by id in byte order, undated last.
        const newestFirst = (a: { id: string; date: string | null }, b: { id: string; date: string | null }) =>
          a.date === b.date ? (a.id < b.id ? -1 : 1) : a.date === null ? 1 : b.date === null ? -1 : a.date < b.date ? 1 : -1;
        expected.sort(newestFirst);
        expectedMostlyUndated.sort(newestFirst);
        const got = await f.missing.unresolvedCitations(10);
        assert.deepEqual(got.map((c) => c.key), ['kamerstuk:36259/2', 'kamerstuk:36259/3', 'kamerstuk:21501-33/1']);
        assert.deepEqual(got[0]!.citedBy.map((d) => [d.id, d.date]), expected.slice(0, 10).map((d) => [d.id, d.date]));
        assert.deepEqual(got[1]!.citedBy.map((d) => [d.id, d.date]), expectedMostlyUndated.slice(0, 10).map((d) => [d.id, d.date]));
        assert.equal(got[1]!.citedBy.filter((d) => d.date === null).length, 5, 'five dated, then undated ones by id');
        assert.deepEqual(got[2]!.citedBy.map((d) => d.id), ['doc-007']);
      } finally {
        await f.close();
      }
    });
  });
}
