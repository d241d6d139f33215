// officielebekendmakingen XML, on the two real Handelingen files (one clean, one re-serialised
// and double-encoded with a double-encoded BOM), and the mojibake repair on its own.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { detectFormat, extractFile, mimeTypeOf } from '../../src/extract/index.js';
import { repairDoubleEncoding } from '../../src/extract/mojibake.js';
import { expectError } from './helpers.js';

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
