/** A ready store + index holding the sample corpus, for integration tests. */
import { join } from 'node:path';
import { importPaths } from '../../src/ingest/import.js';
import { openServices, type Opened } from '../../src/main.js';

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'data', 'sample');

export const SAMPLE = {
  verslag: '2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025',
  brief2022: '2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022',
  brief2026: '2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026',
  conclusies: '2017-11-20-raadsconclusies-cyberbeveiliging-14435-17',
} as const;

export async function sampleWorld(): Promise<Opened> {
  const s = openServices(':memory:');
  await importPaths([SAMPLE_DIR], { units: s.units, store: s.store, index: s.index });
  return s;
}
