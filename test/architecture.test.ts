/**
 * The layering rule of ../shared/design/architecture.md, enforced: each stage may import
 * only the stages listed here (relative imports are resolved to their top folder).
 */
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { it } from 'node:test';

const SRC = join(import.meta.dirname, '..', 'src');

const ALLOWED: Record<string, string[]> = {
  domain: [],
  extract: ['domain'],
  parse: ['domain'],
  search: ['domain'],
  source: ['domain'],
  store: ['domain'],
  ingest: ['domain', 'extract', 'parse', 'store', 'search', 'source'],
  service: ['domain', 'store', 'search'],
  watch: ['domain', 'store', 'search', 'service'],
  server: ['domain', 'service'],
  cli: ['domain', 'service'],
};

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(n) ? [p] : [];
  });
}

const stageOf = (file: string) => relative(SRC, file).split(/[\\/]/)[0]!;

it('every import points the allowed way', () => {
  const violations: string[] = [];
  for (const file of files(SRC)) {
    const stage = stageOf(file);
    if (!(stage in ALLOWED)) continue; // main.ts and config.ts: the composition root
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)) {
      const target = resolve(dirname(file), m[1]!);
      const to = stageOf(target);
      if (to !== stage && !ALLOWED[stage]!.includes(to)) violations.push(`${relative(SRC, file)} imports ${m[1]} (${stage} → ${to})`);
    }
  }
  assert.deepEqual(violations, []);
});

it('the rule sees imports (it would catch a violation)', () => {
  // Guard against a regex that silently matches nothing.
  const text = readFileSync(join(SRC, 'service', 'services.ts'), 'utf8');
  assert.ok([...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"](\.[^'"]+)['"]/gm)].length >= 2);
});
