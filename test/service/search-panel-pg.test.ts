/**
 * Where the index reads by round trips (PostgreSQL), the search page starts its panel of
 * other types as soon as the facets are counted, while the page's rows travel
 * (SearchRequest.onFacets). The page must be exactly what searching the documents and then
 * the panel one after the other gives, and an index reading in process never calls it.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { SearchIndex, SearchRequest, SearchResponse } from '../../src/domain/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { openPgServices, openServices, type Opened } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { otherResults } from '../../src/service/search-panel.js';
import { search } from '../../src/service/services.js';
import { freshPgSchemaUrl, pgSkip } from '../helpers/pg.js';
import { SAMPLE_DIR } from '../helpers/world.js';

/** The real Handelingen of a VAO: its turns, questions and commitments are results of other types. */
const HANDELINGEN = join(import.meta.dirname, '..', 'fixtures', 'real', 'nh-h-tk-20172018-70-3.xml');
const QUERIES = ['cybersecurity', 'Europese Commissie', 'minister', 'de', 'telecomraad OR cybersecurity', 'cybersecurity NOT telecomraad', 'informatie -europese', '"de Europese Commissie"', 'kabinet sort:date', 'kind:kamerbrief'];

/** The index, with every onFacets call it makes counted, and the facets it was given. */
function spied(index: SearchIndex): { index: SearchIndex; told: SearchResponse['facets'][] } {
  const told: SearchResponse['facets'][] = [];
  const search = async (r: SearchRequest) => {
    const own = r.onFacets;
    return index.search(own ? { ...r, onFacets: (f) => (told.push(f), own(f)) } : r);
  };
  return { index: new Proxy(index, { get: (t, p) => (p === 'search' ? search : Reflect.get(t, p, t)) }), told };
}

async function fill(s: Opened): Promise<void> {
  await importPaths([SAMPLE_DIR, HANDELINGEN], { units: s.units, store: s.store, index: s.index, structure: s.structure });
}

describe('the search page starts its panel early where reads travel', { skip: pgSkip, timeout: 120_000 }, () => {
  let pg: Opened;
  let lite: Opened;
  before(async () => {
    pg = await openPgServices(await freshPgSchemaUrl(), null);
    lite = openServices(':memory:');
    await fill(pg);
    await fill(lite);
  });
  after(async () => {
    await pg?.close();
    await lite?.close();
  });

  it('answers what the search and then its panel answer one after the other', async () => {
    let early = 0;
    let panels = 0;
    for (const q of QUERIES) {
      const { index, told } = spied(pg.index);
      const page = await search({ ...pg, index }, { q, page: 1, pageSize: 20 });
      // One after the other: the documents, then the panel on their type facet.
      const query = parseQuery(q);
      const docs = await pg.index.search({ query, offset: 0, limit: 20 });
      const others = await otherResults(pg.index, query, docs.facets.type);
      assert.deepEqual(page.others, others, q);
      assert.deepEqual(page.facets, docs.facets, q);
      assert.deepEqual(page.results.map((h) => [h.id, h.score, h.snippet]), docs.hits.map((h) => [h.id, h.score, h.snippet]), q);
      if (told.length > 0) {
        early++;
        assert.equal(told.length, 1, `${q}: told once`);
        assert.deepEqual(told[0], page.facets, `${q}: told the facets it answered with`);
      }
      if (others !== null && others.top.length > 0) panels++;
    }
    // Every query with words and counts is told early; the phrase counts after reading.
    assert.ok(early >= QUERIES.length - 2, `${early} of ${QUERIES.length} started the panel early`);
    assert.ok(panels >= 3, `${panels} queries found other types`);
  });

  it('is never told in process (SQLite reads the rows without a round trip)', async () => {
    const { index, told } = spied(lite.index);
    for (const q of QUERIES) await search({ ...lite, index }, { q, page: 1, pageSize: 20 });
    assert.equal(told.length, 0);
  });
});
