/**
 * The link checker: crawls the demo (the sample documents and the saved open-data world, as
 * `npm start` serves them) from the home page through every internal link and fails on any
 * that is dead (a 404 or 5xx, or a redirect to one).
 */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import type { Hono } from 'hono';
import { importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { SAMPLE_DIR } from '../helpers/world.js';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
/** Enough for every page of the demo; a crawl that reaches it has found a link loop. */
const MAX_PAGES = 1500;

let s: Opened;
let app: Hono;
before(async () => {
  s = openServices(':memory:');
  await importPaths([SAMPLE_DIR], { units: s.units, store: s.store, index: s.index, structure: s.structure });
  const dataDir = mkdtempSync(join(tmpdir(), 'kl-links-'));
  await syncFeed({ fromDir: WORLD_DIR, dataDir }, { units: s.units, store: s.store, index: s.index, structure: s.structure, tkStore: s.tk, runs: s.status });
  app = createApp(s);
});
after(() => s.close());

const decode = (href: string) => href.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');

it('no internal link of the demo is dead', async () => {
  const seen = new Set<string>(['/']);
  const queue: { path: string; from: string }[] = [{ path: '/', from: '(start)' }];
  const dead: string[] = [];
  let pages = 0;
  while (queue.length > 0 && pages < MAX_PAGES) {
    const { path, from } = queue.shift()!;
    let res = await app.request(path);
    let hops = 0;
    let at = path;
    while (res.status >= 300 && res.status < 400 && hops++ < 5) {
      const loc = res.headers.get('location') ?? '';
      if (!loc.startsWith('/')) break; // an official source elsewhere: not ours to check
      at = loc.split('#')[0]!;
      res = await app.request(at);
    }
    pages++;
    if (res.status >= 400) {
      dead.push(`${path}${at !== path ? ` → ${at}` : ''} (HTTP ${res.status}), linked from ${from}`);
      continue;
    }
    if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) continue;
    const html = await res.text();
    for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
      const href = decode(m[1]!).split('#')[0]!;
      if (!href.startsWith('/') || href.startsWith('//')) continue;
      // Capability URLs and downloads of feeds are per user; sign-in needs a form.
      if (/^\/(feeds|afmelden|inloggen\/)/.test(href)) continue;
      // Search facets combine without end and a hit's highlight (`?q=`) is the same page:
      // one level of search pages, and each document once.
      if (at.startsWith('/search') && href.startsWith('/search')) continue;
      const key = /^\/documents\/[^/?]+\?q=/.test(href) ? href.split('?')[0]! : href;
      if (seen.has(key)) continue;
      seen.add(key);
      queue.push({ path: href, from: at });
    }
  }
  if (process.env.LINKCHECK_DEBUG) console.log([...seen].join('\n'));
  assert.ok(pages > 100, `the crawl reached ${pages} pages`);
  assert.ok(pages < MAX_PAGES, 'the crawl ended by itself');
  assert.deepEqual(dead, []);
});
