// One document, several files: what deciding "another format of a stored document?" costs.
// (1) The fingerprint of a text (normalised shingles and the MinHash band keys) against parsing
// the same text, on the 27-page Handelingen PDF. (2) Placing a file in a store of 2,000 letters
// (key lookup, then comparing the candidates' texts) against extracting and parsing that file,
// both for a new letter (no candidate) and for the DOCX of a stored PDF (one candidate).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { extractFile } from '../src/extract/index.js';
import { buildVersion } from '../src/ingest/document.js';
import { importContent } from '../src/ingest/import.js';
import { fingerprint, placeContent } from '../src/ingest/same-document.js';
import { emptyStructure } from '../src/domain/index.js';
import { parseDocument } from '../src/parse/index.js';
import { SqliteSearchIndex } from '../src/search/sqlite-index.js';
import { SqliteStore, openDatabase } from '../src/store/index.js';
import { sqliteDatabase } from '../src/store/sqlite/database.js';
import { isDutchWord } from '../src/search/dutch/words.js';
import { rng as seeded } from './rng.js';
import type { BenchRow } from './row.js';

function fixture(folder: string, name: string): Uint8Array {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const rel of [`../test/fixtures/${folder}`, `../../test/fixtures/${folder}`]) {
    try {
      return new Uint8Array(readFileSync(join(here, rel, name)));
    } catch {
      // try the next candidate
    }
  }
  return new Uint8Array(readFileSync(join(process.cwd(), 'test/fixtures', folder, name)));
}

async function medianMs(runs: number, fn: () => unknown): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

export async function benchDocumentFiles(): Promise<BenchRow[]> {
  const pdf = await extractFile(fixture('real', 'pp-ed7ffb05-ec88-44ef-a7a0-92caf70df476.pdf'), 'handelingen.pdf', { maxBytes: 1e8 });
  isDutchWord('volkshuisvesting'); // loads the lexicon outside the timing
  const parse = await medianMs(7, () => parseDocument(pdf.text, { isWord: isDutchWord }));
  const fp = await medianMs(7, () => fingerprint(pdf.text, emptyStructure()));

  // 2,000 letters made of the 2026 letter's paragraphs in another order with other words mixed
  // in: the same subject and vocabulary, as an archive of Telecomraad reports is.
  const db = openDatabase(':memory:');
  const store = new SqliteStore(db);
  const index = new SqliteSearchIndex(db);
  index.migrate();
  const deps = { units: sqliteDatabase(db, { store, index }), store, index };
  const base = (await extractFile(fixture('files', 'kamerbrief-2026.pdf'), 'b.pdf', { maxBytes: 1e8 })).text.split(/\n\s*\n/);
  const rng = seeded(7);
  for (let i = 0; i < 2000; i++) {
    const paras = [...base].sort(() => rng() - 0.5).slice(0, 12).map((p) => p.replace(/\b(\w{6,})\b/g, (w) => (rng() < 0.3 ? `${w}${i}` : w)));
    await importContent({ source: `/bench/${i}.txt`, fileName: `brief-${i}.txt`, bytes: new TextEncoder().encode(paras.join('\n\n')) }, deps);
  }
  const pdfBytes = fixture('files', 'kamerbrief-2022.pdf');
  const docxBytes = fixture('files', 'kamerbrief-2022.docx');
  await importContent({ source: '/bench/brief.pdf', fileName: 'brief.pdf', bytes: pdfBytes }, deps);
  const docx = await extractFile(docxBytes, 'brief.docx', { maxBytes: 1e8 });
  const docxVersion = buildVersion(docx, docxBytes, 'brief.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
  const readDocx = await medianMs(7, async () => buildVersion(await extractFile(docxBytes, 'brief.docx', { maxBytes: 1e8 }), docxBytes, 'brief.docx', 'x'));
  const placeMatch = await medianMs(15, async () => {
    const p = await placeContent(store, { source: '/bench/brief.docx', format: 'docx', fp: fingerprint(docxVersion.text, docxVersion.structure) });
    if (p.kind !== 'file') throw new Error('bench: the DOCX should be placed as a file of the PDF');
  });
  // A letter on the archive's subject (the 2026 letter the 2,000 are made of): candidates to compare.
  const common = buildVersion(await extractFile(fixture('files', 'kamerbrief-2026.html'), 'b.html', { maxBytes: 1e8 }), null, 'b.html', 'text/html');
  const placeCommon = await medianMs(15, async () => {
    const p = await placeContent(store, { source: '/bench/common.html', format: 'html', fp: fingerprint(common.text, common.structure) });
    if (p.kind !== 'document') throw new Error('bench: the 2026 letter is none of the stored ones');
  });
  // A letter on another subject (a motion): no candidate at all.
  const motion = buildVersion(await extractFile(fixture('real', 'pm-d7a5dc6c-3636-4acd-8630-96c14e97dcce.pdf'), 'm.pdf', { maxBytes: 1e8 }), null, 'm.pdf', 'application/pdf');
  const placeNew = await medianMs(15, async () => {
    await placeContent(store, { source: '/bench/motie.pdf', format: 'pdf', fp: fingerprint(motion.text, motion.structure) });
  });
  await store.close();
  return [
    { name: 'fingerprint of the Handelingen text (27 p.)', value: fp, unit: 'ms', baseline: parse, ratio: fp / parse },
    { name: 'place a DOCX of a stored PDF (2,000 letters)', value: placeMatch, unit: 'ms', baseline: readDocx, ratio: placeMatch / readDocx },
    { name: 'place a letter on their subject (2,000)', value: placeCommon, unit: 'ms', baseline: readDocx, ratio: placeCommon / readDocx },
    { name: 'place a letter on another subject (2,000)', value: placeNew, unit: 'ms', baseline: readDocx, ratio: placeNew / readDocx },
  ];
}
