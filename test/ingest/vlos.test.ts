/**
 * Deriving a report at sync time: linking speakers to people (by id, by name, never to the
 * wrong one of two namesakes) and what happens to a file that is not a readable report.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { TkEntity } from '../../src/domain/tk.js';
import type { VlosSpeaker } from '../../src/domain/vlos.js';
import { deriveVerslag } from '../../src/ingest/vlos.js';
import { linkSpeakers, splitVlosSurname } from '../../src/ingest/speakers.js';
import { openServices, type Opened } from '../../src/main.js';

const CUT = new Uint8Array(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'vlos', 'europese-top-pechtold.xml')));
const VERSLAG = '66666666-6666-4666-8666-666666666601';

const persoon = (id: string, achternaam: string, roepnaam: string, tussenvoegsel: string | null = null): TkEntity => ({
  id, category: 'Persoon', updated: '2024-01-01T00:00:00.000Z', deleted: false, fields: { achternaam, roepnaam, tussenvoegsel }, refs: [],
});

const speaker = (key: string, voornaam: string, achternaam: string): VlosSpeaker => ({
  key, objectId: key, soort: 'Tweede Kamerlid', verslagnaam: null, voornaam, achternaam, aanhef: null, fractie: null, functie: null, naam: `${voornaam} ${achternaam}`,
});

let w: Opened;
before(async () => {
  w = openServices(':memory:');
  await w.tk.applyPage('Persoon', [
    persoon('77777777-7777-4777-8777-000000000001', 'Dijk', 'Jasper', 'van'),
    persoon('77777777-7777-4777-8777-000000000002', 'Vos', 'Jan'),
    persoon('77777777-7777-4777-8777-000000000003', 'Vos', 'Jan'),
    persoon('77777777-7777-4777-8777-000000000004', "Wout", 'Bas', "van 't"),
  ].map((entity) => ({ entity, enclosure: null })), null);
  await w.tk.applyPage('Verslag', [{ entity: { id: VERSLAG, category: 'Verslag', updated: '2014-10-15T21:06:40.000Z', deleted: false, fields: { soort: 'Tussenpublicatie' }, refs: [] }, enclosure: null }], null);
});
after(async () => w.close());

describe('linking speakers to people', () => {
  it('splits the report\'s surname into surname and tussenvoegsel', () => {
    assert.deepEqual(splitVlosSurname('Haersma Buma van'), { achternaam: 'Haersma Buma', tussenvoegsel: 'van' });
    assert.deepEqual(splitVlosSurname("Wout van 't"), { achternaam: 'Wout', tussenvoegsel: "van 't" });
    assert.deepEqual(splitVlosSurname('Staaij van der'), { achternaam: 'Staaij', tussenvoegsel: 'van der' });
    assert.deepEqual(splitVlosSurname('Pechtold'), { achternaam: 'Pechtold', tussenvoegsel: '' });
    // A surname that is only a particle is a surname.
    assert.deepEqual(splitVlosSurname('Ter'), { achternaam: 'Ter', tussenvoegsel: '' });
  });

  it('by name when exactly one person matches; two namesakes or a different first name link nobody', async () => {
    const linked = await linkSpeakers(w.tk, [
      speaker('s-jasper', 'Jasper', 'Dijk van'),
      speaker('s-jan', 'Jan', 'Vos'),
      speaker('s-bas', 'Bas', "Wout van 't"),
      speaker('s-otwin', 'Otwin', 'Dijk van'),
    ]);
    assert.deepEqual(linked, { 's-jasper': '77777777-7777-4777-8777-000000000001', 's-bas': '77777777-7777-4777-8777-000000000004' });
  });

  it('by the report\'s objectid when it is a person\'s id', async () => {
    assert.deepEqual(await linkSpeakers(w.tk, [speaker('77777777-7777-4777-8777-000000000002', 'Iemand', 'Anders')]), {
      '77777777-7777-4777-8777-000000000002': '77777777-7777-4777-8777-000000000002',
    });
  });
});

describe('deriving a report', () => {
  it('a file that is not a VLOS report is recorded as a failed import; the report stored before stays', async () => {
    const deps = { units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk, vlos: w.vlos };
    assert.equal(await deriveVerslag(deps, VERSLAG, CUT), 'parsed');
    assert.equal(await deriveVerslag(deps, VERSLAG, CUT), 'unchanged');
    const before = await w.vlos.getReport(VERSLAG);
    assert.equal(await deriveVerslag(deps, VERSLAG, new TextEncoder().encode('<html><body>Onderhoud</body></html>')), 'failed');
    const failed = await w.store.listImports({ status: 'failed', limit: 5 });
    assert.deepEqual(failed.map((r) => [r.source, r.errorCode]), [[`tk:${VERSLAG}`, 'CORRUPT_FILE']]);
    assert.match(failed[0]!.message ?? '', /not a VLOS report \(root element html/);
    assert.deepEqual(await w.vlos.getReport(VERSLAG), before);
  });
});
