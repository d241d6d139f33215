// Plain text, format sniffing and the checks every file goes through.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { detectFormat, extractFile, mimeTypeOf } from '../../src/extract/index.js';
import { firstInvalidUtf8Offset } from '../../src/extract/text.js';
import { expectError, fixture, makeZip, sample } from './helpers.js';

const opts = { maxBytes: 10 * 1024 * 1024 };
const K2022 = '2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt';
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('plain text', () => {
  it('returns a sample document unchanged', async () => {
    const r = await extractFile(fixture('kamerbrief-2022.txt'), 'kamerbrief-2022.txt', opts);
    assert.deepEqual(r, { format: 'text', text: sample(K2022), pages: null, title: null, warnings: [] });
  });

  it('strips a BOM and turns CRLF into LF', async () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Eerste regel\r\nTweede regel\r\n')]);
    const r = await extractFile(bytes, 'crlf.txt', opts);
    assert.equal(r.text, 'Eerste regel\nTweede regel\n');
  });

  it('refuses Latin-1 text with the offset of the first bad byte', async () => {
    const bytes = fixture('latin1.txt');
    const e = await expectError(() => extractFile(bytes, 'latin1.txt', opts), 'NOT_UTF8', 'latin1.txt');
    const firstHigh = bytes.findIndex((b) => b >= 0x80);
    assert.equal(e.context.offset, firstHigh);
    assert.match(e.message, new RegExp(`byte ${firstHigh}\\b`));
    assert.equal(e.context.line, 11);
  });

  it('refuses UTF-16 with a specific message', async () => {
    const e = await expectError(() => extractFile(new Uint8Array([0xff, 0xfe, 0x41, 0, 0x42, 0]), 'utf16.txt', opts), 'NOT_UTF8', 'utf16.txt');
    assert.match(e.message, /is in UTF-16 gecodeerd/);
  });

  it('refuses an empty file and a whitespace-only file', async () => {
    await expectError(() => extractFile(fixture('empty.txt'), 'empty.txt', opts), 'EMPTY_DOCUMENT', 'empty.txt');
    await expectError(() => extractFile(utf8(' \n\t\n'), 'spaties.txt', opts), 'EMPTY_DOCUMENT', 'spaties.txt');
  });

  it('refuses random bytes as unsupported', async () => {
    await expectError(() => extractFile(fixture('random.bin'), 'random.bin', opts), 'UNSUPPORTED_FORMAT', 'random.bin');
  });

  it('refuses images by name, and an Excel 97-2003 workbook as not Word', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
    const e = await expectError(() => extractFile(png, 'scan.pdf', opts), 'UNSUPPORTED_FORMAT', 'scan.pdf');
    assert.match(e.message, /is een PNG-afbeelding, geen PDF/);
    const xls = new Uint8Array(1024);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    xls.set([...'Workbook'].flatMap((c) => [c.charCodeAt(0), 0]), 600);
    assert.match((await expectError(() => extractFile(xls, 'oud.xls', opts), 'UNSUPPORTED_FORMAT', 'oud.xls')).message, /is een Excel- of PowerPoint-bestand \(Office 97-2003\), geen PDF-, Word-/);
  });

  it('checks the size limit before anything else', async () => {
    const e = await expectError(() => extractFile(fixture('random.bin'), 'random.bin', { maxBytes: 1000 }), 'FILE_TOO_LARGE', 'random.bin');
    assert.match(e.message, /is 4,1 kB, groter dan de grens van 1 kB/);
  });

  it('points bulk files to the NDJSON reader', async () => {
    const e = await expectError(() => extractFile(utf8('{"id":"a"}\n'), 'bulk.ndjson', opts), 'UNSUPPORTED_FORMAT', 'bulk.ndjson');
    assert.match(e.message, /bulk/);
  });
});

describe('firstInvalidUtf8Offset', () => {
  it('accepts valid UTF-8 of every length', () => {
    assert.equal(firstInvalidUtf8Offset(utf8('aé€😀')), null);
  });

  it('finds overlong forms, surrogates, stray continuation bytes and cut-off sequences', () => {
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xc0, 0xaf])), 1);
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x61, 0x62, 0xed, 0xa0, 0x80])), 2);
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x80])), 0);
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0x61, 0xe2, 0x82])), 1);
    assert.equal(firstInvalidUtf8Offset(new Uint8Array([0xf4, 0x90, 0x80, 0x80])), 0);
  });
});

describe('detectFormat and mimeTypeOf', () => {
  it('sniffs by content, not by name', () => {
    assert.equal(detectFormat(fixture('kamerbrief-2022.pdf')), 'pdf');
    assert.equal(detectFormat(fixture('kamerbrief-2022.docx')), 'docx');
    assert.equal(detectFormat(fixture('damaged.docx')), 'docx');
    assert.equal(detectFormat(fixture('kamerbrief-2026.html')), 'html');
    assert.equal(detectFormat(fixture('kamerbrief-2022.txt')), 'text');
    assert.equal(detectFormat(fixture('latin1.txt')), 'text');
    assert.equal(detectFormat(fixture('empty.txt')), 'text');
    assert.equal(detectFormat(fixture('random.bin')), null);
    assert.equal(detectFormat(makeZip([{ name: 'a.txt', data: utf8('a') }])), null);
  });

  it('recognises HTML starts', () => {
    for (const start of ['<!DOCTYPE html><p>x', '\n  <html lang="nl">', '<!-- saved --><head><title>t', '\uFEFF<body>x', '<?xml version="1.0"?><html>']) {
      assert.equal(detectFormat(utf8(start)), 'html', start);
    }
    assert.equal(detectFormat(utf8('Zie <html> in de tekst')), 'text');
  });

  it('recognises NDJSON', () => {
    assert.equal(detectFormat(utf8('{"id":"x","kind":"nota"}\n{"id":"y"}\n')), 'ndjson');
  });

  it('gives MIME types', () => {
    assert.equal(mimeTypeOf('pdf'), 'application/pdf');
    assert.equal(mimeTypeOf('docx'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    assert.match(mimeTypeOf('html'), /^text\/html/);
    assert.match(mimeTypeOf('text'), /^text\/plain/);
    assert.equal(mimeTypeOf('ndjson'), 'application/x-ndjson');
  });
});
