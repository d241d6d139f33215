/**
 * A real report of a sitting end to end: `sync --from-dir` of test/fixtures/tk-vlos (the real
 * Verslag and Vergadering pages and the real 1 MB vlosCoreDocument, with three Persoon entries
 * written around the real shape), then the verslag page and its JSON twin, the person pages,
 * the handelingen document and a plain search for what was said, in-process through app.request().
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { syncFeed, type SyncDeps } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { rederiveVerslagen } from '../../src/ingest/vlos.js';
import { FolderBlobStore } from '../../src/store/folder-blob-store.js';

const FIXTURE = join(import.meta.dirname, '..', 'fixtures', 'tk-vlos');
const VERSLAG = '03686ab6-0000-4000-8000-000000000001';
const VERGADERING = '462144d8-9742-4baa-bf07-4523b849e6eb';
const PECHTOLD = '08c2333e-d465-42cd-b889-2034ac8d756d';
const BUMA = '55555555-5555-4555-8555-555555555501';
const ARNO_RUTTE = '55555555-5555-4555-8555-555555555502';
const CATEGORIES = ['Persoon', 'Vergadering', 'Verslag'];

const deps = (w: Opened): SyncDeps => ({
  units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk, vlos: w.vlos,
});

let world: Opened;
let app: Hono;
let dataDir: string;

before(async () => {
  world = openServices(':memory:');
  dataDir = mkdtempSync(join(tmpdir(), 'kl-vlos-'));
  const r = await syncFeed({ fromDir: FIXTURE, dataDir, categories: CATEGORIES }, deps(world));
  assert.equal(r.ok, true);
  // The report's file was fetched; the other Verslag (`abc`, an id anonymised at the source)
  // was asked for too, and the saved world holds no file for it.
  assert.deepEqual([r.files.fetched, r.files.missing, r.files.broken, r.files.refused, r.files.importFailed], [1, 1, 0, 0, 0]);
  app = createApp(world);
});
after(async () => world.close());

async function get(path: string, status = 200) {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  return res;
}
const html = async (path: string) => (await get(path)).text();
const json = async (path: string) => (await get(path)).json() as Promise<any>;

describe('a real report of a sitting, synced', () => {
  it('is derived once at sync time: the page does not read the file', async () => {
    const stored = await world.vlos.getReport(VERSLAG);
    assert.ok(stored);
    assert.equal(stored.vergaderingId, VERGADERING);
    assert.equal(stored.report.activiteiten.length, 7);
    // Linked by the report's objectid, and by surname + tussenvoegsel + first name; the
    // namesake Arno Rutte is not the minister-president who speaks.
    assert.equal(stored.persons[PECHTOLD], PECHTOLD);
    assert.equal(stored.persons['f856ea92-85bf-4ca7-9ef2-f9883c0c0227'], BUMA);
    assert.equal(stored.persons['5837c04d-1f27-448f-b736-48dafb02c3d0'], undefined);
    assert.ok(!Object.values(stored.persons).includes(ARNO_RUTTE));
  });

  it('the JSON twin: contents, speakers with minutes, turns with nested interruptions', async () => {
    const body = await json(`/verslagen/${VERSLAG}.json`);
    assert.deepEqual(await json(`/api/reports/${VERSLAG}`), body);
    const r = body.inhoud;
    assert.equal(r.titel, '14e vergadering, woensdag 15 oktober 2014');
    assert.deepEqual(r.activiteiten.map((a: any) => [a.anker, a.titel]), [
      ['punt-1', 'Opening'], ['punt-2', 'Mededelingen'], ['punt-3', 'Europese Top'], ['punt-4', 'Mededelingen'],
      ['punt-5', 'Regeling van werkzaamheden'], ['punt-6', 'Beloningsbeleid financiële ondernemingen'], ['punt-7', 'Wet aanpassing financieel toetsingskader'],
    ]);
    const regeling = r.activiteiten[4];
    const row = (naam: string) => regeling.sprekers.find((s: any) => r.sprekers[s.spreker].naam === naam);
    // Hand-checked in the XML: Klaver 15:49:50–15:50:46 and 15:51:31–15:51:33.
    assert.deepEqual([row('Jesse Klaver').beurten, row('Jesse Klaver').seconden, row('Jesse Klaver').minuten], [2, 58, 1]);
    assert.deepEqual([row('Khadija Arib').alsVoorzitter, row('Khadija Arib').seconden, row('Khadija Arib').minuten], [6, 116, 1.9]);
    const top = r.activiteiten[2];
    const pechtold = top.blocks.find((b: any) => b.kind === 'turn' && b.turn.speaker === PECHTOLD).turn;
    assert.equal(pechtold.interruptions[0].speaker, 'e9117318-26af-49ea-8839-59f8f98266cd');
    assert.deepEqual(r.sprekers[PECHTOLD], { key: PECHTOLD, naam: 'Alexander Pechtold', fractie: 'D66', functie: 'Lid Tweede Kamer', soort: 'Tweede Kamerlid', persoon: { id: PECHTOLD, url: `/personen/${PECHTOLD}` } });
    assert.match(r.documentUrl, /^\/documents\/handelingen-2014-10-15-vergadering-14$/);
  });

  it('the page reads like a debate: contents, speaker table, names linked, interruptions inside the turn', async () => {
    const h = await html(`/verslagen/${VERSLAG}`);
    assert.ok(!h.includes('niet gedownload of niet leesbaar'));
    for (const needle of [
      '<a href="#punt-3">Europese Top</a>',
      '<section id="punt-3">',
      `<a href="/personen/${PECHTOLD}">Alexander Pechtold</a> (D66)`,
      `<a href="/personen/${BUMA}">Sybrand van Haersma Buma</a> (CDA)`,
      'Mark Rutte<span class="meta">, minister-president, minister van Algemene Zaken</span>',
      '<h3>Termijn inbreng</h3>',
      // When each turn began, from its time mark.
      '<time datetime="2014-10-15T10:23:48">10:23</time>',
    ]) assert.ok(h.includes(needle), needle);
    // Pechtold's first turn holds Verheijen's interruption, before his answer.
    const turn = h.indexOf('De teerling is geworpen');
    const interruption = h.indexOf('<div class="speech interruptie" id="punt-', turn);
    const answer = h.indexOf('Ik vind het moeilijk te zeggen', turn);
    assert.ok(turn > 0 && turn < interruption && interruption < answer);
    assert.ok(h.slice(interruption, answer).includes('Ik heb toch een vraag aan de heer Pechtold.'));
    assert.match(h, /<td class="num">1,9<\/td>/);
  });

  it('person pages list what they said: turns and minutes per debate, linked to the item', async () => {
    const p = await json(`/personen/${PECHTOLD}.json`);
    const top = p.bijdragen.find((b: any) => b.activiteit.titel === 'Europese Top');
    assert.deepEqual([top.beurten, top.interrupties, top.verslag.datum, top.activiteit.url], [8, 27, '2014-10-15', `/verslagen/${VERSLAG}#punt-3`]);
    const h = await html(`/personen/${PECHTOLD}`);
    assert.ok(h.includes(`<a href="/verslagen/${VERSLAG}#punt-3">Europese Top</a>`));
    assert.match(h, /8 beurten, 27 interrupties · [\d,]+ min/);
    assert.deepEqual((await json(`/personen/${ARNO_RUTTE}.json`)).bijdragen, []);
  });

  it('the text is a searchable handelingen document: a plain search for what was said finds it', async () => {
    const s = await json(`/api/search?q=${encodeURIComponent('"De teerling is geworpen"')}`);
    assert.equal(s.total, 1);
    assert.equal(s.results[0].kind, 'handelingen');
    assert.equal(s.results[0].id, 'handelingen-2014-10-15-vergadering-14');
    assert.equal((await json(`/api/search?q=${encodeURIComponent('Juncker kind:handelingen')}`)).total, 1);
    const doc = await json('/api/documents/handelingen-2014-10-15-vergadering-14');
    assert.equal(doc.document.title, 'Verslag: 14e vergadering, woensdag 15 oktober 2014');
    assert.equal(doc.document.date, '2014-10-15');
    // Letter rules do not read speech: no "commitments" from what was said.
    assert.deepEqual([doc.document.structure.kind, doc.document.structure.commitments, doc.document.structure.questions], ['handelingen', [], []]);
    // Linked to its sitting and debate items, on the page and in its JSON twin.
    assert.equal(doc.document.verslag.verslag.url, `/verslagen/${VERSLAG}`);
    assert.deepEqual(doc.document.verslag.activiteiten[2], { titel: 'Europese Top', url: `/verslagen/${VERSLAG}#punt-3`, activiteitUrl: null });
    assert.deepEqual((await json('/documents/handelingen-2014-10-15-vergadering-14.json')).document.verslag, doc.document.verslag);
    const page = await html('/documents/handelingen-2014-10-15-vergadering-14');
    assert.ok(page.includes(`<a href="/verslagen/${VERSLAG}">14e vergadering, woensdag 15 oktober 2014</a> (ongecorrigeerd)`));
    assert.ok(page.includes(`<a href="/verslagen/${VERSLAG}#punt-3">Europese Top</a>`));
  });

  it('links both ways to an activity of the open data whose id is the debate item\'s objectid', async () => {
    // Written around the report: an Activiteit under the objectid the report gives its debate
    // on the European summit (the real samples hold no activity of 2014).
    const id = 'cbbc1121-2910-40c1-a876-cce3bf3dfcd9';
    await world.tk.applyPage('Activiteit', [{ entity: { id, category: 'Activiteit', updated: '2014-10-15T08:00:00.000Z', deleted: false, fields: { soort: 'Plenair debat', onderwerp: 'Debat over de Europese Top van 23 en 24 oktober', datum: '2014-10-15T00:00:00' }, refs: [] }, enclosure: null }], null);
    const a = await json(`/activiteiten/${id}.json`);
    assert.deepEqual(a.verslagen, [{ url: `/verslagen/${VERSLAG}#punt-3`, titel: '14e vergadering, woensdag 15 oktober 2014', datum: '2014-10-15', sprekers: 10 }]);
    assert.ok((await html(`/activiteiten/${id}`)).includes(`<a href="/verslagen/${VERSLAG}#punt-3">14e vergadering, woensdag 15 oktober 2014</a>`));
    const r = await json(`/verslagen/${VERSLAG}.json`);
    assert.equal(r.inhoud.activiteiten[2].url, `/activiteiten/${id}`);
    assert.equal(r.inhoud.activiteiten[5].url, null);
  });

  it('a second sync derives nothing again; after a parser upgrade the next sync re-derives from the saved file', async () => {
    const first = await world.vlos.getReport(VERSLAG);
    assert.ok(first);
    const again = () => syncFeed({ fromDir: FIXTURE, dataDir, categories: CATEGORIES }, deps(world));
    assert.equal((await again()).files.fetched, 0);
    assert.equal((await world.vlos.getReport(VERSLAG))?.parsedAt, first.parsedAt);
    // As stored by an older parser.
    await world.vlos.putReport({ ...first, report: { ...first.report, parserVersion: 0, activiteiten: [] } });
    assert.deepEqual(await world.vlos.staleReports(1, 10), [VERSLAG]);
    await again();
    const now = await world.vlos.getReport(VERSLAG);
    assert.equal(now?.report.activiteiten.length, 7);
    assert.deepEqual(await world.vlos.staleReports(1, 10), []);
    // `kamerlens reparse` re-derives every report, to the same result.
    assert.deepEqual(await rederiveVerslagen(deps(world) as Parameters<typeof rederiveVerslagen>[0], new FolderBlobStore(dataDir), { all: true }), { parsed: 1, failed: 0 });
    assert.deepEqual((await world.vlos.getReport(VERSLAG))?.report, first.report);
    assert.equal((await json(`/personen/${PECHTOLD}.json`)).bijdragen.length, first.report.activiteiten.filter((a) => a.speakers.some((x) => x.speaker === PECHTOLD)).length);
  });
});

describe('the same through plain `sync --from-dir`', () => {
  it('fills the verslag page', async () => {
    const w = openServices(':memory:');
    try {
      const r = await syncFeed({ fromDir: FIXTURE, dataDir: mkdtempSync(join(tmpdir(), 'kl-vlos-plain-')), categories: CATEGORIES }, deps(w));
      assert.equal(r.ok, true);
      assert.ok((await w.tk.countByCategory()).every((c) => c.category !== 'verslag'), 'the feed says term="verslag"; the category is stored as Verslag');
      const res = await createApp(w).request(`/verslagen/${VERSLAG}.json`);
      assert.equal(res.status, 200);
      assert.equal(((await res.json()) as any).inhoud.activiteiten.length, 7);
    } finally {
      await w.close();
    }
  });
});
