// NDJSON bulk records: good lines become records, bad lines become BAD_RECORD errors, nothing stops.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseNdjsonLine, readNdjson, readNdjsonStream, type NdjsonItem } from '../../src/extract/index.js';

const good = (id: string, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ id, kind: 'kamerbrief', title: `Brief ${id}`, date: '2022-04-11', text: `Tekst van ${id}.\n\nTweede alinea.`, ...extra });

async function collect(chunks: (string | Uint8Array)[], opts = {}): Promise<NdjsonItem[]> {
  async function* source(): AsyncGenerator<Uint8Array> {
    for (const c of chunks) yield typeof c === 'string' ? new TextEncoder().encode(c) : c;
  }
  const out: NdjsonItem[] = [];
  for await (const item of readNdjsonStream(source(), 'bulk.ndjson', opts)) out.push(item);
  return out;
}

function errorOf(item: NdjsonItem | null | undefined) {
  assert.ok(item && 'error' in item, 'expected an error item');
  return item.error;
}

describe('parseNdjsonLine', () => {
  it('turns a valid line into a record with declared metadata', () => {
    const item = parseNdjsonLine(good('a1'), 7, 'bulk.ndjson');
    assert.ok(item && 'record' in item);
    assert.equal(item.line, 7);
    assert.deepEqual(item.record, {
      format: 'ndjson',
      text: 'Tekst van a1.\n\nTweede alinea.',
      pages: null,
      title: 'Brief a1',
      declared: { id: 'a1', kind: 'kamerbrief', date: '2022-04-11' },
      warnings: [],
    });
  });

  it('accepts a null date and a missing title, and strips CR', () => {
    const item = parseNdjsonLine(JSON.stringify({ id: 'b', kind: 'nota', date: null, text: 'x\r\ny' }) + '\r', 1, 'f');
    assert.ok(item && 'record' in item);
    assert.equal(item.record.title, null);
    assert.equal(item.record.declared?.date, null);
    assert.equal(item.record.text, 'x\ny');
  });

  it('skips blank lines', () => {
    assert.equal(parseNdjsonLine('   ', 3, 'f'), null);
  });

  it('names file, line and field for each kind of bad record', () => {
    const cases: [string, string | undefined, RegExp][] = [
      ['{"id": "x", ', undefined, /regel 12 is geen geldige JSON \(/],
      ['[1,2]', undefined, /^"bulk\.ndjson", regel 12 is geen JSON-object$/],
      [good('x', { kind: 'brief' }), 'kind', /^"bulk\.ndjson", regel 12: veld "kind" moet een van deze zijn: kamerbrief, /],
      [good('x', { date: '2022-02-30' }), 'date', /veld "date" moet een bestaande datum JJJJ-MM-DD zijn$/],
      [good('x', { date: '11-04-2022' }), 'date', /JJJJ-MM-DD/],
      [good('', {}), 'id', /veld "id" is leeg$/],
      [JSON.stringify({ id: 'x', kind: 'nota', title: 't', date: null }), 'text', /^"bulk\.ndjson", regel 12: veld "text" ontbreekt$/],
      [good('x', { text: '  ' }), 'text', /veld "text" is leeg$/],
      [good('x', { title: 5 }), 'title', /veld "title" moet tekst zijn$/],
    ];
    for (const [line, field, reason] of cases) {
      const e = errorOf(parseNdjsonLine(line, 12, 'bulk.ndjson'));
      assert.equal(e.code, 'BAD_RECORD');
      assert.match(e.message, /^"bulk\.ndjson", regel 12/);
      assert.match(e.message, reason);
      assert.equal(e.context.file, 'bulk.ndjson');
      assert.equal(e.context.record, 12);
      assert.equal(e.context.field, field, line);
      if (field) assert.ok(e.message.includes(`"${field}"`), e.message);
    }
  });
});

describe('readNdjson', () => {
  it('yields every line in order; a bad line does not stop the others', () => {
    const text = '\uFEFF' + [good('a'), '', 'kapot', good('b', { kind: 'onbekend' }), good('c')].join('\n') + '\n';
    const items = [...readNdjson(text, 'bulk.ndjson')];
    assert.deepEqual(items.map((i) => i.line), [1, 3, 4, 5]);
    assert.deepEqual(items.map((i) => ('record' in i ? i.record.declared?.id : i.error.code)), ['a', 'BAD_RECORD', 'BAD_RECORD', 'c']);
  });

  it('reads a corpus written by gen-corpus.mjs', (t) => {
    const tool = fileURLToPath(new URL('../../../shared/tools/gen-corpus.mjs', import.meta.url));
    if (!existsSync(tool)) return t.skip('shared/tools/gen-corpus.mjs is not beside the repository');
    const out = spawnSync(process.execPath, [tool, '--docs', '40', '--vocab', '2000'], { encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    const items = [...readNdjson(out.stdout, 'corpus.jsonl')];
    assert.equal(items.length, 40);
    for (const i of items) assert.ok('record' in i && i.record.text.length > 0 && i.record.declared?.id?.startsWith('syn-'), JSON.stringify(i));
  });
});

describe('readNdjsonStream', () => {
  it('joins lines split across chunks, even inside a multi-byte character', async () => {
    const all = new TextEncoder().encode(`${good('é1')}\n${good('ï2')}\n${good('€3')}`);
    const cut = [5, 70, 71, 72, 140, 141];
    const chunks = [0, ...cut].map((from, k) => all.subarray(from, cut[k] ?? all.length));
    const items = await collect(chunks);
    assert.deepEqual(items.map((i) => ('record' in i ? i.record.declared?.id : i.error.message)), ['é1', 'ï2', '€3']);
  });

  it('rejects a line that is not UTF-8 and one that is too long, and goes on', async () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('{"id":"caf'), 0xe9, ...new TextEncoder().encode('"}\n')]);
    const long = good('lang', { text: 'x'.repeat(500) });
    const items = await collect([latin1, long + '\n', good('kort') + '\n'], { maxLineBytes: 300 });
    assert.equal(items.length, 3);
    assert.match(errorOf(items[0]).message, /regel 1 is geen geldige UTF-8/);
    assert.match(errorOf(items[1]).message, /regel 2 is langer dan 300 bytes/);
    assert.ok('record' in items[2]! && items[2].record.declared?.id === 'kort');
  });
});
