// The index's write path: word scanning with hashes, the vocabulary, segment building, stored term sequences and blocks.

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { blockEntries, findInBlock, packBlocks, type BlockEntry } from '../../src/search/blocks.js';
import { normalizeWord } from '../../src/search/dutch/index.js';
import { fnv1a, forEachWord, tokenize } from '../../src/search/dutch/tokenize.js';
import { decodePostings, encodePostings } from '../../src/search/postings.js';
import {
  SEQUENCE_BREAK,
  SegmentBuilder,
  sortByTerm,
  Vocabulary,
  sequenceBytes,
  sequenceContains,
  termHash,
} from '../../src/search/segment-builder.js';

const TEXT =
  'De minister informeerde de Kamer over de Cyber Resilience Act en cyberbeveiliging in EU-lidstaten ' +
  '(2025D08504, Kamerstuk 21501-33). Oekraïne, Oekraine en OEKRAÏNE; thema’s; café; 𝔘nicode 😀 Ω-test.';

function scanned(text: string): { surface: string; start: number; end: number; hash: number }[] {
  const out: { surface: string; start: number; end: number; hash: number }[] = [];
  forEachWord(text, (start, end, hash) => out.push({ surface: text.slice(start, end), start, end, hash }));
  return out;
}

describe('forEachWord', () => {
  it('cuts the same words as tokenize and reports the FNV-1a hash of each', () => {
    const words = scanned(TEXT);
    assert.deepEqual(
      words.map(({ surface, start, end }) => ({ surface, start, end })),
      tokenize(TEXT),
    );
    for (const w of words) assert.equal(w.hash, fnv1a(w.surface), w.surface);
    assert.ok(words.some((w) => w.surface === 'Oekraïne'));
  });

  it('agrees with tokenize on random text with astral characters and combining marks', () => {
    const alphabet = ['a', 'Z', '9', ' ', '-', 'ï', 'e\u0301', '\u0301', '𝔘', '😀', '\uFE0E', 'Ω', '’', '\n', 'ß'];
    let seed = 11;
    const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % n);
    for (let round = 0; round < 300; round++) {
      let text = '';
      const len = rand(40);
      for (let i = 0; i < len; i++) text += alphabet[rand(alphabet.length)];
      const words = scanned(text);
      assert.deepEqual(words.map(({ surface, start, end }) => ({ surface, start, end })), tokenize(text), JSON.stringify(text));
      for (const w of words) assert.equal(w.hash, fnv1a(w.surface));
    }
  });
});

describe('Vocabulary', () => {
  it('finds a word again by its characters in place, and maps it to its normalised term', () => {
    const v = new Vocabulary('~');
    const entries = new Map<string, number>();
    // Enough distinct words to force several rehashes of the table.
    const words = Array.from({ length: 5000 }, (_, i) => `woord${i.toString(36)}`).concat(['informeerde', 'Informeerde', 'cyberbeveiliging']);
    const text = words.join(' ');
    forEachWord(text, (s, e, h) => entries.set(text.slice(s, e), v.word(text, s, e, h)));
    assert.equal(v.wordCount, words.length);
    forEachWord(text, (s, e, h) => assert.equal(v.word(text, s, e, h), entries.get(text.slice(s, e))));
    for (const w of ['informeerde', 'Informeerde', 'cyberbeveiliging']) {
      const nw = normalizeWord(w);
      const e = entries.get(w)!;
      assert.equal(v.terms[v.termOfWord(e)], nw.term);
      assert.deepEqual(v.partsOfWord(e).map((p) => v.terms[p]), nw.parts.map((p) => '~' + p));
    }
    // Different surfaces of one term share the term id, not the entry.
    assert.notEqual(entries.get('informeerde'), entries.get('Informeerde'));
    assert.equal(v.termOfWord(entries.get('informeerde')!), v.termOfWord(entries.get('Informeerde')!));
  });

  it('tells apart words with equal hashes', () => {
    // Two different words presented with the same (forced) hash must stay two entries.
    const v = new Vocabulary('~');
    const text = 'kamer motie';
    const a = v.word(text, 0, 5, 42);
    const b = v.word(text, 6, 11, 42);
    assert.notEqual(a, b);
    assert.equal(v.word(text, 0, 5, 42), a);
    assert.equal(v.word(text, 6, 11, 42), b);
    assert.equal(v.terms[v.termOfWord(b)], normalizeWord('motie').term);
  });
});

/** The postings a batch should produce, computed the slow, obvious way. */
function expectedPostings(docs: { title: string; text: string; flags: string[] }[]): Map<string, [number, number][]> {
  const out = new Map<string, [number, number][]>();
  docs.forEach((d, i) => {
    const tf = new Map<string, number>();
    const add = (t: string, w: number) => tf.set(t, (tf.get(t) ?? 0) + w);
    for (const [text, weight] of [[d.title, 4], [d.text, 1]] as const) {
      for (const tok of tokenize(text)) {
        const nw = normalizeWord(tok.surface);
        if (nw.term === '') continue;
        add(nw.term, weight);
        for (const p of nw.parts) add('~' + p, 1);
      }
    }
    for (const f of d.flags) tf.set(f, 1);
    for (const [t, n] of tf) {
      if (!out.has(t)) out.set(t, []);
      out.get(t)!.push([i + 1, Math.min(255, n)]);
    }
  });
  return out;
}

function build(builder: SegmentBuilder, docs: { title: string; text: string; flags: string[] }[]) {
  const sequences: Buffer[] = [];
  const lengths: number[] = [];
  docs.forEach((d, i) => {
    builder.beginDocument();
    builder.addText(d.title, 4);
    builder.addText(d.text, 1);
    for (const f of d.flags) builder.addFlag(f);
    const built = builder.endDocument(i + 1);
    sequences.push(Buffer.from(built.sequence));
    lengths.push(built.length);
  });
  return { rows: builder.finish(), sequences, lengths };
}

const DOCS = [
  { title: 'Geannoteerde agenda Telecomraad', text: TEXT, flags: ['~party:vvd'] },
  { title: 'Kamerbrief', text: 'De Europese Commissie informeert de lidstaten. De Europese Commissie beveiliging.', flags: [] },
  { title: '', text: 'de '.repeat(300) + 'cyberbeveiliging', flags: ['~party:vvd', '~dossier:21501-33'] },
];

describe('SegmentBuilder', () => {
  it('builds exactly the postings of the obvious computation, in term order', () => {
    const { rows } = build(new SegmentBuilder('~'), DOCS);
    const want = expectedPostings(DOCS);
    assert.deepEqual(rows.map((r) => r.term), [...want.keys()].sort());
    for (const r of rows) {
      const p = decodePostings([r.data], r.n);
      assert.deepEqual([...p.docs].map((d, i) => [d, p.tfs[i]]), want.get(r.term), r.term);
    }
    // tf saturates at 255 (300 × `de`).
    const de = rows.find((r) => r.term === 'de')!;
    assert.equal(decodePostings([de.data], de.n).tfs.at(-1), 255);
  });

  it('stores each document as its term hashes, title and body apart', () => {
    const { sequences, lengths } = build(new SegmentBuilder('~'), DOCS);
    const terms = (text: string) => tokenize(text).map((t) => normalizeWord(t.surface).term).filter((t) => t !== '');
    DOCS.forEach((d, i) => {
      const title = terms(d.title);
      const body = terms(d.text);
      const codes = [...title.map(termHash), ...(title.length > 0 ? [SEQUENCE_BREAK] : []), ...body.map(termHash)];
      assert.deepEqual(sequences[i], sequenceBytes(Int32Array.from(codes)));
      assert.equal(lengths[i], title.length + body.length);
    });
  });

  it('gives the same segments after a vocabulary restart and after an aborted batch', () => {
    const fresh = build(new SegmentBuilder('~'), DOCS).rows;
    const tiny = new SegmentBuilder('~', 5); // restarts its vocabulary at nearly every batch
    build(tiny, DOCS.slice(0, 1));
    tiny.beginDocument();
    tiny.addText('half geschreven document', 1);
    tiny.abort();
    assert.deepEqual(build(tiny, DOCS).rows, fresh);
  });
});

describe('stored term sequences', () => {
  const seq = (...terms: string[]) => sequenceBytes(Int32Array.from(terms, termHash));

  it('finds a phrase only at term boundaries', () => {
    const hay = seq('de', 'europese', 'commissie', 'informeert');
    assert.ok(sequenceContains(hay, seq('europese', 'commissie')));
    assert.ok(!sequenceContains(hay, seq('commissie', 'europese')));
    // A needle whose bytes occur at an unaligned offset is no match.
    const bytes = Buffer.from(hay);
    const unaligned = bytes.subarray(2, 10);
    assert.equal(bytes.indexOf(unaligned), 2);
    assert.ok(!sequenceContains(hay, Buffer.from(unaligned)));
  });

  it('never gives a term the break code', () => {
    assert.notEqual(termHash('de'), SEQUENCE_BREAK);
    assert.ok(!sequenceContains(Buffer.concat([seq('a'), sequenceBytes(Int32Array.of(SEQUENCE_BREAK)), seq('b')]), seq('a', 'b')));
  });
});

describe('blocks', () => {
  const entries: BlockEntry[] = Array.from({ length: 400 }, (_, i) => {
    const docs = Array.from({ length: 1 + (i % 7) * 40 }, (_, k) => 3 * k + i);
    return { term: `t${String(i).padStart(4, '0')}`, n: docs.length, data: encodePostings(docs, docs.map(() => 1)) };
  });

  it('packs entries into blocks that read back in order and are found by term', () => {
    const blocks = packBlocks(entries, 512);
    assert.ok(blocks.length > 10);
    const back = blocks.flatMap((b) => [...blockEntries(b.data)]);
    assert.deepEqual(back.map((e) => [e.term, e.n, Buffer.from(e.data)]), entries.map((e) => [e.term, e.n, Buffer.from(e.data)]));
    for (const b of blocks) assert.equal(b.first, [...blockEntries(b.data)][0]!.term);
    // The block for a term is the last one whose first term is ≤ it.
    const blockFor = (term: string) => [...blocks].reverse().find((b) => b.first <= term);
    for (const e of entries) assert.deepEqual(Buffer.from(findInBlock(blockFor(e.term)!.data, e.term)!.data), Buffer.from(e.data));
    assert.equal(findInBlock(blocks[0]!.data, 't0000x'), null);
    assert.equal(findInBlock(blocks.at(-1)!.data, 'zzz'), null);
    assert.equal(findInBlock(blocks[0]!.data, 'a'), null);
  });

  it('keeps a list larger than the target whole in one block', () => {
    const docs = Array.from({ length: 20_000 }, (_, k) => k + 1);
    const big = { term: 'de', n: docs.length, data: encodePostings(docs, docs.map(() => 2)) };
    const blocks = packBlocks([{ term: 'a', n: 1, data: encodePostings([1], [1]) }, big, { term: 'z', n: 1, data: encodePostings([5], [1]) }], 1024);
    assert.equal(blocks.length, 2);
    const found = findInBlock(blocks[0]!.data, 'de')!;
    assert.equal(found.n, 20_000);
    assert.deepEqual([...decodePostings([found.data], found.n).docs], docs);
  });
});

describe('sortByTerm', () => {
  it('orders ids as their terms sort, including terms shorter than its packed prefix', () => {
    const terms = ['de', 'd', 'deel', 'deelnemer', 'deelname', '~de', '~party:vvd', '2025d08504', 'a', 'zz', 'deelnemers', 'dee', '', 'ab'];
    let seed = 3;
    const ids = Array.from({ length: 200 }, () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) % terms.length));
    const unique = [...new Set(ids)];
    const got = sortByTerm(unique, terms).map((i) => terms[i]);
    assert.deepEqual(got, unique.map((i) => terms[i]).sort());
  });
});
