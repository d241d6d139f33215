// The commitments monitor's "fulfilled" event also fires for a promise found in a document when a later imported letter
// keeps it (as the promise pass found), besides the register's own status (test/watch/kinds.test.ts). Real documents:
// the VSO informele Telecomraad maart 2025 (data/sample) and the later DFA letter.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { it } from 'node:test';
import { importPaths } from '../../src/ingest/import.js';
import { refreshPromises } from '../../src/ingest/promises.js';
import { openServices } from '../../src/main.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

it('a later letter that keeps a followed minister’s promise is reported once', async () => {
  const w = openServices(':memory:');
  try {
    const alice = await w.watch.userByEmail('alice@example.org');
    const deps = { units: w.units, store: w.store, index: w.index, structure: w.structure };
    await importPaths([join(SAMPLE_DIR, `${SAMPLE.verslag}.txt`)], deps);
    await refreshPromises(w);
    const m = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { actor: 'Economische Zaken', event: 'fulfilled' }, interval: 'immediate', email: false });
    const other = await w.watch.createMonitor(alice.id, { kind: 'commitments', params: { actor: 'Justitie', event: 'fulfilled' }, interval: 'immediate', email: false });
    await w.watch.run();
    assert.equal((await w.watch.getMonitor(alice.id, m.id)).matches.length, 0, 'nothing kept yet');
    await importPaths(['test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt'], deps);
    await refreshPromises(w);
    await w.watch.run();
    const found = (await w.watch.getMonitor(alice.id, m.id)).matches;
    assert.equal(found.length, 1);
    assert.equal(found[0]!.docId, 'kamerbrief-dfa');
    assert.match(found[0]!.reason, /^toezegging nagekomen: zelfde onderwerp \(digital fairness act\)/);
    assert.equal((await w.watch.getMonitor(alice.id, other.id)).matches.length, 0, 'another minister’s monitor hears nothing');
    await w.watch.run();
    assert.equal((await w.watch.getMonitor(alice.id, m.id)).matches.length, 1, 'once');
  } finally {
    await w.close();
  }
});
