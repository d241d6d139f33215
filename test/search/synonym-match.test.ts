// "gevonden via synoniem": which typed words a result matched only through the thesaurus.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseQuery } from '../../src/search/query.js';
import { synonymChecks, synonymMatches } from '../../src/search/synonym-match.js';
import { parseThesaurus } from '../../src/search/thesaurus.js';
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
});
