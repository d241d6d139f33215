/**
 * The Kamer pages cost a fixed number of store calls, however many rows they show: each page
 * is rendered for a small world and for one with ten times its rows (a vote with 15 and with
 * 150 members voting, a party of 15 and of 150, …), with every store wrapped in a counting
 * Proxy, and both counts must be equal. Over PostgreSQL every store call is a round trip, so
 * a page whose count grew with its rows would take seconds on a large dossier or vote. Runs
 * on SQLite and on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TkEntity, TkFieldValue } from '../../src/domain/tk.js';
import { migratePg, openPgServices, openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { guid } from '../fake-tk/world.js';
import { freshPgUrl, pgSkip } from '../helpers/pg.js';

const SMALL = 15;
const BIG = 150;

const id = (category: string, key: string | number) => guid(`${category}:${key}`);

function entity(category: string, key: string | number, fields: Record<string, TkFieldValue>, refs: [string, string][] = []): TkEntity {
  return { id: id(category, key), category, updated: '2025-05-02T10:00:00.000Z', deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })) };
}

const range = (n: number) => [...Array(n).keys()];
const pad = (i: number) => String(i).padStart(4, '0');

/**
 * One party of `n` members, one committee of `n`, a vote of `n` on the first of `n / 5`
 * decisions, a dossier and a zaak of `n` documents and `n` actors, an activity with `n`
 * participants, `n / 5` agenda items and `n / 5` open written questions; person 1 signed
 * every document and took part in `n` activities.
 */
async function buildWorld(o: Opened, n: number): Promise<void> {
  const m = n / 5;
  const put = (category: string, entities: TkEntity[]) => o.tk.applyPage(category, entities.map((e) => ({ entity: e, enclosure: null })), null);
  const F = id('Fractie', 'F');
  const C = id('Commissie', 'C');
  const D = id('Kamerstukdossier', 'D');
  const Z = id('Zaak', 'Z');
  const P = (i: number) => id('Persoon', i);
  const A = (i: number) => id('Activiteit', i);
  await put('Fractie', [entity('Fractie', 'F', { afkorting: 'TST', naamNl: 'Testpartij', aantalZetels: String(n) })]);
  await put('Commissie', [entity('Commissie', 'C', { afkorting: 'TSTC', naamNl: 'vaste commissie voor Tests', soort: 'Vaste commissie' })]);
  await put('Persoon', range(n).map((i) => entity('Persoon', i, { nummer: String(i), initialen: 'T.', roepnaam: `Test${i}`, achternaam: `Lid${pad(i)}`, functie: 'Tweede Kamerlid' })));
  await put('FractieZetel', range(n).map((i) => entity('FractieZetel', i, {}, [['fractie', F]])));
  await put('FractieZetelPersoon', range(n).map((i) => entity('FractieZetelPersoon', i, { van: '2023-12-06T00:00:00', functie: i === 0 ? 'Fractievoorzitter' : 'Lid' }, [['fractieZetel', id('FractieZetel', i)], ['persoon', P(i)]])));
  await put('CommissieZetel', range(n).map((i) => entity('CommissieZetel', i, {}, [['commissie', C]])));
  await put('CommissieZetelVastPersoon', range(n).map((i) => entity('CommissieZetelVastPersoon', i, { van: '2024-01-01T00:00:00', functie: 'Lid' }, [['commissieZetel', id('CommissieZetel', i)], ['persoon', P(i)]])));
  await put('Kamerstukdossier', [entity('Kamerstukdossier', 'D', { nummer: '36999', titel: 'Testwet' })]);
  await put('Activiteit', range(n).map((i) => entity('Activiteit', i, { soort: 'Commissiedebat', nummer: `2025A9${pad(i)}`, onderwerp: `Debat ${i}`, datum: `2025-03-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00`, status: 'Uitgevoerd' }, [['voortouwcommissie', C]])));
  const vragen = range(m).map((j) => entity('Zaak', `Q${j}`, { nummer: `2025Z8${pad(j)}`, soort: 'Schriftelijke vragen', onderwerp: `Vragen ${j}`, gestartOp: '2025-04-01T00:00:00+02:00', afgedaan: 'false' }));
  await put('Zaak', [entity('Zaak', 'Z', { nummer: '2025Z99999', soort: 'Motie', onderwerp: 'Motie over tests', gestartOp: '2025-03-01T00:00:00+02:00', afgedaan: 'false' }, [['kamerstukdossier', D], ['activiteit', A(0)]]), ...vragen]);
  await put('ZaakActor', [
    ...range(n).map((i) => entity('ZaakActor', i, { actorNaam: `T. Lid${pad(i)}`, relatie: 'Indiener' }, [['zaak', Z], ['persoon', P(i)]])),
    ...range(m).flatMap((j) => [
      entity('ZaakActor', `Q${j}`, { actorNaam: `T. Lid${pad(j)}`, actorFractie: 'TST', relatie: 'Indiener' }, [['zaak', vragen[j]!.id], ['persoon', P(j)]]),
      entity('ZaakActor', `Q${j}-min`, { actorNaam: 'minister van Testzaken', relatie: 'Gericht aan' }, [['zaak', vragen[j]!.id]]),
    ]),
  ]);
  await put('Agendapunt', range(m).map((j) => entity('Agendapunt', j, { nummer: String(j), onderwerp: `Punt ${j}`, volgorde: String(j) }, [['activiteit', A(0)]])));
  await put('Besluit', range(m).map((j) => entity('Besluit', j, { besluitSoort: 'Stemmen - aangenomen', besluitTekst: 'Aangenomen.', stemmingsSoort: 'Hoofdelijk' }, [['agendapunt', id('Agendapunt', j)], ['zaak', Z]])));
  // The first decision's votes name only the member (the party page would otherwise show its
  // tally of n rows n times over); the others' also the party.
  await put('Stemming', [
    ...range(n).map((i) => entity('Stemming', `0-${i}`, { soort: i % 3 ? 'Voor' : 'Tegen', fractieGrootte: '1', vergissing: 'false' }, [['besluit', id('Besluit', 0)], ['persoon', P(i)]])),
    ...range(m).slice(1).flatMap((j) => [0, 1].map((i) => entity('Stemming', `${j}-${i}`, { soort: 'Voor', fractieGrootte: '1', vergissing: 'false' }, [['besluit', id('Besluit', j)], ['persoon', P(i)], ['fractie', F]]))),
  ]);
  await put('ActiviteitActor', [
    ...range(n).map((i) => entity('ActiviteitActor', `0-${i}`, { actorNaam: `T. Lid${pad(i)}`, relatie: 'Deelnemer', volgorde: String(i) }, [['activiteit', A(0)], ['persoon', P(i)]])),
    ...range(n).slice(1).map((i) => entity('ActiviteitActor', `1-${i}`, { actorNaam: 'T. Lid0001', relatie: 'Deelnemer' }, [['activiteit', A(i)], ['persoon', P(1)]])),
  ]);
  await put('Document', range(n).map((i) => entity('Document', i, { soort: 'Motie', documentNummer: `2025D9${pad(i)}`, onderwerp: `Motie ${i}`, datum: '2025-03-03T00:00:00', volgnummer: String(i + 1) }, [['kamerstukdossier', D], ['zaak', Z], ['activiteit', A(0)]])));
  await put('DocumentActor', range(n).map((i) => entity('DocumentActor', i, { actorNaam: 'T. Lid0001', relatie: 'Ondertekenaar' }, [['document', id('Document', i)], ['persoon', P(1)]])));
  await put('Toezegging', range(n).map((i) => entity('Toezegging', i, { nummer: `TZ${pad(i)}`, tekst: `Toezegging ${i}`, naam: 'Minister', status: 'Openstaand', datumNakoming: '2025-06-01', aanmaakdatum: '2025-03-03' }, [[i % 2 ? 'toegezegdAanFractie' : 'toegezegdAanPersoon', i % 2 ? F : P(1)], ['activiteit', A(0)]])));
  // n / 5 more dossiers (the list counts each one's documents), sittings and their reports (with a file each).
  await put('Kamerstukdossier', range(m).map((j) => entity('Kamerstukdossier', j, { nummer: String(37000 + j), titel: `Wet ${j}` })));
  await put('Vergadering', range(m).map((j) => entity('Vergadering', j, { titel: `Vergadering ${j}`, datum: `2025-03-${String(1 + (j % 28)).padStart(2, '0')}T00:00:00`, soort: 'Plenair', vergaderingNummer: String(j) })));
  await o.tk.applyPage('Verslag', range(m).map((j) => ({
    entity: { ...entity('Verslag', j, { soort: 'Eindpublicatie', status: 'Gecorrigeerd' }, [['vergadering', id('Vergadering', j)]]), file: { contentType: 'text/xml', contentLength: 10 } },
    enclosure: `http://127.0.0.1/Verslag/${j}/resource`,
  })), null);
  await put('PersoonGeschenk', range(n).map((i) => entity('PersoonGeschenk', i, { omschrijving: `Boek ${i}`, datum: '2025-02-10T00:00:00' }, [['persoon', P(i)]])));
}

/** Each page, and how many rows of the world it must show (from its JSON twin): n, or a fixed count. */
const PAGES: { path: string; rows: (body: any, n: number) => [number, number] }[] = [
  { path: `/stemmingen/${id('Besluit', 0)}`, rows: (b, n) => [b.besluit.tally.rows.length + b.andere.length, n + n / 5 - 1] },
  { path: '/stemmingen', rows: (b, n) => [b.items.length, n / 5] },
  { path: '/besluiten', rows: (b, n) => [b.items.length, n / 5] },
  { path: '/fracties', rows: (b, n) => [b.fracties[0].leden, n] },
  { path: '/fracties/TST?today=2025-05-01', rows: (b, n) => [b.leden.length + b.stemmen.length, n + 2 * (n / 5 - 1)] },
  { path: '/personen', rows: (b, n) => [b.total, n] },
    { path: `/personen/${id('Persoon', 1)}?today=2025-05-01`, rows: (b, n) => [b.documenten.length + b.activiteiten.length, 2 * n] },
  { path: `/activiteiten/${id('Activiteit', 0)}?today=2025-05-01`, rows: (b, n) => [b.actoren.length + b.agendapunten.length + b.documenten.length, 2 * n + n / 5] },
  { path: '/commissies', rows: (b, n) => [b.commissies[0].leden, n] },
  { path: '/commissies/TSTC', rows: (b, n) => [b.leden.length, n] },
  { path: '/dossiers/36999', rows: (b, n) => [b.documenten.length, n] },
  { path: '/zaken/2025Z99999', rows: (b, n) => [b.actoren.length + b.documenten.length + b.besluiten.length, 2 * n + n / 5] },
  { path: '/dossiers', rows: (b, n) => [b.items.length, n / 5 + 1] },
  { path: '/verslagen', rows: (b, n) => [b.items.length, n / 5] },
  { path: '/activiteiten?today=2025-03-01', rows: (b, n) => [b.groups[0].activiteiten.length, n] },
  { path: '/kamer', rows: (b, n) => [b.documenten.length + b.stemmingen.length, 10 + Math.min(n / 5, 10)] },
  { path: '/open-vragen?today=2025-05-01', rows: (b, n) => [b.vragen.length, n / 5] },
  // Pages of at most 100 rows.
  { path: '/kamer/toezeggingen?today=2025-05-01', rows: (b, n) => [b.toezeggingen.length, Math.min(n, 100)] },
  { path: '/geschenken', rows: (b, n) => [b.items.length, Math.min(n, 100)] },
];

/** Wraps a store so that every method call is counted. */
function counting<T extends object>(target: T, counter: { n: number; by: Map<string, number> }, name: string): T {
  return new Proxy(target, {
    get(t, prop, receiver) {
      const v = Reflect.get(t, prop, receiver);
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        counter.n++;
        const key = `${name}.${String(prop)}`;
        counter.by.set(key, (counter.by.get(key) ?? 0) + 1);
        return (v as (...a: unknown[]) => unknown).apply(t, args);
      };
    },
  });
}

/** Store calls per page for a world of `n` rows. */
async function countPages(o: Opened, n: number): Promise<Map<string, { calls: number; ms: number; by: Map<string, number> }>> {
  await buildWorld(o, n);
  const counter = { n: 0, by: new Map<string, number>() };
  const app = createApp({
    ...o,
    tk: counting(o.tk, counter, 'tk'),
    store: counting(o.store, counter, 'store'),
    structure: counting(o.structure, counter, 'structure'),
    vlos: counting(o.vlos, counter, 'vlos'),
    promises: counting(o.promises, counter, 'promises'),
  });
  const out = new Map<string, { calls: number; ms: number; by: Map<string, number> }>();
  for (const { path, rows } of PAGES) {
    // The page shows the world's rows (so a count can only stay the same by batching them).
    const [q, query] = path.includes('?') ? path.split('?') : [path, ''];
    const res = await app.request(`${q}.json${query ? `?${query}` : ''}`);
    assert.equal(res.status, 200, path);
    const [got, want] = rows(await res.json(), n);
    assert.equal(got, want, `${path}: rows for n = ${n}`);
    counter.n = 0;
    counter.by = new Map();
    const t0 = performance.now();
    const page = await app.request(path);
    assert.equal(page.status, 200, path);
    assert.match(await page.text(), /<html/i, path);
    out.set(path, { calls: counter.n, ms: performance.now() - t0, by: counter.by });
  }
  return out;
}

function suite(backend: string, open: () => Promise<Opened>, skip: string | false = false) {
  describe(`Kamer pages: store calls per page do not grow with its rows (${backend})`, { skip }, () => {
    const opened: Opened[] = [];
    let small: Awaited<ReturnType<typeof countPages>>;
    let big: Awaited<ReturnType<typeof countPages>>;
    before(async () => {
      const a = await open();
      opened.push(a);
      small = await countPages(a, SMALL);
      const b = await open();
      opened.push(b);
      big = await countPages(b, BIG);
    });
    after(async () => {
      for (const o of opened) await o.close();
    });
    for (const { path } of PAGES) {
      it(`${path}: the same number of store calls for ${SMALL} and ${BIG} rows`, (t) => {
        const s = small.get(path)!;
        const b = big.get(path)!;
        // The time is only shown (a shared machine's timings are no test): the calls are the check.
        t.diagnostic(`${path}: ${s.calls} calls (${SMALL} rows), ${b.calls} calls (${BIG} rows, ${b.ms.toFixed(0)} ms)`);
        assert.ok(s.calls > 0, 'the page reads the store');
        const grew = [...b.by].filter(([k, v]) => v !== (s.by.get(k) ?? 0)).map(([k, v]) => `${k}: ${s.by.get(k) ?? 0} → ${v}`);
        assert.equal(b.calls, s.calls, `${path}: ${grew.join(', ')}`);
      });
    }
  });
}

suite('SQLite', async () => openServices(':memory:'));
suite(
  'PostgreSQL',
  async () => {
    const url = await freshPgUrl();
    await migratePg(url);
    return openPgServices(url, null);
  },
  pgSkip,
);
