/**
 * Bounded queries: a phrase search past its time budget answers with what it verified and
 * an estimated total; highlighting a huge text stops at its budget, and in slices finds
 * exactly what one pass over the whole text finds.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Database from 'better-sqlite3';
import type { IndexDocument, QueryNode } from '../../src/domain/search.js';
import { highlightSpec, type HighlightSpec } from '../../src/search/fts-query.js';
import { findMatches, highlightRanges, makeSnippet } from '../../src/search/snippet.js';
import { SqliteSearchIndex } from '../../src/search/sqlite-index.js';
import { SegmentIndex } from '../../src/search/segment-index.js';
import { SqliteSegmentStorage } from '../../src/search/sqlite-segment-storage.js';
import { normalizeWord } from '../../src/search/dutch/index.js';
import { pq } from './index-conformance.js';

const phrase = (...words: string[]): QueryNode => ({ type: 'phrase', words });

function corpus(n: number): IndexDocument[] {
  // Every document has "de", "minister" and "schrijft", never as the phrase "schrijft de minister".
  return Array.from({ length: n }, (_, i) => ({
    id: `d${i}`,
    kind: 'kamerbrief' as const,
    date: '2025-01-01',
    title: `Brief ${i}`,
    text: `De minister van Economische Zaken schrijft aan de Kamer over nummer ${i}.`,
    parties: [],
    dossiers: [],
  }));
}

describe('search budget', () => {
  const db = new Database(':memory:');
  const index = new SqliteSearchIndex(db, { verifyAll: 4 });
  index.migrate();

  it('verifies every candidate without a budget, and stops at an exhausted one with an estimate', async () => {
    await index.upsert(corpus(300));
    const q = pq(phrase('schrijft', 'de', 'minister'));
    const full = await index.search({ query: q, offset: 0, limit: 10 });
    assert.equal(full.total, 0);
    assert.equal(full.totalIsEstimate, false, 'every candidate was checked');
    const bounded = await index.search({ query: q, offset: 0, limit: 10, budgetMs: 0 });
    assert.equal(bounded.hits.length, 0);
    assert.equal(bounded.totalIsEstimate, true, 'out of time: the total is an estimate');
    assert.equal(bounded.facetsAreEstimates, true);
  });

  it('stops widening an OR or a prefix past the budget, and says the total is an estimate', async () => {
    const or: QueryNode = { type: 'or', children: ['minister', 'kamer', 'nummer', 'economische'].map((text) => ({ type: 'term', text, prefix: false })) };
    const full = await index.search({ query: pq(or), offset: 0, limit: 5 });
    assert.deepEqual([full.total, full.totalIsEstimate], [300, false]);
    const cut = await index.search({ query: pq(or), offset: 0, limit: 5, budgetMs: 0 });
    assert.equal(cut.totalIsEstimate, true);
    assert.ok(cut.total <= 300);
    const prefix = await index.search({ query: pq({ type: 'term', text: 'econ', prefix: true }), offset: 0, limit: 5, budgetMs: 0 });
    assert.equal(prefix.totalIsEstimate, true);
    assert.equal((await index.search({ query: pq({ type: 'term', text: 'econ', prefix: true }), offset: 0, limit: 5 })).totalIsEstimate, false, 'a cut prefix set is not cached as whole');
  });

  it('does not count waiting for the lists: a slow storage still answers an OR and a prefix whole', async () => {
    // As a node whose lists are not cached yet, over a network: every list read takes longer than the whole budget.
    const slow = new SqliteSegmentStorage(db, false, null);
    const blocksOf = slow.blocksOf.bind(slow);
    slow.blocksOf = async (segs, terms) => {
      await new Promise((r) => setTimeout(r, 60));
      return blocksOf(segs, terms);
    };
    const slowIndex = new SegmentIndex(slow);
    const or: QueryNode = { type: 'or', children: ['minister', 'kamer', 'nummer', 'economische'].map((text) => ({ type: 'term', text, prefix: false })) };
    const whole = await slowIndex.search({ query: pq(or), offset: 0, limit: 5, budgetMs: 30 });
    assert.deepEqual([whole.total, whole.totalIsEstimate], [300, false]);
    const prefix = await slowIndex.search({ query: pq({ type: 'term', text: 'econ', prefix: true }), offset: 0, limit: 5, budgetMs: 30 });
    assert.deepEqual([prefix.total, prefix.totalIsEstimate], [300, false]);
  });

  it('still finds what the budget reached', async () => {
    const q = pq(phrase('minister', 'van', 'economische', 'zaken'));
    const bounded = await index.search({ query: q, offset: 0, limit: 10, budgetMs: 1000 });
    assert.equal(bounded.hits.length, 10);
    assert.ok(bounded.total >= 10);
  });
});

describe('highlighting a huge text', () => {
  // Specs hold analysed terms, as the index makes them.
  const term = (w: string) => normalizeWord(w).term;
  const spec = (words: string[], phrases: string[][] = []): HighlightSpec => ({ terms: new Set(words.map(term)), prefixes: [], phrases: phrases.map((p) => p.map(term)) });
  const paragraph = 'De minister informeert de Kamer over de Cyber Resilience Act en over glasvezel in het buitengebied. ';
  const big = paragraph.repeat(12_000); // ~1.2 MB, many slices

  it('finds in slices exactly what one pass finds, phrases across slice edges included', () => {
    const s = spec(['glasvezel'], [['cyber', 'resilience', 'act']]);
    const one = findMatches(big, s).map((m) => [m.start, m.end]);
    assert.equal(one.length, 4 * 12_000, 'glasvezel and the three words of the phrase, in every paragraph');
    assert.deepEqual(highlightRanges(big, s), one);
  });

  it('stops at its budget: a zero budget marks only the first slice', () => {
    const s = spec(['glasvezel']);
    const ranges = highlightRanges(big, s, 0);
    assert.ok(ranges.length > 0);
    assert.ok(ranges.at(-1)![1] < 70_000, `last mark at ${ranges.at(-1)![1]}`);
  });

  it('a snippet of a huge text without the words reads only its head', () => {
    const hay = 'x'.repeat(5_000_000);
    const r = makeSnippet(hay, highlightSpec({ type: 'term', term: 'xyzzy' }));
    assert.equal(r.highlights.length, 0);
    assert.ok(r.snippet.length <= 300);
  });
});
