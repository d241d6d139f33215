/** Same text after normalisation: the rules of src/parse/fingerprint.ts on real snippets and the fixture letters. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/extract/index.js';
import { comparableTokens, shingles, similarity, similarityKeys } from '../../src/parse/fingerprint.js';

const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const text = async (name: string) => (await extractFile(new Uint8Array(readFileSync(join(FILES, name))), name, { maxBytes: 50 * 1024 * 1024 })).text;
const shared = (a: string[], b: string[]) => a.filter((k) => b.includes(k)).length;

describe('comparableTokens', () => {
  it('reads a word split at a line end, with or without the hyphen written, as one word', () => {
    // The 2022 letter's PDF: "informatie-\nuitwisseling"; its web page: "informatie-uitwisseling".
    assert.deepEqual(comparableTokens('netwerken en informatie-\nuitwisseling over'), comparableTokens('netwerken en informatie-uitwisseling over'));
    assert.deepEqual(comparableTokens('Volks-\n   huisvesting'), ['volkshuisvesting']);
    assert.deepEqual(comparableTokens('NIS-richtlijn'), comparableTokens('NIS-\nrichtlijn'));
  });

  it('separates a footnote mark from its word, as a web page sets it in <sup>', () => {
    assert.deepEqual(comparableTokens('Zoals gemeld in de Kamerbrief1 met'), comparableTokens('Zoals gemeld in de Kamerbrief 1 met'));
  });

  it('folds case, diacritics and white space', () => {
    assert.deepEqual(comparableTokens('Oekraïne  en\r\nde   Raad'), ['oekraine', 'en', 'de', 'raad']);
  });
});

describe('similarity of whole letters', () => {
  it('finds the PDF, DOCX and web page of the 2022 letter the same text, and two Telecomraad letters different', async () => {
    const [pdf, docx, html, other] = await Promise.all(['kamerbrief-2022.pdf', 'kamerbrief-2022.docx', 'kamerbrief-2022.html', 'kamerbrief-2026.pdf'].map(text));
    const s = [pdf!, docx!, html!, other!].map(shingles);
    assert.ok(similarity(s[0]!, s[1]!) > 0.95, `pdf/docx ${similarity(s[0]!, s[1]!)}`);
    // The web page joins paragraphs the PDF breaks at a page end, sets footnotes at the end and links once.
    assert.ok(similarity(s[0]!, s[2]!) > 0.9, `pdf/html ${similarity(s[0]!, s[2]!)}`);
    assert.ok(similarity(s[1]!, s[2]!) > 0.9, `docx/html ${similarity(s[1]!, s[2]!)}`);
    // Another report of an informal Telecom Council: the same subject and phrasing, another letter.
    assert.ok(similarity(s[0]!, s[3]!) < 0.05, `2022/2026 ${similarity(s[0]!, s[3]!)}`);
  });

  it('gives texts that are the same sketch keys in common and different letters none', async () => {
    const [pdf, html, other, otherHtml] = await Promise.all(['kamerbrief-2022.pdf', 'kamerbrief-2022.html', 'kamerbrief-2026.pdf', 'kamerbrief-2026.html'].map(text));
    const keys = [pdf!, html!, other!, otherHtml!].map((t) => similarityKeys(shingles(t)));
    assert.equal(keys[0]!.length, 16);
    assert.ok(shared(keys[0]!, keys[1]!) >= 1);
    assert.ok(shared(keys[2]!, keys[3]!) >= 1);
    assert.equal(shared(keys[0]!, keys[2]!), 0);
    assert.deepEqual(similarityKeys(shingles('')), []);
  });

  it('is 1 for the same words whatever the layout, and drops with every changed passage', () => {
    const a = 'De minister zal de Kamer voor 1 mei 2025 informeren over de uitkomst van het benchmarkonderzoek naar cyberbeveiliging bij gemeenten.';
    assert.equal(similarity(shingles(a), shingles(a.replace(/ /g, '\n'))), 1);
    const edited = similarity(shingles(a), shingles(a.replace('1 mei', '1 juni')));
    assert.ok(edited < 1 && edited > 0.5, `${edited}`);
  });
});
