// The snippet worker of a web node: the same snippets as this thread, and this thread when it fails.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Worker } from 'node:worker_threads';
import { deflateRawSync } from 'node:zlib';
import { packText } from '../../src/store/sqlite/codec.js';
import { highlightSpec, type AnalyzedNode } from '../../src/search/fts-query.js';
import { inThread, saturationGauge, whenBusy, workerCutter, type SnippetCutter } from '../../src/search/snippet-cutter.js';
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

  it('cuts a text handed over compressed, as the stores keep it, as its string, here and on the worker', async () => {
    // As the document store keeps texts (zstd frames now, raw deflate streams in older rows, as the index keeps its own), mixed with plain ones.
    const mixed: CutText[] = TEXTS.map((t, i) =>
      i % 3 === 0 ? { deflated: deflateRawSync(Buffer.from(t, 'utf8'), { level: 1 }) } : i % 3 === 1 ? { zstd: packText(t) } : t,
    );
    assert.ok(mixed.some((t) => typeof t === 'object' && 'zstd' in t) && mixed.some((t) => typeof t === 'object' && 'deflated' in t));
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

  it('takes the thread as saturated after a window with (almost) no idle time, for the hold, then looks again', () => {
    // A fake event loop (idle and active ms) and a clock that moves with it.
    const loop = { idle: 0, active: 0 };
    const run = (active: number, idle: number) => {
      loop.active += active;
      loop.idle += idle;
    };
    const busy = saturationGauge(() => ({ ...loop }), () => loop.idle + loop.active, 100, 0.01, 1000);
    run(50, 0);
    assert.equal(busy(), false, 'half a window: not judged yet');
    run(60, 0.5);
    assert.equal(busy(), true, '110.5 ms with 0.5 ms idle: saturated (until 1,110.5)');
    run(400, 400);
    assert.equal(busy(), true, 'within the hold, whatever the loop did');
    run(300, 0);
    assert.equal(busy(), true, 'after the hold, a window without idle time: saturated again (until 2,210.5)');
    run(50, 150);
    assert.equal(busy(), true, 'within the new hold');
    run(100, 900);
    assert.equal(busy(), false, 'after it, a quiet window');
    run(95, 5);
    assert.equal(busy(), false, 'a lone client: 5 % idle between its requests');
    run(99, 0.5);
    assert.equal(busy(), false, 'a window of 0.5 ms idle is not judged before it is 100 ms long');
    run(1, 0);
    assert.equal(busy(), true, 'and then is (0.5 of 100.5 ms idle)');
  });

  it('cuts on the worker only while busy, the same snippets either way', async () => {
    let onWorker = 0;
    const worker: SnippetCutter = {
      cut: async (texts, spec) => {
        onWorker++;
        return inThread.cut(texts, spec);
      },
      close: async () => {},
    };
    let saturated = false;
    const cutter = whenBusy(worker, () => saturated);
    assert.deepEqual(await cutter.cut(TEXTS, SPEC), EXPECTED);
    assert.equal(onWorker, 0, 'not busy: cut here');
    saturated = true;
    assert.deepEqual(await cutter.cut(TEXTS, SPEC), EXPECTED);
    assert.equal(onWorker, 1, 'busy: on the worker');
  });
});
