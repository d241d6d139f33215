// Web-page chrome and Markdown emphasis removed at extraction, on the sample VSO and letter.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/extract/index.js';
import { stripWebChrome } from '../../src/extract/web-chrome.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../data/sample/${name}`, import.meta.url)));

describe('web chrome', () => {
  it('the sample VSO loses the site navigation and link lines, keeps its number, date and zaak', async () => {
    const r = await extractFile(sample('2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025.txt'), 'vso.txt', opts);
    assert.ok(r.text.startsWith('Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025 (Kamerstuk 21501-33-1113)\n\n'));
    assert.ok(!/\[overzicht\]|\[activiteiten\]|Preview document|Directe link naar document|Gerelateerde personen|Onderdeel van activiteiten/.test(r.text));
    assert.ok(r.text.includes('Nummer: 2025D08504, datum: 2025-03-03'));
    assert.ok(r.text.includes('Onderdeel van zaak 2025Z03735:'));
    // The page's own blank lines stay (a parser may read a run of them); the removed lines leave none.
    assert.match(r.text, /2025Z03735:\n\n\n?Geachte Voorzitter,\n\nHierbij sturen wij/);
  });

  it('the sample 2026 letter loses its literal Markdown emphasis, also across a line break', async () => {
    const r = await extractFile(sample('2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt'), 'brief.txt', opts);
    assert.ok(!r.text.includes('**'));
    assert.ok(r.text.includes('\nDirectie Bestuurlijke en\nPolitieke Zaken\n'));
  });

  it('stripWebChrome keeps ordinary brackets, underscores and asterisks', () => {
    assert.equal(stripWebChrome('Zie [1] en de noot.\nbestand_naam_v2 en 5 * 3'), 'Zie [1] en de noot.\nbestand_naam_v2 en 5 * 3');
    assert.equal(stripWebChrome('Een __nadruk__ en **vet**.'), 'Een nadruk en vet.');
  });
});
