// Snowball Dutch stemming of folded words (the base layer under verb and noun lemmas).

import { createRequire } from 'node:module';

interface Stemmer {
  stem(word: string): string;
}

// snowball-stemmers is CommonJS without type declarations; createRequire keeps it typed here.
const require = createRequire(import.meta.url);
const snowball = require('snowball-stemmers') as { newStemmer(language: string): Stemmer };
const dutch = snowball.newStemmer('dutch');

const HAS_DIGIT = /[0-9]/;

/**
 * Snowball (Porter) Dutch stem of a folded word. Words with digits (`2025d08504`, `5g`) are
 * identifiers, not Dutch, and are returned unchanged.
 */
export function snowballStem(folded: string): string {
  if (folded.length < 3 || HAS_DIGIT.test(folded)) return folded;
  return dutch.stem(folded);
}
