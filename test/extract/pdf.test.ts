// PDF extraction against fixtures made by LibreOffice from the sample corpus.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/extract/index.js';
import { expectError, fixture, sample, squash } from './helpers.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const K2022 = '2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt';
const K2026 = '2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt';

/** The page whose span holds character `at`. */
function pageAt(pages: { page: number; start: number; end: number }[], at: number): number | undefined {
  return pages.find((p) => at >= p.start && at < p.end)?.page;
}

describe('PDF extraction', () => {
  it('yields the 2022 Kamerbrief word for word, without running header and page numbers', async () => {
    const r = await extractFile(fixture('kamerbrief-2022.pdf'), 'kamerbrief-2022.pdf', opts);
    assert.equal(r.format, 'pdf');
    assert.equal(r.title, 'Verslag informele Telecomraad 8-9 maart 2022');
    assert.deepEqual(r.warnings, []);
    // Same characters in the same order as the source; only line wrapping may differ.
    assert.equal(squash(r.text), squash(sample(K2022)));
    assert.doesNotMatch(r.text, /Pagina \d+ van \d+/);
    assert.ok(!r.text.includes('Verslag informele Telecomraad 8-9 maart 2022'), 'running header removed');
    assert.ok(r.text.startsWith('Den Haag, 11 april 2022\n\nHierbij bied ik u, mede namens de staatssecretaris'));
    assert.ok(r.text.includes('Hybride oorlogsvoering\n\nInformele lunchdiscussie\n\nTijdens de informele lunchdiscussie'));
  });

  it('records page spans that cover the text and locate sentences', async () => {
    const r = await extractFile(fixture('kamerbrief-2022.pdf'), 'kamerbrief-2022.pdf', opts);
    const pages = r.pages!;
    assert.deepEqual(pages.map((p) => p.page), [1, 2, 3]);
    assert.equal(pages[0]!.start, 0);
    assert.equal(pages.at(-1)!.end, r.text.length);
    for (let i = 1; i < pages.length; i++) {
      assert.equal(pages[i]!.start, pages[i - 1]!.end + 2, 'pages are joined by one blank line');
      assert.equal(r.text.slice(pages[i - 1]!.end, pages[i]!.start), '\n\n');
    }
    assert.equal(pageAt(pages, r.text.indexOf('Hierbij bied ik u')), 1);
    assert.equal(pageAt(pages, r.text.indexOf('Vrijwel alle aanwezige lidstaten')), 2);
    assert.equal(pageAt(pages, r.text.indexOf('unaniem door de lidstaten gesteund')), 3);
  });

  it('keeps hyphenation at line ends as it is', async () => {
    const r = await extractFile(fixture('kamerbrief-2022.pdf'), 'kamerbrief-2022.pdf', opts);
    assert.ok(r.text.includes('Dat non-\npaper kreeg van diverse lidstaten steun.'));
  });

  it('reads a second, four-page letter with its letterhead', async () => {
    const r = await extractFile(fixture('kamerbrief-2026.pdf'), 'kamerbrief-2026.pdf', opts);
    assert.equal(r.pages!.length, 4);
    assert.equal(r.title, 'Verslag informele Telecomraad 29-30 april 2026');
    assert.equal(squash(r.text), squash(sample(K2026)));
    assert.match(r.text, /Ons kenmerk\n+BPZ \/ 106477204/);
    assert.equal(pageAt(r.pages!, r.text.indexOf('Geachte Voorzitter,')), 1);
  });

  it('refuses an encrypted PDF', async () => {
    const e = await expectError(() => extractFile(fixture('encrypted.pdf'), 'encrypted.pdf', opts), 'ENCRYPTED_FILE', 'encrypted.pdf');
    assert.match(e.message, /met een wachtwoord beveiligd/);
  });

  it('refuses a truncated PDF as corrupt', async () => {
    await expectError(() => extractFile(fixture('truncated.pdf'), 'truncated.pdf', opts), 'CORRUPT_FILE', 'truncated.pdf');
  });

  it('refuses a PDF of drawings only as having no text layer', async () => {
    const e = await expectError(() => extractFile(fixture('no-text-layer.pdf'), 'no-text-layer.pdf', opts), 'NO_TEXT_LAYER', 'no-text-layer.pdf');
    assert.match(e.message, /op geen van zijn 2 pagina's een tekstlaag/);
  });

  it('refuses bytes that only start like a PDF', async () => {
    const bytes = new TextEncoder().encode('%PDF-1.7\n' + 'garbage '.repeat(200));
    await expectError(() => extractFile(bytes, 'fake.pdf', opts), 'CORRUPT_FILE', 'fake.pdf');
  });

  it('leaves the caller\'s buffer intact', async () => {
    const bytes = fixture('kamerbrief-2022.pdf');
    const before = bytes.byteLength;
    await extractFile(bytes, 'kamerbrief-2022.pdf', opts);
    assert.equal(bytes.byteLength, before);
    assert.equal(new TextDecoder().decode(bytes.subarray(0, 5)), '%PDF-');
  });
});
