/**
 * A Kamerstuk imported by hand joins the Kamer's records (issue 11, item 5), through HTTP and
 * the pipeline `kamerlens import` runs: the demo world (data/tk-world) synced into memory, then
 * the real motie Ceder (21 501-02, nr. 3121, ../shared/real/documents) imported as the PDF the
 * Kamer serves. The world records that motie — its dossier, zaak, mover and Document entity —
 * but not its file, so the two can only meet by the Kamerstuk's number.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { projectTkSearch } from '../../src/ingest/tk-search.js';
import { openServices, type Opened } from '../../src/main.js';
import { parseQuery } from '../../src/search/query.js';
import { createApp } from '../../src/server/app.js';
import { startFakeTk } from '../fake-tk/server.js';
import { IDS, MOTIE_KATHMANN_PDF, REAL_MOTIE_CEDER_ID, buildWorld } from '../fake-tk/world.js';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
const REAL = join(import.meta.dirname, '..', 'fixtures', 'real');
const CEDER_PDF = join(REAL, `pm-${REAL_MOTIE_CEDER_ID}.pdf`);
const CEDER_DOC = `pm-${REAL_MOTIE_CEDER_ID}`;

let world: Opened;
let app: Hono;
let userId: string;
const monitors: Record<string, string> = {};

const json = async (path: string) => {
  const r = await app.request(path, { headers: { accept: 'application/json' } });
  assert.equal(r.status, 200, `${path}: ${r.status}`);
  return (await r.json()) as Record<string, any>;
};
const html = async (path: string) => {
  const r = await app.request(path);
  assert.equal(r.status, 200, path);
  return r.text();
};
const find = async (q: string) => (await world.index.search({ query: parseQuery(q), offset: 0, limit: 50 })).hits.map((h) => h.id);
const deps = () => ({ units: world.units, store: world.store, index: world.index, structure: world.structure, tk: world.tk });

before(async () => {
  world = openServices(':memory:');
  const dataDir = mkdtempSync(join(tmpdir(), 'kl-ksjoin-'));
  const r = await syncFeed({ fromDir: WORLD_DIR, dataDir }, { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk, vlos: world.vlos });
  assert.equal(r.ok, true);
  await projectTkSearch(deps());
  app = createApp(world);
  userId = (await world.watch.userByEmail('lid@example.org')).id;
  for (const [name, input] of [
    ['dossier', { kind: 'dossier', params: { dossier: '21501-02' } }],
    ['person', { kind: 'person', params: { person: IDS.persoon('ceder') } }],
  ] as const) {
    monitors[name] = (await world.watch.createMonitor(userId, { ...input, interval: 'immediate', email: false })).id;
  }
  const summary = await importPaths([CEDER_PDF], deps());
  assert.equal(summary.counts.new, 1, JSON.stringify(summary));
});
after(async () => {
  await world.close();
});

describe('a Kamerstuk imported by hand is the Kamer document with its number', () => {
  it('the Kamer’s dossier timeline and zaak link to the imported document', async () => {
    const d = await json('/dossiers/21501-02.json');
    const row = d.documenten.find((x: any) => x.volgnummer === 3121);
    assert.equal(row.id, REAL_MOTIE_CEDER_ID);
    assert.equal(row.bron, 'kamer');
    assert.equal(row.documentUrl, `/documents/${CEDER_DOC}`);
    assert.equal(d.documenten.length, 1, 'listed once, not again as an archive-only copy');
    const z = await json('/zaken/2025Z07461.json');
    assert.deepEqual(z.documenten.map((x: any) => x.documentUrl), [`/documents/${CEDER_DOC}`]);
    // The document number leads to the imported text too.
    const go = await app.request('/kamer/document/2025D16522');
    assert.equal(go.headers.get('location'), `/documents/${CEDER_DOC}`);
  });

  it('the imported document shows the Kamer panel: zaak, dossier and its mover', async () => {
    const tk = (await json(`/documents/${CEDER_DOC}.json`)).document.parliament;
    assert.equal(tk.inOpenData, true);
    assert.equal(tk.document.nummer, '2025D16522');
    assert.deepEqual(tk.zaken.map((z: any) => z.nummer), ['2025Z07461']);
    assert.equal(tk.dossier.key, '21501-02');
    assert.deepEqual(tk.actoren.map((a: any) => [a.naam, a.relatie, a.url]), [['Don Ceder', 'Indiener', `/personen/${IDS.persoon('ceder')}`]]);
    assert.deepEqual(tk.ondertekenaars.map((p: any) => p.id), [IDS.persoon('ceder')]);
    const page = await html(`/documents/${CEDER_DOC}`);
    assert.match(page, /In de Kamer/);
    assert.match(page, /href="\/zaken\/2025Z07461"/);
    assert.match(page, /href="\/dossiers\/21501-02#nr-3121"/);
    assert.match(page, new RegExp(`href="/personen/${IDS.persoon('ceder')}"`));
  });

  it('does not list its own number among its citations', async () => {
    const doc = (await json(`/documents/${CEDER_DOC}.json`)).document;
    const s = doc.structure;
    assert.deepEqual(s.kamerstuk, { dossier: '21501-02', number: '3121', id: 'kst-21501-02-3121' });
    assert.ok(!s.citations.some((c: any) => c.kind === 'kamerstuk' && c.number === '3121'), JSON.stringify(s.citations));
    assert.ok(!doc.links.citations.some((c: any) => c.key === 'kamerstuk:21501-02/3121'));
    // /stukken/kamerstuk/… finds it by its own number.
    const go = await app.request('/stukken/kamerstuk/21501-02/3121');
    assert.equal(go.headers.get('location'), `/documents/${CEDER_DOC}`);
  });

  it('is on the page of the member who moved it, and found by dossier: and person:', async () => {
    const p = await json(`/personen/${IDS.persoon('ceder')}.json`);
    assert.deepEqual(p.documenten.map((d: any) => [d.documentUrl, d.relatie]), [[`/documents/${CEDER_DOC}`, 'Indiener']]);
    assert.deepEqual(await find('dossier:21501-02'), [CEDER_DOC]);
    assert.deepEqual(await find('person:"Don Ceder"'), [CEDER_DOC]);
    assert.deepEqual(await find('person:"D. Ceder" dossier:21501-02'), [CEDER_DOC]);
  });

  it('fires the dossier and the person monitor', async () => {
    const r = await world.watch.run({ trigger: 'import' });
    assert.ok(r.newMatches >= 2, JSON.stringify(r));
    for (const name of ['dossier', 'person']) {
      const m = await world.watch.getMonitor(userId, monitors[name]!);
      assert.deepEqual(m.matches.map((x) => x.docId), [CEDER_DOC], name);
    }
  });

  it('the dossier page and dossier: search agree (issue 11: "5 documents, dossier: finds 1")', async () => {
    const d = await json('/dossiers/21501-33.json');
    const inArchive = d.documenten.filter((x: any) => x.documentUrl).map((x: any) => x.documentUrl.replace('/documents/', '')).sort();
    assert.equal(inArchive.length, 5);
    assert.deepEqual((await find('dossier:21501-33')).sort(), inArchive);
  });

  it('a motion synced with its file is on its mover’s page too (her signature, no DocumentActor)', async () => {
    const p = await json(`/personen/${IDS.persoon('kathmann')}.json`);
    assert.ok(p.documenten.some((d: any) => d.documentUrl === '/documents/2025d10230' && d.relatie === 'Indiener'), JSON.stringify(p.documenten));
  });
});

describe('a Kamerstuk the Kamer has no document for (yet)', () => {
  before(async () => {
    // The Kamer withdraws its record of the motion: the archive's copy stays.
    await world.tk.applyPage('Document', [{ entity: { id: REAL_MOTIE_CEDER_ID, category: 'Document', updated: '2025-05-01T00:00:00.000Z', deleted: true, fields: {}, refs: [] }, enclosure: null }], null);
    await projectTkSearch(deps());
  });

  it('is still on its dossier’s timeline, from the archive', async () => {
    const d = await json('/dossiers/21501-02.json');
    assert.deepEqual(d.documenten.map((x: any) => [x.id, x.bron, x.volgnummer, x.documentUrl]), [[CEDER_DOC, 'archief', 3121, `/documents/${CEDER_DOC}`]]);
    const page = await html('/dossiers/21501-02');
    assert.match(page, /in het archief, \(nog\) niet in de open data van de Kamer/);
    assert.match(page, /id="nr-3121"/);
  });

  it('shows what the Kamer does know: its dossier and its mover', async () => {
    const tk = (await json(`/documents/${CEDER_DOC}.json`)).document.parliament;
    assert.equal(tk.inOpenData, false);
    assert.equal(tk.dossier.key, '21501-02');
    assert.deepEqual(tk.zaken, []);
    assert.deepEqual(tk.ondertekenaars.map((p: any) => p.naam), ['Don Ceder']);
    assert.deepEqual(await find('dossier:21501-02'), [CEDER_DOC]);
  });

  it('a Kamerstuk of a dossier the Kamer does not know gets no panel', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-ksjoin-claassen-'));
    writeFileSync(join(dir, 'motie-claassen.docx'), new Uint8Array(await (await import('node:fs/promises')).readFile(join(REAL, 'pm-09b97518-8d7c-4a90-a090-28e45bc44920.docx'))));
    await importPaths([dir], deps());
    const doc = (await json('/documents/motie-claassen.json')).document;
    assert.equal(doc.structure.kamerstuk.id, 'kst-36682-10');
    assert.equal(doc.parliament, null);
  });
});

describe('the Kamer’s own motion file, imported by hand after a metadata-only sync', () => {
  let other: Opened;
  before(async () => {
    other = openServices(':memory:');
    const dataDir = mkdtempSync(join(tmpdir(), 'kl-ksjoin-nofiles-'));
    await syncFeed({ fromDir: WORLD_DIR, dataDir, files: false }, { units: other.units, store: other.store, index: other.index, structure: other.structure, tkStore: other.tk, vlos: other.vlos });
    const dir = mkdtempSync(join(tmpdir(), 'kl-ksjoin-kathmann-'));
    writeFileSync(join(dir, 'motie-kathmann.pdf'), MOTIE_KATHMANN_PDF);
    await importPaths([dir], { units: other.units, store: other.store, index: other.index, structure: other.structure, tk: other.tk });
    await projectTkSearch({ units: other.units, store: other.store, index: other.index, structure: other.structure, tk: other.tk });
  });
  after(async () => {
    await other.close();
  });

  it('joins the Document 2025D10230 (21 501-33, nr. 1115) and the zaak’s indiener Kathmann', async () => {
    const a = createApp(other);
    const tk = ((await (await a.request('/documents/motie-kathmann.json')).json()) as Record<string, any>).document.parliament;
    assert.equal(tk.document.nummer, '2025D10230');
    assert.deepEqual(tk.ondertekenaars.map((p: any) => p.id), [IDS.persoon('kathmann')]);
    const d = (await (await a.request('/dossiers/21501-33.json')).json()) as Record<string, any>;
    assert.equal(d.documenten.find((x: any) => x.volgnummer === 1115).documentUrl, '/documents/motie-kathmann');
    const hits = (await other.index.search({ query: parseQuery('person:"Barbara Kathmann" dossier:21501-33'), offset: 0, limit: 10 })).hits.map((h) => h.id);
    assert.deepEqual(hits, ['motie-kathmann']);
  });
});

describe('a motion imported before the Kamer’s records were synced', () => {
  it('joins its mover once the sync brings the person', async () => {
    const o = openServices(':memory:');
    try {
      await importPaths([CEDER_PDF], { units: o.units, store: o.store, index: o.index, structure: o.structure, tk: o.tk });
      const person = async () => (await o.index.search({ query: parseQuery('person:"Don Ceder"'), offset: 0, limit: 10 })).hits.map((h) => h.id);
      assert.deepEqual(await person(), [], 'nobody known yet');
      // The world without the Kamer's document of the motion: only the signature can join it.
      const w = buildWorld();
      const fake = await startFakeTk({ events: w.events.filter((e) => e.id !== REAL_MOTIE_CEDER_ID) });
      try {
        await syncFeed({ source: fake.url, dataDir: mkdtempSync(join(tmpdir(), 'kl-ksjoin-late-')), files: false, retry: { sleep: async () => {} } }, { units: o.units, store: o.store, index: o.index, structure: o.structure, tkStore: o.tk, vlos: o.vlos });
      } finally {
        await fake.close();
      }
      await projectTkSearch({ units: o.units, store: o.store, index: o.index, structure: o.structure, tk: o.tk });
      assert.deepEqual(await person(), [CEDER_DOC]);
    } finally {
      await o.close();
    }
  });
});
