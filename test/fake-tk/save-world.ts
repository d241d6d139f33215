/**
 * Writes the fake world as saved SyncFeed pages for `kamerlens sync --from-dir data/tk-world`:
 * `<dir>/<Category>/<start|skiptoken>.xml` (every page a client would fetch, the caught-up
 * page included) and `<dir>/resources/<id>`. Run: `npx tsx test/fake-tk/save-world.ts [dir]`.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TK_CATEGORIES } from '../../src/domain/tk.js';
import { savedPageName } from '../../src/source/tk/dir.js';
import { indexWorld, pageEvents, pageFor } from './feed-xml.js';
import { buildWorld, type World } from './world.js';

const REAL_BASE = 'https://gegevensmagazijn.tweedekamer.nl';

/**
 * Saves `world` under `dir` (replacing what was there); returns the number of page files.
 * `missing` leaves those resources out, as a mirror that could not fetch them would.
 */
export function saveWorld(world: World, dir: string, pageSize = 3, missing: readonly string[] = []): number {
  rmSync(dir, { recursive: true, force: true });
  const index = indexWorld(world);
  let pages = 0;
  for (const category of TK_CATEGORIES) {
    if (!index.has(category)) continue;
    mkdirSync(join(dir, category), { recursive: true });
    let skiptoken: string | null = null;
    for (;;) {
      writeFileSync(join(dir, category, savedPageName(skiptoken)), pageFor(index, REAL_BASE, category, skiptoken, pageSize));
      pages++;
      const { events, next } = pageEvents(index, category, skiptoken === null ? 0 : Number(skiptoken), pageSize);
      if (events.length === 0) break;
      // After the last page, a client asks once more from the last entry's cursor: save that too.
      skiptoken = String(next ?? events.at(-1)!.token);
    }
  }
  mkdirSync(join(dir, 'resources'), { recursive: true });
  for (const e of world.events) {
    if (e.file && !missing.includes(e.id)) writeFileSync(join(dir, 'resources', e.id), e.file.bytes);
  }
  return pages;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dir = process.argv[2] ?? join(import.meta.dirname, '..', '..', 'data', 'tk-world');
  const pages = saveWorld(buildWorld(), dir);
  process.stdout.write(`wrote ${pages} pages to ${dir}\n`);
}
