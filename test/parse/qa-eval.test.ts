// The hand-labelled real evaluation set (test/fixtures/parse/qa-eval/labels.json): prints precision/recall of
// question–answer pairs and commitments, and the other figures; `npm run bench` prints the same (parse stage).
// The floors below are what the parser reached when the set was made (issue 12), so a regression shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDocument } from '../../src/parse/index.js';
import { evaluateQa, formatEval } from '../../bench/qa-eval.js';

test('qa-eval: pairs, party, seeAlso, commitments, kind and answer quality on real documents', () => {
  const r = evaluateQa((text, fileName) => parseDocument(text, { fileName }));
  console.log(formatEval(r));
  const p = r.pairs.tp / (r.pairs.tp + r.pairs.fp);
  const rc = r.pairs.tp / (r.pairs.tp + r.pairs.fn);
  assert.ok(p >= 0.95 && rc >= 0.93, `pairs P ${p} R ${rc}`);
  assert.equal(r.seeAlso.right, r.seeAlso.total);
  assert.equal(r.notQuestions.right, r.notQuestions.total);
  assert.equal(r.kind.right, r.kind.total);
  assert.ok(r.commitments.tp / (r.commitments.tp + r.commitments.fp) >= 0.9 && r.commitments.tp / (r.commitments.tp + r.commitments.fn) >= 0.9);
  assert.equal(r.actor.right, r.actor.total);
  assert.ok(r.quality.right / r.quality.total >= 0.9);
});
