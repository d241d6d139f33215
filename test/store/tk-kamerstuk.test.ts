/**
 * Kamerstuk identity and the match of signatures to the Kamer's people (store/tk-kamerstuk.ts,
 * domain/person-name.ts), on a SQLite and a PostgreSQL TkStore: one identifier in the Kamer's
 * terms, people matched by name and role, and an ambiguous name matching nobody.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parsePersonName } from '../../src/domain/person-name.js';
import type { TkEntity, TkFieldValue } from '../../src/domain/tk.js';
import { ownKamerstuk } from '../../src/parse/kamerstuk.js';
import { openDatabase } from '../../src/store/index.js';
import { PgTkStore } from '../../src/store/postgres/tk-store.js';
import type { PgDb } from '../../src/store/postgres/connection.js';
import { SqliteTkStore } from '../../src/store/sqlite/tk-store.js';
import type { TkStore } from '../../src/store/tk-store.js';
import { freshPgDb, pgSkip } from '../helpers/pg.js';
import { findTkDossier, matchKamerPersons, tkDocumentsOfKamerstuk, tkKamerstukOf } from '../../src/store/tk-kamerstuk.js';

const ent = (category: string, id: string, fields: Record<string, TkFieldValue>, refs: [string, string][] = []): TkEntity => ({
  id, category, updated: '2025-04-10T10:00:00.000Z', deleted: false, fields, refs: refs.map(([name, ref]) => ({ name, ref })),
});
const id = (n: number) => `00000000-0000-4000-a000-${String(n).padStart(12, '0')}`;

describe('parsePersonName: signatures as the Kamer splits names', () => {
  it('reads initials, tussenvoegsel and surname in the forms real documents sign with', () => {
    // From the golden files: a motion's signers, a minister's signature, a state secretary's.
    assert.deepEqual(parsePersonName('Kathmann'), { initialen: null, tussenvoegsel: null, achternaam: 'Kathmann', naVoornaam: null });
    assert.deepEqual(parsePersonName('Van der Werf'), { initialen: null, tussenvoegsel: 'van der', achternaam: 'Werf', naVoornaam: null });
    assert.deepEqual(parsePersonName('D.M. van Weel'), { initialen: 'D.M.', tussenvoegsel: 'van', achternaam: 'Weel', naVoornaam: null });
    assert.deepEqual(parsePersonName('M.A.M. Adriaansens'), { initialen: 'M.A.M.', tussenvoegsel: null, achternaam: 'Adriaansens', naVoornaam: null });
    assert.deepEqual(parsePersonName('Rikkers-Oosterkamp'), { initialen: null, tussenvoegsel: null, achternaam: 'Rikkers-Oosterkamp', naVoornaam: null });
    // Two words: a first name and a surname, or a surname of two words; the records decide.
    assert.deepEqual(parsePersonName('Dirk Beljaarts'), { initialen: null, tussenvoegsel: null, achternaam: 'Dirk Beljaarts', naVoornaam: 'Beljaarts' });
    assert.deepEqual(parsePersonName('Six Dijkstra'), { initialen: null, tussenvoegsel: null, achternaam: 'Six Dijkstra', naVoornaam: 'Dijkstra' });
    assert.equal(parsePersonName('.'), null);
  });
});

/** The Kamer's records of a Kamerstuk and its signers, on the store `open` gives (once, before the tests). */
function kamerstukSuite(name: string, open: () => Promise<TkStore>, options: { skip?: string | false; close?: () => Promise<void> } = {}): void {
  describe(`the Kamer’s records of a Kamerstuk, and its signers: ${name}`, { skip: options.skip ?? false }, () => {
    let tk!: TkStore;
    const dossier = ent('Kamerstukdossier', id(1), { nummer: '21501', toevoeging: '02', titel: 'Raad Algemene Zaken en Raad Buitenlandse Zaken' });
    const other = ent('Kamerstukdossier', id(2), { nummer: '21501', toevoeging: '33', titel: 'Raad voor Vervoer, Telecommunicatie en Energie' });
    const motie = ent('Document', id(10), { soort: 'Motie', documentNummer: '2025D16522', volgnummer: '3121', datum: '2025-04-10T00:00:00' }, [['kamerstukdossier', id(1)]]);
    const sameNrElsewhere = ent('Document', id(11), { soort: 'Motie', documentNummer: '2025D16999', volgnummer: '3121', datum: '2025-04-10T00:00:00' }, [['kamerstukdossier', id(2)]]);
    const people = [
      ent('Persoon', id(20), { achternaam: 'Ceder', initialen: 'D.', roepnaam: 'Don', functie: 'Tweede Kamerlid' }),
      ent('Persoon', id(21), { achternaam: 'Dijk', tussenvoegsel: 'van', initialen: 'I.', roepnaam: 'Inge', functie: 'Tweede Kamerlid' }),
      ent('Persoon', id(22), { achternaam: 'Dijk', tussenvoegsel: 'van', initialen: 'D.', roepnaam: 'Diederik', functie: 'Tweede Kamerlid' }),
      ent('Persoon', id(23), { achternaam: 'Beljaarts', initialen: 'D.S.', roepnaam: 'Dirk', functie: 'Minister van Economische Zaken' }),
      ent('Persoon', id(24), { achternaam: 'Six Dijkstra', initialen: 'J.P.', roepnaam: 'Jesse', functie: 'Tweede Kamerlid' }),
      ent('Persoon', id(25), { achternaam: 'Verdonk', initialen: 'M.C.F.', roepnaam: 'Rita', functie: 'Oud minister' }),
    ];
    before(async () => {
      tk = await open();
      await tk.applyPage('Kamerstukdossier', [dossier, other].map((entity) => ({ entity, enclosure: null })), null);
      await tk.applyPage('Document', [motie, sameNrElsewhere].map((entity) => ({ entity, enclosure: null })), null);
      await tk.applyPage('Persoon', people.map((entity) => ({ entity, enclosure: null })), null);
    });

    it('"21 501-02, nr. 3121", kst-21501-02-3121 and the Kamer’s dossier + volgnummer are one identifier', async () => {
      const printed = ownKamerstuk(['Tweede Kamer, vergaderjaar 2024–2025, 21 501-02, nr. 3121'])!;
      const colophon = ownKamerstuk(['kst-21501-02-3121'])!;
      const head = ownKamerstuk(['Tweede Kamer der Staten-Generaal', 'Vergaderjaar 2024–2025', '21 501-02 Raad Algemene Zaken en Raad Buitenlandse', 'Zaken', 'Nr. 3121 MOTIE VAN HET LID CEDER'])!;
      const kamer = await tkKamerstukOf(tk, motie);
      for (const k of [colophon, head, kamer]) assert.deepEqual(k, printed);
      assert.deepEqual((await tkDocumentsOfKamerstuk(tk, printed)).map((e) => e.id), [motie.id], 'the same volgnummer in another dossier is another Kamerstuk');
      assert.equal((await findTkDossier(tk, '21 501-02'))?.id, dossier.id);
      assert.equal(await findTkDossier(tk, '21501'), null);
    });

    it('matches a member by surname and role, a minister by name and function, conservatively', async () => {
      const match = async (name: string, role: string | null, kind: 'motie' | 'kamerbrief') =>
        (await matchKamerPersons(tk, [{ name, role }], kind)).map((m) => m.persoon.id);
      assert.deepEqual(await match('Ceder', null, 'motie'), [id(20)]);
      assert.deepEqual(await match('Six Dijkstra', null, 'motie'), [id(24)]);
      assert.deepEqual(await match('Dirk Beljaarts', 'Minister van Economische Zaken', 'kamerbrief'), [id(23)]);
      // Two members named Van Dijk: without initials nobody; with them, the one.
      assert.deepEqual(await match('Van Dijk', null, 'motie'), []);
      assert.deepEqual(await match('I. van Dijk', null, 'motie'), [id(21)]);
      // A role the person does not have: a "minister Ceder" is not the member.
      assert.deepEqual(await match('Ceder', 'Minister van Buitenlandse Zaken', 'kamerbrief'), []);
      // A former minister may have been either when she signed.
      assert.deepEqual(await match('Verdonk', null, 'motie'), [id(25)]);
      // Initials that differ, a clerk, a name nobody has.
      assert.deepEqual(await match('P.H. Ceder', null, 'motie'), []);
      assert.deepEqual(await match('Ceder', 'Griffier van de commissie', 'kamerbrief'), []);
      assert.deepEqual(await match('Kops', null, 'motie'), []);
    });

    if (options.close) after(options.close);
  });
}

kamerstukSuite('sqlite', async () => new SqliteTkStore(openDatabase(':memory:')));
let pgDb: PgDb | null = null;
kamerstukSuite('postgres', async () => PgTkStore.open((pgDb = await freshPgDb())), { skip: pgSkip, close: async () => pgDb?.close() });

it('sqlite: looks people up by the index on achternaam, documents by the one on volgnummer', () => {
  const tk = new SqliteTkStore(openDatabase(':memory:'));
  const plan = tk.explainOrdered({ category: 'Persoon', where: [{ field: 'achternaam', value: 'Ceder' }], limit: 5 }).join(' ');
  assert.match(plan, /tk_persoon_by_achternaam/);
  const docs = tk.explainOrdered({ category: 'Document', order: 'day', where: [{ field: 'volgnummer', value: '3121' }], limit: 5 }).join(' ');
  assert.match(docs, /tk_document_by_volgnummer/);
});
