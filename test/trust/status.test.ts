/**
 * `/status` and `/api/status` in-process: per source the last successful and attempted run,
 * counts, failures with their reasons, the silence alarm, the retry form (signed in, CSRF),
 * the last sync in the Kamer pages' footer and the home page's failed imports linked.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { importPaths } from '../../src/ingest/import.js';
import { syncFeed } from '../../src/ingest/sync.js';
import { createApp } from '../../src/server/app.js';
import { silence } from '../../src/service/status.js';
import { SqliteStatusStore } from '../../src/store/sqlite/sqlite-status-store.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { watchWorld, type World } from '../watch/helpers.js';

const WORLD_DIR = join(import.meta.dirname, '..', '..', 'data', 'tk-world');
const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');

let w: World;
let status: SqliteStatusStore;
let app: Hono;
let folder: string;
const retried: string[] = [];
const mailer = new MemoryMailer();

async function signedInCookie(): Promise<string> {
  await w.watch.requestSignIn('lezer@example.org', '127.0.0.9');
  const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
  const r = await w.watch.consumeSignIn(token);
  return `kl_session=${r.sessionToken}`;
}

before(async () => {
  w = watchWorld({ mailer });
  status = new SqliteStatusStore(w.db);
  folder = mkdtempSync(join(tmpdir(), 'kl-status-'));
  mkdirSync(join(folder, 'brieven'));
  copyFileSync(join(FILES, 'kamerbrief-2022.txt'), join(folder, 'brieven', 'kamerbrief-2022.txt'));
  copyFileSync(join(FILES, 'truncated.pdf'), join(folder, 'brieven', 'kapot.pdf'));
  copyFileSync(join(FILES, 'encrypted.pdf'), join(folder, 'brieven', 'versleuteld.pdf'));
  await importPaths([folder], { units: w.units, store: w.store, index: w.services.index, structure: w.structure });
  const dataDir = mkdtempSync(join(tmpdir(), 'kl-status-data-'));
  const r = await syncFeed({ fromDir: WORLD_DIR, dataDir }, { ...w.services, units: w.units, tkStore: w.tk, runs: status });
  assert.ok(r.ok);
  app = createApp({
    ...w.services,
    tk: w.tk,
    status,
    watch: w.watch,
    retry: async (source) => {
      retried.push(source);
      return `gestart: ${source}`;
    },
  });
});
after(() => w.close());

describe('the silence alarm', () => {
  const hours = (...h: number[]) => h.map((x) => new Date(Date.UTC(2026, 0, 1) + x * 3_600_000).toISOString());
  it('says nothing with fewer than three successful runs', () => {
    assert.deepEqual(silence(hours(0, 24), new Date(Date.UTC(2026, 0, 30))), { usualGapHours: null, silentHours: 672, alarm: false });
  });
  it('takes the median gap as the usual rhythm and rings after twice that', () => {
    const daily = hours(0, 24, 48, 72);
    assert.equal(silence(daily, new Date(Date.UTC(2026, 0, 1) + 100 * 3_600_000)).alarm, false); // 28 h silent
    const late = silence(daily, new Date(Date.UTC(2026, 0, 1) + 121 * 3_600_000)); // 49 h silent
    assert.deepEqual(late, { usualGapHours: 24, silentHours: 49, alarm: true });
  });
  it('does not ring over a pause of a source that runs every few minutes', () => {
    const often = [0, 0.1, 0.2, 0.3].map((h) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000).toISOString());
    assert.equal(silence(often, new Date(Date.UTC(2026, 0, 1) + 0.9 * 3_600_000)).alarm, false);
    assert.equal(silence(often, new Date(Date.UTC(2026, 0, 1) + 1.5 * 3_600_000)).alarm, true);
  });
});

describe('/api/status', () => {
  it('lists every synced category with its runs and entity count, the downloads and the import folder', async () => {
    const res = await app.request('/api/status');
    assert.equal(res.status, 200);
    const body = (await res.json()) as { ok: true; lastSync: string; sources: { id: string; kind: string; lastAttempt: string | null; lastSuccess: string | null; count: number; failed: number; alarm: boolean }[]; importFailures: { source: string; errorCode: string; message: string }[] };
    assert.equal(body.ok, true);
    assert.ok(body.lastSync, 'the time of the last sync');
    const zaak = body.sources.find((s) => s.id === 'tk:Zaak')!;
    const counted = (await w.tk.countByCategory()).find((c) => c.category === 'Zaak')!.count;
    assert.ok(counted > 0);
    assert.equal(zaak.count, counted);
    assert.equal(zaak.kind, 'open-data');
    assert.ok(zaak.lastAttempt && zaak.lastSuccess && zaak.lastSuccess === zaak.lastAttempt);
    assert.ok(body.sources.some((s) => s.id === 'tk-files' && s.count > 0));
    const brieven = body.sources.find((s) => s.id === `import:${join(folder, 'brieven')}`)!;
    assert.equal(brieven.count, 1);
    assert.equal(brieven.failed, 2);
    const failures = body.importFailures.filter((f) => f.source.startsWith(folder));
    assert.deepEqual(failures.map((f) => f.errorCode).sort(), ['CORRUPT_FILE', 'ENCRYPTED_FILE']);
    assert.ok(failures.every((f) => f.message.length > 0));
  });

  it('reports a category whose last attempt failed, with the reason, and keeps its last success', async () => {
    const t = new Date().toISOString();
    await status.recordRun({ source: 'tk:Zaak', origin: WORLD_DIR, startedAt: t, finishedAt: t, ok: false, items: 0, error: 'HTTP 503 op pagina 2' });
    const body = (await (await app.request('/status.json')).json()) as { sources: { id: string; lastError: string | null; lastSuccess: string | null; retryable: boolean }[] };
    const zaak = body.sources.find((s) => s.id === 'tk:Zaak')!;
    assert.equal(zaak.lastError, 'HTTP 503 op pagina 2');
    assert.ok(zaak.lastSuccess);
    assert.equal(zaak.retryable, true);
  });

  it('raises the alarm for a source silent for longer than usual', async () => {
    const day = 86_400_000;
    const base = Date.now() - 10 * day;
    for (const i of [0, 1, 2, 3]) {
      const t = new Date(base + i * day).toISOString();
      await status.recordRun({ source: 'tk:Stemming', origin: WORLD_DIR, startedAt: t, finishedAt: t, ok: true, items: 5, error: null });
    }
    // Stemming also ran in the sync above (now), so it is not silent: a category of its own.
    for (const i of [0, 1, 2, 3]) {
      const t = new Date(base + i * day).toISOString();
      await status.recordRun({ source: 'tk:Oud', origin: WORLD_DIR, startedAt: t, finishedAt: t, ok: true, items: 5, error: null });
    }
    const body = (await (await app.request('/api/status')).json()) as { alarms: number; sources: { id: string; alarm: boolean; usualGapHours: number | null }[] };
    const oud = body.sources.find((s) => s.id === 'tk:Oud')!;
    assert.equal(oud.alarm, true);
    assert.equal(oud.usualGapHours, 24);
    assert.equal(body.sources.find((s) => s.id === 'tk:Stemming')!.alarm, false);
    assert.ok(body.alarms >= 1);
    const html = await (await app.request('/status')).text();
    assert.match(html, /langer stil dan gewoonlijk/);
    assert.match(html, /Stil sinds 7 dagen \(normaal elke 24 uur\)/);
  });
});

describe('/status page', () => {
  it('is Dutch, shows times in Amsterdam time and lists the failed imports with their reasons', async () => {
    const res = await app.request('/status');
    assert.equal(res.status, 200);
    const html = await res.text();
    assert.match(html, /<h1>Status van de bronnen<\/h1>/);
    assert.match(html, /id="mislukt"/);
    assert.match(html, /kapot\.pdf/);
    assert.match(html, /CORRUPT_FILE/);
    assert.match(html, /\d{1,2} (januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december) \d{4} om \d\d:\d\d/);
    assert.doesNotMatch(html, /\d{4}-\d\d-\d\dT\d\d:/, 'no raw ISO times');
    // Signed out: no retry buttons, an invitation to sign in.
    assert.doesNotMatch(html, /Opnieuw proberen/);
    assert.match(html, /href="\/inloggen"/);
  });

  it('offers a retry to a signed-in user, as a POST with the session CSRF token', async () => {
    const cookie = await signedInCookie();
    const html = await (await app.request('/status', { headers: { cookie } })).text();
    assert.match(html, /Opnieuw proberen/);
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const post = (form: Record<string, string>, headers: Record<string, string> = {}) =>
      app.request('/status/opnieuw', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(form).toString() });

    assert.equal((await post({ source: 'tk:Zaak', csrf: 'fout' })).status, 403);
    assert.equal((await post({ source: 'tk:Zaak', csrf }, { origin: 'https://evil.example' })).status, 403);
    assert.deepEqual(retried, []);
    const ok = await post({ source: 'tk:Zaak', csrf });
    assert.equal(ok.status, 202);
    assert.match(await ok.text(), /gestart: tk:Zaak/);
    const folderRetry = await post({ source: `import:${join(folder, 'brieven')}`, csrf });
    assert.equal(folderRetry.status, 202);
    assert.deepEqual(retried, ['tk:Zaak', `import:${join(folder, 'brieven')}`]);
    assert.equal((await post({ source: 'tk:Bestaatniet', csrf })).status, 404);
    // Signed out: refused.
    const anon = await app.request('/status/opnieuw', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `source=tk%3AZaak&csrf=${csrf}` });
    assert.equal(anon.status, 401);
  });
});

describe('freshness elsewhere', () => {
  it('every Kamer page says in its footer when the open data was last synced', async () => {
    for (const path of ['/kamer', '/besluiten', '/personen', '/dossiers']) {
      const html = await (await app.request(path)).text();
      assert.match(html, /Laatst gesynchroniseerd met de open data van de Tweede Kamer: <a href="\/status">\d{1,2} \w+ \d{4} om \d\d:\d\d<\/a>/, path);
    }
  });

  it('the home page links its failed imports to the list', async () => {
    const html = await (await app.request('/')).text();
    assert.match(html, /<a href="\/status#mislukt">Mislukte imports<\/a>/);
    assert.match(html, /<dd><a href="\/status#mislukt">2<\/a><\/dd>/);
  });
});
