// The readers for real parliamentary files: the 27-page two-column Handelingen PDF with and
// without the margin-band layout is not separable, so what is measured against a baseline in
// the same run is (1) parsing its text with the lexicon that rejoins hyphenated words against
// parsing it without, and (2) the officielebekendmakingen XML reader against decoding the
// same bytes as plain text.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../src/extract/index.js';
import { parseDocument } from '../src/parse/index.js';
import { isDutchWord } from '../src/search/dutch/words.js';
import type { BenchRow } from './row.js';

function fixture(name: string): Uint8Array {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const rel of ['../test/fixtures/real', '../../test/fixtures/real']) {
    try {
      return new Uint8Array(readFileSync(join(here, rel, name)));
    } catch {
      // try the next candidate
    }
  }
  return new Uint8Array(readFileSync(join(process.cwd(), 'test/fixtures/real', name)));
}

function medianMs(runs: number, fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function benchRealDocuments(): Promise<BenchRow[]> {
  const pdf = await extractFile(fixture('pp-ed7ffb05-ec88-44ef-a7a0-92caf70df476.pdf'), 'handelingen.pdf', { maxBytes: 1e8 });
  isDutchWord('volkshuisvesting'); // loads the lexicon outside the timing
  parseDocument(pdf.text, { isWord: isDutchWord });
  const plain = medianMs(9, () => parseDocument(pdf.text));
  const lexicon = medianMs(9, () => parseDocument(pdf.text, { isWord: isDutchWord }));
  const xmlBytes = fixture('nh-h-tk-20172018-70-3.xml');
  const decode = medianMs(21, () => new TextDecoder().decode(xmlBytes));
  let xml = 0;
  const runs: number[] = [];
  for (let i = 0; i < 21; i++) {
    const t0 = performance.now();
    await extractFile(xmlBytes, 'h.xml', { maxBytes: 1e8 });
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  xml = runs[10] ?? 0;
  return [
    { name: 'parse Handelingen PDF text, lexicon hyphenation', value: lexicon, unit: 'ms', baseline: plain, ratio: lexicon / plain },
    { name: 'officielebekendmakingen XML reader (54 kB)', value: xml, unit: 'ms', baseline: decode, ratio: xml / Math.max(decode, 1e-6) },
  ];
}
