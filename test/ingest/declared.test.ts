// What a source declares (a bulk record's kind and date, the open data's) is what the parser's
// rules follow, not only the label the document gets (src/parse/index.ts ParseHints.declared).

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { ExtractedText } from '../../src/domain/index.js';
import { buildVersion } from '../../src/ingest/document.js';

const NAME = '2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt';
const TEXT = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', NAME), 'utf8');

const record = (declared?: ExtractedText['declared']): ExtractedText => ({
  format: 'ndjson',
  text: TEXT,
  pages: null,
  title: null,
  warnings: [],
  ...(declared ? { declared } : {}),
});

describe('declared kind and date', () => {
  it('reads the letter as the text says when nothing is declared: two promises before the 2026 summer recess', () => {
    const v = buildVersion(record(), null, null, 'application/x-ndjson');
    assert.equal(v.kind, 'verslag-raad');
    assert.equal(v.date, '2026-05-28');
    assert.deepEqual(
      v.structure.commitments.map((c) => [c.due, c.dueDate]),
      [
        ['uiterlijk voor het zomerreces', '2026-07-03'],
        ['voor het zomerreces', '2026-07-03'],
      ],
    );
  });

  it('finds no promises in a text declared a motion: the rules follow the declared kind', () => {
    const v = buildVersion(record({ id: 'm1', kind: 'motie', date: '2026-05-28' }), null, null, 'application/x-ndjson');
    assert.equal(v.kind, 'motie');
    assert.equal(v.structure.kind, 'motie');
    assert.deepEqual(v.structure.commitments, []);
  });

  it('resolves "voor het zomerreces" in the year of the declared date, not of the date in the text', () => {
    const v = buildVersion(record({ id: 'b1', kind: 'verslag-raad', date: '2027-02-01' }), null, null, 'application/x-ndjson');
    assert.equal(v.date, '2027-02-01');
    const dues = v.structure.commitments.map((c) => c.dueDate);
    assert.equal(dues.length, 2);
    for (const d of dues) assert.match(d ?? '', /^2027-07-/);
  });

  it('takes a null date as nothing declared: the text’s date still dates the deadlines', () => {
    const v = buildVersion(record({ id: 'b2', kind: 'verslag-raad', date: null }), null, null, 'application/x-ndjson');
    assert.equal(v.date, null);
    assert.deepEqual(v.structure.commitments.map((c) => c.dueDate), ['2026-07-03', '2026-07-03']);
  });

  it('does not read a letter with the debate rules because it is declared a sitting’s record', () => {
    const v = buildVersion(record({ id: 'h1', kind: 'handelingen', date: '2026-05-28' }), null, null, 'application/x-ndjson');
    assert.equal(v.kind, 'handelingen');
    // What a letter's rules found is not a debate's: describe() keeps identifiers and citations only.
    assert.deepEqual([v.structure.commitments, v.structure.signatories, v.structure.meetings], [[], [], []]);
  });
});
