/**
 * The bulk NDJSON importer: parsing in a worker thread gives exactly what parsing inline gives
 * (documents in file order, the same failures naming file and line, the same import log),
 * stays idempotent, keeps committed batches when a later one fails, and works from compiled
 * JavaScript as well as under tsx.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { describe, it } from 'node:test';
import ts from 'typescript';
import { KamerlensError, isKamerlensError } from '../../src/domain/index.js';
import { fromWire, parseBulkFile, parseBulkFileInWorker, parseWorkersStarted, toWire, type BulkChunk } from '../../src/ingest/bulk-records.js';
import { importPaths, type ImportSummary } from '../../src/ingest/import.js';
import { openServices, type Opened } from '../../src/main.js';
import type { NewVersion } from '../../src/store/index.js';
import { CODEC_ZSTD, PACKED_FORM, packVersion, unpackText } from '../../src/store/sqlite/codec.js';
import { SAMPLE, SAMPLE_DIR } from '../helpers/world.js';
import { unitsWith } from '../helpers/units.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'kl-bulk-'));

/** 23 lines: real sample texts and short notes, with three bad lines in between. */
function bulkLines(): string[] {
  const sample = (name: string) => readFileSync(join(SAMPLE_DIR, `${name}.txt`), 'utf8');
  const lines: string[] = [];
  for (let i = 0; i < 20; i++) {
    const text =
      i % 5 === 0
        ? sample([SAMPLE.verslag, SAMPLE.brief2022, SAMPLE.brief2026, SAMPLE.conclusies][(i / 5) % 4]!)
        : `Geachte voorzitter,\n\nIk zal uw Kamer voor de zomer van 2026 informeren over glasvezel (${i}).\n\nDe minister,\nA. Jansen`;
    lines.push(JSON.stringify({ id: `doc-${i}`, kind: i % 2 ? 'kamerbrief' : 'nota', title: `Document ${i}`, date: `2025-01-${String(i + 1).padStart(2, '0')}`, text }));
    if (i === 2) lines.push('{"id": "kapot", ');
    if (i === 9) lines.push(JSON.stringify({ id: 'zonder-soort', title: 'x', text: 'tekst' }));
    if (i === 15) lines.push(JSON.stringify({ id: 'leeg', kind: 'nota', text: '   ' }));
  }
  return lines;
}

const bulkFile = join(dir, 'bulk.ndjson');
writeFileSync(bulkFile, bulkLines().join('\n') + '\n');

interface Outcome {
  summary: ImportSummary;
  ids: string[];
  log: { source: string; status: string; docId: string | null; errorCode: string | null; message: string | null }[];
  texts: string[];
}

async function importWith(s: Opened, parseInWorker: boolean, file = bulkFile): Promise<Outcome> {
  const summary = await importPaths([file], { units: s.units, store: s.store, index: s.index, structure: s.structure }, { parseInWorker, batchSize: 4 });
  const ids = await s.store.documentIds();
  const log = (await s.store.listImports({ limit: 1000 })).map(({ at: _at, ...r }) => r);
  const texts = await Promise.all(ids.map(async (id) => (await s.store.getVersion(id))!.text));
  return { summary, ids, log, texts };
}

describe('bulk import: parsing in a worker thread', () => {
  it('stores the same documents in file order and reports the same failures as parsing inline', async () => {
    const inline = openServices(':memory:');
    const worker = openServices(':memory:');
    try {
      const a = await importWith(inline, false);
      const b = await importWith(worker, true);
      assert.deepEqual(b, a);
      assert.deepEqual(a.summary.counts, { new: 20, 'new-version': 0, 'new-file': 0, unchanged: 0, failed: 3 });
      assert.deepEqual(
        a.ids,
        Array.from({ length: 20 }, (_, i) => `doc-${i}`),
      );
      assert.deepEqual(
        b.summary.failures.map((f) => [f.source, f.code]),
        [
          [`${bulkFile}:4`, 'BAD_RECORD'],
          [`${bulkFile}:12`, 'BAD_RECORD'],
          [`${bulkFile}:19`, 'BAD_RECORD'],
        ],
      );
      assert.match(b.summary.failures[0]!.message, /"bulk\.ndjson", regel 4 is geen geldige JSON/);
      assert.match(b.summary.failures[1]!.message, /"bulk\.ndjson", regel 12: veld "kind" ontbreekt/);
      // The parsed structure survives the thread boundary: the commitment is found in both.
      const [r1, r2] = await Promise.all([
        inline.structure.commitments({ today: '2025-06-01', docIds: ['doc-1'] }),
        worker.structure.commitments({ today: '2025-06-01', docIds: ['doc-1'] }),
      ]);
      assert.equal(r1.total, 1);
      assert.deepEqual(r2, r1);
    } finally {
      await inline.close();
      await worker.close();
    }
  });

  it('is idempotent: the same file again changes nothing', async () => {
    const s = openServices(':memory:');
    try {
      await importWith(s, true);
      const again = await importWith(s, true);
      assert.deepEqual(again.summary.counts, { new: 0, 'new-version': 0, 'new-file': 0, unchanged: 20, failed: 3 });
      assert.equal(again.ids.length, 20);
    } finally {
      await s.close();
    }
  });

  it('keeps the batches committed before a batch fails to store, and reports the file', async () => {
    const s = openServices(':memory:');
    try {
      let batches = 0;
      const store = Object.create(s.store) as typeof s.store;
      // The second batch of 4 fails to store (a batch is stored in one call).
      store.saveVersions = async (items) => {
        if (++batches === 2) throw new Error('disk full');
        return s.store.saveVersions(items);
      };
      const summary = await importPaths([bulkFile], { units: unitsWith(s.units, { store }), store, index: s.index, structure: s.structure }, { parseInWorker: true, batchSize: 4 });
      assert.deepEqual(summary.counts, { new: 4, 'new-version': 0, 'new-file': 0, unchanged: 0, failed: 2 });
      assert.deepEqual(summary.failures.at(-1), { source: bulkFile, code: 'INTERNAL', message: 'disk full' });
      assert.deepEqual(await s.store.documentIds(), ['doc-0', 'doc-1', 'doc-2', 'doc-3']);
    } finally {
      await s.close();
    }
  });

  it('reports an unreadable file the same way from the worker as inline', async () => {
    const missing = join(dir, 'weg.ndjson');
    const collect = async (chunks: AsyncGenerator<BulkChunk>) => {
      try {
        for await (const _ of chunks) {
          // drain
        }
        return null;
      } catch (e) {
        return { code: isKamerlensError(e) ? e.code : 'INTERNAL', message: (e as Error).message };
      }
    };
    const inline = await collect(parseBulkFile(missing, 10));
    assert.match(inline?.message ?? '', /ENOENT/);
    assert.deepEqual(await collect(parseBulkFileInWorker(missing, 10)), inline);
  });

  it('stops the worker when the importer stops reading early', async () => {
    const chunks = parseBulkFileInWorker(bulkFile, 2);
    const first = await chunks.next();
    assert.equal(first.done, false);
    await chunks.return(undefined);
    // A worker left running would keep this test file's process alive: the runner would time out.
  });

  it('parses the next file with the worker the last one left, and starts afresh after a file stopped early', async () => {
    const lines = async (chunks: AsyncGenerator<BulkChunk>) => {
      const out: number[] = [];
      for await (const c of chunks) for (const e of c.events) out.push(e.line);
      return out;
    };
    const inline = await lines(parseBulkFile(bulkFile, 3));
    await lines(parseBulkFileInWorker(bulkFile, 3));
    const before = parseWorkersStarted();
    // Two more files, each to its end: the kept worker parses both, the same chunks as inline.
    assert.deepEqual(await lines(parseBulkFileInWorker(bulkFile, 3)), inline);
    assert.deepEqual(await lines(parseBulkFileInWorker(bulkFile, 4)), inline);
    assert.equal(parseWorkersStarted(), before);
    // A file left after its first chunk: that worker is stopped, the next file gets a new one.
    const early = parseBulkFileInWorker(bulkFile, 2);
    assert.equal((await early.next()).done, false);
    await early.return(undefined);
    assert.deepEqual(await lines(parseBulkFileInWorker(bulkFile, 3)), inline);
    assert.equal(parseWorkersStarted(), before + 1);
  });

  it('carries errors across the thread boundary with their code, message and context', () => {
    const k = fromWire(toWire(new KamerlensError('BAD_RECORD', '"x.ndjson", regel 3 is geen geldige JSON', { file: 'x.ndjson', line: 3 })));
    assert.ok(isKamerlensError(k));
    assert.equal(k.code, 'BAD_RECORD');
    assert.equal(k.message, '"x.ndjson", regel 3 is geen geldige JSON');
    assert.deepEqual(k.context, { file: 'x.ndjson', line: 3 });
    const plain = fromWire(toWire(new TypeError('boom')));
    assert.ok(!isKamerlensError(plain));
    assert.equal(plain.message, 'boom');
    assert.equal(fromWire(toWire('a string')).message, 'a string');
  });
});

describe('bulk import: records per unit of work', () => {
  it("stores in units of the store's bulk batch unless told otherwise", async () => {
    const s = openServices(':memory:');
    try {
      assert.equal(s.store.bulkBatch, 1000, 'SQLite stores 1,000 records a unit');
      const sizes: number[] = [];
      const counting = new Proxy(s.store, {
        get(t, prop) {
          if (prop === 'bulkBatch') return 6;
          const v: unknown = Reflect.get(t, prop, t);
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
        },
      });
      const units = {
        transaction: <T,>(fn: (tx: Parameters<Parameters<Opened['units']['transaction']>[0]>[0]) => Promise<T>) =>
          s.units.transaction((tx) => {
            const save = tx.store.saveVersions.bind(tx.store);
            const store = Object.assign(Object.create(tx.store) as typeof tx.store, {
              saveVersions: (items: Parameters<typeof save>[0]) => (sizes.push(items.length), save(items)),
            });
            return fn({ ...tx, store });
          }),
      };
      await importPaths([bulkFile], { units, store: counting, index: s.index, structure: s.structure }, { parseInWorker: false });
      // 20 good records of the file's 23 lines, in units of 6.
      assert.deepEqual(sizes, [6, 6, 6, 2]);
      sizes.length = 0;
      await importPaths([bulkFile], { units, store: counting, index: s.index, structure: s.structure }, { parseInWorker: false, batchSize: 15 });
      assert.deepEqual(sizes, [15, 5]);
    } finally {
      await s.close();
    }
  });
});

describe('bulk import: the worker packs versions while the importer is busy', () => {
  /** Every chunk of the file in order, the consumer taking `pauseMs` over each (a writer slower than parsing). */
  async function readSlowly(pack: string | null, pauseMs: number) {
    const versions: NewVersion[] = [];
    for await (const chunk of parseBulkFileInWorker(bulkFile, 2, undefined, pack)) {
      for (const ev of chunk.events) if (!('error' in ev)) versions.push(ev.version);
      await new Promise((r) => setTimeout(r, pauseMs));
    }
    return versions;
  }

  it("packs in the store's form what waits for a busy importer, exactly as the store would", async () => {
    const versions = await readSlowly(PACKED_FORM, 150);
    assert.equal(versions.length, 20);
    const packed = versions.filter((v) => v.packed !== undefined);
    // The first two chunks go out at once (the window); later ones wait for the importer.
    assert.ok(packed.length >= 10, `packed ${packed.length} of 20`);
    for (const v of packed) {
      const here = packVersion(v);
      assert.equal(v.packed!.form, PACKED_FORM);
      assert.deepEqual(Buffer.from(v.packed!.text), Buffer.from(here.text));
      assert.deepEqual(Buffer.from(v.packed!.structure), Buffer.from(here.structure));
      assert.equal(v.packed!.pages, null);
      assert.equal(unpackText(Buffer.from(v.packed!.text), CODEC_ZSTD), v.text);
      // Compact: a message carries the packed bytes, not the 16 KB buffer zlib wrote them into.
      assert.equal(v.packed!.text.buffer.byteLength, v.packed!.text.byteLength);
    }
  });

  it('packs nothing for a store that packs nothing, or keeps a form it does not know', async () => {
    for (const pack of [null, 'another-form']) {
      const versions = await readSlowly(pack, 60);
      assert.equal(versions.length, 20);
      assert.equal(versions.filter((v) => v.packed !== undefined).length, 0, String(pack));
    }
  });

  it('stores what the worker packed as the store packs it itself', async () => {
    const versions = await readSlowly(PACKED_FORM, 150);
    const a = openServices(':memory:');
    const b = openServices(':memory:');
    try {
      const items = (vs: NewVersion[]) => vs.map((v, i) => ({ source: `ndjson:doc-${i}`, preferredId: `doc-${i}`, version: v }));
      await a.store.saveVersions(items(versions));
      // The same versions without what the worker packed, and one with a form the store does not keep.
      const bare = versions.map(({ packed: _p, ...v }, i) => (i === 0 ? { ...v, packed: { form: 'another-form', text: new Uint8Array(1), pages: null, structure: new Uint8Array(1) } } : v));
      await b.store.saveVersions(items(bare));
      const read = async (s: Opened) => Promise.all((await s.store.documentIds()).map((id) => s.store.getVersion(id)));
      const [ra, rb] = await Promise.all([read(a), read(b)]);
      assert.equal(ra.length, 20);
      assert.deepEqual(ra.map((v) => v && { text: v.text, structure: v.structure }), rb.map((v) => v && { text: v.text, structure: v.structure }));
      assert.deepEqual(ra.map((v) => v!.text), versions.map((v) => v.text));
      // The store keeps the bytes it was handed rather than packing again (so the contract on
      // NewVersion.packed matters): handed another text's bytes, it reads that text back.
      const odd = { ...versions[0]!, contentHash: 'x'.repeat(64), packed: packVersion({ ...versions[0]!, text: 'een andere tekst' }) };
      const saved = await a.store.saveVersion('ndjson:odd', 'odd', odd);
      assert.equal((await a.store.getVersion(saved.docId))!.text, 'een andere tekst');
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('bulk import: the worker from compiled JavaScript', () => {
  it('starts parse-worker.js beside the compiled module and parses in order', () => {
    // Transpile src/ to plain JavaScript (as `npm run build` does), then run it without tsx.
    const out = mkdtempSync(join(tmpdir(), 'kl-js-'));
    // The worker's module graph, followed through relative imports from its two entry points.
    const todo = [join(root, 'src', 'ingest', 'bulk-records.ts'), join(root, 'src', 'ingest', 'parse-worker.ts')];
    const done = new Set<string>();
    for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
      if (done.has(file)) continue;
      done.add(file);
      const source = readFileSync(file, 'utf8');
      for (const m of source.matchAll(/from\s+'(\.[^']+)\.js'/g)) todo.push(join(dirname(file), `${m[1]}.ts`));
      const js = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
        fileName: file,
      }).outputText;
      const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, js);
    }
    writeFileSync(join(out, 'package.json'), '{"type": "module"}');
    symlinkSync(join(root, 'node_modules'), join(out, 'node_modules'));
    const script = `
      import { parseBulkFileInWorker } from './src/ingest/bulk-records.js';
      const warnings = [];
      const lines = [];
      for await (const chunk of parseBulkFileInWorker(${JSON.stringify(bulkFile)}, 4, { info() {}, warn: (m) => warnings.push(m), error() {} })) {
        for (const e of chunk.events) lines.push('error' in e ? [e.line, e.error.code] : [e.line, e.id, e.version.structure.commitments.length]);
      }
      console.log(JSON.stringify({ warnings, lines }));
    `;
    writeFileSync(join(out, 'run.js'), script);
    const r = spawnSync(process.execPath, [join(out, 'run.js')], { cwd: out, encoding: 'utf8', timeout: 60_000 });
    assert.equal(r.status, 0, r.stderr);
    const got = JSON.parse(r.stdout) as { warnings: string[]; lines: unknown[][] };
    assert.deepEqual(got.warnings, []);
    assert.equal(got.lines.length, 23);
    assert.deepEqual(got.lines.map((l) => l[0]), Array.from({ length: 23 }, (_, i) => i + 1));
    assert.deepEqual(got.lines[3], [4, 'BAD_RECORD']);
    assert.deepEqual(got.lines[1], [2, 'doc-1', 1]);
  });
});
