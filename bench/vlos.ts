// Reports of sittings (VLOS): parsing the real 1 MB report into who said what against only
// reading the same XML (fast-xml-parser, the same options), and deriving it at sync time
// (parse, link speakers, import the text as a handelingen document: parse, store, index)
// against the parse alone. Runnable alone: `npx tsx bench/vlos.ts`.

import type { BenchRow } from './row.js';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { deriveVerslag } from '../src/ingest/vlos.js';
import { openServices } from '../src/main.js';
import { createApp } from '../src/server/app.js';
import { parseVlos } from '../src/parse/vlos.js';

const REPORT = 'test/fixtures/tk-vlos/resources/03686ab6-0000-4000-8000-000000000001';

function reportPath(): string | null {
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const base of [join(here, '..'), join(here, '../..'), process.cwd()]) if (existsSync(join(base, REPORT))) return join(base, REPORT);
  return null;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

/** Median ms of `fn` over `runs` runs after two warm-ups. */
function time(fn: () => unknown, runs: number): number {
  fn();
  fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

export async function benchVlos(): Promise<BenchRow[]> {
  const path = reportPath();
  if (!path) return [];
  const bytes = new Uint8Array(readFileSync(path));
  const xml = new TextDecoder().decode(bytes);
  const mb = bytes.byteLength / 1048576;
  const raw = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', parseTagValue: false, parseAttributeValue: false, trimValues: false, processEntities: true });
  // Interleaved rounds, so that the machine's busy spells fall on both.
  const rawMs: number[] = [];
  const vlosMs: number[] = [];
  for (let round = 0; round < 5; round++) {
    rawMs.push(time(() => raw.parse(xml), 3));
    vlosMs.push(time(() => parseVlos(xml), 3));
  }
  const rawT = median(rawMs);
  const vlosT = median(vlosMs);

  // Deriving at sync time, into a fresh in-memory store each time (the first derive of a report).
  const deriveMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    const w = openServices(':memory:');
    const t0 = performance.now();
    await deriveVerslag({ units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk, vlos: w.vlos }, '03686ab6-0000-4000-8000-000000000001', bytes);
    deriveMs.push(performance.now() - t0);
    await w.close();
  }
  const deriveT = median(deriveMs);

  // The page now reads the stored report; before, every request parsed the file.
  const w = openServices(':memory:');
  const id = '03686ab6-0000-4000-8000-000000000001';
  await w.tk.applyPage('Verslag', [{ entity: { id, category: 'Verslag', updated: null, deleted: false, fields: {}, refs: [] }, enclosure: null }], null);
  await deriveVerslag({ units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk, vlos: w.vlos }, id, bytes);
  const app = createApp(w);
  const pageMs: number[] = [];
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const res = await app.request(`/verslagen/${id}`);
    await res.text();
    pageMs.push(performance.now() - t0);
  }
  await w.close();
  const pageT = median(pageMs.slice(2));
  return [
    { name: 'vlos: parse the real 1 MB report', value: mb / (vlosT / 1000), unit: 'MB/s', baseline: mb / (rawT / 1000), ratio: rawT / vlosT },
    { name: 'vlos: derive at sync (parse+link+import+index)', value: deriveT, unit: 'ms', baseline: vlosT, ratio: vlosT / deriveT },
    { name: 'vlos: /verslagen/<id> from the store (vs parse)', value: pageT, unit: 'ms', baseline: vlosT, ratio: vlosT / pageT },
  ];
}

if (process.argv[1] && /bench[\\/]vlos\.(ts|js)$/.test(process.argv[1])) {
  const { formatRow } = await import('./row.js');
  for (const row of await benchVlos()) console.log(formatRow(row));
}
