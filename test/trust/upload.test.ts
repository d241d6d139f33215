/**
 * `/importeren` in-process: a signed-in user uploads several files through the pipeline of
 * `kamerlens import` and sees per file new / new version / unchanged / failed with the reason;
 * CSRF, sign-in and the upload's own body limit hold.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { importUpload, uploadName } from '../../src/ingest/upload.js';
import { createApp } from '../../src/server/app.js';
import { BODY_LIMITS } from '../../src/server/limits.js';
import { SqliteStatusStore } from '../../src/store/sqlite/sqlite-status-store.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { watchWorld, type World } from '../watch/helpers.js';

const FILES = join(import.meta.dirname, '..', 'fixtures', 'files');
const fixture = (name: string) => readFileSync(join(FILES, name));

let w: World;
let app: Hono;
const mailer = new MemoryMailer();

let session: { cookie: string; csrf: string } | null = null;
/** One session for the whole file (sign-in mails are rate-limited per address). */
async function signedIn(): Promise<{ cookie: string; csrf: string }> {
  if (session) return session;
  await w.watch.requestSignIn('importeur@example.org', '127.0.0.9');
  const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
  const r = await w.watch.consumeSignIn(token);
  session = { cookie: `kl_session=${r.sessionToken}`, csrf: r.viewer.csrf! };
  return session;
}

function form(csrf: string, files: [string, Uint8Array | string][]): FormData {
  const f = new FormData();
  f.set('csrf', csrf);
  for (const [name, bytes] of files) f.append('bestanden', new Blob([typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)]), name);
  return f;
}

before(() => {
  w = watchWorld({ mailer });
  const status = new SqliteStatusStore(w.db);
  const deps = { units: w.units, store: w.store, index: w.services.index, structure: w.structure };
  app = createApp({ ...w.services, status, watch: w.watch, importUpload: (f) => importUpload(f, deps) });
});
after(() => w.close());

describe('uploadName', () => {
  it('keeps only the file name a browser sent, without folders or control characters', () => {
    assert.equal(uploadName('C:\\Users\\x\\brief.pdf'), 'brief.pdf');
    assert.equal(uploadName('../../etc/passwd'), 'passwd');
    assert.equal(uploadName('a\u0000b.txt'), 'ab.txt');
  });
});

describe('/importeren', () => {
  it('asks a visitor who is not signed in to sign in, and refuses an upload unread', async () => {
    const page = await app.request('/importeren');
    assert.equal(page.status, 200);
    const html = await page.text();
    assert.match(html, /Log in<\/a> om bestanden te importeren/);
    assert.doesNotMatch(html, /type="file"/);
    const r = await app.request('/importeren', { method: 'POST', body: form('x', [['brief.txt', 'Tekst']]) });
    assert.equal(r.status, 401);
    assert.equal((await w.store.stats()).documents, 0);
  });

  it('shows a multipart form with multiple files, the types and the limit to a signed-in user', async () => {
    const { cookie } = await signedIn();
    const html = await (await app.request('/importeren', { headers: { cookie } })).text();
    assert.match(html, /enctype="multipart\/form-data"/);
    assert.match(html, /<input[^>]*type="file"[^>]*name="bestanden"[^>]*multiple/);
    assert.match(html, new RegExp(`hoogstens ${BODY_LIMITS.upload / 1048576} MB`));
  });

  it('refuses an upload without the session CSRF token', async () => {
    const { cookie } = await signedIn();
    const r = await app.request('/importeren', { method: 'POST', headers: { cookie }, body: form('nep', [['brief.txt', 'Tekst van een brief']]) });
    assert.equal(r.status, 403);
    assert.equal((await w.store.stats()).documents, 0);
  });

  it('imports several files and says per file: new, unchanged, new version, failed with the reason', async () => {
    const { cookie, csrf } = await signedIn();
    const first = await app.request('/importeren', {
      method: 'POST',
      headers: { cookie, accept: 'application/json' },
      // Together well over the 16 KB of an ordinary form: the upload has its own limit.
      body: form(csrf, [['kamerbrief-2022.txt', fixture('kamerbrief-2022.txt')], ['kapot.pdf', fixture('truncated.pdf')], ['programma.exe', 'MZ'], ['kamerbrief-2026.pdf', fixture('kamerbrief-2026.pdf')]]),
    });
    assert.equal(first.status, 200);
    const rows = ((await first.json()) as { files: { name: string; status: string; href: string | null; error: { code: string; message: string } | null }[] }).files;
    assert.deepEqual(rows.map((r) => [r.name, r.status]), [['kamerbrief-2022.txt', 'new'], ['kapot.pdf', 'failed'], ['programma.exe', 'failed'], ['kamerbrief-2026.pdf', 'new']]);
    assert.equal(rows[1]!.error!.code, 'CORRUPT_FILE');
    assert.equal(rows[2]!.error!.code, 'UNSUPPORTED_FORMAT');
    assert.match(rows[0]!.href!, /^\/documents\//);
    // The failure is in the import log, as a failed `kamerlens import` would be.
    const failures = await w.store.unresolvedFailures(10);
    assert.deepEqual(failures.map((f) => [f.source, f.errorCode]).sort(), [['upload/kapot.pdf', 'CORRUPT_FILE'], ['upload/programma.exe', 'UNSUPPORTED_FORMAT']]);

    const changed = Buffer.concat([fixture('kamerbrief-2022.txt'), Buffer.from('\nNaschrift: de termijn is verschoven naar 1 juni 2025.\n')]);
    const second = await app.request('/importeren', {
      method: 'POST',
      headers: { cookie },
      body: form(csrf, [['kamerbrief-2022.txt', changed], ['kopie.txt', fixture('kamerbrief-2022.txt')]]),
    });
    assert.equal(second.status, 200);
    const html = await second.text();
    assert.match(html, /<code>kamerbrief-2022\.txt<\/code>: <strong>nieuwe versie<\/strong>/);
    assert.match(html, /versie 2/);
    assert.match(html, /<code>kopie\.txt<\/code>: <strong>ongewijzigd \(al in het archief\)<\/strong>/);
  });

  it('asks for a file when none was chosen', async () => {
    const { cookie, csrf } = await signedIn();
    const f = new FormData();
    f.set('csrf', csrf);
    f.append('bestanden', new Blob([]), '');
    const r = await app.request('/importeren', { method: 'POST', headers: { cookie }, body: f });
    assert.equal(r.status, 400);
    assert.match(await r.text(), /Kies minstens één bestand/);
  });

  it('has its own body limit: more than it is refused (413) by its Content-Length', async () => {
    const { cookie } = await signedIn();
    const r = await app.request('/importeren', {
      method: 'POST',
      headers: { cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(BODY_LIMITS.upload + 1) },
      body: new ReadableStream({ pull: (c) => c.close() }),
      duplex: 'half',
    } as RequestInit);
    assert.equal(r.status, 413);
    assert.match(await r.text(), /groter dan 50 MB/);
  });
});
