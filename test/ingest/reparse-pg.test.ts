// `kamerlens reparse` on PostgreSQL: it reads and writes through its unit of work's stores only
// (the test runner's KAMERLENS_STRICT_UNITS makes a pool store inside a unit an error), and
// leaves the archive answering as before.

import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { importPaths } from '../../src/ingest/import.js';
import { reparseAll } from '../../src/ingest/reparse.js';
import { openPgServices } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { freshPgSchemaUrl, pgSkip } from '../helpers/pg.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

describe('reparse on PostgreSQL', { skip: pgSkip }, () => {
  it('runs inside its units of work, and every document and entry is found as before', async () => {
    const s = await openPgServices(await freshPgSchemaUrl(), null);
    try {
      const deps = { units: s.units, store: s.store, index: s.index, structure: s.structure, tk: s.tk, vlos: s.vlos };
      const files = [SAMPLE.brief2026, SAMPLE.verslag].map((n) => join(SAMPLE_DIR, `${n}.txt`));
      const imported = await importPaths(files, deps);
      assert.deepEqual(imported.failures, []);
      const search = async (q: string) => (await s.index.search({ query: parseQuery(q), offset: 0, limit: 100 })).hits.map((h) => h.id).sort();
      const before = { count: await s.index.count(), telecomraad: await search('telecomraad'), promises: await search('type:toezegging') };
      assert.ok(before.telecomraad.length >= 2 && before.promises.length > 0);
      const r = await reparseAll(deps);
      assert.deepEqual(r, { documents: 2, versions: 2 });
      assert.deepEqual({ count: await s.index.count(), telecomraad: await search('telecomraad'), promises: await search('type:toezegging') }, before);
    } finally {
      await s.close();
    }
  });
});
