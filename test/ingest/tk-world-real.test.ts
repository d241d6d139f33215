/**
 * The fake open-data world speaks like the real SyncFeed (test/fixtures/tk-real-feed, from
 * ../shared/real/tk-feed): every wire shape of the real samples also occurs in the fake's
 * pages, and a sync through `--source` against the fake server (loopback) turns each into
 * the right data — canonical categories, UTC instants, toezeggingen with to whom, tombstones
 * with bodies applied, repeated fields kept, the real VLOS and `.doc` files fetched. Then the
 * demo as `npm start` shows it: no missing file on a first sync, an agenda ahead, and no
 * decision that contradicts its own votes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { TK_CATEGORIES } from '../../src/domain/tk.js';
import { syncFeed, type SyncResult } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { saveWorld } from '../fake-tk/save-world.js';
import { startFakeTk, type FakeTk } from '../fake-tk/server.js';
import { AGENDA_UNTIL, IDS, KAMER_ZETELS, REAL_DOC_ID, REAL_VLOS_ID, buildWorld, finalStates } from '../fake-tk/world.js';

const REAL = join(import.meta.dirname, '..', 'fixtures', 'tk-real-feed');
const DEMO = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
const tmp = () => mkdtempSync(join(tmpdir(), 'kl-world-real-'));

/** Every page file of a saved feed folder, concatenated. */
function pagesOf(dir: string): string {
  let out = '';
  for (const category of readdirSync(dir)) {
    if (category === 'resources') continue;
    for (const f of readdirSync(join(dir, category))) out += readFileSync(join(dir, category, f), 'utf8') + '\n';
  }
  return out;
}

/** The wire shapes of the real feed (../shared/real/README.md), each a pattern over page text. */
const SHAPES: [string, RegExp][] = [
  ['lower-case category term', /<category term="stemming" \/>/],
  ['lower-camel category term', /<category term="commissieZetelVastPersoon" \/>/],
  ['tk:-prefixed entity', /<tk:stemming id="[0-9a-f-]{36}" tk:bijgewerkt=/],
  ['default-namespace entity', /<(document|persoon) xmlns="http:\/\/www\.tweedekamer\.nl\/xsd\/tkData\/v1-0"/],
  ['ns1: entity', /<ns1:(verslag|vergadering|toezegging) xmlns:ns1="http:\/\/www\.tweedekamer\.nl\/xsd\/tkData\/v1-0"/],
  ['local bijgewerkt without offset', /tk:bijgewerkt="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}"/],
  ['ns1:bijgewerkt with +0100-style offset', /ns1:bijgewerkt="[^"]+[+-]\d{4}"/],
  ['ns1:bijgewerkt with +01:00-style offset', /ns1:bijgewerkt="[^"]+[+-]\d\d:\d\d"/],
  ['tombstone True without body', /tk:verwijderd="True"[^>]*\/>/],
  ['tombstone true without body', /tk:verwijderd="true"[^>]*\/>/],
  ['tombstone true with a body', /tk:verwijderd="true"[^/>]*>\s*<persoon ref=/],
  ['repeated element', /<ns1:kamerbriefNakoming>[^<]+<\/ns1:kamerbriefNakoming>\s*<ns1:kamerbriefNakoming>/],
  ['xsi:type on a reference', /xsi:type="ns1:referentieLiteral" ref="/],
  ['nested toegezegdAan', /<toegezegdAan>\s*<persoon ref="[^"]+"\/>\s*<fractie ref="[^"]+"\/>\s*<\/toegezegdAan>/],
  ['flat toegezegdAanPersoon', /<ns1:toegezegdAanPersoon [^>]*ref="/],
  ['legacy Word file', /contentType="application\/msword"/],
  ['VLOS file as text/xml', /ns1:contentType="text\/xml"/],
];

describe('the fake world speaks like the real feed', () => {
  const real = pagesOf(REAL);
  const fake = pagesOf(DEMO);
  for (const [name, pattern] of SHAPES) {
    it(`${name}: in the real samples and in the demo world`, () => {
      assert.match(real, pattern, 'real');
      assert.match(fake, pattern, 'fake');
    });
  }

  it('no category term in the capitalised spelling the real feed never sends', () => {
    assert.doesNotMatch(fake, /<category term="[A-Z]/);
  });

  it('the real files, byte for byte: the VLOS report and the .doc motie', () => {
    const sha = (p: string) => createHash('sha256').update(readFileSync(p)).digest('hex');
    assert.equal(sha(join(DEMO, 'resources', IDS.verslag)), sha(join(REAL, 'resources', REAL_VLOS_ID)));
    assert.equal(sha(join(DEMO, 'resources', REAL_DOC_ID)), sha(join(REAL, 'resources', REAL_DOC_ID)));
    assert.match(readFileSync(join(DEMO, 'resources', IDS.verslag), 'utf8').slice(0, 600), /<vlosCoreDocument [^>]*xmlns="http:\/\/www\.tweedekamer\.nl\/ggm\/vergaderverslag\/v1\.0"/);
  });
});

describe('sync --source against the fake server: every real shape lands right', () => {
  let fake: FakeTk;
  let s: Opened;
  let app: Hono;
  let result: SyncResult;
  const warnings: string[] = [];

  before(async () => {
    fake = await startFakeTk(buildWorld());
    s = openServices(':memory:');
    const dataDir = tmp();
    result = await syncFeed(
      { source: fake.url, dataDir, retry: { sleep: async () => {} } },
      { units: s.units, store: s.store, index: s.index, structure: s.structure, tkStore: s.tk, log: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } },
    );
    app = createApp(s);
  });
  after(async () => {
    await s.close();
    await fake.close();
  });

  const json = async (path: string) => {
    const res = await app.request(path);
    assert.equal(res.status, 200, path);
    return (await res.json()) as any;
  };

  it('every category is stored in its canonical spelling', async () => {
    assert.equal(result.ok, true);
    const counts = await s.tk.countByCategory();
    assert.ok(counts.length >= 20);
    for (const { category } of counts) assert.ok((TK_CATEGORIES as readonly string[]).includes(category), category);
    assert.ok(counts.some((c) => c.category === 'CommissieZetelVastPersoon' && c.count === 13));
    assert.equal(result.unknown.length, 0, result.unknown.join('; '));
  });

  it('bijgewerkt is the right UTC instant, with and without offset, in winter and summer time', async () => {
    const updated = async (id: string) => (await s.tk.getEntity(id))?.updated;
    // Local 09:00 in January (+01:00), written without offset.
    assert.equal(await updated(IDS.persoon('beljaarts')), '2025-01-14T08:00:00.000Z');
    // Local 18:10 on 1 October 2026 (+02:00), without offset.
    assert.equal((await s.tk.listEntities({ category: 'Activiteit', field: 'nummer', value: '2026A05980' })).items[0]?.updated, '2026-10-01T16:10:00.000Z');
    // ns1: with `+0200`/`+02:00` offsets.
    assert.equal(await updated(IDS.toezeggingFlat), '2025-04-17T07:30:00.000Z');
    assert.equal(await updated(IDS.vergadering), '2014-10-15T21:06:40.712Z');
    assert.equal(await updated(IDS.verslag), '2014-10-15T21:06:40.712Z');
    // The JSON twin carries it in UTC.
    const kamer = await json('/kamer.json');
    for (const d of kamer.documenten) assert.match(d.updated, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('toezeggingen say to whom, in the nested and the flat form, on the register and the person page', async () => {
    const refs = async (id: string) => (await s.tk.refsFrom(id)).filter((r) => r.name.startsWith('toegezegdAan')).map((r) => [r.name, r.toId]);
    assert.deepEqual(await refs(IDS.toezeggingNested), [['toegezegdAanPersoon', IDS.persoon('sixdijkstra')], ['toegezegdAanFractie', IDS.fractie('NSC')]]);
    assert.deepEqual(await refs(IDS.toezeggingFlat), [['toegezegdAanPersoon', IDS.persoon('sneller')], ['toegezegdAanFractie', IDS.fractie('D66')]]);
    const register = await json('/kamer/toezeggingen.json?today=2026-12-02');
    const aan = Object.fromEntries(register.toezeggingen.map((t: any) => [t.nummer, t.aan?.naam ?? null]));
    assert.deepEqual(aan, { 'TZ202502-136': 'Jesse Six Dijkstra', 'TZ202503-041': 'Barbara Kathmann', 'TZ202504-019': 'Joost Sneller', 'TZ202610-088': 'Marloes Jansma' });
    const person = await json(`/personen/${IDS.persoon('sneller')}.json?today=2026-12-02`);
    assert.deepEqual(person.toezeggingen.aan.map((t: any) => t.nummer), ['TZ202504-019']);
  });

  it('repeated elements are kept, references with xsi:type are links', async () => {
    assert.deepEqual((await s.tk.getEntity(IDS.toezeggingFlat))?.fields['kamerbriefNakoming'], ['2025Z11873', '2025Z14402']);
    assert.deepEqual((await s.tk.refsFrom(IDS.verslag)).map((r) => [r.name, r.toId, r.otherCategory]), [['vergadering', IDS.vergadering, 'Vergadering']]);
  });

  it('tombstones are applied: True without a body, true with one, true after an earlier vote', async () => {
    assert.equal(await s.tk.getEntity(IDS.persoonDeleted), null);
    assert.equal(await s.tk.getEntity(IDS.nevenfunctieDeleted), null);
    assert.equal(await s.tk.getEntity(IDS.stemmingDeleted), null);
    const brinkman = await json(`/personen/${IDS.persoon('brinkman')}.json`);
    assert.deepEqual(brinkman.nevenfuncties, [], 'the side job deleted with its body is gone from the person page');
  });

  it('the real VLOS report and the .doc motie are fetched; the .doc import is recorded either way', async () => {
    assert.equal(result.files.missing + result.files.broken, 0);
    const vlos = await s.tk.getFile(IDS.verslag);
    assert.equal(vlos?.status, 'ok');
    assert.equal(vlos?.byteCount, readFileSync(join(REAL, 'resources', REAL_VLOS_ID)).byteLength);
    const word = await s.tk.getFile(REAL_DOC_ID);
    assert.deepEqual([word?.status, word?.contentType], ['ok', 'application/msword']);
    const imported = (await s.store.getDocument('2009d26321')) !== null;
    const failed = (await s.store.listImports({ status: 'failed', limit: 50 })).filter((r) => r.source === `tk:${REAL_DOC_ID}`);
    assert.ok(imported !== (failed.length > 0));
    if (failed.length) assert.equal(failed[0]!.errorCode, 'UNSUPPORTED_FORMAT');
  });

  it('a second run reports nothing new', async () => {
    const again = await syncFeed({ source: fake.url, dataDir: tmp(), retry: { sleep: async () => {} } }, { units: s.units, store: s.store, index: s.index, structure: s.structure, tkStore: s.tk });
    assert.equal(again.entities, 0);
  });

  it('no decision contradicts its votes (through the vote pages)', async () => {
    const besluiten = (await s.tk.listEntities({ category: 'Besluit', limit: 1000 })).items;
    assert.ok(besluiten.length >= 2);
    for (const b of besluiten) {
      const { besluit } = await json(`/api/votes/${b.id}`);
      const t = besluit.tally;
      assert.equal(t.voor + t.tegen + t.nietDeelgenomen, KAMER_ZETELS, `${b.id}: every seat voted once`);
      assert.equal(/aangenomen/i.test(besluit.soort), t.voor > t.tegen, `${besluit.soort} with ${t.voor} voor and ${t.tegen} tegen`);
    }
  });
});

describe('the demo world (data/tk-world, what npm start syncs)', () => {
  it('every Besluit agrees with the seats of its Stemming rows, and every party votes with its own size', () => {
    const states = [...finalStates(buildWorld()).values()];
    const seats = new Map(states.filter((e) => e.category === 'Fractie').map((f) => [f.id, Number(f.fields.find(([k]) => k === 'aantalZetels')![1])]));
    assert.equal([...seats.values()].reduce((a, b) => a + b, 0), KAMER_ZETELS);
    assert.equal(KAMER_ZETELS, 150);
    const field = (e: (typeof states)[number], name: string) => e.fields.find(([k]) => k === name)?.[1] as string | null | undefined;
    const besluiten = states.filter((e) => e.category === 'Besluit');
    assert.ok(besluiten.length >= 2);
    for (const b of besluiten) {
      const votes = states.filter((e) => e.category === 'Stemming' && e.refs.some(([n, r]) => n === 'besluit' && r === b.id) && field(e, 'vergissing') !== 'true');
      const fracties = votes.map((v) => v.refs.find(([n]) => n === 'fractie')![1]);
      assert.equal(new Set(fracties).size, fracties.length, 'one vote per fractie');
      for (const v of votes) assert.equal(Number(field(v, 'fractieGrootte')), seats.get(v.refs.find(([n]) => n === 'fractie')![1]));
      const sum = (soort: string) => votes.filter((v) => field(v, 'soort') === soort).reduce((n, v) => n + Number(field(v, 'fractieGrootte')), 0);
      const [voor, tegen] = [sum('Voor'), sum('Tegen')];
      assert.equal(voor + tegen, KAMER_ZETELS);
      const soort = String(field(b, 'besluitSoort'));
      assert.equal(/aangenomen/.test(soort), voor > tegen, `${soort}: ${voor} voor, ${tegen} tegen`);
      assert.equal(/verworpen/.test(soort), voor <= tegen);
    }
  });

  it('a first sync of data/tk-world: no missing or broken file, every page populated', async () => {
    const s = openServices(':memory:');
    const dataDir = tmp();
    const warnings: string[] = [];
    try {
      const r = await syncFeed({ fromDir: DEMO, dataDir }, { units: s.units, store: s.store, index: s.index, structure: s.structure, tkStore: s.tk, log: { info() {}, warn: (m) => warnings.push(m), error: (m) => warnings.push(m) } });
      assert.equal(r.ok, true);
      assert.deepEqual([r.files.missing, r.files.broken], [0, 0]);
      // The one warning allowed: the legacy Word motie while no .doc extractor is installed.
      assert.deepEqual(warnings.filter((w) => !/^import van tk:ca71487f-866a-43aa-a9d5-ec3e2c3a236c mislukt: .*\[UNSUPPORTED_FORMAT\]$/.test(w)), []);
      const app = createApp(s);
      const json = async (path: string) => (await (await app.request(path)).json()) as any;
      const today = new Date().toISOString().slice(0, 10);
      // The saved world's agenda runs to mid-2028; after that the demo shows no upcoming activities.
      if (today < AGENDA_UNTIL) assert.ok((await json(`/api/activities?today=${today}`)).total >= 1, 'upcoming activities');
      assert.ok((await json('/api/activities?today=2028-06-01')).total >= 1);
      const open = await json('/api/open-questions?today=2026-12-02');
      assert.deepEqual(open.vragen.map((v: any) => [v.nummer, v.uitstel]), [['2026Z20130', true], ['2026Z20981', false], ['2026Z22004', false]]);
      assert.ok((await json('/api/gifts')).items.length >= 4);
      const commissies = (await json('/api/committees')).commissies;
      assert.ok(commissies.length >= 3 && commissies.every((c: any) => c.leden >= 3), JSON.stringify(commissies));
      const fracties = await json('/api/factions');
      assert.equal(fracties.zetels, 150);
      assert.deepEqual(fracties.fracties.filter((f: any) => f.leden === 0).map((f: any) => f.afkorting), [], 'every party page has a member');
      const verslagen = await json('/api/reports');
      assert.deepEqual(verslagen.items.map((v: any) => [v.datum, v.beschikbaar]), [['2014-10-15', true]]);
      const person = await json(`/api/persons/${IDS.persoon('jansma')}`);
      assert.ok(person.geschenken.length && person.nevenfuncties.length && person.commissies.length && person.vragen.length);
    } finally {
      await s.close();
    }
  });

  it('the saved demo is what the world builds (regenerate with save-world.ts, never by hand)', () => {
    const fresh = tmp();
    saveWorld(buildWorld(), fresh);
    assert.equal(pagesOf(fresh), pagesOf(DEMO));
  });
});
