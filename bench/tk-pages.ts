// Benchmark of the Kamer list pages: each page's latency on a generated archive and on one
// ten times larger, in the same run. A ratio near 1x means the page costs its size, not its
// category's. Runnable alone: `npx tsx bench/tk-pages.ts` (TK_PAGES_SCALE sets the larger size).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TkEntity, TkFieldValue } from '../src/domain/tk.js';
import { openServices, type Opened } from '../src/main.js';
import { createApp } from '../src/server/app.js';
import type { BenchRow } from './row.js';
import { measure as latency } from './search.js';

const SCALE = Number(process.env.TK_PAGES_SCALE ?? 20_000);
const RUNS = Number(process.env.TK_PAGES_RUNS ?? 15);

const G = (kind: number, n: number) => `00000000-0000-4000-a${String(kind).padStart(3, '0')}-${String(n).padStart(12, '0')}`;
const day = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const ent = (category: string, id: string, fields: Record<string, TkFieldValue>, refs: [string, string][] = [], updated: string | null = null): TkEntity => ({
  id, category, updated: updated ?? `${day(Number(id.slice(-6)) % 9_000)}T12:00:00Z`, deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })),
});

/**
 * An archive of `s` activities, each with an agenda item and three decisions (half of them voted
 * on by 15 parties), and as many gifts, zaken (a tenth written questions), two documents per
 * zaak and a report per ten activities: about 25 entities per unit.
 */
async function build(world: Opened, s: number): Promise<void> {
  const batch: Map<string, TkEntity[]> = new Map();
  const flush = async (category: string, force = false) => {
    const list = batch.get(category) ?? [];
    if (list.length >= 5_000 || (force && list.length)) {
      await world.tk.applyPage(category, list.map((entity) => ({ entity, enclosure: null })), null);
      batch.set(category, []);
    }
  };
  const put = async (e: TkEntity) => {
    const list = batch.get(e.category) ?? [];
    list.push(e);
    batch.set(e.category, list);
    await flush(e.category);
  };
  for (let f = 0; f < 15; f++) await put(ent('Fractie', G(1, f), { afkorting: `F${f}`, naamNl: `Fractie ${f}`, aantalZetels: '10' }));
  await put(ent('Persoon', G(2, 0), { roepnaam: 'Joost', achternaam: 'Sneller' }));
  let besluit = 0;
  for (let a = 0; a < s; a++) {
    const d = day(Math.floor((a * 9_000) / s));
    await put(ent('Activiteit', G(3, a), { soort: 'Stemmingen', onderwerp: `Activiteit ${a}`, datum: `${d}T00:00:00` }));
    await put(ent('Agendapunt', G(4, a), { onderwerp: `Punt ${a}` }, [['activiteit', G(3, a)]]));
    for (let k = 0; k < 3; k++, besluit++) {
      await put(ent('Besluit', G(5, besluit), { besluitSoort: 'Stemmen - aangenomen', besluitTekst: `Besluit ${besluit}` }, [['agendapunt', G(4, a)], ['zaak', G(7, a)]]));
      if (besluit % 2 === 0) for (let f = 0; f < 15; f++) await put(ent('Stemming', G(6, besluit * 15 + f), { soort: f % 3 ? 'Voor' : 'Tegen', fractieGrootte: '10' }, [['besluit', G(5, besluit)], ['fractie', G(1, f)]]));
    }
    const vraag = a % 10 === 0;
    await put(ent('Zaak', G(7, a), { nummer: `Z${String(a).padStart(8, '0')}`, soort: vraag ? 'Schriftelijke vragen' : 'Motie', gestartOp: `${d}T00:00:00`, afgedaan: 'false', onderwerp: `Zaak ${a}` }));
    for (let k = 0; k < 2; k++) {
      const soort = vraag && k === 1 && a % 20 === 0 ? 'Antwoord schriftelijke vragen' : 'Brief';
      await put(ent('Document', G(8, a * 2 + k), { documentNummer: `D${String(a * 2 + k).padStart(8, '0')}`, soort, datum: `${d}T00:00:00`, onderwerp: `Document ${a}` }, [['zaak', G(7, a)]]));
    }
    await put(ent('PersoonGeschenk', G(9, a), { omschrijving: `Geschenk ${a}`, datum: `${d}T00:00:00` }, [['persoon', G(2, 0)]]));
    if (a % 10 === 0) {
      await put(ent('Vergadering', G(10, a), { titel: `Vergadering ${a}`, datum: `${d}T00:00:00` }));
      await put(ent('Verslag', G(11, a), { soort: 'Eindpublicatie' }, [['vergadering', G(10, a)]]));
    }
  }
  for (const category of batch.keys()) await flush(category, true);
}

interface Timed {
  p50: number;
  p95: number;
}

const time = (fn: () => Promise<unknown>): Promise<Timed> => latency(RUNS, fn);

async function measure(s: number): Promise<{ name: string; t: Timed }[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kl-bench-tk-pages-'));
  const world = openServices(join(dir, 'kamerlens.db'));
  try {
    const t0 = performance.now();
    await build(world, s);
    console.log(`built ${s} units (${(await world.tk.countByCategory()).reduce((n, c) => n + c.count, 0)} entities) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const app = createApp({ ...world });
    const get = async (path: string) => {
      const res = await app.request(path);
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return res.text();
    };
    // A position four fifths into the decisions, as the pages' own links would carry it.
    const deep = await world.tk.listOrdered({ category: 'Besluit', via: { refs: ['agendapunt', 'activiteit'], category: 'Activiteit' }, thenBy: { ref: 'zaak', field: 'nummer' }, offset: Math.floor(s * 3 * 0.8), limit: 1 });
    const pages: [string, string][] = [
      ['/kamer', '/kamer'],
      ['/activiteiten (a month)', `/activiteiten?today=${day(8_970)}`],
      ['/besluiten', '/besluiten'],
      ['/besluiten page 50 (skip)', '/besluiten?page=50'],
      ['/besluiten 80% in (cursor)', `/besluiten?page=2&after=${deep.cursors[0]}`],
      ['/stemmingen', '/stemmingen'],
      ['/geschenken', '/geschenken'],
      ['/verslagen', '/verslagen'],
      ['/open-vragen', `/open-vragen?today=${day(9_000)}`],
      ['/zaken/<nummer>', `/zaken/Z${String(Math.floor(s / 2)).padStart(8, '0')}`],
      ['/fracties/<afkorting>', '/fracties/F3'],
    ];
    const out: { name: string; t: Timed }[] = [];
    for (const [name, path] of pages) out.push({ name, t: await time(() => get(path)) });
    return out;
  } finally {
    await world.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms = (v: number) => (v < 10 ? v.toFixed(2) : v.toFixed(1));
const pad = (s: string, n: number) => s.padEnd(n);
const lpad = (s: string, n: number) => s.padStart(n);

/**
 * Each list page at the larger archive, as the ratio of its p50 to the same page's p50 on an
 * archive a tenth the size, measured in the same run (bench/run.ts's `tkpages` stage).
 */
export async function benchTkPages(): Promise<BenchRow[]> {
  const small = await measure(Math.floor(SCALE / 10));
  const large = await measure(SCALE);
  return large.map((l, i) => ({
    name: `kamer page ${l.name} p50`,
    value: Number(ms(l.t.p50)),
    unit: 'ms',
    baseline: `${ms(small[i]!.t.p50)} ms at a tenth of the archive`,
    ratio: l.t.p50 / small[i]!.t.p50,
  }));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const small = await measure(Math.floor(SCALE / 10));
  const large = await measure(SCALE);
  console.log(`\n${pad('page', 30)}${lpad(`p50 @${SCALE / 10}`, 12)}${lpad(`p50 @${SCALE}`, 12)}${lpad(`p95 @${SCALE}`, 12)}${lpad('p50 ratio', 11)}`);
  for (let i = 0; i < large.length; i++) {
    const a = small[i]!.t;
    const b = large[i]!.t;
    console.log(`${pad(large[i]!.name, 30)}${lpad(ms(a.p50), 12)}${lpad(ms(b.p50), 12)}${lpad(ms(b.p95), 12)}${lpad(`${(b.p50 / a.p50).toFixed(2)}x`, 11)}`);
  }
  console.log('(ms; ratio = p50 at 10x the archive / p50 at 1x: near 1x means the page does not grow with its category)');
}
