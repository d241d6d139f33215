#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's own test runner (TypeScript through tsx).
// Node 20's runner does not glob .ts files itself, hence this list.
// Usage: node scripts/run-tests.mjs [substring-filter…]
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { pgBinDir, startScratchCluster } from './pg-scratch.mjs';

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : p.endsWith('.test.ts') ? [p] : [];
  });
}
const filters = process.argv.slice(2);
const files = walk('test').filter((f) => filters.length === 0 || filters.some((s) => f.includes(s))).sort();
if (files.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}
// Every conformance suite runs on PostgreSQL too: one scratch cluster for the whole run, each
// suite in a database of its own (test/helpers/pg.ts). CI must have it; elsewhere the
// PostgreSQL runs are skipped with a notice when the server programs are not installed.
// KAMERLENS_STRICT_UNITS: a store on PostgreSQL's pool running a statement inside a unit of
// work is an error here (connection.ts, PgDb.q), so a path that forgot to take its stores
// from the unit fails a test instead of joining it quietly.
const env = { ...process.env, KAMERLENS_TEST: '1', KAMERLENS_STRICT_UNITS: '1' };
let cluster = null;
if (!env.KAMERLENS_TEST_PG_URL) {
  if (pgBinDir()) {
    cluster = await startScratchCluster();
    env.KAMERLENS_TEST_PG_URL = cluster.url;
  } else if (process.env.CI) {
    console.error('CI: PostgreSQL server programs are missing (.ci/run installs postgresql-15)');
    process.exit(1);
  } else {
    console.error('note: PostgreSQL is not installed here; the PostgreSQL runs of the conformance suites are skipped');
  }
}
let status = 1;
try {
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
  status = r.status ?? 1;
} finally {
  cluster?.stop();
}
process.exit(status);
