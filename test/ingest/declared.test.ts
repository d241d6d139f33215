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

const VSO = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', '2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025.txt'), 'utf8');

const record = (declared?: ExtractedText['declared'], text = TEXT): ExtractedText => ({
  format: 'ndjson',
  text,
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

  it('reads the text as it is laid out whatever is declared: a consultation declared a letter keeps its parties’ questions', () => {
    const plain = buildVersion(record(undefined, VSO), null, null, 'application/x-ndjson');
    assert.equal(plain.kind, 'verslag-schriftelijk-overleg');
    assert.ok(plain.structure.questions.length >= 5, `${plain.structure.questions.length} questions`);
    const declared = buildVersion(record({ id: 'v1', kind: 'kamerbrief', date: '2025-03-03' }, VSO), null, null, 'application/x-ndjson');
    assert.equal(declared.kind, 'kamerbrief');
    assert.deepEqual(declared.structure.questions, plain.structure.questions);
    assert.deepEqual(declared.structure.answers, plain.structure.answers);
    assert.deepEqual(declared.structure.commitments, plain.structure.commitments);
  });

  it('finds no party questions in a letter declared a consultation’s report or a nota', () => {
    // A letter that answers what was asked in committee, quoting the parties (sentences of the VSO
    // above): laid out as a letter, so the consultation's looser question rules are not used.
    const letter = [
      'Betreft: Reactie op vragen over de informele Telecomraad',
      'Geachte voorzitter,',
      'Hierbij stuur ik u de reactie op de vragen die in de commissie zijn gesteld.',
      'De leden van de GroenLinks-PvdA-fractie juichen het toe dat er op Europees niveau meer wordt samengewerkt op het gebied van cybersecurity. Wat is de positie van het kabinet ten aanzien van één Europees meldpunt voor incidenten?',
      'Het kabinet ziet meerwaarde in het leren van en uitwisselen van nationale best practices met andere EU-lidstaten op het gebied van cybersecurity en hybride dreigingen.',
      'De leden van de PVV-fractie willen weten in hoeverre de implementatie van de NIS2-richtlijn per lidstaat verschilt.',
      'Het streven is om de uitvoeringslast voor bedrijven zo veel mogelijk te beperken.',
      'De Minister van Economische Zaken,',
    ].join('\n\n');
    const plain = buildVersion(record(undefined, letter), null, null, 'application/x-ndjson');
    assert.equal(plain.kind, 'kamerbrief');
    assert.deepEqual(plain.structure.questions, []);
    for (const kind of ['verslag-schriftelijk-overleg', 'nota'] as const) {
      const v = buildVersion(record({ id: 'n1', kind, date: '2025-03-10' }, letter), null, null, 'application/x-ndjson');
      assert.equal(v.kind, kind);
      assert.deepEqual(v.structure.questions, [], kind);
    }
  });

  it('does not read a letter with the debate rules because it is declared a sitting’s record', () => {
    const v = buildVersion(record({ id: 'h1', kind: 'handelingen', date: '2026-05-28' }), null, null, 'application/x-ndjson');
    assert.equal(v.kind, 'handelingen');
    // What a letter's rules found is not a debate's: describe() keeps identifiers and citations only.
    assert.deepEqual([v.structure.commitments, v.structure.signatories, v.structure.meetings], [[], [], []]);
  });
});
