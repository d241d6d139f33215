// The texts the search index keeps itself (src/search/stored-text.ts): the promises' and
// questions' own entries, compressed as the document store compresses its texts, and rows an
// older index wrote (plain, or deflated) still read.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { deflateRawSync } from 'node:zlib';
import { TEXT_DEFLATE, TEXT_IN_STORE, TEXT_PLAIN, TEXT_ZSTD, isPackedIndexText, packIndexText, textOf, unpackIndexText } from '../../src/search/stored-text.js';

const REAL_TEXT = readFileSync(join(import.meta.dirname, '..', '..', '..', 'shared', 'corpus', '2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025.txt'), 'utf8');
// A promise's entry as the index builds it: the sentence, its actor and deadline (structure-search.ts).
const ENTRY = [
  'De Minister van Economische Zaken zal in samenwerking met de Staatssecretaris Digitalisering en Koninkrijksrelaties de Kamer voor deze zomer informeren over de voortgang.',
  'Minister van Economische Zaken',
  'voor deze zomer',
].join('\n');

describe('stored-text: the index’s own texts', () => {
  it('keeps a text of 256 bytes or more as a zstd frame, and gives it back exactly', () => {
    for (const text of [ENTRY + '\n' + ENTRY, REAL_TEXT, 'één — “citaat” 🇳🇱 '.repeat(40)]) {
      const kept = packIndexText(text);
      assert.equal(kept.codec, TEXT_ZSTD);
      assert.ok(Buffer.isBuffer(kept.text) && kept.text.length < Buffer.byteLength(text));
      assert.ok(isPackedIndexText(kept.codec));
      assert.equal(textOf(unpackIndexText(kept.text, kept.codec, null)), text);
    }
  });

  it('keeps a short text as it is', () => {
    const kept = packIndexText('Vraag 1 (VVD): wanneer volgt de brief?');
    assert.deepEqual(kept, { text: 'Vraag 1 (VVD): wanneer volgt de brief?', codec: TEXT_PLAIN });
    assert.equal(isPackedIndexText(kept.codec), false);
  });

  it('reads what an older index wrote: plain strings and raw deflate streams', () => {
    assert.equal(textOf(unpackIndexText(REAL_TEXT, TEXT_PLAIN, null)), REAL_TEXT);
    const deflated = deflateRawSync(Buffer.from(REAL_TEXT, 'utf8'), { level: 6 });
    assert.ok(isPackedIndexText(TEXT_DEFLATE));
    assert.equal(textOf(unpackIndexText(deflated, TEXT_DEFLATE, null)), REAL_TEXT);
  });

  it('asks the store for a document’s text, and refuses a codec it does not know', () => {
    assert.equal(unpackIndexText('', TEXT_IN_STORE, () => 'uit de store'), 'uit de store');
    assert.equal(unpackIndexText('', TEXT_IN_STORE, null), '');
    assert.throws(() => unpackIndexText(Buffer.from([1, 2, 3]), 9, null), /unknown codec 9/);
  });
});
