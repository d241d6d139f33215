// Deadlines as written and their resolution against the document's date.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { christmasRecessStart, findDue, summerRecessStart } from '../../src/parse/due.js';

const due = (s: string, d = '2025-03-03') => {
  const r = findDue(s, d);
  return r ? [r.due, r.dueDate] : null;
};

test('due: recesses from the table and the fallback rule', () => {
  assert.equal(summerRecessStart(2025), '2025-07-04');
  assert.equal(summerRecessStart(2022), '2022-07-08');
  assert.equal(summerRecessStart(2030), '2030-07-05'); // first Friday on or after 3 July
  assert.equal(christmasRecessStart(2025), '2025-12-19');
  assert.equal(christmasRecessStart(2023), '2023-12-22');
});

test('due: the phrases of the issue', () => {
  assert.deepEqual(due('Uw Kamer zal voor het zomerreces worden geïnformeerd.'), ['voor het zomerreces', '2025-07-04']);
  assert.deepEqual(due('Dit volgt voor het zomerreces.', '2025-09-01'), ['voor het zomerreces', '2026-07-03']);
  assert.deepEqual(due('de Kamer voor deze zomer informeren'), ['voor deze zomer', '2025-07-04']);
  assert.deepEqual(due('Later dit jaar volgt een Kamerbrief.'), ['Later dit jaar', '2025-12-31']);
  assert.deepEqual(due('Dat gebeurt in het najaar.'), ['in het najaar', '2025-12-20']);
  assert.deepEqual(due('in het voorjaar 2025 volgt'), ['in het voorjaar 2025', '2025-06-20']);
  assert.deepEqual(due('zal uiterlijk 1 juni informeren'), ['uiterlijk 1 juni', '2025-06-01']);
  assert.deepEqual(due('zal uiterlijk 1 juni informeren', '2025-08-01'), ['uiterlijk 1 juni', '2026-06-01']);
  assert.deepEqual(due('op korte termijn een overzicht sturen'), ['op korte termijn', null]);
  assert.deepEqual(due('De resultaten worden uiterlijk voor het zomerreces gepubliceerd.', '2026-05-28'), ['uiterlijk voor het zomerreces', '2026-07-03']);
  assert.deepEqual(due('voor het kerstreces informeren', '2025-12-02'), ['voor het kerstreces', '2025-12-19']);
  assert.deepEqual(due('in het eerste kwartaal van 2026'), ['in het eerste kwartaal van 2026', '2026-03-31']);
  assert.deepEqual(due('binnen twee weken', '2025-03-03'), ['binnen twee weken', '2025-03-17']);
  assert.deepEqual(due('voor de Europese Raad van maart', '2026-01-14'), ['voor de Europese Raad van maart', '2026-03-31']);
  assert.equal(due('Nederland zet zich in voor een open internet.'), null);
});
