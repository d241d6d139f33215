/**
 * The attacks of the review (issue 10) as regression tests, in-process through app.request:
 * unbounded bodies, a path-traversing sign-in token, stale magic links, spoofed client
 * addresses, missing security headers, absurd saved searches, a full search queue.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { FairQueue } from '../../src/server/admission.js';
import { BODY_LIMITS } from '../../src/server/limits.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { emptyStructure } from '../../src/domain/index.js';
import { addDoc, watchWorld, type World } from '../watch/helpers.js';

let w: World;
let mailer: MemoryMailer;
let app: Hono;
let proxied: Hono;
const queue = new FairQueue({ concurrency: 1, maxWaiting: 0 });

/** A cookie jar over one app: enough of a browser for forms and sign-in. */
class Browser {
  jar = new Map<string, string>();
  constructor(
    readonly app: Hono,
    readonly headers: Record<string, string> = {},
  ) {}
  async req(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { cookie: [...this.jar].map(([k, v]) => `${k}=${v}`).join('; '), ...this.headers, ...(init.headers ?? {}) };
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await this.app.request(path, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      if (pair!.slice(i + 1) === '' || /max-age=0/i.test(c)) this.jar.delete(pair!.slice(0, i));
      else this.jar.set(pair!.slice(0, i), pair!.slice(i + 1));
    }
    return res;
  }
  async csrfFrom(path: string): Promise<string> {
    const m = /name="csrf" value="([^"]+)"/.exec(await (await this.req(path)).text());
    assert.ok(m, `no CSRF field on ${path}`);
    return m[1]!;
  }
  async requestLink(email: string): Promise<string> {
    const before = mailer.sent.length;
    assert.equal((await this.req('/inloggen', { form: { email, csrf: await this.csrfFrom('/inloggen') } })).status, 200);
    assert.equal(mailer.sent.length, before + 1);
    return /http:\/\/kamerlens\.test(\/inloggen\/[A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
  }
  async signIn(email: string): Promise<void> {
    const link = await this.requestLink(email);
    assert.equal((await this.req(link, { form: { csrf: await this.csrfFrom(link) } })).status, 303);
    assert.ok(this.jar.has('kl_session'));
  }
}

/** A request body that counts what was read of it: `size` bytes in 64 KB chunks. */
function countingBody(size: number): { stream: ReadableStream<Uint8Array>; read: () => number } {
  let sent = 0;
  const chunk = new Uint8Array(65536).fill(0x61);
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= size) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, read: () => sent };
}

before(async () => {
  mailer = new MemoryMailer();
  w = watchWorld({ mailer });
  const services = { ...w.services, structure: w.structure, watch: w.watch };
  app = createApp(services);
  proxied = createApp(services, { trustProxy: 1, admission: queue });
  await addDoc(w, { id: 'brief', title: 'Brief over cyberbeveiliging', text: 'De minister schrijft over cyberbeveiliging en de Europese Commissie.' });
});
after(() => w.close());

describe('request bodies are limited while they stream', () => {
  it('refuses a 60 MB sign-in form by its Content-Length without reading it', async () => {
    const body = countingBody(60 * 1024 * 1024);
    const res = await app.request('/inloggen', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(60 * 1024 * 1024) },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.equal(res.headers.get('connection'), 'close');
    assert.ok(body.read() <= 65536 * 2, `read ${body.read()} bytes of the body`);
  });

  it('stops reading a chunked upload just past the form limit', async () => {
    const body = countingBody(700 * 1024 * 1024);
    const res = await app.request('/uitloggen', {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: body.stream,
      duplex: 'half',
    } as RequestInit);
    assert.equal(res.status, 413);
    assert.ok(body.read() <= BODY_LIMITS.form + 65536 * 2, `read ${body.read()} bytes of a 700 MB body`);
  });

  it('answers an oversized API body with the JSON error shape, and lets a normal form through', async () => {
    const res = await app.request('/api/monitors', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'search', query: 'x'.repeat(2 * 1024 * 1024) }) });
    assert.equal(res.status, 413);
    const json = (await res.json()) as { ok: boolean; error: { code: string } };
    assert.deepEqual([json.ok, json.error.code], [false, 'PAYLOAD_TOO_LARGE']);
    const b = new Browser(app, { 'x-forwarded-for': '10.9.0.1' });
    const ok = await b.req('/inloggen', { form: { email: 'normaal@example.org', csrf: await b.csrfFrom('/inloggen') } });
    assert.equal(ok.status, 200);
  });
});

describe('sign-in tokens and links', () => {
  it('renders no form for a token that is not one (the one-click account deletion)', async () => {
    const b = new Browser(app);
    await b.signIn('slachtoffer@example.org');
    const res = await b.req('/inloggen/..%2F..%2Fmijn%2Faccount%2Fverwijderen');
    assert.equal(res.status, 410);
    const html = await res.text();
    assert.doesNotMatch(html, /<form[^>]*action="\/inloggen\/\.\./);
    assert.doesNotMatch(html, /name="csrf"/);
    assert.equal((await b.req('/inloggen/..%2F..%2Fmijn%2Faccount%2Fverwijderen', { form: { csrf: 'x' } })).status, 410);
    assert.equal((await b.req('/mijn.json')).status, 200, 'the account is still there');
  });

  it('names the account on the confirm page, and a newer link kills the older ones', async () => {
    const b = new Browser(app);
    const first = await b.requestLink('twee@example.org');
    const second = await b.requestLink('twee@example.org');
    assert.equal((await b.req(first)).status, 410, 'requesting a new link retires the old one');
    const page = await (await b.req(second)).text();
    assert.match(page, /Je logt in als <strong>twee@example\.org<\/strong>/);
    const csrf = await b.csrfFrom(second);
    assert.equal((await b.req(second, { form: { csrf } })).status, 303);
    const other = new Browser(app);
    assert.equal((await other.req(first, { form: { csrf: await other.csrfFrom('/inloggen') } })).status, 410, 'the older link does not sign in either');
  });

  it('validates unsubscribe tokens before rendering them into a form', async () => {
    const res = await app.request('/afmelden/..%2F..%2Fmijn%2Faccount%2Fverwijderen');
    assert.equal(res.status, 404);
    assert.doesNotMatch(await res.text(), /<form method="post"/);
  });
});

describe('sessions behind a proxy', () => {
  it('rate-limits by the address the trusted proxy saw, not by what the client wrote', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      // The attacker varies the first X-Forwarded-For entry; the proxy appends the real one.
      const b = new Browser(proxied, { 'x-forwarded-for': `203.0.113.${i}, 198.51.100.7` });
      codes.push((await b.req('/inloggen', { form: { email: `r${i}@example.org`, csrf: await b.csrfFrom('/inloggen') } })).status);
    }
    assert.ok(codes.includes(429), `one real address, ${codes.join(',')}`);
  });

  it('sets Secure cookies when a trusted proxy says https, and only then', async () => {
    const viaProxy = await proxied.request('/inloggen', { headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '198.51.100.8' } });
    assert.match(viaProxy.headers.getSetCookie().join('\n'), /kl_csrf=.*Secure/);
    assert.equal(viaProxy.headers.get('strict-transport-security'), 'max-age=31536000');
    const direct = await app.request('/inloggen', { headers: { 'x-forwarded-proto': 'https' } });
    assert.doesNotMatch(direct.headers.getSetCookie().join('\n'), /Secure/, 'an untrusted header changes nothing');
    assert.equal(direct.headers.get('strict-transport-security'), null);
  });

  it('rotates the feed key: the old feed address stops working', async () => {
    const b = new Browser(app);
    await b.signIn('feed@example.org');
    const before = ((await (await b.req('/mijn.json')).json()) as { feedPath: string }).feedPath;
    assert.equal((await b.req(before)).status, 200);
    const csrf = await b.csrfFrom('/mijn');
    assert.equal((await b.req('/mijn/feedsleutel', { form: { csrf: 'fout' } })).status, 403);
    assert.equal((await b.req('/mijn/feedsleutel', { form: { csrf } })).status, 303);
    const now = ((await (await b.req('/mijn.json')).json()) as { feedPath: string }).feedPath;
    assert.notEqual(now, before);
    assert.equal((await b.req(before)).status, 404);
    assert.equal((await b.req(now)).status, 200);
  });
});

describe('security headers', () => {
  it('sends a strict CSP, nosniff and a referrer policy on pages, JSON and errors', async () => {
    for (const path of ['/', '/search?q=cyberbeveiliging', '/index.json', '/api/search?q=x', '/bestaat-niet', '/inloggen', '/search?q=%22']) {
      const res = await app.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      assert.match(csp, /frame-ancestors 'none'/, path);
      assert.match(csp, /default-src 'none'/, path);
      assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/, path);
      assert.equal(res.headers.get('x-content-type-options'), 'nosniff', path);
      assert.equal(res.headers.get('referrer-policy'), 'same-origin', path);
    }
  });

  it('serves an imported HTML original in a sandbox', async () => {
    const html = '<html><script>alert(document.cookie)</script></html>';
    await w.units.transaction((tx) =>
      tx.store.saveVersion('test:kwaad', 'kwaad', {
        contentHash: 'kwaad', format: 'html', fileName: 'kwaad.html', byteSize: html.length, mimeType: 'text/html',
        text: 'kwaad', pages: null, structure: { ...emptyStructure('overig'), title: 'kwaad' }, original: new TextEncoder().encode(html), title: 'kwaad', kind: 'overig', date: null,
      }),
    );
    const res = await app.request('/documents/kwaad/original');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-security-policy') ?? '', /sandbox/);
    assert.match(res.headers.get('content-disposition') ?? '', /^attachment/);
  });

  it('renders no inline script on any page it serves', async () => {
    for (const path of ['/', '/search?q=cyberbeveiliging', '/documents/brief?q=cyberbeveiliging', '/inloggen']) {
      assert.doesNotMatch(await (await app.request(path)).text(), /<script(?![^>]*\bsrc=)|\son[a-z]+="/i, path);
    }
  });

  it('keeps pages with secrets out of caches', async () => {
    const b = new Browser(app);
    await b.signIn('cache@example.org');
    for (const path of ['/mijn', '/mijn.json', '/inloggen']) assert.equal((await b.req(path)).headers.get('cache-control'), 'no-store', path);
    const token = await b.req('/mijn/tokens', { form: { csrf: await b.csrfFrom('/mijn'), label: 'x' } });
    assert.equal(token.status, 201);
    assert.equal(token.headers.get('cache-control'), 'no-store');
    assert.notEqual((await app.request('/search?q=x')).headers.get('cache-control'), 'no-store');
  });
});

describe('saved searches are checked for cost', () => {
  it('refuses a 60-word phrase with a Dutch reason, and keeps ordinary ones', async () => {
    const b = new Browser(app);
    await b.signIn('duur@example.org');
    const phrase = `"${Array.from({ length: 60 }, (_, i) => ['de', 'het', 'een', 'van', 'en'][i % 5]).join(' ')}"`;
    const res = await b.req('/mijn/volgers', { form: { csrf: await b.csrfFrom('/mijn'), kind: 'search', value: phrase, interval: 'immediate' }, headers: { accept: 'application/json' } });
    assert.equal(res.status, 400);
    const body = (await res.json()) as { error: { message: string; field: string } };
    assert.match(body.error.message, /te zwaar om te volgen.*hoogstens 12 woorden.*60/);
    assert.equal(body.error.field, 'query');
    const ok = await b.req('/mijn/volgers', { form: { csrf: await b.csrfFrom('/mijn'), kind: 'search', value: '"Europese Commissie" cyberbeveiliging', interval: 'immediate' } });
    assert.equal(ok.status, 303);
  });
});

describe('/mijn with many saved searches', () => {
  it('runs no search per monitor: 200 saved searches, one page view, zero searches', async () => {
    const b = new Browser(app);
    await b.signIn('veel@example.org');
    const user = await w.watch.userByEmail('veel@example.org');
    for (let i = 0; i < 200; i++) {
      await w.watch.createMonitor(user.id, { kind: 'search', params: { query: `"de minister van" cyberbeveiliging${i}` }, interval: 'immediate', email: false });
    }
    const index = w.services.index;
    const search = index.search.bind(index);
    let searches = 0;
    index.search = async (r) => (searches++, search(r));
    try {
      const mine = (await (await b.req('/mijn.json')).json()) as { monitors: unknown[] };
      assert.equal(mine.monitors.length, 200);
      assert.equal((await b.req('/mijn')).status, 200);
      assert.equal(searches, 0);
      const first = (mine.monitors[0] as { id: string }).id;
      assert.equal((await b.req(`/mijn/volgers/${first}`)).status, 200);
      assert.equal(searches, 1, 'a monitor\u2019s own page previews it, once');
    } finally {
      index.search = search;
    }
  });
});

describe('admission control', () => {
  it('answers 503 with Retry-After when the search queue is full, and serves again after', async () => {
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const busy = queue.run('someone-else', () => new Promise<void>((r) => ((release = r), started())));
    await running;
    const res = await proxied.request('/api/search?q=cyberbeveiliging', { headers: { 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(res.status, 503);
    assert.equal(res.headers.get('retry-after'), '2');
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'BUSY');
    const page = await proxied.request('/search?q=cyberbeveiliging', { headers: { 'x-forwarded-for': '198.51.100.9' } });
    assert.equal(page.status, 503);
    assert.match(await page.text(), /druk/);
    release();
    await busy;
    assert.equal((await proxied.request('/api/search?q=cyberbeveiliging', { headers: { 'x-forwarded-for': '198.51.100.9' } })).status, 200);
  });
});
