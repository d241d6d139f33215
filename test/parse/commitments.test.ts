// Commitments: government promises of future action, and the sentences that only look like one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractCommitments } from '../../src/parse/commitments.js';
import { splitSentences } from '../../src/parse/sentences.js';

const ctx = { docDate: '2025-03-03', signatories: [{ name: 'W.J.M. Aerdts', role: 'Staatssecretaris van Economische Zaken en Klimaat' }] };
const EZK = 'Staatssecretaris van Economische Zaken en Klimaat';
const found = (text: string) => extractCommitments([text], ctx).map((c) => [c.actor, c.due, c.dueDate]);

test('commitments: promises to inform, send and publish (the actor is the signatory unless the sentence names another)', () => {
  assert.deepEqual(found('Uw Kamer zal voor het zomerreces worden geïnformeerd over de uitkomst.'), [[EZK, 'voor het zomerreces', '2025-07-04']]);
  assert.deepEqual(found('Later dit jaar volgt een Kamerbrief over weerbaarheid.'), [[EZK, 'Later dit jaar', '2025-12-31']]);
  assert.deepEqual(found('De minister van OCW zal uw Kamer later dit jaar informeren.'), [['Minister van OCW', 'later dit jaar', '2025-12-31']]);
  assert.deepEqual(found('Ik zal uw Kamer hierover in het najaar informeren.'), [['Staatssecretaris van Economische Zaken en Klimaat', 'in het najaar', '2025-12-20']]);
  assert.deepEqual(found('De resultaten van dit onderzoek worden uiterlijk voor het zomerreces gepubliceerd.'), [[EZK, 'uiterlijk voor het zomerreces', '2025-07-04']]);
  assert.deepEqual(found('De Kamer zal hierover (vertrouwelijk) geïnformeerd worden.'), [[EZK, null, null]]);
  assert.deepEqual(found('Zodra de voorstellen gepubliceerd zijn, wordt de Kamer zoals gebruikelijk nader geïnformeerd met een BNC-fiche.'), [[EZK, 'Zodra de voorstellen gepubliceerd zijn', null]]);
  assert.deepEqual(found('Het kabinet verwacht de verkenning voor de zomer te hebben afgerond en zal de Kamer daarover informeren.'), [[EZK, 'voor de zomer', '2025-07-04']]);
  assert.deepEqual(found('Het kabinet informeert uw Kamer in het voorjaar 2026 over de implementatie.'), [[EZK, 'in het voorjaar 2026', '2026-06-20']]);
  // "doen toekomen": the formal way to send something to the Kamer.
  assert.deepEqual(found('Zodra de evaluatie gereed is, zal ik deze aan uw Kamer doen toekomen.'), [[EZK, 'Zodra de evaluatie gereed is', null]]);
});

test('commitments: not ongoing policy, not what others will do, not the present or the past', () => {
  assert.deepEqual(found('Nederland zet zich in voor een gezamenlijke Europese aanpak en het delen van kennis.'), []);
  assert.deepEqual(found('Het werk gaat wel onverminderd door, onder andere door het delen van oplossingsrichtingen.'), []);
  assert.deepEqual(found('Breton gaf aan dat de Cyber Resilience Act later dit jaar zal verschijnen.'), []);
  assert.deepEqual(found('De Europese Commissie zal in januari een mededeling publiceren.'), []);
  assert.deepEqual(found('De online platformen zullen de resultaten later dit jaar delen.'), []);
  assert.deepEqual(found('Met deze brief bied ik uw Kamer het verslag van de Raad aan.'), []);
  assert.deepEqual(found('In het verslag worden de Kamers geïnformeerd over de Nederlandse inbreng.'), []);
  assert.deepEqual(found('In december 2024 is een brief aan uw Kamer gestuurd.'), []);
  assert.deepEqual(found('U wordt hier separaat over geïnformeerd.'), []);
  assert.deepEqual(found('Zal de minister de Kamer informeren voor de zomer?'), []);
  assert.deepEqual(found('Ik zal uw Kamer hierover niet afzonderlijk informeren.'), []);
});

test('sentences: abbreviations and initials do not end a sentence', () => {
  assert.deepEqual(splitSentences('Zie o.a. de brief van 6 dec. 2024. W.J.M. Aerdts tekende. Nr. 5 volgt.'), [
    'Zie o.a. de brief van 6 dec. 2024.',
    'W.J.M. Aerdts tekende.',
    'Nr. 5 volgt.',
  ]);
});
