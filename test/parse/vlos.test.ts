/**
 * The VLOS parser on real material: a cut of the real report of 15 October 2014
 * (test/fixtures/vlos/europese-top-pechtold.xml: its sitting, the debate on the European
 * summit and Pechtold's first turns, bytes as served, BOM included), small snippets of it,
 * and the whole report (test/golden/vlos/2014-10-15-plenair-14.json: figures read off the XML by hand).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isKamerlensError } from '../../src/domain/errors.js';
import type { VlosActivity, VlosBlock, VlosReport, VlosTurn } from '../../src/domain/vlos.js';
import { displayName, parseVlos, secondsBetween, vlosText } from '../../src/parse/vlos.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');
const REAL = join(FIXTURES, 'tk-vlos', 'resources', '03686ab6-0000-4000-8000-000000000001');

const turns = (blocks: VlosBlock[]): VlosTurn[] => blocks.flatMap((b) => (b.kind === 'turn' ? [b.turn] : []));
const nameOf = (r: VlosReport, key: string) => r.speakers.find((s) => s.key === key)?.naam;
const statsOf = (r: VlosReport, a: VlosActivity, naam: string) => a.speakers.find((s) => nameOf(r, s.speaker) === naam);

/** A report around one activity's inner XML, in the real namespace. */
const wrap = (inner: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><vlosCoreDocument soort="Eindpublicatie" status="Gecorrigeerd" xmlns="http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0"><vergadering soort="Plenair" objectid="v1"><titel>T</titel><activiteit soort="Plenair debat" objectid="a1"><titel>Debat</titel><onderwerp>Het onderwerp</onderwerp>${inner}</activiteit></vergadering></vlosCoreDocument>`;

// The spreker of the real report's chair, copied from it.
const VAN_MILTENBURG = `<spreker soort="Tweede Kamerlid" objectid="f49e5650-7dbe-457c-a8ce-ba8a822844ec"><fractie>VVD</fractie><aanhef>Mevrouw</aanhef><verslagnaam>Van Miltenburg</verslagnaam><weergavenaam>A. van Miltenburg</weergavenaam><voornaam>Anouchka</voornaam><achternaam>Miltenburg van</achternaam><functie>Lid Tweede Kamer</functie></spreker>`;

describe('parseVlos on a cut of the real report', () => {
  const r = parseVlos(readFileSync(join(FIXTURES, 'vlos', 'europese-top-pechtold.xml'), 'utf8'));

  it('reads the sitting and the report from the vlosCoreDocument root (BOM and all)', () => {
    assert.equal(r.soort, 'Tussenpublicatie');
    assert.equal(r.status, 'Ongecorrigeerd');
    assert.deepEqual(r.vergadering, {
      objectId: '462144d8-9742-4baa-bf07-4523b849e6eb',
      soort: 'Plenair',
      titel: '14e vergadering, woensdag 15 oktober 2014',
      zaal: 'Plenaire zaal',
      vergaderjaar: '2014-2015',
      nummer: '14',
      datum: '2014-10-15T00:00:00',
      aanvangstijd: '2014-10-15T10:15:00',
      sluiting: '2014-10-15T22:41:54',
    });
    const a = r.activiteiten[0]!;
    assert.deepEqual([a.objectId, a.soort, a.titel, a.onderwerp, a.aanvangstijd, a.eindtijd], [
      'cbbc1121-2910-40c1-a876-cce3bf3dfcd9', 'Plenair debat', 'Europese Top', 'de agenda van de Europese Top van 23 en 24 oktober', '2014-10-15T10:16:19', '2014-10-15T15:47:03',
    ]);
  });

  it('keeps the order: introduction (without the repeated title), the term as a heading, then the turns', () => {
    const blocks = r.activiteiten[0]!.blocks;
    assert.deepEqual(blocks.map((b) => b.kind), ['fragment', 'kop', 'turn', 'turn']);
    assert.deepEqual(blocks[0], { kind: 'fragment', fragment: { soort: 'tekst', paragraphs: ['Aan de orde is het debat over de agenda van de Europese Top van 23 en 24 oktober.'] } });
    assert.deepEqual(blocks[1], { kind: 'kop', text: 'Termijn inbreng' });
  });

  it('nests each interruption under the turn it interrupts, each with its own time marks', () => {
    const [first, second] = turns(r.activiteiten[0]!.blocks);
    assert.equal(nameOf(r, first!.speaker), 'Alexander Pechtold');
    assert.deepEqual([first!.kind, first!.voorzitter, first!.begin, first!.end, first!.seconds], ['woordvoerder', false, '2014-10-15T10:23:48', '2014-10-15T10:25:43', 115]);
    assert.equal(first!.interruptions.length, 1);
    const i = first!.interruptions[0]!;
    assert.equal(nameOf(r, i.speaker), 'Mark Verheijen');
    assert.deepEqual([i.kind, i.begin, i.end, i.seconds], ['interrumpant', '2014-10-15T10:25:43', '2014-10-15T10:25:45', 2]);
    assert.match(i.paragraphs[0]!, /^Ik heb toch een vraag aan de heer Pechtold\. We hebben lang gewacht/);
    assert.deepEqual([second!.seconds, second!.interruptions.map((x) => x.seconds)], [68, [56]]);
  });

  it('drops the printed speaker line, keeps the speech whole, inline markup with its spaces', () => {
    const [first, second] = turns(r.activiteiten[0]!.blocks);
    assert.equal(first!.paragraphs.length, 2);
    assert.match(first!.paragraphs[0]!, /^Voorzitter\. De teerling is geworpen: team-Juncker is rond\./);
    assert.match(first!.paragraphs[1]!, /Misschien deelt mijn fractie die mening inderdaad wel\.$/);
    // &quot; entities decoded.
    assert.match(second!.paragraphs[0]!, /^Ik vind het moeilijk te zeggen\. Dat "minder regels" vertelt iedere lidstaat/);
  });

  it('gives each speaker their name, party and role as the report has them', () => {
    assert.deepEqual(
      r.speakers.map((s) => [s.key, s.naam, s.verslagnaam, s.fractie, s.functie, s.soort]),
      [
        ['08c2333e-d465-42cd-b889-2034ac8d756d', 'Alexander Pechtold', 'Pechtold', 'D66', 'Lid Tweede Kamer', 'Tweede Kamerlid'],
        ['e9117318-26af-49ea-8839-59f8f98266cd', 'Mark Verheijen', 'Verheijen', 'VVD', 'Lid Tweede Kamer', 'Tweede Kamerlid'],
      ],
    );
  });

  it('counts speaking time per speaker as OpenTK does: each turn and interruption its own end − begin', () => {
    const a = r.activiteiten[0]!;
    // Pechtold 10:23:48–10:25:43 and 10:25:45–10:26:53; Verheijen 10:25:43–10:25:45 and 10:26:53–10:27:49.
    assert.deepEqual(statsOf(r, a, 'Alexander Pechtold'), {
      speaker: '08c2333e-d465-42cd-b889-2034ac8d756d', turns: 2, interruptions: 0, chair: 0, turnSeconds: 183, interruptionSeconds: 0, chairSeconds: 0, seconds: 183, untimed: 0,
    });
    assert.deepEqual(statsOf(r, a, 'Mark Verheijen'), {
      speaker: 'e9117318-26af-49ea-8839-59f8f98266cd', turns: 0, interruptions: 2, chair: 0, turnSeconds: 0, interruptionSeconds: 58, chairSeconds: 0, seconds: 58, untimed: 0,
    });
    assert.deepEqual(r.totals, a.speakers);
  });

  it('writes the text for search: speakers named, interruptions indented under their turn', () => {
    const text = vlosText(r);
    assert.ok(text.startsWith('14e vergadering, woensdag 15 oktober 2014\n'));
    assert.match(text, /\nAlexander Pechtold \(D66\): Voorzitter\. De teerling is geworpen/);
    assert.match(text, /\n {2}Mark Verheijen \(VVD\): Ik heb toch een vraag aan de heer Pechtold\./);
    assert.ok(text.indexOf('Ik heb toch een vraag') < text.indexOf('Ik vind het moeilijk te zeggen'));
  });
});

describe('parseVlos rules', () => {
  it('the chair: a contribution from the chair counts apart, "De voorzitter:" is dropped', () => {
    const r = parseVlos(wrap(`<activiteithoofd soort="Termijn"><titel>Termijn inbreng</titel><activiteitdeel><activiteititem><woordvoerder>${VAN_MILTENBURG}<markeertijdbegin>2014-10-15T10:16:21</markeertijdbegin><markeertijdeind>2014-10-15T10:16:44</markeertijdeind><isvoorzitter>true</isvoorzitter><isdraad>true</isdraad><tekst><alinea><alineaitem>De <nadruk type="Vet">voorzitter</nadruk>:</alineaitem><alineaitem>Ik heet de minister-president van harte welkom.</alineaitem></alinea></tekst></woordvoerder></activiteititem></activiteitdeel></activiteithoofd>`));
    const t = turns(r.activiteiten[0]!.blocks)[0]!;
    assert.deepEqual([t.voorzitter, t.seconds, t.paragraphs], [true, 23, ['Ik heet de minister-president van harte welkom.']]);
    assert.deepEqual(r.totals.map((s) => [s.turns, s.chair, s.chairSeconds, s.seconds]), [[0, 1, 23, 23]]);
  });

  it('a missing or backwards time mark gives no duration and is counted as untimed, not as negative time', () => {
    const w = (b: string, e: string) => `<woordvoerder>${VAN_MILTENBURG}<markeertijdbegin>${b}</markeertijdbegin><markeertijdeind>${e}</markeertijdeind><isvoorzitter>false</isvoorzitter><tekst><alinea><alineaitem>Tekst.</alineaitem></alinea></tekst></woordvoerder>`;
    const r = parseVlos(wrap(w('2014-10-15T10:00:00', '2014-10-15T10:01:30') + w('2014-10-15T10:05:00', '2014-10-15T10:04:00') + w('', '')));
    assert.deepEqual(turns(r.activiteiten[0]!.blocks).map((t) => t.seconds), [90, null, null]);
    assert.deepEqual(r.totals.map((s) => [s.turns, s.seconds, s.untimed]), [[3, 90, 2]]);
    assert.equal(secondsBetween('2014-10-15T23:59:30', '2014-10-16T00:00:10'), 40);
    assert.equal(secondsBetween('gisteren', '2014-10-16T00:00:10'), null);
  });

  it('a motion read out in a turn stays with the turn, by kind', () => {
    const r = parseVlos(wrap(`<woordvoerder>${VAN_MILTENBURG}<isvoorzitter>false</isvoorzitter><tekst><alinea><alineaitem>Ik dien een motie in.</alineaitem></alinea></tekst><draadboekfragment soort="Motie indiening"><tekst><alineagroep type="Motietekst"><alinea><alineaitem>De Kamer,</alineaitem></alinea><alinea><alineaitem>gehoord de beraadslaging,</alineaitem></alinea></alineagroep><alineagroep type="Motieinfo"><alinea><alineaitem>Zij krijgt nr. <stuknummer>915</stuknummer> (<dossiernummer>21501-20</dossiernummer>).</alineaitem></alinea></alineagroep></tekst></draadboekfragment></woordvoerder>`));
    const t = turns(r.activiteiten[0]!.blocks)[0]!;
    assert.deepEqual(t.fragments, [{ soort: 'Motie indiening', paragraphs: ['De Kamer,', 'gehoord de beraadslaging,', 'Zij krijgt nr. 915 (21501-20).'] }]);
  });

  it('names: first name before the report name, particles in lower case; a name that already has the first name stays', () => {
    assert.equal(displayName('Sybrand', 'Van Haersma Buma', 'Haersma Buma van'), 'Sybrand van Haersma Buma');
    assert.equal(displayName('Bas', "Van 't Wout", "Wout van 't"), "Bas van 't Wout");
    assert.equal(displayName('Jasper', 'Jasper van Dijk', 'Dijk van'), 'Jasper van Dijk');
    assert.equal(displayName('Jellejetta (Jetta)', 'Klijnsma', 'Klijnsma'), 'Jetta Klijnsma');
    assert.equal(displayName(null, null, null), 'Onbekende spreker');
  });

  it('also reads the older vlosdocument root (namespace vlos2)', () => {
    const r = parseVlos(`<vlosdocument xmlns="http://www.tweedekamer.nl/vlos2" soort="Eindpublicatie" status="Gecorrigeerd"><vergadering soort="Plenair"><titel>T</titel><activiteit soort="Stemmingen"><titel>Stemmingen</titel><activiteititem><tekst><alinea><alineaitem>In stemming komt de motie.</alineaitem></alinea></tekst></activiteititem></activiteit></vergadering></vlosdocument>`);
    assert.deepEqual(r.activiteiten[0]!.blocks, [{ kind: 'fragment', fragment: { soort: 'tekst', paragraphs: ['In stemming komt de motie.'] } }]);
  });

  it('what is not a VLOS report is CORRUPT_FILE naming the file and the root it found', () => {
    for (const [xml, message] of [
      ['<html><body>niet vlos</body></html>', /verslag-x: not a VLOS report \(root element html/],
      ['', /verslag-x: not a VLOS report \(root element missing/],
    ] as const) {
      assert.throws(() => parseVlos(xml, 'verslag-x'), (e: unknown) => isKamerlensError(e) && e.code === 'CORRUPT_FILE' && message.test(e.message) && e.context.file === 'verslag-x');
    }
  });
});

interface Golden {
  vergadering: { titel: string; nummer: string; datum: string };
  speakers: number;
  activiteiten: { soort: string; titel: string; koppen: string[] }[];
  stats: { activiteit: string; naam: string; turns: number; interruptions: number; chair: number; seconds?: number }[];
}

describe('the whole real report (golden: figures checked by reading the XML)', () => {
  const golden = JSON.parse(readFileSync(join(import.meta.dirname, '..', 'golden', 'vlos', '2014-10-15-plenair-14.json'), 'utf8')) as Golden;
  const r = parseVlos(readFileSync(REAL, 'utf8'));

  it('the sitting, its seven debate items in order with their terms, 36 speakers', () => {
    assert.deepEqual({ titel: r.vergadering.titel, nummer: r.vergadering.nummer, datum: r.vergadering.datum }, golden.vergadering);
    assert.equal(r.speakers.length, golden.speakers);
    assert.deepEqual(
      r.activiteiten.map((a) => ({ soort: a.soort, titel: a.titel, koppen: a.blocks.flatMap((b) => (b.kind === 'kop' ? [b.text] : [])) })),
      golden.activiteiten,
    );
  });

  it('turns, interruptions and seconds of the speakers checked by hand', () => {
    for (const g of golden.stats) {
      const a = r.activiteiten.find((x) => x.titel === g.activiteit);
      assert.ok(a, g.activiteit);
      const s = statsOf(r, a, g.naam);
      assert.ok(s, `${g.naam} in ${g.activiteit}`);
      assert.deepEqual(
        { turns: s.turns, interruptions: s.interruptions, chair: s.chair, ...(g.seconds !== undefined ? { seconds: s.seconds } : {}) },
        { turns: g.turns, interruptions: g.interruptions, chair: g.chair, ...(g.seconds !== undefined ? { seconds: g.seconds } : {}) },
        `${g.naam} in ${g.activiteit}`,
      );
    }
  });

  it('no contribution is lost: every woordvoerder and interrumpant of the file is a turn or an interruption', () => {
    const xml = readFileSync(REAL, 'utf8');
    const all = r.activiteiten.flatMap((a) => turns(a.blocks).flatMap((t) => [t, ...t.interruptions]));
    assert.equal(all.filter((t) => t.kind === 'woordvoerder').length, xml.match(/<woordvoerder /g)!.length);
    assert.equal(all.filter((t) => t.kind === 'interrumpant').length, xml.match(/<interrumpant /g)!.length);
  });
});
