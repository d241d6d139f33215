// The scale stage's queries a server has not been asked before (bench/search.ts, novelQueries).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { novelQueries } from '../../bench/search.js';

/** A corpus of 200 documents: "common" words in every 4th, "everywhere" in all, "unique…" words once each. */
function corpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kl-novel-'));
  const common = ['begroting', 'cyberveiligheid', 'digitale', 'europese', 'kabinet', 'lidstaat', 'ministerie', 'netwerk', 'toezicht', 'wetgeving'];
  const lines: string[] = [];
  for (let i = 0; i < 200; i++) {
    const letter = (n: number) => 'abcdefghijklmnopqrstuvwxyz'[n % 26]!;
    const words = ['everywhere', `unique${letter(i)}${letter(Math.floor(i / 26))}`];
    for (let c = 0; c < common.length; c++) if ((i + c) % 4 === 0) words.push(common[c]!);
    lines.push(JSON.stringify({ id: `d${i}`, kind: 'brief', title: 't', date: '2026-01-01', text: `${words.join(' ')} de 2026` }));
  }
  const file = join(dir, 'corpus.jsonl');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

test('novel queries: words the head holds in 1–50 % of documents, each once, none of the excluded, the same every run', async () => {
  const file = corpus();
  try {
    const a = await novelQueries(file, 8, ['europese', 'kabinet desinformatie']);
    const b = await novelQueries(file, 8, ['europese', 'kabinet desinformatie']);
    assert.deepEqual(a, b);
    assert.equal(a.oneWord.length, 4);
    assert.equal(a.twoWords.length, 4);
    const words = [...a.oneWord, ...a.twoWords.flatMap((q) => q.split(' '))];
    assert.equal(words.length, 12);
    // 8 words are eligible (10 in a quarter of the documents, less the 2 excluded) for 12 picks: every one of them, then repeats.
    const allowed = new Set(['begroting', 'cyberveiligheid', 'digitale', 'lidstaat', 'ministerie', 'netwerk', 'toezicht', 'wetgeving']);
    for (const w of words) assert.ok(allowed.has(w), `${w} is in every document, in one only, excluded or too short`);
    assert.equal(new Set(words.slice(0, 8)).size, 8, 'each word is picked once before any is picked again');
    for (const q of a.twoWords) assert.match(q, /^[a-z]+ [a-z]+$/);
  } finally {
    rmSync(join(file, '..'), { recursive: true, force: true });
  }
});
