// Fast paths: parsing with them (the default) and without them gives deep-equal structures, on the
// samples, the own test documents, edge-case texts and 2,000 synthetic documents from gen-corpus.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { parseDocument } from '../../src/parse/index.js';
import { withFastPaths } from '../../src/parse/fastpath.js';
import { mentionMatches } from '../../src/parse/meetings.js';

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

test('fast path: Council mentions found from their cues are those of the full scan, on 20,000 generated strings', () => {
  // Words that make and break mentions: formality words, bodies in pieces, hyphens, letters
  // outside ASCII and the BMP, punctuation; separated by the white space MENTION_RE allows.
  const words = ['informele', 'Informele', 'formeel', 'formele', 'Raad', 'raad', 'Telecomraad', 'Landbouw-', 'en', 'Visserijraad', 'Europese', 'Eurogroep', 'JBZ-', 'Algemene', 'Zaken', 'Werkgelegenheid,', 'Sociaal', 'Beleid,', 'Volksgezondheid', 'Consumentenzaken', 'Vervoer,', 'Telecommunicatie', 'Energie', 'Gemeenteraad', 'de', 'Het', '(informeel)', '(formeel)', 'Ärzteraad', '\u{1d400}raad', '\u{1d400}', 'Ölraad', '.', ',', '3', '-', 'in', 'Parijs', 'Raadhuis-', 'Buitenlandse', 'Handel', 'É',
    // The longest run of words before a cue, whole.
    'Landbouw- en Visserijraad', 'informele Landbouw-  en\u00a0Visserijraad', 'formele Europese Raad',
    // Letters outside the BMP inside a body's name.
    'Öl\u{1d400}-', 'Ärzte\u{1d41a}raad'];
  const gaps = [' ', ' ', ' ', '  ', '\u00a0', '\n', '', '\t', '\u2028', '-'];
  let seed = 7;
  const pick = <T>(xs: T[]): T => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return xs[seed % xs.length]!;
  };
  const shown = (s: string) => JSON.stringify([...mentionMatches(s)].map((m) => [m.index, ...m]));
  let withMentions = 0;
  for (let i = 0; i < 20_000; i++) {
    let s = '';
    for (let n = 1 + (i % 12); n > 0; n--) s += pick(words) + pick(gaps);
    const fast = shown(s);
    if (fast !== '[]') withMentions++;
    assert.equal(fast, withFastPaths(false, () => shown(s)), `mentions differ in ${JSON.stringify(s)}`);
  }
  // The strings must exercise the matcher, not only its misses.
  assert.ok(withMentions > 4_000, `${withMentions} strings with a mention`);
});
