// Adversarial input: long runs of digits, dots, spaces and repeated headings must parse (linear-time rules) and give sane output.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../src/parse/index.js';

test('adversarial: 1 MB of "1.1.1." parses to an empty structure', () => {
  const r = parseDocument('1.1.1.'.repeat(175_000));
  assert.equal(r.questions.length, 0);
  assert.equal(r.citations.length, 0);
  assert.equal(r.date, null);
});

test('adversarial: long runs of digits, dots and spaces, on one line and many', () => {
  for (const text of ['9'.repeat(200_000), '.'.repeat(200_000), ' '.repeat(200_000), `${'1 '.repeat(100_000)}maart`, `Kamerstuk ${'1 '.repeat(50_000)}`, `https://${'a.'.repeat(100_000)}`, '12345/'.repeat(40_000), `${'1\n'.repeat(50_000)}`]) {
    const r = parseDocument(text);
    assert.equal(r.schemaVersion, 1);
    assert.equal(r.answers.length, 0);
  }
});

test('adversarial: "Antwoord" repeated gives one answer per heading, all empty', () => {
  const r = parseDocument('Antwoord\n'.repeat(20_000));
  assert.equal(r.answers.length, 20_000);
  assert.ok(r.answers.every((a) => a.text === '' && a.seeAlso.length === 0));
  assert.equal(r.questions.length, 0);
});

test('adversarial: repeated question/answer pairs and see-also lists stay linear', () => {
  const r = parseDocument('Vraag 1\nKent u dit?\nAntwoord 1\nZie het antwoord op vraag 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16 en 17.\n'.repeat(5_000));
  assert.equal(r.questions.length, 5_000);
  assert.equal(r.answers.length, 5_000);
  assert.deepEqual(r.answers[0]?.seeAlso.slice(0, 3), [2, 3, 4]);
  const long = parseDocument(`De leden van de VVD-fractie vragen ${'of de minister, '.repeat(50_000)}?`);
  assert.equal(long.schemaVersion, 1);
});
