/**
 * The composition root's wiring of reports of sittings: `sync` (here of the demo world, whose
 * Verslag carries a VLOS file) derives the report, and `reparse` re-derives it from the saved
 * file after a parser upgrade, through the CLI context as `kamerlens` uses it.
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { noProgress } from '../../src/ingest/ports.js';
import { createCliContext, type Opened } from '../../src/main.js';

it('sync derives the report; reparse re-derives one stored by an older parser', async () => {
  const config = loadConfig(['--data', mkdtempSync(join(tmpdir(), 'kl-vlos-cli-'))]);
  const ctx = createCliContext(config);
  try {
    const world = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
    const r = await ctx.sync({ source: world, fromDir: world }, noProgress, false);
    assert.equal(r.ok, true);
    const s = (await ctx.services()) as Opened;
    const [id] = await s.vlos.reportIds();
    assert.ok(id, 'a report derived at sync');
    const stored = await s.vlos.getReport(id);
    assert.ok(stored);
    await s.vlos.putReport({ ...stored, report: { ...stored.report, parserVersion: 0, activiteiten: [] } });
    await ctx.reparse(noProgress);
    assert.deepEqual((await s.vlos.getReport(id))?.report, stored.report);
  } finally {
    await ctx.close();
  }
});
