// The cached synthetic benchmark corpus: generation with gen-corpus.mjs and batched streaming reads.

import { spawn } from 'node:child_process';
import { closeSync, createReadStream, existsSync, mkdirSync, openSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** One corpus line, as gen-corpus.mjs writes it. */
export interface CorpusDoc {
  id: string;
  kind: string;
  title: string;
  date: string;
  text: string;
}

/** The repository root (works from bench/ under tsx and from dist/bench/ after tsc). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the repository root');
    dir = up;
  }
  return dir;
}

/** Folder for generated corpora and benchmark databases (gitignored). */
export function cacheDir(): string {
  const dir = join(repoRoot(), 'bench', '.cache');
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Path of the corpus of `size` docs, generating it first when absent. */
export async function ensureCorpus(size: number, log: (m: string) => void): Promise<string> {
  const file = join(cacheDir(), `corpus-${size}.jsonl`);
  if (existsSync(file)) return file;
  const gen = resolve(repoRoot(), '..', 'shared', 'tools', 'gen-corpus.mjs');
  if (!existsSync(gen)) {
    throw new Error(`the corpus generator is missing: expected ${gen} (../shared/tools/gen-corpus.mjs from the repository root)`);
  }
  log(`generating ${size} synthetic documents with ${gen} …`);
  const started = Date.now();
  const tmp = file + '.tmp';
  // The generator writes without waiting for a pipe to drain, so at 600,000 documents a pipe
  // held gigabytes in its heap until it died; writing straight into the file is synchronous.
  const fd = openSync(tmp, 'w');
  try {
    await new Promise<void>((ok, fail) => {
      const child = spawn(process.execPath, [gen, '--docs', String(size)], { stdio: ['ignore', fd, 'inherit'] });
      const timer = setInterval(() => log(`  … still generating (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
      child.on('error', (e) => {
        clearInterval(timer);
        fail(e);
      });
      child.on('close', (code) => {
        clearInterval(timer);
        if (code === 0) ok();
        else fail(new Error(`gen-corpus.mjs exited with ${code}`));
      });
    });
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
  log(`  generated in ${((Date.now() - started) / 1000).toFixed(1)} s → ${file}`);
  return file;
}

/** Stream the corpus in batches; `bytes` is the UTF-8 size of the batch's lines. */
export async function* readBatches(file: string, batchSize: number): AsyncGenerator<{ docs: CorpusDoc[]; bytes: number }> {
  const rl = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let docs: CorpusDoc[] = [];
  let bytes = 0;
  for await (const line of rl) {
    if (line === '') continue;
    docs.push(JSON.parse(line) as CorpusDoc);
    bytes += Buffer.byteLength(line) + 1;
    if (docs.length >= batchSize) {
      yield { docs, bytes };
      docs = [];
      bytes = 0;
    }
  }
  if (docs.length > 0) yield { docs, bytes };
}
