// The pure running header/footer remover, on hand-made pages.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isPageNumberLine, lineKey, removeRunningLines, splitRunningMargins } from '../../src/extract/running-lines.js';

const WORDS = ['aanpak', 'beleid', 'cyber', 'dreiging', 'Europa', 'forum', 'gesprek', 'handel', 'inzet', 'juist'];
/** Six body lines unique to page `p`, without digits (which the comparison ignores). */
const body = (p: number, n = 6): string[] => Array.from({ length: n }, (_, i) => `Over ${WORDS[p]} en ${WORDS[i]} is gesproken.`);

describe('removeRunningLines', () => {
  it('removes "Pagina N van M" footers', () => {
    const pages = [1, 2, 3, 4].map((p) => [...body(p), `Pagina ${p} van 4`]);
    const out = removeRunningLines(pages);
    assert.deepEqual(out, [1, 2, 3, 4].map((p) => body(p)));
  });

  it('removes bare, dashed and slashed page numbers at top or bottom', () => {
    const forms = [(p: number) => `${p}`, (p: number) => `- ${p} -`, (p: number) => `${p}/5`, (p: number) => `p. ${p}`];
    for (const form of forms) {
      const bottom = [1, 2, 3, 4, 5].map((p) => [...body(p), form(p)]);
      assert.deepEqual(removeRunningLines(bottom), [1, 2, 3, 4, 5].map((p) => body(p)), `bottom ${form(7)}`);
      const top = [1, 2, 3, 4, 5].map((p) => [form(p), ...body(p)]);
      assert.deepEqual(removeRunningLines(top), [1, 2, 3, 4, 5].map((p) => body(p)), `top ${form(7)}`);
    }
  });

  it('removes a title header that appears on all but the first page', () => {
    const header = 'Verslag informele Telecomraad 8-9 maart 2022';
    const pages = [body(1), [header, ...body(2)], [header, ...body(3)], [header, ...body(4)]];
    assert.deepEqual(removeRunningLines(pages), [body(1), body(2), body(3), body(4)]);
  });

  it('removes header and footer together, even with blank lines around them', () => {
    const pages = [1, 2, 3].map((p) => ['Tweede Kamer der Staten-Generaal', '', ...body(p), '', `Pagina ${p} van 3`]);
    assert.deepEqual(removeRunningLines(pages), [1, 2, 3].map((p) => body(p)));
  });

  it('keeps a line that legitimately repeats only twice in a longer document', () => {
    const pages = [1, 2, 3, 4, 5, 6].map((p) => body(p));
    pages[1]!.unshift('Geachte Voorzitter,');
    pages[4]!.unshift('Geachte Voorzitter,');
    const out = removeRunningLines(pages);
    assert.equal(out[1]![0], 'Geachte Voorzitter,');
    assert.equal(out[4]![0], 'Geachte Voorzitter,');
  });

  it('keeps repeated lines in the middle of a page', () => {
    const pages = [1, 2, 3].map((p) => [...body(p).slice(0, 3), 'Antwoord', ...body(p).slice(3)]);
    assert.deepEqual(removeRunningLines(pages), pages);
  });

  it('leaves a single page alone, page number included', () => {
    const pages = [[...body(1), 'Pagina 1 van 1']];
    assert.deepEqual(removeRunningLines(pages), pages);
  });

  it('does not change its input', () => {
    const pages = [1, 2].map((p) => [...body(p), `${p}`]);
    const copy = structuredClone(pages);
    removeRunningLines(pages);
    assert.deepEqual(pages, copy);
  });

  it('normalises digits, case and spacing in the comparison key', () => {
    assert.equal(lineKey('  Pagina 12  van 30 '), lineKey('pagina 3 van 7'));
    assert.notEqual(lineKey('Pagina 3 van 7'), lineKey('Bijlage 3 van 7'));
  });
});

describe('splitRunningMargins', () => {
  it('takes margin lines that recur on two pages, digits aside, as running; the rest stays', () => {
    const bands = [
      ['Begroting Landbouw, Natuur en', 'Voedselkwaliteit 2024', '1 februari 2024', 'TK 37', '37-4-1'],
      ['Begroting Landbouw, Natuur en', 'Voedselkwaliteit 2024', '1 februari 2024', 'TK 37', '37-4-2'],
      ['Stemmingen', '1 februari 2024', 'TK 37', '37-4-3', 'Een voetnoot die maar één keer staat'],
    ];
    const { running, kept } = splitRunningMargins(bands);
    assert.deepEqual(running[1], bands[1]);
    assert.deepEqual(kept, [[], [], ['Stemmingen', 'Een voetnoot die maar één keer staat']]);
    assert.ok(isPageNumberLine('Pagina 3 van 7') && isPageNumberLine('- 4 -') && !isPageNumberLine('37-4-1'));
  });
});
