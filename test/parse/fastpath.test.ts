// Fast paths: parsing with them (the default) and without them gives deep-equal structures, on the
// samples, the own test documents, edge-case texts and 2,000 synthetic documents from gen-corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseDocument } from '../../src/parse/index.js';

const SAMPLES = 'data/sample';
const OWN = 'test/fixtures/parse/docs';
const GEN = '../shared/tools/gen-corpus.mjs';

function same(text: string, fileName?: string): void {
  const hints = fileName ? { fileName } : {};
  const fast = parseDocument(text, hints);
  const full = parseDocument(text, hints, { fastPaths: false });
  assert.deepEqual(fast, full, `fast and full paths differ${fileName ? ` on ${fileName}` : ''}`);
}

test('fast path: samples and own test documents parse as the full path does', () => {
  const files = [
    ...readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).map((f) => join(SAMPLES, f)),
    ...readdirSync(OWN).filter((f) => f.endsWith('.txt')).map((f) => join(OWN, f)),
  ];
  assert.ok(files.length >= 8);
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    same(text, basename(file));
    same(text);
  }
});

test('fast path: edge cases (no cues, odd case folding, cues split over white space)', () => {
  const texts = [
    '',
    'Een tekst zonder enige structuur.',
    'Datum 3 maart 2025\n\nIk zal uw Kamer voor het zomerreces informeren.',
    // "ſ" folds to "s" under /iu: prefilters on lower-cased text must not skip.
    'Verſlag van een ſchriftelijk overleg\n\nVragen en opmerkingen van de leden van de PVV-fractie\n\nDe leden vragen of dat klopt?\n\n1. Antwoord van het kabinet\n\nJa.',
    'De  minister  zal  de  Kamer  op  de\n hoogte  stellen  en  openbaar\u2028maken  wat  volgt.',
    'Het kabinet zal aandacht\n\tvoor  dit  punt  vragen in de Telecomraad van 4 en 5 maart 2025 in Warschau.',
    'VRAGEN VAN HET LID X (VVD)\n\nVraag 1\nKent u het bericht?\n\nAntwoord 1\nJa, zie het antwoord op vraag 2.',
    'Kamerstukken II 2023/24, 36 259, nr. 21; Richtlijn (EU) 2022/2555; doc. 12650/17; https://example.org/a',
    'Verordening\u00a0(EU)\u00a02016/679 en www.rijksoverheid.nl\nwww.rijksoverheid.nl',
    // Dates: "ſ" and the Kelvin sign fold to "s" and "k" under /iu only, so the /i twins must not run.
    'Den Haag, 3 ſeptember 2025\n\nDe Telecomraad van 4 en 5 ſept. 2025 in Warſchau; ontvangen 6 o\u212at 2025.',
    'Vragen van het lid Jansen (VVD), ingezonden 2 o\u212atober 2025.\n\nDatum: 2025-10-03\n\nDe Telecomraad van 8-9 o\u212at 2025.',
    'datum: 2025-03-03\nBrussel, 20 november 2017\nd.d.: 21 november 2017\nVastgesteld 22 november 2017\n\nDe Telecomraad van 30 november - 1 december 2025.',
  ];
  for (const t of texts) same(t);
});

test('fast path: 2,000 synthetic documents (gen-corpus --docs 2000 --seed 7) parse as the full path does', (t) => {
  if (!existsSync(GEN)) {
    t.skip('../shared is absent');
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'kamerlens-parse-'));
  try {
    const file = join(dir, 'corpus.jsonl');
    const fd = openSync(file, 'w');
    try {
      execFileSync(process.execPath, [GEN, '--docs', '2000', '--seed', '7'], { stdio: ['ignore', fd, 'inherit'] });
    } finally {
      closeSync(fd);
    }
    const docs = readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; text: string });
    assert.equal(docs.length, 2000);
    for (const d of docs) {
      const fast = parseDocument(d.text);
      const full = parseDocument(d.text, {}, { fastPaths: false });
      assert.deepEqual(fast, full, `fast and full paths differ on ${d.id}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
