// "gevonden via synoniem": which typed words a result matched only through the thesaurus.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuery } from '../../src/search/query.js';
import { synonymChecks, synonymMatches, synonymMatchesInIndex } from '../../src/search/synonym-match.js';
import { defaultThesaurus, parseThesaurus } from '../../src/search/thesaurus.js';
import { tokenize } from '../../src/search/analyze.js';
import { normalizeWord } from '../../src/search/dutch/index.js';
import type { SynonymCheck, SynonymMatch } from '../../src/search/synonym-match.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';

const th = parseThesaurus('cyberbeveiliging\tcybersecurity\tdigitale veiligheid\nAI\tkunstmatige intelligentie\n');
const checks = (q: string) => synonymChecks(parseQuery(q).root, th);

describe('synonymMatches', () => {
  it('names the synonyms found where the typed word is not', () => {
    assert.deepEqual(synonymMatches(['De Raad over cyberbeveiliging.'], checks('cybersecurity')), [{ typed: 'cybersecurity', matched: ['cyberbeveiliging'] }]);
    assert.deepEqual(synonymMatches(['Over de digitale veiligheid van burgers.'], checks('cybersecurity')), [{ typed: 'cybersecurity', matched: ['digitale veiligheid'] }]);
    assert.deepEqual(synonymMatches(['AI-fabrieken en AI-gigafabrieken'], checks('kunstmatige intelligentie')), [{ typed: 'kunstmatige intelligentie', matched: ['AI'] }]);
  });

  it('says nothing when the typed word is there too, in any form or inside a compound', () => {
    assert.deepEqual(synonymMatches(['Cybersecurity en cyberbeveiliging.'], checks('cybersecurity')), []);
    // The word typed inside a compound is a match of the word, not of a synonym.
    assert.deepEqual(synonymMatches(['de nieuwe Cyberbeveiligingswet en cybersecurity'], checks('cyberbeveiliging')), []);
    assert.deepEqual(synonymMatches(['de Cyberbeveiligingswet'], checks('cyberbeveiliging')), []);
    // Title and text are read together.
    assert.deepEqual(synonymMatches(['Cybersecurity', 'over digitale veiligheid'], checks('cybersecurity')), []);
  });

  it('needs a phrase synonym as a phrase, and claims nothing when neither is found', () => {
    assert.deepEqual(synonymMatches(['digitale middelen voor veiligheid'], checks('cybersecurity')), []);
    assert.deepEqual(synonymMatches(['niets hiervan'], checks('cybersecurity')), []);
  });

  it('has nothing to check for =word, a quoted phrase or a word without synonyms', () => {
    assert.deepEqual(checks('=cybersecurity'), []);
    assert.deepEqual(checks('"kunstmatige intelligentie"'), []);
    assert.deepEqual(checks('glasvezel'), []);
    assert.deepEqual(synonymMatches(['cyberbeveiliging'], checks('glasvezel')), []);
  });

  it('tells the real 2017 conclusions (cyberbeveiliging only) from the VSO (cybersecurity 26×)', () => {
    const text = (id: string) => readFileSync(join(SAMPLE_DIR, `${id}.txt`), 'utf8');
    assert.deepEqual(synonymMatches([text(SAMPLE.conclusies)], checks('cybersecurity')), [{ typed: 'cybersecurity', matched: ['cyberbeveiliging'] }]);
    assert.deepEqual(synonymMatches([text(SAMPLE.verslag)], checks('cybersecurity')), []);
  });

  it('answers as analysing every word does, on the sample documents and on texts made to trip the windows', () => {
    const sample = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(SAMPLE_DIR, f), 'utf8'));
    const pad = 'woord '.repeat(60);
    const made = [
      // The typed word only far from its first letters' other places, at a window's edge, in a title.
      `cyber ${pad} cyberbeveiliging`,
      `${pad}Cybersecurity`,
      'Cyberbeveiligingswet',
      // Diacritics and capitals the lower-cased text cannot be searched in as folded.
      'İstanbul en de digitale veiligheid',
      'CYBERSECURITY en Digitale Veiligheid',
      // A phrase across what would be two windows, and a synonym phrase only.
      `digitale ${pad.slice(0, 150)} veiligheid`,
      'over de digitale veiligheid van de Telecomraad',
      'TTE-Raad en Europese Commissie, de EC en het EP',
    ];
    const queries = ['cybersecurity', 'cyberbeveiliging', 'digitale veiligheid', 'Telecomraad OR cybersecurity', 'Europese Commissie', 'EC lidstaten', 'NCSC', 'kunstmatige intelligentie'];
    let compared = 0;
    let claims = 0;
    for (const q of queries) {
      const cs = synonymChecks(parseQuery(q).root, defaultThesaurus());
      for (const text of [...sample, ...made]) {
        for (const texts of [[text], ['Cybersecurity', text], [text.slice(0, 300), text]]) {
          const want = everyWord(texts, cs);
          assert.deepEqual(synonymMatches(texts, cs), want, `${q}: ${texts.map((t) => t.slice(0, 60)).join(' | ')}`);
          compared++;
          if (want.length > 0) claims++;
        }
        // A limit that cuts the text: only the first characters count, both ways.
        assert.deepEqual(synonymMatches([text], cs, 200), everyWord([text], cs, 200), `${q} (200 characters)`);
      }
    }
    assert.ok(compared > 100 && claims > 5, `${compared} compared, ${claims} with a synonym claimed`);
  });
});

describe('synonymMatchesInIndex', () => {
  /** A result's posting lists as the index builds them (segment-builder.ts): each word's term, `~` + its parts. */
  const listsOf = (texts: readonly string[]): Set<string> => {
    const terms = new Set<string>();
    for (const text of texts) {
      for (const tok of tokenize(text)) {
        const nw = normalizeWord(tok.surface);
        if (nw.term === '') continue;
        terms.add(nw.term);
        for (const p of [...nw.parts, ...nw.inner]) terms.add('~' + p);
      }
    }
    return terms;
  };
  const inLists = (texts: readonly string[]) => {
    const terms = listsOf(texts);
    return (term: string) => terms.has(term);
  };

  it('decides one-word forms from the lists: the word itself, or inside a compound', () => {
    const cs = checks('cybersecurity');
    assert.deepEqual(synonymMatchesInIndex(cs, inLists(['De Raad over cyberbeveiliging.'])), [{ typed: 'cybersecurity', matched: ['cyberbeveiliging'] }]);
    assert.deepEqual(synonymMatchesInIndex(cs, inLists(['Cybersecurity en cyberbeveiliging.'])), []);
    // Only as a compound's part (`~` list): still the word as typed.
    assert.deepEqual(synonymMatchesInIndex(checks('cyberbeveiliging'), inLists(['de Cyberbeveiligingswet'])), []);
  });

  it('settles a phrase synonym when one of its words is missing, and leaves word order to the text', () => {
    // `digitale` is there, `veiligheid` is not: the phrase cannot be.
    assert.deepEqual(synonymMatchesInIndex(checks('cybersecurity'), inLists(['digitale zaken en cyberbeveiliging'])), [{ typed: 'cybersecurity', matched: ['cyberbeveiliging'] }]);
    // Both words there: whether in this order only the text tells.
    assert.equal(synonymMatchesInIndex(checks('cybersecurity'), inLists(['veiligheid, digitale'])), null);
    // A typed phrase the same way.
    assert.equal(synonymMatchesInIndex(checks('digitale veiligheid'), inLists(['digitale veiligheid'])), null);
    assert.deepEqual(synonymMatchesInIndex(checks('digitale veiligheid'), inLists(['veiligheid en cybersecurity'])), [{ typed: 'digitale veiligheid', matched: ['cybersecurity'] }]);
  });

  it('leaves it to the text when a list it needs was not loaded', () => {
    assert.equal(synonymMatchesInIndex(checks('cybersecurity'), () => null), null);
    // The typed word's own list says no, its part list is unknown: undecided.
    assert.equal(synonymMatchesInIndex(checks('cybersecurity'), (t) => (t.startsWith('~') ? null : false)), null);
  });

  it('answers as reading the text does wherever it answers, on the sample documents', () => {
    const sample = readdirSync(SAMPLE_DIR).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(join(SAMPLE_DIR, f), 'utf8'));
    const queries = ['cybersecurity', 'cyberbeveiliging', 'digitale veiligheid', 'Telecomraad OR cybersecurity', 'Europese Commissie', 'EC lidstaten', 'NCSC', 'kunstmatige intelligentie'];
    let decided = 0;
    let claims = 0;
    for (const q of queries) {
      const cs = synonymChecks(parseQuery(q).root, defaultThesaurus());
      for (const text of sample) {
        for (const texts of [[text], ['Cybersecurity', text], ['Over de TTE-Raad', text]]) {
          const got = synonymMatchesInIndex(cs, inLists(texts));
          if (got === null) continue;
          decided++;
          if (got.length > 0) claims++;
          assert.deepEqual(got, everyWord(texts, cs), `${q}: ${texts.map((t) => t.slice(0, 60)).join(' | ')}`);
        }
      }
    }
    assert.ok(decided > 50 && claims > 3, `${decided} decided, ${claims} with a synonym claimed`);
  });
});

/** The reference: every word of every text analysed (synonymMatches before it looked in windows first). */
function everyWord(texts: readonly string[], checks: readonly SynonymCheck[], maxChars = 200_000): SynonymMatch[] {
  const forms = checks.flatMap((c) => [c.typed, ...c.synonyms]);
  const found = new Set<unknown>();
  for (const text of texts) {
    const seq: string[] = [];
    for (const tok of tokenize(text.length > maxChars ? text.slice(0, maxChars) : text)) {
      const nw = normalizeWord(tok.surface);
      if (nw.term === '') continue;
      seq.push(nw.term);
      for (const f of forms) {
        const n = f.terms.length;
        if (n === 1) {
          const t = f.terms[0]!;
          if (nw.term === t || nw.parts.includes(t) || nw.inner.includes(t)) found.add(f);
        } else if (seq.length >= n && f.terms.every((t, j) => seq[seq.length - n + j] === t)) found.add(f);
      }
    }
  }
  return checks.flatMap((c) => {
    if (found.has(c.typed)) return [];
    const matched = c.synonyms.filter((s) => found.has(s)).map((s) => s.text);
    return matched.length > 0 ? [{ typed: c.typed.text, matched }] : [];
  });
}
