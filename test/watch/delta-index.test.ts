/**
 * Parity: the delta index (what watch runs) matches exactly the documents that the full search
 * index returns for the same query, on the sample corpus plus synthetic documents.
 */
import assert from 'node:assert/strict';
import { after, before, it } from 'node:test';
import { importPaths } from '../../src/ingest/import.js';
import { parseQuery } from '../../src/search/query.js';
import { Delta } from '../../src/watch/matchers.js';
import { SAMPLE_DIR } from '../helpers/world.js';
import { addDoc, watchWorld, type World } from './helpers.js';

let w: World;
let delta: Delta;

before(async () => {
  w = watchWorld();
  await importPaths([SAMPLE_DIR], { units: w.units, store: w.services.store, index: w.services.index });
  await addDoc(w, { id: 'x1', title: 'Cyberbeveiligingsstrategie', text: 'De Nederlandse cyberbeveiliging en de lidstaten. Glasvezel in het buitengebied.', date: '2025-02-01', parties: ['PVV'], dossiers: ['26643'] });
  await addDoc(w, { id: 'x2', title: 'Satellieten', text: 'Satellietinternet, 5G en de Telecomraad; niet over Oekraïne.', kind: 'kamervragen', date: '2023-07-07', parties: ['GroenLinks-PvdA'] });
  await addDoc(w, { id: 'x3', title: 'Informele Telecomraad', text: 'Verslag van de informele Telecomraad over Oekraïne en cybersecurity.', kind: 'verslag-raad', date: null, dossiers: ['21501-33'] });
  delta = new Delta(await w.watchStore.changedDocuments(0, await w.watchStore.changeHead()));
});
after(() => w.close());

const QUERIES = [
  'lidstaat',
  'oekraine',
  '"informele Telecomraad"',
  'telecomraad kind:raadsconclusies',
  'cyber*',
  '5G OR glasvezel',
  'telecom* -Oekraïne',
  'year:2025',
  'kind:kamerbrief',
  'date:2025-01-01..2025-12-31 telecomraad',
  'beveiliging',
  'party:PVV',
  'party:"GroenLinks-PvdA" 5G',
  'dossier:21501-33',
  '(glasvezel OR satelliet*) -cyber*',
  'raad kind:verslag-raad,kamervragen',
];

it('matches what the search index matches, query by query', async () => {
  assert.ok(delta.index.size >= 7);
  let nonEmpty = 0;
  for (const q of QUERIES) {
    const parsed = parseQuery(q);
    const r = await w.services.index.search({ query: parsed, offset: 0, limit: 1000 });
    const expected = r.hits.map((h) => h.id).sort();
    const got = delta.index.match(parsed, 0).map((i) => delta.changes[i]!.docId).sort();
    assert.deepEqual(got, expected, `query ${q}`);
    if (got.length > 0) nonEmpty++;
  }
  assert.ok(nonEmpty >= QUERIES.length - 2, `only ${nonEmpty} queries matched anything: the parity check would be vacuous`);
});

it('restricts to what came after a watermark', async () => {
  const all = delta.index.match(parseQuery('telecom*'), 0);
  const seqs = all.map((i) => delta.changes[i]!.seq);
  const cut = seqs[Math.floor(seqs.length / 2)]!;
  const after = delta.index.match(parseQuery('telecom*'), cut);
  assert.ok(after.length < all.length && after.length > 0);
  assert.ok(after.every((i) => delta.changes[i]!.seq > cut));
});
