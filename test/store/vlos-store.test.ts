/** The SQLite VlosStore: a report replaces what was stored for its Verslag, per person rows follow it. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { parseVlos } from '../../src/parse/vlos.js';
import { openDatabase } from '../../src/store/index.js';
import { SqliteVlosStore } from '../../src/store/sqlite/vlos-store.js';

const report = parseVlos(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vlos', 'europese-top-pechtold.xml'), 'utf8'));
const PECHTOLD = '08c2333e-d465-42cd-b889-2034ac8d756d';
const write = (verslagId: string, verslagUpdated: string, persons: Record<string, string> = { [PECHTOLD]: PECHTOLD }) => ({
  verslagId, vergaderingId: 'verg-1', verslagUpdated, contentHash: 'h-' + verslagId, report, persons, docId: null,
});

it('stores, replaces, lists per person and removes reports', async () => {
  const store = new SqliteVlosStore(openDatabase(':memory:'));
  await store.putReport(write('v1', '2014-10-15T21:00:00Z'));
  await store.putReport(write('v2', '2014-10-16T09:00:00Z'));
  assert.deepEqual((await store.getReport('v1'))?.report, report);
  assert.deepEqual(await store.reportState('v1'), { contentHash: 'h-v1', parserVersion: report.parserVersion });
  const rows = await store.speechesOf(PECHTOLD);
  assert.deepEqual(rows.map((r) => [r.verslagId, r.activity, r.activityTitel, r.turns, r.seconds, r.datum, r.vergaderingTitel]), [
    ['v1', 0, 'Europese Top', 2, 183, '2014-10-15', '14e vergadering, woensdag 15 oktober 2014'],
    ['v2', 0, 'Europese Top', 2, 183, '2014-10-15', '14e vergadering, woensdag 15 oktober 2014'],
  ]);
  assert.deepEqual(await store.reportsOfActivity('cbbc1121-2910-40c1-a876-cce3bf3dfcd9'), [
    { verslagId: 'v2', activity: 0, vergaderingTitel: '14e vergadering, woensdag 15 oktober 2014', datum: '2014-10-15', speakers: 2 },
    { verslagId: 'v1', activity: 0, vergaderingTitel: '14e vergadering, woensdag 15 oktober 2014', datum: '2014-10-15', speakers: 2 },
  ]);
  // Stored again without the link: the person's rows go with it.
  await store.putReport(write('v1', '2014-10-15T21:00:00Z', {}));
  assert.deepEqual((await store.speechesOf(PECHTOLD)).map((r) => r.verslagId), ['v2']);
  assert.deepEqual(await store.staleReports(report.parserVersion + 1, 10), ['v1', 'v2']);
  assert.deepEqual(await store.staleReports(report.parserVersion, 10), []);
  await store.removeReport('v2');
  assert.deepEqual(await store.reportIds(), ['v1']);
  assert.deepEqual(await store.speechesOf(PECHTOLD), []);
  assert.equal(await store.getReport('v2'), null);
});
