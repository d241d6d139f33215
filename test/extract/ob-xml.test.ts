// officielebekendmakingen XML, on the two real Handelingen files (one clean, one re-serialised
// and double-encoded with a double-encoded BOM), and the mojibake repair on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectFormat, extractFile, mimeTypeOf } from '../../src/extract/index.js';
import { repairDoubleEncoding } from '../../src/extract/mojibake.js';
import { expectError } from './helpers.js';
import { parseDocument } from '../../src/parse/index.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const real = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/real/${name}`, import.meta.url)));

describe('officielebekendmakingen XML', () => {
  it('is detected by its root element, also behind a double-encoded BOM', () => {
    assert.equal(detectFormat(real('nh-h-tk-20172018-50-1.xml')), 'xml');
    assert.deepEqual([...real('nh-h-tk-20172018-70-3.xml').subarray(0, 6)], [0xc3, 0xaf, 0xc2, 0xbb, 0xc2, 0xbf]);
    assert.equal(detectFormat(real('nh-h-tk-20172018-70-3.xml')), 'xml');
    assert.equal(detectFormat(new TextEncoder().encode('<?xml version="1.0"?><rss></rss>')), 'text');
    assert.equal(mimeTypeOf('xml'), 'application/xml; charset=utf-8');
  });

  it('reads the opening of a sitting: masthead with number and date, paragraphs, no tags, its identifier last', async () => {
    const r = await extractFile(real('nh-h-tk-20172018-50-1.xml'), 'nh-h-tk-20172018-50-1.xml', opts);
    assert.equal(r.format, 'xml');
    assert.ok(r.text.startsWith('Handelingen Tweede Kamer\nVergaderjaar 2017-2018\nDonderdag 8 februari 2018\nTK 50\n\n1\n\nVoorzitter: Arib\n\nAanwezig zijn 142 leden der Kamer, te weten:\n\nVan Aalst, Agema,'));
    assert.ok(r.text.endsWith('minister van Infrastructuur en Waterstaat.\n\nh-tk-20172018-50-1'));
    assert.ok(!/[<>]|xmlns|officielebekendmakingen\.nl/.test(r.text));
    assert.ok(r.text.includes('Kröger, Krol'));
  });

  it('reads a debate: repaired UTF-8, speakers as "Naam (Partij):", the motions as paragraphs, the item title', async () => {
    const r = await extractFile(real('nh-h-tk-20172018-70-3.xml'), 'nh-h-tk-20172018-70-3.xml', opts);
    assert.equal(r.title, 'Wlz / Pgb / Toegang tot de Wlz voor ggz-cliënten');
    assert.deepEqual(r.warnings, ['Dubbel gecodeerde UTF-8 (mojibake) is hersteld.']);
    assert.ok(!/Ã|â\u0080|ï»¿/.test(r.text));
    assert.ok(r.text.includes('\n\nDe voorzitter:\n\nAan de orde is het VAO Toegang tot de Wlz voor ggz-cliënten.'));
    assert.ok(r.text.includes('\n\nMevrouw Ellemeet (GroenLinks):\n\nVoorzitter, dank u wel.'));
    assert.ok(r.text.includes('\n\nMotie\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nconstaterende dat zorgkantoren'));
    assert.ok(r.text.includes('Zij krijgt nr. 210 (34104).'));
    assert.ok(r.text.includes('\n\nMinister De Jonge:\n\n'));
    assert.ok(r.text.includes('Ja, één vraag.'));
    assert.ok(r.text.includes('Het valt überhaupt niet mee'));
  });

  it('refuses broken XML as damaged, naming the file', async () => {
    const bytes = new TextEncoder().encode('<?xml version="1.0"?>\n<officiele-publicatie><handelingen><al>open</handelingen>');
    await expectError(() => extractFile(bytes, 'kapot.xml', opts), 'CORRUPT_FILE', 'kapot.xml');
  });

  it('repairDoubleEncoding: UTF-8 read as Latin-1 is decoded again; clean text and real Latin-1 stay', () => {
    assert.equal(repairDoubleEncoding('KrÃ¶ger, cliÃ«nten, Ã©Ã©n, â\u0080\u0094 zo'), 'Kröger, cliënten, één, — zo');
    assert.equal(repairDoubleEncoding('Kröger en café'), 'Kröger en café');
    assert.equal(repairDoubleEncoding('Ã (alleen)'), 'Ã (alleen)');
  });
});

// Kamerstukken and Aanhangsel answers in the element shapes of the KOOP schema (op-xsd-2012):
// no real files of these kinds are in ../shared/real, so these three are written by hand in
// that shape, with the mixed content (names and subjects inside sentences) the real ones have.
describe('officielebekendmakingen XML: Kamerstukken and Aanhangsel', () => {
  const own = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/ob-xml/${name}`, import.meta.url)));
  const parsed = async (name: string) => {
    const r = await extractFile(own(name), name, opts);
    return { text: r.text, doc: parseDocument(r.text, { fileName: name }) };
  };

  it('keeps a name inside a sentence in the sentence, and a signature line by line', async () => {
    const { text } = await parsed('ah-tk-20242025-1234.xml');
    assert.ok(text.includes('\nVragen van het lid Kathmann (GroenLinks-PvdA) aan de staatssecretaris van Economische Zaken over het bericht ‘Gemeenten niet klaar voor NIS2’ (ingezonden 3 februari 2025).\n'));
    const motion = await parsed('kst-21501-33-1120.xml');
    assert.ok(motion.text.includes('\n\nKathmann\n\nSix Dijkstra\n\nkst-21501-33-1120'));
  });

  it('reads answers to written questions: title, party, the answering bewindspersoon, numbered pairs', async () => {
    const { doc } = await parsed('ah-tk-20242025-1234.xml');
    assert.equal(doc.kind, 'antwoord-kamervragen');
    assert.equal(doc.date, '2025-03-03');
    assert.match(doc.title ?? '', /^Vragen van het lid Kathmann \(GroenLinks-PvdA\) aan de staatssecretaris van Economische Zaken over het bericht/);
    assert.deepEqual(doc.questions.map((q) => q.party), ['GroenLinks-PvdA', 'GroenLinks-PvdA', 'GroenLinks-PvdA']);
    assert.deepEqual(doc.answers.map((a) => a.number), [1, 2, 4]);
    assert.deepEqual(doc.answers[2]?.seeAlso, [1]);
    assert.equal(doc.signatories[0]?.name, 'Szabó');
  });

  it('reads a Kamerstuk letter as a letter, titled in normal case with its dossier, signed by the bewindspersoon', async () => {
    const { doc } = await parsed('kst-21501-33-1113.xml');
    assert.equal(doc.kind, 'kamerbrief');
    assert.equal(doc.title, 'Brief van de staatssecretaris van Economische Zaken (Raad voor Vervoer, Telecommunicatie en Energie)');
    assert.equal(doc.date, '2025-02-17');
    assert.deepEqual(doc.kamerstuk, { dossier: '21501-33', number: '1113', id: 'kst-21501-33-1113' });
    assert.deepEqual(doc.signatories, [{ name: 'Z.D. Szabó', role: 'Staatssecretaris van Economische Zaken' }]);
    assert.equal(doc.commitments.length, 1);
    assert.equal(doc.commitments[0]?.dueDate, '2025-06-01');
  });

  it('reads a motion: its members sign it, its request to the government is no commitment', async () => {
    const { doc } = await parsed('kst-21501-33-1120.xml');
    assert.equal(doc.kind, 'motie');
    assert.equal(doc.title, 'Motie van het lid Kathmann c.s.');
    assert.equal(doc.date, '2025-03-12');
    assert.deepEqual(doc.signatories.map((s) => s.name), ['Kathmann', 'Six Dijkstra']);
    assert.deepEqual(doc.commitments, []);
    assert.deepEqual(doc.citations, []);
  });
});
