// Dutch dates, meeting date ranges and the document's own date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { documentDate, findDateRanges, parseDutchDate } from '../../src/parse/dates.js';

test('dates: written forms', () => {
  assert.equal(parseDutchDate('Den Haag, 11 april 2022'), '2022-04-11');
  assert.equal(parseDutchDate('Datum 28 mei 2026'), '2026-05-28');
  assert.equal(parseDutchDate('datum: 2025-03-03, bijgewerkt'), '2025-03-03');
  assert.equal(parseDutchDate('Brussel, 20 november 2017 (OR. en)'), '2017-11-20');
  assert.equal(parseDutchDate('op 1 okt. 2024'), '2024-10-01');
  assert.equal(parseDutchDate('31 februari 2024'), null);
  assert.equal(parseDutchDate('op 4 maart', '2025-03-03'), '2025-03-04');
});

test('dates: meeting ranges', () => {
  const r = (s: string, ref: string | null = null) => findDateRanges(s, ref).map((x) => [x.start, x.end]);
  assert.deepEqual(r('Telecomraad 8-9 maart 2022'), [['2022-03-08', '2022-03-09']]);
  assert.deepEqual(r('Telecomraad 29-30 april 2026'), [['2026-04-29', '2026-04-30']]);
  assert.deepEqual(r('op 4 en 5 maart 2025 in Warschau'), [['2025-03-04', '2025-03-05']]);
  assert.deepEqual(r('op 4 en 5 maart in Warschau', '2025-03-03'), [['2025-03-04', '2025-03-05']]);
  assert.deepEqual(r('van 30 november – 1 december 2025'), [['2025-11-30', '2025-12-01']]);
  assert.deepEqual(r('Raad van 6 december 2024'), [['2024-12-06', '2024-12-06']]);
  // A January meeting named in a December letter is next year's.
  assert.deepEqual(r('de Raad van 27 januari', '2025-12-10'), [['2026-01-27', '2026-01-27']]);
});

test('dates: the document date prefers labels over the first date in the text', () => {
  assert.equal(documentDate('Betreft Verslag Raad 8 maart 2022\nDatum 11 april 2022'), '2022-04-11');
  assert.equal(documentDate('Nummer: 2025D08504, datum: 2025-03-03, bijgewerkt: 2025-03-04'), '2025-03-03');
  assert.equal(documentDate(' Den Haag, 11 april 2022\n\nHierbij …'), '2022-04-11');
  assert.equal(documentDate('Datum\n28 mei 2026\nKenmerk'), '2026-05-28');
  // The answer's "ontvangen" date, not the questions' "ingezonden" date.
  assert.equal(documentDate('(ingezonden 14 februari 2025).\nAntwoord van minister X (ontvangen 21 maart 2025).'), '2025-03-21');
  assert.equal(documentDate('geen datum hier', '2024-05-01-brief.txt'), '2024-05-01');
  assert.equal(documentDate('geen datum hier'), null);
});
