/**
 * Who said what in an imported Handelingen (issue 11, item 1): the real officielebekendmakingen
 * XML and the real PDF read into agenda items and turns, stored once at import beside the
 * feed's reports, shown on the document page in the report's view, with speakers linked to
 * people of the open data when their surname is unambiguous. The turn counts of the XML were
 * counted from its <spreker> elements, not taken from the parser.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import type { TkEntity } from '../../src/domain/tk.js';
import { documentDebateKey } from '../../src/domain/vlos.js';
import { extractFile } from '../../src/extract/index.js';
import { importPaths } from '../../src/ingest/import.js';
import { reparseAll } from '../../src/ingest/reparse.js';
import { openServices, type Opened } from '../../src/main.js';
import { parseHandelingenDebate } from '../../src/parse/index.js';
import { createApp } from '../../src/server/app.js';

const REAL = join(import.meta.dirname, '..', 'fixtures', 'real');
const XML = 'nh-h-tk-20172018-70-3.xml';
const PDF = 'pp-ed7ffb05-ec88-44ef-a7a0-92caf70df476.pdf';

async function debateOf(name: string) {
  const r = await extractFile(new Uint8Array(readFileSync(join(REAL, name))), name, { maxBytes: 50e6 });
  return parseHandelingenDebate(r.text, { fileName: name });
}

describe('reading who said what from a Handelingen', () => {
  it('the XML: one agenda item, every speaker with the turns the record gives', async () => {
    const d = await debateOf(XML);
    assert.ok(d);
    assert.deepEqual(d.activiteiten.map((a) => a.titel), ['Wlz / Pgb / Toegang tot de Wlz voor ggz-cliënten']);
    const turns = Object.fromEntries(d.totals.map((t) => [d.speakers.find((s) => s.key === t.speaker)!.naam, t.turns + t.chair]));
    assert.deepEqual(turns, {
      'De voorzitter': 26, 'De Jonge': 10, Hijink: 4, Bergkamp: 4, Agema: 4, Ellemeet: 2, Segers: 2, Blokhuis: 2, Slootweg: 1,
    });
    const dejonge = d.speakers.find((s) => s.naam === 'De Jonge')!;
    assert.deepEqual([dejonge.soort, dejonge.functie, dejonge.fractie], ['Minister', 'minister', null]);
    assert.equal(d.speakers.find((s) => s.naam === 'Hijink')?.fractie, 'SP');
    // The first contribution is the chair's; a motion read out is the Kamer's text inside the turn.
    const blocks = d.activiteiten[0]!.blocks;
    const first = blocks.find((b) => b.kind === 'turn');
    assert.ok(first?.kind === 'turn' && first.turn.voorzitter);
    const ellemeet = blocks.find((b) => b.kind === 'turn' && b.turn.speaker.includes('Ellemeet'));
    assert.ok(ellemeet?.kind === 'turn');
    assert.equal(ellemeet.turn.fragments[0]?.soort, 'Motie');
    assert.match(ellemeet.turn.fragments[0]!.paragraphs.join(' '), /en gaat over tot de orde van de dag/);
    assert.ok(!ellemeet.turn.paragraphs.some((p) => /^verzoekt de regering/.test(p)));
  });

  it('the PDF: the agenda item under its heading, members with their party, the minister by office', async () => {
    const d = await debateOf(PDF);
    assert.ok(d);
    assert.deepEqual(d.activiteiten.map((a) => a.titel), ['Begroting Landbouw, Natuur en Voedselkwaliteit 2024']);
    assert.equal(d.vergadering.datum, '2024-02-01');
    assert.equal(d.vergadering.nummer, '37');
    const byName = new Map(d.speakers.map((s) => [s.naam, s]));
    assert.equal(byName.get('Van der Plas')?.fractie, 'BBB');
    assert.equal(byName.get('Adema')?.functie, 'minister');
    assert.ok(d.totals.every((t) => t.seconds === 0));
  });

  it('a text that is no record of a sitting has no debate', () => {
    assert.equal(parseHandelingenDebate('Motie van het lid Ceder\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nverzoekt de regering iets te doen,\n\nen gaat over tot de orde van de dag.'), null);
  });
});

const persoon = (id: string, achternaam: string, roepnaam: string, tussenvoegsel: string | null = null): TkEntity => ({
  id, category: 'Persoon', updated: '2024-01-01T00:00:00.000Z', deleted: false, fields: { achternaam, roepnaam, tussenvoegsel }, refs: [],
});
const AGEMA = '88888888-8888-4888-8888-000000000001';

describe('an imported Handelingen on its page', () => {
  let w: Opened;
  let app: Hono;
  before(async () => {
    w = openServices(':memory:');
    await w.tk.applyPage('Persoon', [
      persoon(AGEMA, 'Agema', 'Fleur'),
      // Two people named De Jonge: the minister who speaks is linked to neither.
      persoon('88888888-8888-4888-8888-000000000002', 'Jonge', 'Hugo', 'de'),
      persoon('88888888-8888-4888-8888-000000000003', 'Jonge', 'Mirjam', 'de'),
    ].map((entity) => ({ entity, enclosure: null })), null);
    const r = await importPaths([join(REAL, XML)], { units: w.units, store: w.store, index: w.index, structure: w.structure, vlos: w.vlos, tk: w.tk });
    assert.equal(r.counts.new, 1);
    app = createApp(w);
  });
  after(async () => w.close());

  it('is read once at import and kept with its speakers linked where the surname is unambiguous', async () => {
    const stored = await w.vlos.getReport(documentDebateKey('nh-h-tk-20172018-70-3'));
    assert.ok(stored);
    assert.equal(stored.docId, 'nh-h-tk-20172018-70-3');
    assert.deepEqual(Object.values(stored.persons), [AGEMA]);
    // Importing the same file again reads nothing again.
    const again = await importPaths([join(REAL, XML)], { units: w.units, store: w.store, index: w.index, structure: w.structure, vlos: w.vlos, tk: w.tk });
    assert.equal(again.counts.unchanged, 1);
  });

  it('is read again by a reparse when it is missing, and only for the Handelingen', async () => {
    await w.vlos.removeReport(documentDebateKey('nh-h-tk-20172018-70-3'));
    await reparseAll({ units: w.units, store: w.store, index: w.index, structure: w.structure, vlos: w.vlos, tk: w.tk });
    const stored = await w.vlos.getReport(documentDebateKey('nh-h-tk-20172018-70-3'));
    assert.equal(stored?.report.activiteiten.length, 1);
    assert.deepEqual(Object.values(stored!.persons), [AGEMA]);
  });

  it('shows who said what in the report view, with the person link, and the JSON twin carries it', async () => {
    const res = await app.request('/documents/nh-h-tk-20172018-70-3');
    assert.equal(res.status, 200);
    const page = await res.text();
    assert.match(page, /<h2>Wie zei wat<\/h2>/);
    assert.match(page, /id="punt-1"/);
    assert.ok(page.includes(`<a href="/personen/${AGEMA}">Agema</a>`));
    assert.ok(page.includes('de gedrukte Handelingen hebben geen tijdmarkeringen'));
    const json = (await (await app.request('/documents/nh-h-tk-20172018-70-3.json')).json()) as any;
    assert.equal(json.document.debat.spreektijd, false);
    assert.equal(json.document.debat.activiteiten[0].titel, 'Wlz / Pgb / Toegang tot de Wlz voor ggz-cliënten');
  });

  it('lists the debate on the linked person’s page, pointing at the agenda item on the document', async () => {
    const json = (await (await app.request(`/personen/${AGEMA}.json`)).json()) as any;
    assert.equal(json.bijdragen.length, 1);
    assert.equal(json.bijdragen[0].activiteit.url, '/documents/nh-h-tk-20172018-70-3#punt-1');
    assert.equal(json.bijdragen[0].beurten, 4);
    assert.equal(json.bijdragen[0].spreektijd, false);
  });
});
