/**
 * What joining Kamerstukken to the Kamer's records costs (`npx tsx bench/kamer-join.ts`):
 * importing moties one file at a time with the join (dossier, volgnummer and signer look-ups
 * in the open data) against the same without it, interleaved in the same run (text given, so
 * no extraction: a real PDF's extraction would dwarf both);
 * and the dossier and person pages with the archive's Kamerstukken against without them.
 * The open data is the demo world (data/tk-world), metadata only.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { importContent } from '../src/ingest/import.js';
import { syncFeed } from '../src/ingest/sync.js';
import { openServices } from '../src/main.js';
import { getDossier, getPersoon } from '../src/service/tk.js';
import { IDS } from '../test/fake-tk/world.js';

const N = Number(process.env.BENCH_MOTIES ?? 2000);
const ROUNDS = 4;

/** A motion of the demo's dossier as the Kamer prints it, number `nr`, moved by `who`. */
function motie(nr: number, who: string): string {
  return [
    'Tweede Kamer der Staten-Generaal', 'Vergaderjaar 2024–2025', '21 501-33 Raad voor Vervoer, Telecommunicatie en Energie',
    `Nr. ${nr} MOTIE VAN HET LID ${who.toUpperCase()}`, 'Voorgesteld 6 maart 2025', 'De Kamer,', 'gehoord de beraadslaging,',
    `overwegende dat de Europese digitale autonomie aandacht vraagt (variant ${nr});`,
    'verzoekt de regering zich in de Telecomraad in te zetten voor het versterken van de Europese digitale autonomie,',
    'en gaat over tot de orde van de dag.', who, '', `kst-21501-33-${nr}`,
  ].join('\n');
}

const world = openServices(':memory:');
await syncFeed({ fromDir: join(import.meta.dirname, '..', 'data', 'tk-world'), dataDir: mkdtempSync(join(tmpdir(), 'kl-bench-join-')), files: false },
  { units: world.units, store: world.store, index: world.index, structure: world.structure, tkStore: world.tk, vlos: world.vlos });
const who = ['Kathmann', 'Jansma', 'Van Dijk', 'Ceder', 'Six Dijkstra'];
const batch = (round: number, tag: string) =>
  Array.from({ length: N / ROUNDS }, (_, i) => {
    const nr = 2000 + round * N + i;
    const text = motie(nr, who[i % who.length]!) + `\n${tag}`;
    return { source: `${tag}-${nr}.txt`, fileName: `${tag}-${nr}.txt`, bytes: new TextEncoder().encode(text), extracted: { format: 'text' as const, text, pages: null, warnings: [], title: null }, mimeType: 'text/plain' };
  });

let plain = 0;
let joined = 0;
for (let r = 0; r < ROUNDS; r++) {
  const a = batch(r, 'zonder');
  const b = batch(r, 'met');
  let t = performance.now();
  for (const f of a) await importContent(f, { units: world.units, store: world.store, index: world.index, structure: world.structure });
  plain += performance.now() - t;
  t = performance.now();
  for (const f of b) await importContent(f, { units: world.units, store: world.store, index: world.index, structure: world.structure, tk: world.tk });
  joined += performance.now() - t;
}
console.log(`import of ${N} moties: ${(N / (plain / 1000)).toFixed(0)} docs/s without the join, ${(N / (joined / 1000)).toFixed(0)} with it: ${(joined / plain).toFixed(2)}× the time`);

const time = async (fn: () => Promise<unknown>) => {
  await fn();
  const t = performance.now();
  for (let i = 0; i < 5; i++) await fn();
  return (performance.now() - t) / 5;
};
const bare = { tk: world.tk, store: world.store };
const full = { ...bare, structure: world.structure };
const d0 = await time(() => getDossier(bare, '21501-33'));
const d1 = await time(() => getDossier(full, '21501-33'));
const rows = (await getDossier(full, '21501-33')).documenten.length;
console.log(`/dossiers/21501-33 with ${rows} rows (the archive's ${N} moties, bounded to 500): ${d1.toFixed(1)} ms against ${d0.toFixed(1)} ms without them: ${(d1 / d0).toFixed(1)}×`);
const p0 = await time(() => getPersoon(bare, IDS.persoon('kathmann'), '2026-12-02'));
const p1 = await time(() => getPersoon(full, IDS.persoon('kathmann'), '2026-12-02'));
console.log(`/personen/<Kathmann> with the moties she signed: ${p1.toFixed(1)} ms against ${p0.toFixed(1)} ms without them: ${(p1 / p0).toFixed(1)}×`);
await world.close();
