/**
 * The Kamer pages over the synced open data, in-process through app.request(): the fake world
 * (data/tk-world) synced into an in-memory store, plus a few entities the world lacks (written
 * questions, a gift, an unplanned activity, an attachment). Every list page and every entity's
 * page renders with its JSON twin; numbers, names and tallies are checked; errors keep the one shape.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { TkEntity, TkFieldValue } from '../../src/domain/tk.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { findNumberLinks } from '../../src/service/tk-linkify.js';
import { IDS, guid } from '../fake-tk/world.js';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');

let world: Opened;
let app: Hono;

/** An entity the fake world does not have, stored as the sync would. */
function extra(category: string, key: string, fields: Record<string, TkFieldValue>, refs: [string, string][] = []): TkEntity {
  return { id: guid(`${category}:${key}`), category, updated: '2025-05-02T10:00:00.000Z', deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })) };
}

const EXTRA = {
  vraagOpen: extra('Zaak', '2025Z08001', { nummer: '2025Z08001', soort: 'Schriftelijke vragen', onderwerp: 'Vragen van het lid Kathmann over de uitrol van 5G en de 5G-toolbox', gestartOp: '2025-05-01T00:00:00+02:00', afgedaan: 'false' }),
  vraagBeantwoord: extra('Zaak', '2025Z07002', { nummer: '2025Z07002', soort: 'Schriftelijke vragen', onderwerp: 'Vragen van het lid Veltman over cloudsoevereiniteit', gestartOp: '2025-04-01T00:00:00+02:00', afgedaan: 'false' }),
  ongepland: extra('Activiteit', 'ongepland-ai', { soort: 'Rondetafelgesprek', nummer: '2025A09999', onderwerp: 'Rondetafelgesprek over AI-toezicht', datum: null, status: 'Gepland', voortouwnaam: 'vaste commissie voor Digitale Zaken' }),
  bijlage: extra('Document', '2025D08600', { soort: 'Bijlage', documentNummer: '2025D08600', onderwerp: 'Schriftelijke inbreng van de fracties', datum: '2025-03-03T00:00:00' }),
};

before(async () => {
  world = openServices(':memory:');
  const dataDir = mkdtempSync(join(tmpdir(), 'kl-tk-pages-'));
  const r = await syncFeed({ fromDir: WORLD_DIR, dataDir }, { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk, vlos: world.vlos });
  assert.equal(r.ok, true);
  const put = (category: string, ...entities: TkEntity[]) => world.tk.applyPage(category, entities.map((entity) => ({ entity, enclosure: null })), null);
  await put('Zaak', EXTRA.vraagOpen, EXTRA.vraagBeantwoord);
  await put('ZaakActor',
    extra('ZaakActor', 'vraag-kathmann', { actorNaam: 'B.C. Kathmann', actorFractie: 'GroenLinks-PvdA', relatie: 'Indiener' }, [['zaak', EXTRA.vraagOpen.id], ['persoon', IDS.persoon('kathmann')]]),
    extra('ZaakActor', 'vraag-ez', { actorNaam: 'minister van Economische Zaken', relatie: 'Gericht aan' }, [['zaak', EXTRA.vraagOpen.id]]),
    extra('ZaakActor', 'vraag-veltman', { actorNaam: 'H. Veltman', actorFractie: 'VVD', relatie: 'Indiener' }, [['zaak', EXTRA.vraagBeantwoord.id], ['persoon', IDS.persoon('veltman')]]),
  );
  await put('Document',
    extra('Document', 'antwoord-veltman', { soort: 'Antwoord schriftelijke vragen', documentNummer: '2025D09001', onderwerp: 'Antwoord op vragen van het lid Veltman', datum: '2025-04-20T00:00:00' }, [['zaak', EXTRA.vraagBeantwoord.id]]),
    EXTRA.bijlage,
  );
  EXTRA.bijlage.refs.push({ name: 'bronDocument', ref: IDS.doc2025 });
  await put('Document', EXTRA.bijlage);
  await put('Activiteit', EXTRA.ongepland);
  await put('PersoonGeschenk', extra('PersoonGeschenk', 'sneller-1', { omschrijving: 'Boek "Democratie & <data>" van de auteur', datum: '2025-02-10T00:00:00', gewicht: '1' }, [['persoon', IDS.persoon('sneller')]]));
  app = createApp(world);
});
after(async () => world.close());

async function json(path: string, status = 200) {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  assert.match(res.headers.get('content-type') ?? '', /application\/json/, path);
  return (await res.json()) as any;
}

async function html(path: string, status = 200) {
  const res = await app.request(path);
  assert.equal(res.status, status, path);
  assert.match(res.headers.get('content-type') ?? '', /text\/html/, path);
  return res.text();
}

/** The page, its `.json` twin and its API route: same body in both JSON forms, HTML renders. */
async function page(path: string, api: string, query = '') {
  const body = await json(`${path}.json${query}`);
  assert.equal(body.ok, true, path);
  assert.deepEqual(await json(`${api}${query}`), body, `${api} equals ${path}.json`);
  return { body, page: await html(`${path}${query}`) };
}

const T = '?today=2025-01-01';

describe('lists', () => {
  it('/kamer lists the latest of everything by update time', async () => {
    const { body, page: h } = await page('/kamer', '/api/parliament');
    assert.deepEqual(body.documenten.map((d: any) => d.nummer).slice(0, 3), ['2026D46231', '2026D45127', '2026D44560'], 'the written questions of November 2026 first');
    assert.equal(body.zaken[0].nummer, '2026Z22004');
    assert.deepEqual(body.stemmingen.map((b: any) => [b.zaak.nummer, b.tally.voor, b.tally.tegen]), [['2026Z19870', 59, 91], ['2025Z04410', 82, 68]]);
    assert.ok(body.counts.some((c: any) => c.category === 'Persoon' && c.count === 27));
    for (const needle of ['Tweede Kamer: wat is er nieuw', 'Vragen van het lid Jansma over het uitfaseren van het kopernetwerk', '2025Z04410', 'voor 82 – tegen 68 zetels', 'voor 59 – tegen 91 zetels']) assert.ok(h.includes(needle), needle);
  });

  it('/activiteiten is the agenda from today on per committee; undated ones are apart', async () => {
    const { body, page: h } = await page('/activiteiten', '/api/activities', T);
    assert.equal(body.today, '2025-01-01');
    assert.deepEqual(body.groups.map((g: any) => g.commissie.naam), ['Digitale Zaken', 'Economische Zaken', 'Binnenlandse Zaken', 'Plenair en overig']);
    assert.deepEqual(body.groups[0].activiteiten.map((a: any) => a.nummer), ['2025A01012', '2026A04120']);
    assert.deepEqual(body.groups[3].activiteiten.map((a: any) => a.nummer).slice(0, 3), ['2025A01540', '2026A06110', '2027A07039']);
    assert.equal(body.ongepland, 1);
    assert.ok(h.includes('Agenda vanaf 1 januari 2025') && h.includes('Informele Telecomraad 29-30 april 2026'));
    const later = await json('/activiteiten.json?today=2027-01-01');
    assert.deepEqual(later.groups.flatMap((g: any) => g.activiteiten.map((a: any) => a.nummer)).slice(0, 2), ['2027A07013', '2027A07052'], 'the agenda ahead in the saved world');
    assert.deepEqual(later.groups.map((g: any) => g.commissie.naam), ['Economische Zaken', 'Binnenlandse Zaken', 'Plenair en overig']);
    const { body: un, page: uh } = await page('/activiteiten/ongepland', '/api/activities/unscheduled');
    assert.deepEqual(un.activiteiten.map((a: any) => a.nummer), ['2025A09999']);
    assert.ok(uh.includes('Rondetafelgesprek over AI-toezicht'));
  });

  it('/besluiten and /stemmingen list the decision on the motie with its tally', async () => {
    const { body, page: h } = await page('/besluiten', '/api/decisions');
    assert.equal(body.total, 2);
    assert.deepEqual(body.items.map((b: any) => [b.zaak.nummer, b.soort]), [['2026Z19870', 'Stemmen - verworpen'], ['2025Z04410', 'Stemmen - aangenomen']]);
    assert.ok(h.includes(`id="besluit-${IDS.besluitMotie}"`));
    const { body: st } = await page('/stemmingen', '/api/votes');
    assert.deepEqual(st.items.map((b: any) => [b.id, b.tally.voor, b.tally.tegen]), [[IDS.besluitMotieKoper, 59, 91], [IDS.besluitMotie, 82, 68]]);
  });

  it('/commissies, /fracties and /personen (with ?fractie=)', async () => {
    const { body: c, page: ch } = await page('/commissies', '/api/committees');
    assert.deepEqual(c.commissies.map((x: any) => [x.naam, x.leden]), [['Binnenlandse Zaken', 5], ['Digitale Zaken', 3], ['Economische Zaken', 4]], 'a member who left is not counted');
    assert.ok(ch.includes('Digitale Zaken'));
    const { body: f, page: fh } = await page('/fracties', '/api/factions');
    assert.deepEqual(f.fracties.slice(0, 6).map((x: any) => [x.afkorting, x.zetels, x.leden]), [['PVV', 37, 1], ['GroenLinks-PvdA', 25, 1], ['VVD', 24, 1], ['NSC', 20, 1], ['D66', 9, 1], ['BBB', 7, 1]]);
    assert.equal(f.fracties.length, 15);
    assert.equal(f.zetels, 150);
    assert.ok(fh.includes('Partij voor de Vrijheid'));
    const { body: p, page: ph } = await page('/personen', '/api/persons');
    assert.equal(p.total, 27);
    assert.ok(ph.includes('Zsolt Szabó') && ph.includes('Danai van Weerdenburg'));
    const vvd = await json('/personen.json?fractie=VVD');
    assert.deepEqual(vvd.items.map((x: any) => [x.naam, x.fractie]), [['Hester Veltman', 'VVD']]);
    const byId = await json(`/api/persons?fractie=${IDS.fractie('GL-PvdA')}`);
    assert.deepEqual(byId.items.map((x: any) => x.naam), ['Barbara Kathmann']);
    assert.ok((await html('/personen?fractie=NSC')).includes('Jesse Six Dijkstra'));
  });

  it('/dossiers, /verslagen and /geschenken', async () => {
    const { body: d } = await page('/dossiers', '/api/dossiers');
    assert.deepEqual(d.items.map((x: any) => [x.key, x.documenten]), [['21501-02', 1], ['21501-33', 5], ['31951', 1]]);
    const { body: v, page: vh } = await page('/verslagen', '/api/reports');
    assert.deepEqual(v.items.map((x: any) => [x.titel, x.datum, x.beschikbaar]), [['14e vergadering, woensdag 15 oktober 2014', '2014-10-15', true]]);
    assert.ok(vh.includes(`/verslagen/${IDS.verslag}`));
    const { body: g, page: gh } = await page('/geschenken', '/api/gifts');
    assert.deepEqual(g.items.map((x: any) => [x.datum, x.persoon.naam]), [
      ['2026-09-28', 'Ilias Benali'], ['2026-05-04', 'Floor Brinkman'], ['2026-03-19', 'Thijs Verbeek'], ['2026-02-10', 'Marloes Jansma'], ['2025-02-10', 'Joost Sneller'],
    ]);
    assert.ok(gh.includes('Boek &quot;Democratie &amp; &lt;data&gt;&quot; van de auteur') || gh.includes('Boek "Democratie &amp; &lt;data&gt;" van de auteur'), 'gift text escaped');
  });

  it('/kamer/toezeggingen: the register with status and deadline, next to the commitments found in letters', async () => {
    const { body, page: h } = await page('/kamer/toezeggingen', '/api/parliament/commitments', '?today=2025-07-01');
    assert.equal(body.total, 4);
    assert.equal(body.verlopen, 1);
    assert.equal(body.gevondenInBrievenUrl, '/toezeggingen');
    assert.deepEqual(body.toezeggingen.map((t: any) => [t.nummer, t.verlopen, t.datumNakoming]), [
      ['TZ202502-136', true, '2025-06-30'], ['TZ202610-088', false, '2027-03-31'], ['TZ202503-041', false, null], ['TZ202504-019', false, null],
    ]);
    assert.ok(h.includes('href="/toezeggingen"') && h.includes('verlopen') && h.includes('uiterlijk 30 juni 2025'));
    assert.equal((await json('/kamer/toezeggingen.json?today=2025-06-01')).verlopen, 0);
  });

  it('/open-vragen: unanswered written questions, overdue after three weeks, per party and ministry', async () => {
    const { body, page: h } = await page('/open-vragen', '/api/open-questions', '?today=2026-12-02');
    assert.deepEqual(body.vragen.map((v: any) => [v.nummer, v.dagen, v.verlopen, v.uitstel]), [
      ['2025Z08001', 580, true, false], ['2026Z20130', 47, true, true], ['2026Z20981', 34, true, false], ['2026Z22004', 13, false, false],
    ], 'the answered 2026Z18750 is left out');
    assert.deepEqual(body.perFractie, [
      { fractie: 'BBB', open: 1, verlopen: 0 }, { fractie: 'CDA', open: 1, verlopen: 1 }, { fractie: 'GroenLinks-PvdA', open: 1, verlopen: 1 }, { fractie: 'SP', open: 1, verlopen: 1 },
    ]);
    assert.deepEqual(body.perMinisterie, [
      { ministerie: 'Economische Zaken', open: 2, verlopen: 1 },
      { ministerie: 'Binnenlandse Zaken en Koninkrijksrelaties', open: 1, verlopen: 1 },
      { ministerie: 'Justitie en Veiligheid', open: 1, verlopen: 1 },
    ]);
    assert.ok(h.includes('te laat') && h.includes('Barbara Kathmann'));
    // On 15 May 2025 only 2025Z08001 had been submitted: the questions of 2026 are not listed, nor counted per party.
    const early = await json('/open-vragen.json?today=2025-05-15');
    assert.deepEqual(early.vragen.map((v: any) => [v.nummer, v.dagen, v.verlopen]), [['2025Z08001', 14, false]]);
    assert.equal(early.total, 1);
    assert.deepEqual(early.perFractie, [{ fractie: 'GroenLinks-PvdA', open: 1, verlopen: 0 }]);
    // Submitted on the day asked about: listed, 0 days.
    const sameDay = await json('/open-vragen.json?today=2025-05-01');
    assert.deepEqual(sameDay.vragen.map((v: any) => [v.nummer, v.dagen]), [['2025Z08001', 0]]);
  });
});

describe('every entity of the world has its page', () => {
  const list = async (category: string) => (await world.tk.listEntities({ category, limit: 1000 })).items;

  it('every person, party and committee', async () => {
    for (const p of await list('Persoon')) {
      const { body, page: h } = await page(`/personen/${p.id}`, `/api/persons/${p.id}`, T);
      assert.ok(h.includes(`<h1>${body.persoon.naam}</h1>`), p.id);
      assert.equal(body.persoon.achternaam ?? p.fields['achternaam'], p.fields['achternaam']);
    }
    for (const f of await list('Fractie')) {
      const { body, page: h } = await page(`/fracties/${f.id}`, `/api/factions/${f.id}`);
      assert.equal(body.fractie.zetels, Number(f.fields['aantalZetels']));
      const zetels = (await world.tk.refsTo(f.id, 'fractie')).filter((r) => r.otherCategory === 'FractieZetel');
      assert.equal(body.leden.length, zetels.length);
      assert.ok(h.includes(String(f.fields['naamNl'])));
    }
    for (const c of await list('Commissie')) {
      const { body } = await page(`/commissies/${c.id}`, `/api/committees/${c.id}`);
      assert.equal(body.commissie.naam, c.fields['naamWebNl']);
    }
  });

  it('every activity, zaak (by number and by id), dossier, decision with votes, and report', async () => {
    for (const a of await list('Activiteit')) {
      const { body, page: h } = await page(`/activiteiten/${a.id}`, `/api/activities/${a.id}`);
      assert.equal(body.activiteit.nummer, a.fields['nummer']);
      assert.ok(h.includes(String(a.fields['nummer'])));
    }
    for (const z of await list('Zaak')) {
      const nr = String(z.fields['nummer']);
      const { body, page: h } = await page(`/zaken/${nr}`, `/api/cases/${nr}`);
      assert.equal(body.zaak.id, z.id);
      assert.ok(h.includes(nr));
      assert.deepEqual(await json(`/zaken/${z.id}.json`), body);
    }
    for (const d of await list('Kamerstukdossier')) await page(`/dossiers/${d.id}`, `/api/dossiers/${d.id}`);
    for (const b of await list('Besluit')) await page(`/stemmingen/${b.id}`, `/api/votes/${b.id}`);
    for (const v of await list('Verslag')) await page(`/verslagen/${v.id}`, `/api/reports/${v.id}`);
  });
});

describe('entity pages', () => {
  it('a minister: documents signed, commitments made (matched by name)', async () => {
    const { body, page: h } = await page(`/personen/${IDS.persoon('szabo')}`, `/api/persons/${IDS.persoon('szabo')}`, '?today=2025-07-01');
    assert.equal(body.persoon.naam, 'Zsolt Szabó');
    assert.equal(body.fractie, null);
    assert.deepEqual(body.documenten.map((d: any) => [d.nummer, d.relatie, d.documentUrl]), [['2025D08504', 'Ondertekenaar', '/documents/2025d08504']]);
    assert.deepEqual(body.toezeggingen.door.map((t: any) => [t.nummer, t.verlopen]), [['TZ202502-136', true]]);
    assert.ok(h.includes('href="/documents/2025d08504"') && h.includes('TZ202502-136'));
  });

  it('an MP: party, committee, motion, questions asked, activity, gifts of another MP stay theirs', async () => {
    const body = await json(`/personen/${IDS.persoon('kathmann')}.json`);
    assert.equal(body.fractie.afkorting, 'GroenLinks-PvdA');
    assert.deepEqual(body.commissies.map((c: any) => c.commissie.naam), ['Digitale Zaken']);
    assert.deepEqual(body.zaken.map((z: any) => [z.nummer, z.relatie]), [['2025Z08001', 'Indiener'], ['2025Z04410', 'Indiener']]);
    assert.deepEqual(body.vragen.map((z: any) => [z.nummer, z.beantwoord]), [['2025Z08001', false]]);
    assert.deepEqual(body.activiteiten.map((a: any) => a.nummer), ['2025A01012']);
    assert.deepEqual(body.geschenken, []);
    const sneller = await json(`/personen/${IDS.persoon('sneller')}.json`);
    assert.deepEqual(sneller.geschenken.map((g: any) => g.datum), ['2025-02-10']);
    assert.deepEqual(sneller.nevenfuncties.map((n: any) => [n.omschrijving, n.actief]), [['Bestuurslid Stichting Open Democratie', true]]);
  });

  it('a committee: members with party (the chair first), zaken and activities; also by afkorting', async () => {
    const body = await json('/commissies/DiZa.json');
    assert.deepEqual(body.leden.map((l: any) => [l.persoon.naam, l.persoon.fractie, l.functie]), [
      ['Jesse Six Dijkstra', 'NSC', 'Voorzitter'],
      ['Barbara Kathmann', 'GroenLinks-PvdA', 'Lid'],
      ['Joost Sneller', 'D66', 'Lid'],
    ]);
    assert.deepEqual(body.zaken.map((z: any) => [z.nummer, z.relatie]), [['2025Z03735', 'Voortouwcommissie']]);
    assert.deepEqual(body.activiteiten.map((a: any) => a.nummer), ['2026A04120', '2025A01012', '2022A02230']);
    assert.deepEqual(await json(`/api/committees/${IDS.commissieDiZa}`), body);
  });

  it('a party: seats, members, how it voted', async () => {
    const { body, page: h } = await page('/fracties/VVD', '/api/factions/vvd');
    assert.equal(body.fractie.zetels, 24);
    assert.deepEqual(body.leden.map((l: any) => l.persoon.naam), ['Hester Veltman']);
    assert.deepEqual(body.stemmen.map((s: any) => [s.soort, s.besluit.zaak.nummer]), [['Tegen', '2026Z19870'], ['Tegen', '2025Z04410']], 'the vote recorded by mistake was deleted');
    assert.ok(h.includes('Tegen') && h.includes('Hester Veltman'));
  });

  it('a party lists the commitments made to it', async () => {
    const { body, page: h } = await page(`/fracties/${IDS.fractie('GL-PvdA')}`, `/api/factions/${IDS.fractie('GL-PvdA')}`);
    assert.deepEqual(body.toezeggingen.map((t: any) => [t.nummer, t.aan?.naam]), [['TZ202503-041', 'Barbara Kathmann']], 'made to an MP of the party: the person is named');
    assert.ok(h.includes('Toezeggingen aan de fractie (1)') && h.includes('verslag van de informele Telecomraad'));
  });

  it('the vote on the motie: seats voor/tegen per party, by decision or by zaak number', async () => {
    const { body, page: h } = await page(`/stemmingen/${IDS.besluitMotie}`, `/api/votes/${IDS.besluitMotie}`);
    const t = body.besluit.tally;
    assert.deepEqual([t.voor, t.tegen, t.nietDeelgenomen], [82, 68, 0]);
    assert.equal(body.besluit.soort, 'Stemmen - aangenomen');
    assert.deepEqual(t.rows.slice(0, 3).map((r: any) => [r.naam, r.soort, r.zetels]), [['GroenLinks-PvdA', 'Voor', 25], ['NSC', 'Voor', 20], ['D66', 'Voor', 9]]);
    assert.deepEqual(t.rows.filter((r: any) => r.soort === 'Tegen').map((r: any) => [r.naam, r.zetels]), [['PVV', 37], ['VVD', 24], ['FvD', 3], ['SGP', 3], ['JA21', 1]]);
    assert.equal(t.rows.length, 15);
    assert.deepEqual(await json('/stemmingen/2025Z04410.json'), body);
    assert.match(h, /<svg class="stack"[^>]*role="img"[^>]*aria-labelledby="uitslag-/);
    assert.match(h, /<strong>82<\/strong> zetels voor, <strong>68<\/strong> tegen/);
    assert.match(h, /<td>Voor<\/td><td class="num">25<\/td>/);
  });

  it('a dossier: its documents as a timeline by volgnummer, linked to kamerlens when imported', async () => {
    const { body, page: h } = await page('/dossiers/21501-33', '/api/dossiers/21501-33');
    assert.deepEqual(body.documenten.map((d: any) => [d.volgnummer, d.nummer, d.documentUrl]), [
      [1030, '2022D14467', '/documents/2022d14467'],
      [1113, '2025D08504', '/documents/2025d08504'],
      [1115, '2025D10230', '/documents/2025d10230'],
      [1160, '2026D21978', '/documents/2026d21978'],
      [null, '2017D33112', '/documents/2017d33112'],
    ]);
    const order = ['id="nr-1030"', 'id="nr-1113"', 'id="nr-1115"', 'id="nr-1160"'].map((s) => h.indexOf(s));
    assert.ok(order.every((i, n) => i > 0 && (n === 0 || i > order[n - 1]!)), 'timeline in order');
    assert.ok(h.includes('https://www.tweedekamer.nl/kamerstukken/detail?id=2025Z04410&amp;did=2025D10230'));
    assert.deepEqual(await json(`/dossiers/${IDS.dossier21501_33}.json`), body);
  });

  it('a zaak: actors, documents, activities, decisions and votes', async () => {
    const { body, page: h } = await page('/zaken/2025Z04410', '/api/cases/2025Z04410');
    assert.deepEqual(body.actoren.map((a: any) => [a.naam, a.relatie, a.fractie]), [['Barbara Kathmann', 'Indiener', 'GroenLinks-PvdA']]);
    assert.deepEqual(body.documenten.map((d: any) => d.nummer), ['2025D10230']);
    assert.deepEqual(body.activiteiten.map((a: any) => a.nummer), ['2025A01540']);
    assert.equal(body.besluiten[0].tally.tegen, 68);
    assert.equal(body.dossier.key, '21501-33');
    assert.ok(h.includes('<strong>82</strong> zetels voor'));
    assert.equal((await json('/zaken/2025z03735.json')).zaak.afgedaan, true, 'the re-sent zaak is closed; numbers are case-insensitive');
  });

  it('an activity: participants, agenda items with decisions, commitments', async () => {
    const a = await json(`/activiteiten/${IDS.activiteit2025}.json`);
    assert.deepEqual(a.actoren.map((x: any) => [x.naam, x.relatie]), [['Barbara Kathmann', 'Deelnemer']]);
    assert.deepEqual(a.toezeggingen.map((t: any) => t.nummer).sort(), ['TZ202502-136', 'TZ202503-041']);
    const stemmingen = await json(`/activiteiten/${guid('Activiteit:stemmingen-2025-03-11')}.json`);
    assert.deepEqual(stemmingen.agendapunten.map((p: any) => [p.rubriek, p.besluiten[0].tally.voor]), [['Moties', 82]]);
    assert.deepEqual(stemmingen.zaken.map((z: any) => z.nummer), ['2025Z04410']);
    const debat = await json(`/activiteiten/${guid('Activiteit:2026A04120')}.json`);
    assert.equal(debat.activiteit.zaal, 'Thorbeckezaal');
  });

  // The world's verslag is now the real VLOS report of 15 October 2014 (a vlosCoreDocument);
  // what it says is asserted with the real-VLOS parser, not with the invented format's one.
  it('a report: its sitting and its downloaded file', async () => {
    const { body, page: h } = await page(`/verslagen/${IDS.verslag}`, `/api/reports/${IDS.verslag}`);
    assert.equal(body.verslag.beschikbaar, true);
    assert.equal(body.verslag.titel, '14e vergadering, woensdag 15 oktober 2014');
    assert.ok(h.includes('14e vergadering, woensdag 15 oktober 2014'));
    // Derived at sync time by the real-VLOS parser (test/golden/vlos has the hand-checked figures).
    assert.deepEqual(body.inhoud.activiteiten.map((a: any) => a.titel), [
      'Opening', 'Mededelingen', 'Europese Top', 'Mededelingen', 'Regeling van werkzaamheden',
      'Beloningsbeleid financiële ondernemingen', 'Wet aanpassing financieel toetsingskader',
    ]);
    assert.ok(h.includes('Europese Top'));
  });
});

describe('the document page', () => {
  it('shows the Kamer panel: number, dossier and volgnummer, zaak, signatories, version, attachment, the Kamer site', async () => {
    const h = await html('/documents/2025d08504');
    const panel = h.slice(h.indexOf('<section class="tk-panel"'), h.indexOf('</section>', h.indexOf('<section class="tk-panel"')));
    for (const needle of [
      '<dd>2025D08504</dd>',
      '<a href="/dossiers/21501-33#nr-1113">21501-33, nr. 1113</a>',
      '<a href="/zaken/2025Z03735">2025Z03735</a>',
      'Dirk Beljaarts</a> (ondertekenaar)',
      'versie 1 .docx · 46 kB',
      'Schriftelijke inbreng van de fracties',
      'href="https://www.tweedekamer.nl/kamerstukken/detail?id=2025Z03735&amp;did=2025D08504"',
    ]) assert.ok(panel.includes(needle), needle);
    const j = await json('/documents/2025d08504/kamer.json');
    assert.deepEqual(await json('/api/documents/2025d08504/parliament'), j);
    assert.deepEqual(j.actoren.map((a: any) => a.naam).sort(), ['David van Weel', 'Dirk Beljaarts', 'Zsolt Szabó']);
    assert.deepEqual(j.bijlagen.map((b: any) => b.nummer), ['2025D08600']);
    assert.equal(j.dossier.key, '21501-33');
  });

  it('links Kamer numbers in the text', async () => {
    const h = await html('/documents/2025d08504');
    const text = h.slice(h.indexOf('<div class="doctext">'));
    assert.ok(text.includes('<a href="/dossiers/21501-33#nr-1096" class="kamer-nummer">21501-33, nr. 1096</a>'));
    assert.match(text, /<a href="\/kamer\/document\/2025D08504" class="kamer-nummer">2025D08504<\/a>/);
    assert.match(text, /<a href="\/zaken\/2025Z03735" class="kamer-nummer">2025Z03735<\/a>/);
  });

  it('keeps search hits marked inside a linked number', async () => {
    const h = await html('/documents/2025d08504?q=2025D08504');
    assert.match(h, /class="kamer-nummer"><mark>2025D08504<\/mark><\/a>/);
  });

  it('a document number resolves to the kamerlens document, else its zaak', async () => {
    const go = async (nr: string) => (await app.request(`/kamer/document/${nr}`)).headers.get('location');
    assert.equal(await go('2025D08504'), '/documents/2025d08504');
    assert.equal(await go('2025d10230'), '/documents/2025d10230');
    assert.equal(await go('2026d46231'), '/zaken/2026Z22004', 'written questions without a file');
    // Unknown: a Dutch page with the official link, never an English 404.
    const missing = await html('/kamer/document/2025D00000', 200);
    assert.match(missing, /Document 2025D00000 staat \(nog\) niet in het archief/);
    assert.match(missing, /href="https:\/\/www\.tweedekamer\.nl\/kamerstukken\/detail\?did=2025D00000"/);
    assert.equal((await app.request('/kamer/document/abc')).status, 400);
  });

  it('a document from elsewhere has no panel and no Kamer JSON', async () => {
    const docs = await world.store.recentDocuments(10);
    assert.ok(docs.every((d) => d.id.match(/^20\d\dd\d{5}$/) || d.id.startsWith('handelingen-')), 'only synced documents (and the report of a sitting) in this world');
    assert.equal((await json('/documents/nope/kamer.json', 404)).error.code, 'NOT_FOUND');
  });
});

describe('numbers in text', () => {
  it('finds document, zaak and kamerstuk numbers, not look-alikes', () => {
    const text = 'Zie 2025D08504 en zaak 2025Z03735, Kamerstuk 21501-33, nr. 1113, Kamerstuk 21501-33-1096, 36600 XV, nr. 12 en 21501-20 nr 5; niet x2025D08504 of 2025D0850 of 12345.';
    assert.deepEqual(findNumberLinks(text).map((l) => [text.slice(l.start, l.end), l.href]), [
      ['2025D08504', '/kamer/document/2025D08504'],
      ['2025Z03735', '/zaken/2025Z03735'],
      ['21501-33, nr. 1113', '/dossiers/21501-33#nr-1113'],
      ['21501-33-1096', '/dossiers/21501-33#nr-1096'],
      ['36600 XV, nr. 12', '/dossiers/36600-XV#nr-12'],
      ['21501-20 nr 5', '/dossiers/21501-20#nr-5'],
    ]);
  });

});

describe('errors and input', () => {
  it('unknown ids are 404 in the one error shape, as JSON and as a page', async () => {
    const unknown = guid('nothing');
    for (const [p, api] of [
      ['/personen', '/api/persons'], ['/fracties', '/api/factions'], ['/commissies', '/api/committees'], ['/activiteiten', '/api/activities'],
      ['/dossiers', '/api/dossiers'], ['/zaken', '/api/cases'], ['/stemmingen', '/api/votes'], ['/verslagen', '/api/reports'],
    ] as const) {
      for (const url of [`${p}/${unknown}.json`, `${api}/${unknown}`, `${p}/2099Z99999.json`]) {
        const body = await json(url, 404);
        assert.deepEqual(Object.keys(body).sort(), ['error', 'ok'], url);
        assert.equal(body.ok, false);
        assert.equal(body.error.code, 'NOT_FOUND', url);
      }
      assert.match(await html(`${p}/${unknown}`, 404), /NOT_FOUND|bestaat niet|No /);
    }
    // An entity of another category is not found either: a person id is no party.
    assert.equal((await json(`/fracties/${IDS.persoon('kathmann')}.json`, 404)).error.code, 'NOT_FOUND');
  });

  it('bad parameters are 400 with the field named', async () => {
    for (const [url, field] of [['/activiteiten.json?today=1-1-2025', 'today'], ['/besluiten.json?page=0', 'page'], ['/open-vragen.json?today=2025-13-01', 'today'], ['/api/persons?page=abc', 'page']] as const) {
      const body = await json(url, 400);
      assert.equal(body.error.code, 'BAD_REQUEST', url);
      assert.equal(body.error.field, field, url);
    }
  });

  it('escapes user input in pages', async () => {
    const evil = '<script>alert(1)</script>';
    const h = await html(`/personen?fractie=${encodeURIComponent(evil)}`);
    assert.ok(!h.includes(evil));
    assert.ok(h.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    const nf = await html(`/zaken/${encodeURIComponent(evil)}`, 404);
    assert.ok(!nf.includes(evil));
    const nfj = await json(`/api/cases/${encodeURIComponent(evil)}`, 404);
    assert.equal(nfj.error.message, `Geen zaak "${evil}" in de open data`);
  });

  it('is reachable from the header and described in OpenAPI', async () => {
    assert.match(await html('/'), /<a href="\/kamer">Kamer<\/a>/);
    const spec = await json('/api/openapi.json');
    for (const p of ['/api/parliament', '/api/activities', '/api/persons/{key}', '/api/votes/{key}', '/api/dossiers/{key}', '/api/cases/{key}', '/api/open-questions', '/api/reports/{key}', '/api/gifts', '/api/documents/{id}/parliament']) {
      assert.ok(spec.paths[p]?.get, p);
    }
    const css = await app.request('/assets/tk.css');
    assert.equal(css.status, 200);
    assert.match(await css.text(), /ol\.timeline/);
  });

  it('without the open data the pages say so in the error shape', async () => {
    const bare = createApp({ store: world.store, index: world.index, structure: world.structure });
    const res = await bare.request('/kamer.json');
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as any).error.code, 'NOT_FOUND');
    assert.equal((await bare.request('/documents/2025d08504')).status, 200, 'the document page still renders');
  });
});
