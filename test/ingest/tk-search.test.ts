/** projectTkSearch: open-data entities as search entries, documents with the Kamer's actors, resumable. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { openServices } from '../../src/main.js';
import { getTkDocumentPanelById } from '../../src/service/tk.js';
import { TK_SEARCH_CURSOR, projectTkSearch } from '../../src/ingest/tk-search.js';
import { parseQuery } from '../../src/search/query.js';
import { openTk, type OpenedTk } from '../fake-tk/open.js';
import { startFakeTk, type FakeTk } from '../fake-tk/server.js';
import { IDS, buildWorld } from '../fake-tk/world.js';

describe('projectTkSearch over the synced fake world', () => {
  let fake: FakeTk;
  let o: OpenedTk;
  let first: Awaited<ReturnType<typeof projectTkSearch>>;
  const deps = () => ({ units: o.units, store: o.store, index: o.index, tk: o.tkStore });
  const find = async (q: string) => (await o.index.search({ query: parseQuery(q), offset: 0, limit: 50 })).hits;

  before(async () => {
    fake = await startFakeTk(buildWorld());
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-tk-search-'));
    o = openTk(join(dataDir, 'kamerlens.db'));
    const r = await syncFeed({ dataDir, source: fake.url, retry: { sleep: async () => {} } }, o);
    assert.equal(r.ok, true);
    first = await projectTkSearch(deps());
  });
  after(async () => {
    await o.close();
    await fake.close();
  });

  it('makes zaken, activities, commitments, dossiers, people, committees and parties findable by type', async () => {
    assert.equal(first.seq, await o.tkStore.changeHead());
    const zaken = await find('telecomraad type:zaak');
    assert.ok(zaken.some((h) => h.id === IDS.zaakVerslag2025 && h.type === 'zaak' && /Telecomraad/.test(h.title)), JSON.stringify(zaken));
    assert.ok(zaken.every((h) => h.type === 'zaak'));
    const acts = await find('Warschau type:activiteit');
    assert.deepEqual(acts.map((h) => h.id), [IDS.activiteit2025]);
    assert.equal(acts[0]!.date, '2025-02-20');
    // The register's one; commitments the documents make are `toezegging` too, with their document's id and anchor.
    const tz = await find('technologieën type:toezegging');
    assert.equal(tz.filter((h) => !h.id.includes('#')).length, 1, JSON.stringify(tz));
    assert.ok(tz.filter((h) => h.id.includes('#')).every((h) => /#toezegging-\d+$/.test(h.id)));
    assert.deepEqual((await find('Telecommunicatie type:dossier')).map((h) => h.id), [IDS.dossier21501_33]);
    assert.deepEqual((await find('Kathmann type:persoon')).map((h) => h.id), [IDS.persoon('kathmann')]);
    assert.deepEqual((await find('"Digitale Zaken" type:commissie')).map((h) => h.id), [IDS.commissieDiZa]);
    assert.ok((await find('type:fractie')).length >= 5);
  });

  it('keeps plain searches to documents, and counts the other types in the type facet', async () => {
    const r = await o.index.search({ query: parseQuery('telecomraad'), offset: 0, limit: 50 });
    assert.ok(r.hits.length > 0);
    assert.ok(r.hits.every((h) => h.type === 'document'));
    const types = new Map(r.facets.type.map((b) => [b.value, b.count]));
    assert.ok((types.get('zaak') ?? 0) >= 3, JSON.stringify(r.facets.type));
    assert.ok((types.get('activiteit') ?? 0) >= 3);
  });

  it("gives documents from the Kamer their signatories and their zaak's committee", async () => {
    // 2025D08504 is signed by Beljaarts, Van Weel and Szabó (DocumentActor); its zaak's
    // voortouwcommissie is DiZa (ZaakActor).
    const signed = await find('person:Szabó');
    assert.deepEqual(signed.map((h) => h.id), ['2025d08504']);
    assert.deepEqual((await find('person:"van weel"')).map((h) => h.id), ['2025d08504']);
    assert.deepEqual((await find('telecomraad committee:DiZa')).map((h) => h.id), ['2025d08504']);
    assert.deepEqual((await find('committee:"Digitale Zaken" type:zaak,activiteit')).map((h) => h.type).sort(), ['activiteit', 'activiteit', 'activiteit', 'zaak']);
    assert.deepEqual(await find('person:Szabó committee:Landbouw'), []);
  });

  it('does nothing on a rerun, and redoes everything when asked for full', async () => {
    const again = await projectTkSearch(deps());
    assert.deepEqual(again, { indexed: 0, removed: 0, seq: first.seq });
    assert.equal(await o.index.getMeta(TK_SEARCH_CURSOR), String(first.seq));
    const before = await o.index.count();
    const full = await projectTkSearch(deps(), { full: true });
    assert.equal(full.indexed, first.indexed);
    assert.equal(await o.index.count(), before, 'replaced in place, not duplicated');
  });

  it('removes the entry of a deleted entity', async () => {
    const id = IDS.activiteit2025;
    await o.tkStore.applyPage('Activiteit', [{ entity: { id, category: 'Activiteit', updated: '2026-01-01T00:00:00Z', deleted: true, fields: {}, refs: [] }, enclosure: null }], null);
    const r = await projectTkSearch(deps());
    assert.equal(r.removed, 1);
    assert.deepEqual(await find('Warschau type:activiteit'), []);
  });
});

describe('projectTkSearch when the user imported the same documents before the sync', () => {
  it("links the user's copy to the Kamer's document: its actors are searchable and its page has the Kamer panel", async () => {
    const root = join(import.meta.dirname, '..', '..', 'data');
    const s = openServices(':memory:');
    try {
      const imported = await importPaths([join(root, 'sample')], { units: s.units, store: s.store, index: s.index, structure: s.structure });
      assert.equal(imported.counts.failed, 0);
      const dataDir = mkdtempSync(join(tmpdir(), 'kl-tk-search-user-'));
      const r = await syncFeed({ fromDir: join(root, 'tk-world'), dataDir }, { units: s.units, store: s.store, index: s.index, structure: s.structure, tkStore: s.tk });
      assert.equal(r.ok, true);
      await projectTkSearch({ units: s.units, store: s.store, index: s.index, tk: s.tk });
      const userCopy = '2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025';
      const hits = (await s.index.search({ query: parseQuery('committee:DiZa'), offset: 0, limit: 10 })).hits;
      assert.deepEqual(hits.map((h) => h.id), [userCopy]);
      const panel = await getTkDocumentPanelById({ tk: s.tk, store: s.store }, userCopy);
      assert.equal(panel.document.nummer, '2025D08504');
    } finally {
      await s.close();
    }
  });
});
