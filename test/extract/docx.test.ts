// DOCX extraction and the ZIP checks that guard it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { extractFile } from '../../src/extract/index.js';
import { listZipEntries } from '../../src/extract/zip.js';
import { expectError, fixture, makeZip, sample, squash } from './helpers.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const K2022 = '2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt';
const R2017 = '2017-11-20-raadsconclusies-cyberbeveiliging-14435-17.txt';
const DOC_XML = new TextEncoder().encode('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body/></w:document>');

describe('DOCX extraction', () => {
  it('yields the 2022 Kamerbrief with its line breaks, paragraphs and headings', async () => {
    const r = await extractFile(fixture('kamerbrief-2022.docx'), 'kamerbrief-2022.docx', opts);
    assert.equal(r.format, 'docx');
    assert.equal(r.pages, null);
    assert.equal(r.title, 'Verslag informele Telecomraad 8-9 maart 2022');
    assert.equal(squash(r.text), squash(sample(K2022)));
    assert.ok(r.text.startsWith('Den Haag, 11 april 2022\n\nHierbij bied ik u, mede namens de staatssecretaris van Binnenlandse Zaken en\nKoninkrijksrelaties,'));
    // Headings stand on their own lines, between blank lines.
    assert.ok(r.text.includes('\n\nHybride oorlogsvoering\n\nInformele lunchdiscussie\n\nTijdens de informele lunchdiscussie'));
  });

  it('keeps the numbered paragraphs of the 2017 Council conclusions in order', async () => {
    const r = await extractFile(fixture('raadsconclusies-2017.docx'), 'raadsconclusies-2017.docx', opts);
    assert.equal(squash(r.text), squash(sample(R2017)));
    const starts = ['1. ZICH BEWUST VAN', '2. WIJZEND OP', '3. EROP WIJZEND', '4. BEVESTIGEND dat de EU'].map((s) => r.text.indexOf(s));
    assert.ok(starts.every((at) => at > 0), 'all present');
    assert.deepEqual([...starts].sort((a, b) => a - b), starts, 'in order');
  });

  it('refuses a truncated DOCX as corrupt', async () => {
    const e = await expectError(() => extractFile(fixture('damaged.docx'), 'damaged.docx', opts), 'CORRUPT_FILE', 'damaged.docx');
    assert.match(e.message, /beschadigd Word-document: de centrale map ontbreekt/);
  });

  it('refuses a DOCX whose document part is damaged', async () => {
    const bytes = fixture('kamerbrief-2022.docx').slice();
    const doc = listZipEntries(bytes).find((e) => e.name === 'word/document.xml')!;
    const nameLen = new DataView(bytes.buffer).getUint16(doc.localHeaderOffset + 26, true);
    const dataStart = doc.localHeaderOffset + 30 + nameLen;
    bytes.fill(0xff, dataStart + 10, dataStart + 200);
    await expectError(() => extractFile(bytes, 'kapot.docx', opts), 'CORRUPT_FILE', 'kapot.docx');
  });

  it('refuses an archive declaring more than the unzip limit (zip bomb)', async () => {
    const bomb = makeZip([{ name: 'word/document.xml', data: DOC_XML, declaredSize: 4_000_000_000 }]);
    const e = await expectError(() => extractFile(bomb, 'bom.docx', opts), 'ZIP_BOMB', 'bom.docx');
    assert.match(e.message, /geeft 4 GB inhoud op, meer dan de grens van .*zipbom/);
  });

  it('refuses a large entry that compresses over 100:1', async () => {
    const zeros = new Uint8Array(8 * 1024 * 1024);
    const bomb = makeZip([{ name: 'word/document.xml', data: zeros }]);
    assert.ok(bomb.byteLength < 64 * 1024, 'a small file');
    const e = await expectError(() => extractFile(bomb, 'bom.docx', opts), 'ZIP_BOMB', 'bom.docx');
    assert.match(e.message, /word\/document\.xml/);
  });

  it('refuses an entry that inflates past the size its header declares', async () => {
    const liar = makeZip([{ name: 'word/document.xml', data: new Uint8Array(2 * 1024 * 1024), declaredSize: 1000 }]);
    await expectError(() => extractFile(liar, 'leugen.docx', opts), 'ZIP_BOMB', 'leugen.docx');
  });

  it('applies a lower unzip limit from the options', async () => {
    await expectError(
      () => extractFile(fixture('kamerbrief-2022.docx'), 'kamerbrief-2022.docx', { ...opts, maxUnzippedBytes: 10_000 }),
      'ZIP_BOMB',
      'kamerbrief-2022.docx',
    );
  });

  it('refuses encrypted entries', async () => {
    const zip = makeZip([{ name: 'word/document.xml', data: DOC_XML, flags: 1 }]);
    await expectError(() => extractFile(zip, 'geheim.docx', opts), 'ENCRYPTED_FILE', 'geheim.docx');
  });

  it('refuses a password-protected Office file (OLE2 container)', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    ole.set([...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0]), 600);
    await expectError(() => extractFile(ole, 'beveiligd.docx', opts), 'ENCRYPTED_FILE', 'beveiligd.docx');
  });

  it('refuses a ZIP that is not a Word document', async () => {
    const zip = makeZip([{ name: 'content.xml', data: DOC_XML }]);
    const e = await expectError(() => extractFile(zip, 'archief.zip', opts), 'UNSUPPORTED_FORMAT', 'archief.zip');
    assert.match(e.message, /is een ZIP-archief zonder Word-document/);
  });

  it('reports an empty Word document', async () => {
    const zip = makeZip([{ name: 'word/document.xml', data: DOC_XML }]);
    await expectError(() => extractFile(zip, 'leeg.docx', opts), 'EMPTY_DOCUMENT', 'leeg.docx');
  });
});
