// Was the promise kept? (issue 12): a later document of the same ministry on the same topic is taken to fulfil a
// commitment; other ministries, earlier documents and other topics are not. The promise is the real one of the VSO
// informele Telecomraad maart 2025 (data/sample); the later letters are made up around it.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { emptyStructure, type ParsedDocument } from '../../src/domain/index.js';
import { openDatabase } from '../../src/store/index.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';

const promise: ParsedDocument = {
  ...emptyStructure('verslag-schriftelijk-overleg'),
  date: '2025-03-03',
  signatories: [{ name: 'Dirk Beljaarts', role: 'Minister van Economische Zaken' }],
  commitments: [
    {
      text: 'De Minister van Economische Zaken zal in samenwerking met de Staatssecretaris Digitalisering en Koninkrijksrelaties de Kamer voor deze zomer informeren over de Nederlandse inzet ten aanzien van de Digital Fairness Act.',
      actor: 'Minister van Economische Zaken',
      due: 'voor deze zomer',
      dueDate: '2025-07-04',
      topic: 'samenwerking, Digital Fairness Act',
    },
    { text: 'Uw Kamer zal voor de zomer worden geïnformeerd over de Blueprint.', actor: 'Minister van Economische Zaken', due: 'voor de zomer', dueDate: '2025-07-04', topic: 'Blueprint' },
    { text: 'De Kamer zal hierover (vertrouwelijk) geïnformeerd worden.', actor: 'Minister van Economische Zaken', due: null, dueDate: null, topic: 'benchmarkonderzoek, hooggerubriceerde' },
  ],
};
const letter = (date: string, role: string): ParsedDocument => ({ ...emptyStructure('kamerbrief'), date, signatories: [{ name: 'X', role }] });

it('fulfilment: the later letter of the same ministry on the topic keeps the promise, with the evidence', async () => {
  const index = new SqliteStructureIndex(openDatabase(':memory:'));
  await index.put('so', { title: 'Verslag van een schriftelijk overleg over de informele Telecomraad', kind: 'verslag-schriftelijk-overleg', date: '2025-03-03' }, promise);
  // Before the promise, and from another ministry: neither keeps it.
  await index.put('before', { title: 'Kamerbrief over de Digital Fairness Act', kind: 'kamerbrief', date: '2025-02-01' }, letter('2025-02-01', 'Minister van Economische Zaken'));
  await index.put('jenv', { title: 'Kamerbrief Digital Fairness Act en consumentenbescherming', kind: 'kamerbrief', date: '2025-04-01' }, letter('2025-04-01', 'Minister van Justitie en Veiligheid'));
  await index.put('ezk', { title: 'Nederlandse inzet voor de Digital Fairness Act', kind: 'kamerbrief', date: '2025-06-20' }, letter('2025-06-20', 'Minister van Economische Zaken'));
  const rows = (await index.commitments({ today: '2025-09-01', docIds: ['so'] })).items;
  const dfa = rows.find((r) => r.topic?.includes('Digital Fairness Act'));
  assert.equal(dfa?.fulfilledBy?.document.id, 'ezk');
  assert.match(dfa?.fulfilledBy?.evidence ?? '', /digital fairness act.*economische zaken/);
  // No later letter on the topic: open; no deadline: not followed up.
  assert.equal(rows.find((r) => r.topic === 'Blueprint')?.fulfilledBy, null);
  assert.equal(rows.find((r) => r.dueDate === null)?.fulfilledBy, null);
  // A letter dated after "today" does not count yet.
  const early = (await index.commitments({ today: '2025-05-01', docIds: ['so'] })).items;
  assert.equal(early.find((r) => r.topic?.includes('Digital Fairness Act'))?.fulfilledBy, null);
});
