// The pure PDF line rebuilder, on hand-made text runs.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { layoutPage, layoutPageLines, type TextRun } from '../../src/extract/pdf-layout.js';

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

describe('layoutPage: margin bands', () => {
  const H = 842;
  it('sets a two-column footer apart even when it is drawn between the columns', () => {
    const left = [run('linker kolom een', 55, 700, 9), run('linker kolom twee', 55, 690, 9), run('linker kolom drie', 55, 680, 9)];
    // In the order the real Handelingen PDF draws them.
    const footer = [run('37-4-2', 516, 67, 8), run('1 februari 2024', 305, 76, 8), run('TK 37', 305, 66, 8), run('Begroting Landbouw', 140, 76, 8), run('Voedselkwaliteit 2024', 140, 66, 8)];
    const right = [run('rechter kolom een', 305, 700, 9), run('rechter kolom twee', 305, 690, 9), run('rechter kolom drie', 305, 140, 9)];
    const page = layoutPage([...left, ...footer, ...right], H);
    assert.deepEqual(page.bottom, ['Begroting Landbouw', 'Voedselkwaliteit 2024', '1 februari 2024', 'TK 37', '37-4-2']);
    assert.deepEqual(page.top, []);
    assert.ok(!page.lines.some((l) => /TK 37|februari/.test(l)));
    assert.deepEqual(page.lines.filter(Boolean).slice(0, 4), ['linker kolom een', 'linker kolom twee', 'linker kolom drie', 'rechter kolom een']);
  });

  it('keeps text that runs into the margin without a gap (footnotes) as text', () => {
    const lines = Array.from({ length: 60 }, (_, i) => run(`regel ${i}`, 72, 700 - i * 11, 9));
    const page = layoutPage(lines, H);
    assert.deepEqual(page.bottom, []);
    assert.equal(page.lines.length, 60);
  });

  it('takes only the lines before the first wide gap as the top band', () => {
    const page = layoutPage([run('Verslag informele Telecomraad', 71, 800, 8), run('van', 71, 772, 10), run('bestaande instrumenten', 71, 760, 10), run('meer tekst', 71, 749, 10)], H);
    assert.deepEqual(page.top, ['Verslag informele Telecomraad']);
    assert.deepEqual(page.lines, ['van', 'bestaande instrumenten', 'meer tekst']);
  });

  it('joins the lines of a paragraph set with wide line spacing, despite a tight small-print colophon', () => {
    // The real motion PDF: 9 pt text at a 10.6 pt pitch, paragraphs 21.3 pt apart, a 6 pt colophon at 6.5 pt.
    const runs = [
      run('constaterende dat Israël meer gebied', 221, 472.2, 9.1), run('en Rafah wil ontruimen;', 221, 461.6, 9.1),
      run('overwegende dat sinds president Trump', 221, 440.2, 9.1), run('regering escalatie verkiest', 221, 429.6, 9.1),
      run('verzoekt de regering Israël op te roepen', 221, 376.3, 9.1), run('humanitaire hulp en herstel', 221, 365.6, 9.1), run('gezien de opstelling van de VS', 221, 355, 9.1),
      run('kst-21501-02-3121', 55, 81.6, 5.9), run('ISSN 0921 - 7371', 55, 75.1, 5.9), run('’s-Gravenhage 2025', 55, 68.7, 5.9),
    ];
    assert.deepEqual(layoutPageLines(runs).slice(0, 10), [
      'constaterende dat Israël meer gebied', 'en Rafah wil ontruimen;', '',
      'overwegende dat sinds president Trump', 'regering escalatie verkiest', '',
      'verzoekt de regering Israël op te roepen', 'humanitaire hulp en herstel', 'gezien de opstelling van de VS', '',
    ]);
  });
});
