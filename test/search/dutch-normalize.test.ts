// normalizeWord must give the same results as before its speed-up (native stemmer, table
// lookups, two-generation memo): dutch-normalize.fixture.tsv.gz holds the outputs of the
// original implementation for 20,000 words (sample-document tokens, synthetic-corpus words,
// OpenTaal dictionary words), one `surface<TAB>term<TAB>parts separated by spaces` per line.
// Session 15 changed the parts of 14 of them on purpose (a flagless word the dictionary writes
// in front of a head may begin a compound: `desinformatie|campagnes`, `crowdfunding|actie`);
// those rows were read one by one and rewritten, every other row is the original.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { clearNormalizeMemo, normalizeWord } from '../../src/search/dutch/index.js';
import { TwoGenerationCache } from '../../src/search/dutch/cache.js';
import { getLexicon } from '../../src/search/dutch/lexicon.js';
import { weakVerbLemma } from '../../src/search/dutch/verbs.js';

const fixture = gunzipSync(readFileSync(new URL('./dutch-normalize.fixture.tsv.gz', import.meta.url)))
  .toString('utf8')
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => l.split('\t') as [string, string, string]);

describe('normalizeWord: unchanged results', () => {
  it('matches the original outputs for 20,000 words, cold and then from the memo', () => {
    assert.equal(fixture.length, 20_000);
    for (let round = 0; round < 2; round++) {
      if (round === 0) clearNormalizeMemo();
      const bad: string[] = [];
      for (const [surface, term, parts] of fixture) {
        const n = normalizeWord(surface);
        if ((n.term !== term || n.parts.join(' ') !== parts) && bad.length < 10) {
          bad.push(`${surface}: ${n.term} [${n.parts.join(' ')}] ≠ ${term} [${parts}]`);
        }
      }
      assert.deepEqual(bad, [], bad.join('\n'));
    }
  });

  it('gives the same verb lemmas with the lexicon Set (table probes) and with a predicate', () => {
    const inf = getLexicon().infinitives;
    const isInf = (s: string): boolean => inf.has(s);
    let found = 0;
    for (const [surface] of fixture) {
      const w = surface.toLowerCase();
      const a = weakVerbLemma(w, inf);
      assert.equal(a, weakVerbLemma(w, isInf), w);
      if (a !== null) found++;
    }
    assert.ok(found > 500, `${found} verb forms`);
  });
});

describe('TwoGenerationCache', () => {
  it('keeps entries in use across rotations and stays bounded', () => {
    const c = new TwoGenerationCache<number>(100);
    c.set('hot', 1);
    for (let i = 0; i < 10_000; i++) {
      c.set(`cold${i}`, i);
      assert.equal(c.get('hot'), 1, `lost the hot entry after ${i}`);
      assert.ok(c.size <= 200);
    }
    assert.equal(c.get('cold0'), undefined); // unused for a whole generation: gone
    assert.equal(c.get('cold9999'), 9999);
  });

  it('stores a promoted key through ownKey', () => {
    const owned: string[] = [];
    const c = new TwoGenerationCache<number>(2, (k) => {
      owned.push(k);
      return k;
    });
    c.set('a', 1);
    c.set('b', 2);
    c.set('c', 3); // rotation: a, b are old now
    assert.equal(c.get('a'), 1);
    assert.deepEqual(owned, ['a']);
    c.clear();
    assert.equal(c.get('a'), undefined);
  });
});
