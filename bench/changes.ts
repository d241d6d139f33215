// What changed between versions: the diff of a 50-page document with a few edits and of one
// rewritten throughout, each against parsing the same new version (which importing it costs
// anyway), measured in the same run.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { DocumentVersion } from '../src/domain/index.js';
import { parseDocument } from '../src/parse/index.js';
import { compareVersions } from '../src/service/changes.js';
import type { BenchRow } from './row.js';

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
  return [
    { name: `changes: ${PAGES}-page version, a few edits`, value: diffEdited, unit: 'ms', baseline: parseEdited, ratio: diffEdited / parseEdited },
    { name: `changes: ${PAGES}-page version, all rewritten`, value: diffRewritten, unit: 'ms', baseline: parseRewritten, ratio: diffRewritten / parseRewritten },
  ];
}
