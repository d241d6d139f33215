// What changed between versions: the diff of a 50-page document with a few edits and of one
// rewritten throughout, each against parsing the same new version (which importing it costs
// anyway); and the document page of the rewritten version (its data function) with the change
// summary stored at import against the same page computing it on every view, as it did before;
// all measured in the same run.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentVersion } from '../src/domain/index.js';
import { parseDocument } from '../src/parse/index.js';
import { importContent } from '../src/ingest/import.js';
import { openServices } from '../src/main.js';
import { compareVersions } from '../src/service/changes.js';
import { getDocument } from '../src/service/services.js';
import type { BenchRow } from './row.js';
import { medianMs } from './median.js';

/** A printed page of a Kamerstuk holds about 3,000 characters. */
const PAGES = 50;
const PAGE_CHARS = 3000;

function sampleTexts(): string[] {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const rel of ['../data/sample', '../../data/sample']) {
    try {
      const dir = join(here, rel);
      const names = readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
      if (names.length) return names.map((n) => readFileSync(join(dir, n), 'utf8'));
    } catch {
      // try the next candidate
    }
  }
  throw new Error('bench/changes: data/sample not found');
}

function version(n: number, text: string): DocumentVersion {
  return {
    docId: 'bench', version: n, contentHash: String(n), format: 'text', fileName: 'bench.txt', byteSize: text.length, mimeType: 'text/plain',
    text, pages: null, structure: parseDocument(text, { fileName: 'bench.txt' }), importedAt: '2026-01-01T00:00:00.000Z', hasOriginal: false,
  };
}

/** Median milliseconds of `fn` over `runs` runs (after one warm-up). */
function time(fn: () => void, runs: number): number {
  fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    t.push(performance.now() - t0);
  }
  return t.sort((a, b) => a - b)[runs >> 1]!;
}

/**
 * The document page's data of a rewritten second version: with the summary stored when the
 * version was imported, and without a place to keep it (computed on each view, as before).
 */
async function pageTimes(text: string, rewritten: string): Promise<{ stored: number; computed: number }> {
  const s = openServices(':memory:');
  try {
    const deps = { units: s.units, store: s.store, index: s.index, structure: s.structure, onVersionStored: s.onVersionStored };
    const enc = new TextEncoder();
    const { docId } = await importContent({ source: 'bench/brief.txt', fileName: 'brief.txt', bytes: enc.encode(text) }, deps);
    await importContent({ source: 'bench/brief.txt', fileName: 'brief.txt', bytes: enc.encode(rewritten) }, deps);
    // Interleaved, so the machine's busy spells fall on both.
    const stored: number[] = [];
    const computed: number[] = [];
    for (let i = 0; i < 3; i++) {
      stored.push(await medianMs(() => getDocument(s, docId), 5));
      computed.push(await medianMs(() => getDocument({ ...s, changes: undefined }, docId), 3));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[xs.length >> 1]!;
    return { stored: median(stored), computed: median(computed) };
  } finally {
    await s.close();
  }
}

export async function benchChanges(): Promise<BenchRow[]> {
  const samples = sampleTexts();
  let text = '';
  for (let i = 0; text.length < PAGES * PAGE_CHARS; i++) text += samples[i % samples.length] + '\n\n';
  // A few edits, as a corrected letter has: a deadline moved, a paragraph added, a sentence rewritten.
  const edited = text
    .replace('voor het zomerreces te hebben afgerond', 'uiterlijk 1 september 2026 te hebben afgerond')
    .replace('Geachte Voorzitter,', 'Geachte Voorzitter,\n\nIn deze herziene versie is een termijn aangepast en een alinea toegevoegd.')
    .replace('Nederland gaf aan bereid te zijn de resultaten te delen.', 'Nederland gaf aan bereid te zijn de resultaten met de andere lidstaten te delen.');
  // Every paragraph changed: the worst case for the alignment.
  const rewritten = text.split('\n').map((p, i) => (p.trim() ? `${p} (herzien ${i})` : p)).join('\n');
  const v1 = version(1, text);
  const v2 = version(2, edited);
  const v3 = version(3, rewritten);
  const parseEdited = time(() => parseDocument(edited, { fileName: 'bench.txt' }), 9);
  const diffEdited = time(() => compareVersions('bench', v1, v2), 9);
  const parseRewritten = time(() => parseDocument(rewritten, { fileName: 'bench.txt' }), 5);
  const diffRewritten = time(() => compareVersions('bench', v1, v3), 5);
  const page = await pageTimes(text, rewritten);
  return [
    { name: `changes: document page, summary stored`, value: page.stored, unit: 'ms', baseline: page.computed, ratio: page.stored / page.computed },
    { name: `changes: ${PAGES}-page version, a few edits`, value: diffEdited, unit: 'ms', baseline: parseEdited, ratio: diffEdited / parseEdited },
    { name: `changes: ${PAGES}-page version, all rewritten`, value: diffRewritten, unit: 'ms', baseline: parseRewritten, ratio: diffRewritten / parseRewritten },
  ];
}
