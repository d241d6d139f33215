// The snippet worker of a web node: the same snippets as this thread, and this thread when it fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { highlightSpec, type AnalyzedNode } from '../../src/search/fts-query.js';
import { inThread, workerCutter } from '../../src/search/snippet-cutter.js';
import { makeSnippet } from '../../src/search/snippet.js';
import { normalizeWord } from '../../src/search/dutch/index.js';
import type { CutText } from '../../src/search/stored-text.js';

// From data/sample: a long text, so the snippet is cut around the match with ellipses.
const TEXTS = [
  'Conform de vaste informatieafspraken informeert u middels de bijgesloten brieven de Eerste en Tweede Kamer over de Raad. '.repeat(6) +
    'De agenda van de aanstaande Telecomraad laat het niet toe om het belang van open-source in relatie tot cybersecurity te benadrukken.',
  'De Raad benadrukt het belang van een Europees kader van wereldniveau voor cyberbeveiliging in de hele Unie.',
  'Een tekst zonder het gezochte woord.',
];
const term = (w: string): AnalyzedNode => ({ type: 'term', term: normalizeWord(w).term });
const SPEC = highlightSpec({ type: 'or', children: [term('telecomraad'), term('cyberbeveiliging')] });
const EXPECTED = TEXTS.map((t) => makeSnippet(t, SPEC));

describe('snippet cutter', () => {
  it('the worker cuts what this thread cuts', async () => {
    assert.ok(EXPECTED[0]!.snippet.startsWith('…') && EXPECTED[0]!.highlights.length > 0, 'the witness has a cut snippet with a highlight');
    assert.deepEqual(await inThread.cut(TEXTS, SPEC), EXPECTED);
    const failures: Error[] = [];
    const cutter = workerCutter((e) => failures.push(e));
    try {
      const many = await Promise.all([1, 2, 3, 4].map(() => cutter.cut(TEXTS, SPEC)));
      for (const got of many) assert.deepEqual(got, EXPECTED);
      assert.deepEqual(await cutter.cut([], SPEC), []);
    } finally {
      await cutter.close();
    }
    assert.deepEqual(failures, []);
  });

  it('cuts a text handed over deflated, as the stores keep it, as its string, here and on the worker', async () => {
    // Deflated as the document store and the index keep texts (a raw stream of the UTF-8), mixed with plain ones.
    const mixed: CutText[] = TEXTS.map((t, i) => (i % 2 === 0 ? { deflated: deflateRawSync(Buffer.from(t, 'utf8'), { level: 1 }) } : t));
    assert.ok(typeof mixed[0] !== 'string');
    assert.deepEqual(await inThread.cut(mixed, SPEC), EXPECTED);
    const failures: Error[] = [];
    const cutter = workerCutter((e) => failures.push(e));
    try {
      assert.deepEqual(await cutter.cut(mixed, SPEC), EXPECTED);
    } finally {
      await cutter.close();
    }
    assert.deepEqual(failures, []);
  });

  it('a worker that dies leaves its work, and all after, to this thread', async () => {
    const failures: Error[] = [];
    // A thread that exits as soon as it starts, before it answers anything.
    const cutter = workerCutter((e) => failures.push(e), () => new Worker('process.exit(3)', { eval: true }));
    try {
      assert.deepEqual(await cutter.cut(TEXTS, SPEC), EXPECTED);
      assert.deepEqual(await cutter.cut(TEXTS, SPEC), EXPECTED);
    } finally {
      await cutter.close();
    }
    assert.equal(failures.length, 1, 'the failure is reported once');
    assert.match(failures[0]!.message, /code 3/);
  });

  it('a worker that cannot start is reported, and this thread cuts', async () => {
    const failures: Error[] = [];
    const cutter = workerCutter((e) => failures.push(e), () => {
      throw new Error('geen threads');
    });
    assert.deepEqual(await cutter.cut(TEXTS, SPEC), EXPECTED);
    await cutter.close();
    assert.deepEqual(failures.map((e) => e.message), ['geen threads']);
  });
});
