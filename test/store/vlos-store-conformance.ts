/**
 * The VlosStore conformance suite: every implementation (SQLite, PostgreSQL) must pass it.
 * Call it from a test file with a factory for an empty store.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { VlosReport } from '../../src/domain/vlos.js';
import { parseVlos } from '../../src/parse/vlos.js';
import type { VlosReportWrite, VlosStore } from '../../src/store/vlos-store.js';

export interface VlosStoreFixture {
  store: VlosStore;
  close(): Promise<void>;
}

const report = parseVlos(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vlos', 'europese-top-pechtold.xml'), 'utf8'));
const PECHTOLD = '08c2333e-d465-42cd-b889-2034ac8d756d';
const ACTIVITY = 'cbbc1121-2910-40c1-a876-cce3bf3dfcd9';
const TITEL = '14e vergadering, woensdag 15 oktober 2014';
const write = (verslagId: string, verslagUpdated: string | null, persons: Record<string, string> = { [PECHTOLD]: PECHTOLD }, r: VlosReport = report): VlosReportWrite => ({
  verslagId, vergaderingId: 'verg-1', verslagUpdated, contentHash: 'h-' + verslagId, report: r, persons, docId: null,
});
/** The same report as held on another day. */
const onDay = (datum: string | null): VlosReport => ({ ...report, vergadering: { ...report.vergadering, datum } });

export function runVlosStoreConformance(name: string, make: () => Promise<VlosStoreFixture>): void {
  describe(`VlosStore conformance: ${name}`, () => {
    it('stores, replaces, lists per person and removes reports', async () => {
      const { store, close } = await make();
      try {
        await store.putReport(write('v1', '2014-10-15T21:00:00Z'));
        await store.putReport(write('v2', '2014-10-16T09:00:00Z'));
        assert.deepEqual((await store.getReport('v1'))?.report, report);
        assert.deepEqual(await store.reportState('v1'), { contentHash: 'h-v1', parserVersion: report.parserVersion });
        const rows = await store.speechesOf(PECHTOLD);
        assert.deepEqual(rows.map((r) => [r.verslagId, r.activity, r.activityTitel, r.turns, r.seconds, r.datum, r.vergaderingTitel]), [
          ['v1', 0, 'Europese Top', 2, 183, '2014-10-15', TITEL],
          ['v2', 0, 'Europese Top', 2, 183, '2014-10-15', TITEL],
        ]);
        assert.deepEqual(await store.reportsOfActivity(ACTIVITY), [
          { verslagId: 'v2', activity: 0, vergaderingTitel: TITEL, datum: '2014-10-15', speakers: 2 },
          { verslagId: 'v1', activity: 0, vergaderingTitel: TITEL, datum: '2014-10-15', speakers: 2 },
        ]);
        // Stored again without the link: the person's rows go with it.
        await store.putReport(write('v1', '2014-10-15T21:00:00Z', {}));
        assert.deepEqual((await store.speechesOf(PECHTOLD)).map((r) => r.verslagId), ['v2']);
        assert.deepEqual(await store.staleReports(report.parserVersion + 1, 10), ['v1', 'v2']);
        assert.deepEqual(await store.staleReports(report.parserVersion + 1, 1), ['v1']);
        assert.deepEqual(await store.staleReports(report.parserVersion, 10), []);
        await store.removeReport('v2');
        assert.deepEqual(await store.reportIds(), ['v1']);
        assert.deepEqual(await store.speechesOf(PECHTOLD), []);
        assert.equal(await store.getReport('v2'), null);
        assert.equal(await store.reportState('v2'), null);
      } finally {
        await close();
      }
    });

    it('keeps what was written with a report: its sitting, file, links and document', async () => {
      const { store, close } = await make();
      try {
        await store.putReport({ ...write('v1', null), docId: 'handelingen-1' });
        const got = await store.getReport('v1');
        assert.deepEqual(
          [got?.verslagId, got?.vergaderingId, got?.verslagUpdated, got?.contentHash, got?.persons, got?.docId],
          ['v1', 'verg-1', null, 'h-v1', { [PECHTOLD]: PECHTOLD }, 'handelingen-1'],
        );
        assert.match(got!.parsedAt, /^\d{4}-\d\d-\d\dT/);
        const row = (await store.speechesOf(PECHTOLD))[0]!;
        assert.deepEqual([row.vergaderingId, row.verslagUpdated, row.activityObjectId, row.interruptions, row.chair], ['verg-1', null, ACTIVITY, 0, 0]);
      } finally {
        await close();
      }
    });

    it('lists a person’s speeches newest sitting first (undated last), and by report id within a day', async () => {
      const { store, close } = await make();
      try {
        await store.putReport(write('b-old', '2014-01-01T00:00:00Z', undefined, onDay('2013-05-01T10:00:00')));
        await store.putReport(write('z-new', '2015-01-01T00:00:00Z', undefined, onDay('2015-02-03T10:00:00')));
        await store.putReport(write('a-new', '2015-01-01T00:00:00Z', undefined, onDay('2015-02-03T10:00:00')));
        await store.putReport(write('c-undated', null, undefined, onDay(null)));
        assert.deepEqual((await store.speechesOf(PECHTOLD)).map((r) => [r.verslagId, r.datum]), [
          ['a-new', '2015-02-03'], ['z-new', '2015-02-03'], ['b-old', '2013-05-01'], ['c-undated', null],
        ]);
        assert.deepEqual((await store.speechesOf(PECHTOLD, 2)).map((r) => r.verslagId), ['a-new', 'z-new']);
        // The debate item's reports: latest `updated` first, undated last, ties by report id.
        assert.deepEqual((await store.reportsOfActivity(ACTIVITY)).map((r) => r.verslagId), ['a-new', 'z-new', 'b-old', 'c-undated']);
        assert.deepEqual(await store.reportsOfActivity('onbekend'), []);
        assert.deepEqual(await store.reportIds(), ['a-new', 'b-old', 'c-undated', 'z-new']);
      } finally {
        await close();
      }
    });

    it('stores a report without debate items', async () => {
      const { store, close } = await make();
      try {
        const empty: VlosReport = { ...report, activiteiten: [] };
        await store.putReport(write('leeg', null, {}, empty));
        assert.deepEqual((await store.getReport('leeg'))?.report, empty);
        assert.deepEqual(await store.reportsOfActivity(ACTIVITY), []);
      } finally {
        await close();
      }
    });
  });
}
