/**
 * What changed between versions, in words: the sequence and word diffs, and the structural
 * differences of a real letter (data/sample, the Telecom Council letter of 28 May 2026) whose
 * second version moves a deadline, adds a commitment and rewrites a paragraph.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { DocumentVersion } from '../../src/domain/index.js';
import { parseDocument } from '../../src/parse/index.js';
import { compareVersions, diffSequence, diffWords, describeChanges, dutchDate, structuralChanges } from '../../src/service/changes.js';

const LETTER = readFileSync(join(import.meta.dirname, '..', '..', 'data', 'sample', '2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt'), 'utf8');

function version(n: number, text: string): DocumentVersion {
  return {
    docId: 'brief', version: n, contentHash: String(n), format: 'text', fileName: 'brief.txt', byteSize: text.length, mimeType: 'text/plain',
    text, pages: null, structure: parseDocument(text, { fileName: 'brief.txt' }), importedAt: `2026-06-0${n}T10:00:00.000Z`, hasOriginal: false,
  };
}

describe('diffSequence', () => {
  it('aligns two sequences on their longest common subsequence', () => {
    assert.deepEqual(diffSequence([...'abcde'], [...'abxde']), ['equal', 'equal', 'delete', 'insert', 'equal', 'equal']);
    assert.deepEqual(diffSequence([...'abc'], [...'abc']), ['equal', 'equal', 'equal']);
    assert.deepEqual(diffSequence([], [...'ab']), ['insert', 'insert']);
    assert.deepEqual(diffSequence([...'xaby'], [...'ab']), ['delete', 'equal', 'equal', 'delete']);
  });
  it('falls back to "all removed, all added" for the middle beyond its budget', () => {
    assert.deepEqual(diffSequence([...'aXYb'], [...'aZWb'], Object.is, 3), ['equal', 'delete', 'delete', 'insert', 'insert', 'equal']);
  });
});

describe('diffWords', () => {
  it('marks the words that changed and keeps the rest, so both sides read back whole', () => {
    const before = 'Het kabinet informeert de Kamer uiterlijk 1 mei 2025 over de uitkomst.';
    const after = 'Het kabinet informeert de Kamer uiterlijk 1 juni 2025 over de uitkomst.';
    const segs = diffWords(before, after);
    assert.deepEqual(segs, [
      { op: 'equal', text: 'Het kabinet informeert de Kamer uiterlijk 1 ' },
      { op: 'delete', text: 'mei ' },
      { op: 'insert', text: 'juni ' },
      { op: 'equal', text: '2025 over de uitkomst.' },
    ]);
    assert.equal(segs.filter((s) => s.op !== 'insert').map((s) => s.text).join(''), before);
    assert.equal(segs.filter((s) => s.op !== 'delete').map((s) => s.text).join(''), after);
  });
});

describe('a new version of a real letter', () => {
  const moved = LETTER.replace('Het kabinet verwacht de verkenning voor het zomerreces te hebben afgerond en zal de Kamer daarover informeren.', 'Het kabinet verwacht de verkenning uiterlijk 1 september 2026 te hebben afgerond en zal de Kamer daarover informeren.')
    .replace('Nederland gaf aan bereid te zijn de resultaten te delen.', 'Nederland gaf aan bereid te zijn de resultaten met andere lidstaten te delen. De minister zal de Kamer voor 1 november 2026 informeren over de uitkomst van de Europese besprekingen.');
  const v1 = version(1, LETTER);
  const v2 = version(2, moved);

  it('is parsed with the deadlines the test relies on', () => {
    assert.ok(v1.structure.commitments.some((c) => /verkenning/.test(c.text) && c.dueDate === '2026-07-03'));
    assert.ok(v2.structure.commitments.some((c) => /verkenning/.test(c.text) && c.dueDate === '2026-09-01'));
  });

  it('names the moved deadline and the new commitment', () => {
    const changes = structuralChanges(v1.structure, v2.structure);
    const deadline = changes.find((c) => c.type === 'deadline-moved');
    assert.ok(deadline && deadline.type === 'deadline-moved');
    assert.match(deadline.commitment, /verkenning uiterlijk 1 september 2026/);
    assert.equal(deadline.from, '2026-07-03');
    assert.equal(deadline.to, '2026-09-01');
    assert.ok(changes.some((c) => c.type === 'commitment-added' && /1 november 2026/.test(c.commitment) && c.due === '2026-11-01'));
    assert.ok(!changes.some((c) => c.type === 'commitment-removed'), 'the moved commitment is the same commitment');
  });

  it('says it in Dutch sentences, with the text diff counted', () => {
    const r = compareVersions('brief', v1, v2);
    assert.equal(r.sentences[0], 'De termijn van de toezegging „Het kabinet verwacht de verkenning uiterlijk 1 september 2026 te…” is verschoven van 3 juli naar 1 september 2026.');
    // With the commitment's actor when the parser found one (the letter's signatory).
    assert.match(r.sentences[1]!, /^Nieuwe toezegging(?: van [^:„]+)?: „De minister zal de Kamer voor 1 november 2026 informeren over de…” \(termijn 1 november 2026\)\.$/);
    assert.equal(r.text.paragraphsRewritten, 1);
    assert.equal(r.text.paragraphsAdded, 0);
    assert.equal(r.text.paragraphsRemoved, 0);
    assert.match(r.sentences.at(-1)!, /^In de tekst: 1 alinea herschreven \(\d+ woorden erbij, \d+ eraf\)\.$/);
    const rewrite = r.blocks.find((b) => b.op === 'rewrite');
    assert.ok(rewrite && rewrite.op === 'rewrite');
    assert.ok(rewrite.after.some((s) => s.op === 'insert' && /met andere lidstaten/.test(s.text)));
    assert.ok(rewrite.before.some((s) => s.op === 'delete' && /voor het zomerreces/.test(s.text)));
  });

  it('a version with the same text says so', () => {
    const r = compareVersions('brief', v1, version(2, LETTER.replace(/\n/g, '\n\n')));
    assert.deepEqual(r.sentences, ['De tekst is inhoudelijk gelijk (alleen opmaak of het bestand verschilt).']);
  });
});

describe('describeChanges', () => {
  it('writes the year once when both dates share it, and handles a deadline added or dropped', () => {
    assert.deepEqual(
      describeChanges([
        { type: 'deadline-moved', commitment: 'Het kabinet informeert de Kamer over X.', actor: null, from: '2025-05-01', to: '2025-06-01' },
        { type: 'deadline-moved', commitment: 'Y', actor: null, from: '2025-12-01', to: '2026-01-15' },
        { type: 'deadline-moved', commitment: 'Z', actor: null, from: null, to: '2026-01-15' },
        { type: 'title', from: 'Oud', to: 'Nieuw' },
      ], null),
      [
        'De termijn van de toezegging „Het kabinet informeert de Kamer over X.” is verschoven van 1 mei naar 1 juni 2025.',
        'De termijn van de toezegging „Y” is verschoven van 1 december 2025 naar 15 januari 2026.',
        'De toezegging „Z” heeft nu een termijn: 15 januari 2026.',
        'De titel is gewijzigd van „Oud” in „Nieuw”.',
      ],
    );
  });
  it('counts questions added beyond three instead of listing them all', () => {
    const qs = [1, 2, 3, 4, 5].map((i) => ({ type: 'question-added' as const, question: `Vraag ${i}?`, party: 'GL-PvdA' }));
    const s = describeChanges(qs, null);
    assert.equal(s.length, 4);
    assert.equal(s[0], 'Vraag toegevoegd (GL-PvdA): „Vraag 1?”.');
    assert.equal(s[3], 'En nog 2 toegevoegde vragen.');
  });
  it('writes dates the Dutch way', () => {
    assert.equal(dutchDate('2025-03-04'), '4 maart 2025');
    assert.equal(dutchDate('2025-03-04', false), '4 maart');
  });
});
