// Is this a Dutch word? From the OpenTaal lexicon kamerlens ships for search: its words,
// infinitives, compounds of its words, and their regular inflections.
import { splitCompound } from './compounds.js';
import { getLexicon } from './lexicon.js';

const ENDINGS = ['en', 'n', 's', 'e', 'er', 'ere', 'st', 'ste', 'de', 'te', 'den', 'ten', 'd', 't'];

/**
 * Whether a lower-case word is Dutch as far as the lexicon can tell: a dictionary word, an
 * infinitive, an inflected form the lexicon lists, a compound of dictionary words, or one of
 * those with a regular ending (plural, adjective, past tense; a doubled or undoubled
 * consonant and a long vowel written double are tried: "inleidingen", "mondelinge").
 */
export function isDutchWord(word: string): boolean {
  if (word.length < 2 || !/^\p{Ll}+$/u.test(word)) return false;
  if (known(word)) return true;
  for (const end of ENDINGS) {
    if (!word.endsWith(end) || word.length - end.length < 3) continue;
    const stem = word.slice(0, -end.length);
    if (known(stem)) return true;
    // "kwalitatieve" → "kwalitatief", "grote" → "groot", "bommen" → "bom".
    if (/([^aeiou])\1$/.test(stem) && known(stem.slice(0, -1))) return true;
    if (stem.endsWith('v') && known(`${stem.slice(0, -1)}f`)) return true;
    if (stem.endsWith('z') && known(`${stem.slice(0, -1)}s`)) return true;
    const m = /^(.*[^aeiou])([aeou])([^aeiou])$/.exec(stem);
    if (m && known(`${m[1]}${m[2]}${m[2]}${m[3]}`)) return true;
  }
  return false;
}

function known(w: string): boolean {
  const lex = getLexicon();
  return lex.parts.has(w) || lex.infinitives.has(w) || lex.terms.has(w) || splitCompound(w, lex) !== null;
}
