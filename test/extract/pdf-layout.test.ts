// The pure PDF line rebuilder, on hand-made text runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutPageLines, type TextRun } from '../../src/extract/pdf-layout.js';

/** Runs of 10pt text, 5pt per character, 12pt line pitch. */
function run(str: string, x: number, y: number, fontSize = 10): TextRun {
  return { str, x, y, width: str.length * fontSize * 0.5, fontSize };
}

describe('layoutPageLines', () => {
  it('joins runs on one baseline, with a space only where there is a gap', () => {
    const lines = layoutPageLines([run('Kamer', 72, 700), run('brief', 97, 700), run('van', 125, 700), run('vandaag', 150, 700.5)]);
    assert.deepEqual(lines, ['Kamerbrief van vandaag']);
  });

  it('keeps a raised footnote marker on its line', () => {
    const lines = layoutPageLines([run('de Kamerbrief', 72, 700), { str: '1', x: 137, y: 703.5, width: 3, fontSize: 6 }, run('met', 145, 700)]);
    assert.deepEqual(lines, ['de Kamerbrief1 met']);
  });

  it('starts new lines per baseline and a paragraph at a larger gap', () => {
    const runs = [
      run('Eerste regel van de alinea', 72, 700),
      run('tweede regel van de alinea', 72, 688),
      run('derde regel met af-', 72, 676),
      run('breking', 72, 664),
      run('Nieuwe alinea', 72, 640),
      run('met een regel', 72, 628),
    ];
    assert.deepEqual(layoutPageLines(runs), [
      'Eerste regel van de alinea',
      'tweede regel van de alinea',
      'derde regel met af-',
      'breking',
      '',
      'Nieuwe alinea',
      'met een regel',
    ]);
  });

  it('breaks a paragraph when the text jumps back up (a new column)', () => {
    const runs = [run('links een', 72, 700), run('links twee', 72, 688), run('links drie', 72, 676), run('rechts een', 320, 700)];
    assert.deepEqual(layoutPageLines(runs), ['links een', 'links twee', 'links drie', '', 'rechts een']);
  });

  it('ignores empty runs and collapses whitespace', () => {
    assert.deepEqual(layoutPageLines([run('', 72, 700), run('a  b ', 72, 700), run(' c', 100, 700), run('   ', 72, 688)]), ['a b c']);
  });

  it('returns nothing for a page without text', () => {
    assert.deepEqual(layoutPageLines([]), []);
  });
});
