// HTML extraction: the article stays, site chrome goes.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseHTML } from 'linkedom';
import { extractFile } from '../../src/extract/index.js';
import { htmlToText } from '../../src/extract/html-text.js';
import { expectError, fixture } from './helpers.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('HTML extraction', () => {
  it('keeps the article of the 2026 Kamerbrief page and drops nav, header, footer, aside and scripts', async () => {
    const r = await extractFile(fixture('kamerbrief-2026.html'), 'kamerbrief-2026.html', opts);
    assert.equal(r.format, 'html');
    assert.equal(r.pages, null);
    assert.equal(r.title, 'Verslag informele Telecomraad 29-30 april 2026 – Rijksoverheid.nl');
    assert.ok(r.text.includes('Geachte Voorzitter,\n\nOp 29 en 30 april 2026 vond de informele Telecomraad plaats.'));
    assert.ok(r.text.includes('Beleidsdebat I: versterken van toepassing van verantwoorde AI'));
    for (const chrome of ['Onderwerpen', 'Documenten & publicaties', 'Naar hoofdinhoud', 'Zoeken', 'Privacy', 'Gerelateerde documenten', 'tracking-script-text', 'font-family']) {
      assert.ok(!r.text.includes(chrome), `dropped: ${chrome}`);
    }
  });

  it('falls back to the body without chrome when Readability finds no article', async () => {
    const html = '<html><head><title>Kort</title></head><body><nav>Menu Home</nav><div>Korte motie: verzoekt de regering &amp; de Kamer.</div><footer>Voet</footer></body></html>';
    const r = await extractFile(utf8(html), 'kort.html', opts);
    assert.equal(r.text, 'Korte motie: verzoekt de regering & de Kamer.');
    assert.equal(r.title, 'Kort');
  });

  it('takes the title from <h1> when there is no <title>', async () => {
    const r = await extractFile(utf8('<!doctype html><body><h1>Motie  Van der Berg</h1><p>De Kamer, gehoord de beraadslaging,</p></body>'), 'm.html', opts);
    assert.equal(r.title, 'Motie Van der Berg');
  });

  it('decodes a declared legacy charset', async () => {
    const head = utf8('<html><head><meta charset="windows-1252"><title>t</title></head><body><p>Oekra');
    const bytes = new Uint8Array([...head, 0xef, ...utf8('ne en caf'), 0xe9, ...utf8('</p></body></html>')]);
    const r = await extractFile(bytes, 'oud.html', opts);
    assert.equal(r.text, 'Oekraïne en café');
  });

  it('reports a page without text', async () => {
    await expectError(() => extractFile(utf8('<html><body><nav>Menu</nav><script>x()</script></body></html>'), 'leeg.html', opts), 'EMPTY_DOCUMENT', 'leeg.html');
  });

  it('survives deep nesting', async () => {
    const html = `<html><body>${'<div>'.repeat(20000)}diep${'</div>'.repeat(20000)}</body></html>`;
    const r = await extractFile(utf8(html), 'diep.html', opts);
    assert.equal(r.text, 'diep');
  });
});

describe('htmlToText', () => {
  const text = (body: string): string => htmlToText(parseHTML(`<html><body>${body}</body></html>`).document.body);

  it('turns blocks into breaks and collapses inline whitespace', () => {
    assert.equal(text('<h2>Kop</h2><p>Een  <b>vette</b>\n zin.<br>Nieuwe regel</p><ul><li>een</li><li>twee</li></ul>'), 'Kop\n\nEen vette zin.\nNieuwe regel\n\neen\ntwee');
  });

  it('puts table rows on lines and cells side by side', () => {
    assert.equal(text('<table><tr><th>Partij</th><th>Zetels</th></tr><tr><td>A</td><td>12</td></tr></table>'), 'Partij Zetels\nA 12');
  });

  it('keeps preformatted text', () => {
    assert.equal(text('<pre>regel 1\n  ingesprongen</pre>'), 'regel 1\n  ingesprongen');
  });

  it('decodes entities and turns NBSP into a space', () => {
    assert.equal(text('<p>29&nbsp;april &ndash; &eacute;&eacute;n &amp; twee</p>'), '29 april – één & twee');
  });
});
