// Units of work: importing documents through the port (units.transaction, stores bound to the
// unit) against the older implicit way (store.transaction, stores joining by connection or
// AsyncLocalStorage), alternated in the same run on SQLite and on PostgreSQL.
// Usage: npx tsx bench/unit-of-work.ts [documents per round] [rounds]
import { importContent, type IngestDeps } from '../src/ingest/import.js';
import type { Opened } from '../src/main.js';
import { onBothBackends } from './both-backends.js';
import { smallLetters } from './small-letters.js';

const perRound = Number(process.argv[2]) || 100;
const rounds = Number(process.argv[3]) || 6;
const letter = smallLetters();


async function measure(name: string, s: Opened): Promise<void> {
  const port: IngestDeps = { units: s.units, store: s.store, index: s.index, structure: s.structure };
  const implicit: IngestDeps = { store: s.store, index: s.index, structure: s.structure };
  const spent = { port: 0, implicit: 0 };
  const round = async (deps: IngestDeps) => {
    const t0 = performance.now();
    for (let i = 0; i < perRound; i++) await importContent(letter(), deps);
    return performance.now() - t0;
  };
  await round(port);
  await round(implicit);
  // Alternated, so that a neighbour's load falls on both.
  for (let r = 0; r < rounds; r++) {
    spent.port += await round(port);
    spent.implicit += await round(implicit);
  }
  const n = perRound * rounds;
  console.log(`${name}: ${n} imports each way; the port takes ${(spent.port / spent.implicit).toFixed(2)}× the time of the implicit way`);
}

await onBothBackends('bench_uow', measure);
