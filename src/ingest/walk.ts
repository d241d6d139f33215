/** Expands the paths a user gives to `import` into files, recursing into folders. */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, resolve } from 'node:path';
import { KamerlensError } from '../domain/index.js';

/** Extensions picked up when walking a folder; files named explicitly are always tried. */
export const IMPORTABLE_EXTENSIONS = new Set(['.pdf', '.docx', '.doc', '.html', '.htm', '.xml', '.txt', '.md', '.ndjson', '.jsonl']);

export interface FoundFile {
  path: string;
  size: number;
}

/** Lists files under `paths` (sorted per folder, hidden entries skipped), each once. */
export async function walkPaths(paths: string[]): Promise<{ files: FoundFile[]; skipped: string[] }> {
  const files: FoundFile[] = [];
  const skipped: string[] = [];
  const seen = new Set<string>();
  async function visit(path: string, explicit: boolean): Promise<void> {
    const abs = resolve(path);
    if (seen.has(abs)) return;
    seen.add(abs);
    let st;
    try {
      st = await stat(abs);
    } catch {
      if (explicit) throw new KamerlensError('NOT_FOUND', `Bestand of map bestaat niet: ${path}`, { file: path });
      return;
    }
    if (st.isDirectory()) {
      const entries = (await readdir(abs)).filter((n) => !n.startsWith('.')).sort();
      for (const name of entries) await visit(join(abs, name), false);
    } else if (st.isFile()) {
      if (explicit || IMPORTABLE_EXTENSIONS.has(extname(abs).toLowerCase())) files.push({ path: abs, size: st.size });
      else skipped.push(abs);
    }
  }
  for (const p of paths) await visit(p, true);
  return { files, skipped };
}

export function isBulkFile(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.ndjson' || ext === '.jsonl';
}
