/**
 * The watch routes in-process (app.request): magic-link sign-in, cookies, CSRF, rate limits,
 * "mijn", the Bearer API, feeds, unsubscribe — and privacy: user B never sees user A's things.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { SqliteStructureIndex } from '../../src/store/sqlite/sqlite-structure-index.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { addDoc, watchWorld, type World } from './helpers.js';

let w: World;
let app: Hono;
let mailer: MemoryMailer;

class Browser {
  jar = new Map<string, string>();
  constructor(readonly ip: string) {}
  cookieHeader() {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }
  async req(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), 'x-forwarded-for': this.ip, ...(init.headers ?? {}) };
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers['content-type'] = 'application/x-www-form-urlencoded';
    }
    const res = await app.request(path, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, ...(body !== undefined ? { body } : {}) });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const k = pair!.slice(0, i);
      const v = pair!.slice(i + 1);
      if (v === '' || /max-age=0/i.test(c)) this.jar.delete(k);
      else this.jar.set(k, v);
    }
    return res;
  }
  async csrfFrom(path: string): Promise<string> {
    const html = await (await this.req(path)).text();
    const m = /name="csrf" value="([^"]+)"/.exec(html);
    assert.ok(m, `no CSRF field on ${path}`);
    return m[1]!;
  }
  /** The whole magic-link sign-in, as a person would do it. */
  async signIn(email: string): Promise<void> {
    const csrf = await this.csrfFrom('/inloggen');
    const before = mailer.sent.length;
    const r = await this.req('/inloggen', { form: { email, csrf } });
    assert.equal(r.status, 200);
    assert.equal(mailer.sent.length, before + 1);
    const link = /http:\/\/kamerlens\.test(\/inloggen\/[A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
    const confirmCsrf = await this.csrfFrom(link);
    const done = await this.req(link, { form: { csrf: confirmCsrf } });
    assert.equal(done.status, 303);
    assert.ok(this.jar.has('kl_session'));
  }
}

before(async () => {
  mailer = new MemoryMailer();
  w = watchWorld({ mailer });
  const structure = new SqliteStructureIndex(w.db);
  app = createApp({ ...w.services, structure, watch: w.watch }, { trustProxy: true });
  await addDoc(w, { id: 'oud', title: 'Oude brief cyberbeveiliging', text: 'cyberbeveiliging' });
});
after(() => w.close());

describe('sign-in by magic link', () => {
  it('sets HttpOnly SameSite=Lax cookies, confirms by POST, and links are single-use', async () => {
    const b = new Browser('10.0.0.1');
    const csrf = await b.csrfFrom('/inloggen');
    assert.equal((await b.req('/inloggen', { form: { email: 'eva@example.org' } })).status, 403, 'no CSRF token → 403');
    assert.equal((await b.req('/inloggen', { form: { email: 'eva@example.org', csrf: csrf + 'x' } })).status, 403);
    const r = await b.req('/inloggen', { form: { email: 'eva@example.org', csrf } });
    assert.equal(r.status, 200);
    const mail = mailer.sent.at(-1)!;
    assert.equal(mail.to, 'eva@example.org');
    const path = /http:\/\/kamerlens\.test(\/inloggen\/[A-Za-z0-9_-]+)/.exec(mail.text)![1]!;
    // A mail scanner following the link (GET) does not sign in nor burn the link.
    const page = await b.req(path);
    assert.equal(page.status, 200);
    assert.ok(!b.jar.has('kl_session'));
    const c2 = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const ok = await b.req(path, { form: { csrf: c2 } });
    assert.equal(ok.status, 303);
    const set = ok.headers.getSetCookie().find((c) => c.startsWith('kl_session='))!;
    assert.match(set, /HttpOnly/);
    assert.match(set, /SameSite=Lax/);
    assert.doesNotMatch(set, /Secure/, 'plain http in tests');
    const again = new Browser('10.0.0.2');
    assert.equal((await again.req(path)).status, 410, 'a used link shows no form');
    const c3 = await again.csrfFrom('/inloggen');
    assert.equal((await again.req(path, { form: { csrf: c3 } })).status, 410, 'single use');
    const mine = await b.req('/mijn.json');
    assert.equal(mine.status, 200);
    assert.equal(((await mine.json()) as any).user.email, 'eva@example.org');
  });

  it('links expire after 15 minutes', async () => {
    const b = new Browser('10.0.0.3');
    const csrf = await b.csrfFrom('/inloggen');
    await b.req('/inloggen', { form: { email: 'laat@example.org', csrf } });
    const path = /http:\/\/kamerlens\.test(\/inloggen\/[A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
    w.clock.advance(16 * 60_000);
    assert.equal((await b.req(path)).status, 410);
    const r = await b.req(path, { form: { csrf } });
    assert.equal(r.status, 410);
    assert.ok(!b.jar.has('kl_session'));
  });

  it('rate-limits sign-in mails per address and per IP', async () => {
    const b = new Browser('10.0.0.4');
    const csrf = await b.csrfFrom('/inloggen');
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) codes.push((await b.req('/inloggen', { form: { email: 'spam@example.org', csrf } })).status);
    assert.deepEqual(codes, [200, 200, 200, 429]);
    const json = await b.req('/inloggen', { form: { email: 'spam@example.org', csrf }, headers: { accept: 'application/json' } });
    assert.deepEqual(await json.json(), { ok: false, error: { code: 'RATE_LIMITED', message: 'Te veel inlogmails aangevraagd; probeer het over een kwartier opnieuw' } });
    const ipCodes: number[] = [];
    for (let i = 0; i < 8; i++) ipCodes.push((await b.req('/inloggen', { form: { email: `x${i}@example.org`, csrf } })).status);
    assert.ok(ipCodes.includes(429), `per-IP limit: ${ipCodes}`);
    w.clock.advance(16 * 60_000);
    assert.equal((await b.req('/inloggen', { form: { email: 'spam@example.org', csrf } })).status, 200, 'the window passes');
  });

  it('marks cookies Secure over https', async () => {
    const res = await app.request('https://kamerlens.test/inloggen');
    assert.match(res.headers.getSetCookie().join('\n'), /kl_csrf=.*Secure/);
  });

  it('signs out here or everywhere', async () => {
    const one = new Browser('10.0.1.1');
    const two = new Browser('10.0.1.2');
    await one.signIn('frank@example.org');
    await two.signIn('frank@example.org');
    const csrf = await one.csrfFrom('/mijn');
    assert.equal((await one.req('/uitloggen', { form: { csrf, overal: '1' } })).status, 303);
    assert.equal((await one.req('/mijn.json')).status, 401);
    assert.equal((await two.req('/mijn.json')).status, 401, 'the other session is gone too');
  });
});

describe('monitors, privacy, feeds', () => {
  const a = new Browser('10.0.2.1');
  const b = new Browser('10.0.2.2');
  let aMonitor = '';
  let aFeed = '';
  let bToken = '';
  let aToken = '';

  before(async () => {
    await a.signIn('anna@example.org');
    await b.signIn('bert@example.org');
  });

  it('the search page bell leads to sign-in when signed out, and follows with a CSRF form when signed in', async () => {
    const anon = await (await new Browser('10.0.2.9').req('/search?q=cyberbeveiliging')).text();
    assert.match(anon, /<form class="watch-bell" method="get" action="\/inloggen">/);
    const html = await (await a.req('/search?q=cyberbeveiliging')).text();
    const form = /<form class="watch-bell" method="post" action="\/mijn\/volgers">([\s\S]*?)<\/form>/.exec(html);
    assert.ok(form, 'bell form');
    const field = (n: string) => new RegExp(`name="${n}" value="([^"]*)"`).exec(form![1]!)![1]!;
    assert.equal((await a.req('/mijn/volgers', { form: { kind: 'search', value: 'cyberbeveiliging', interval: 'immediate', email: '1' } })).status, 403, 'no CSRF → 403');
    const r = await a.req('/mijn/volgers', { form: { csrf: field('csrf'), kind: field('kind'), value: field('value'), interval: field('interval'), email: field('email') } });
    assert.equal(r.status, 303);
    const mine = (await (await a.req('/mijn.json')).json()) as any;
    assert.equal(mine.monitors.length, 1);
    aMonitor = mine.monitors[0].id;
    aFeed = mine.monitors[0].feedPath;
    assert.equal(mine.monitors[0].query, 'cyberbeveiliging');
    assert.equal(mine.monitors[0].preview, undefined, '/mijn runs no search per monitor');
    const detail = (await (await a.req(`/mijn/volgers/${aMonitor}.json`)).json()) as any;
    assert.ok(detail.preview.some((p: any) => p.docId === 'oud'), 'the monitor page previews what it would match now');
    assert.equal(detail.previewIsEstimate, false);
    const page = await (await a.req('/mijn')).text();
    assert.match(page, /zoekopdracht “cyberbeveiliging”/);
  });

  it('B cannot see, delete or read the feed of A\u2019s monitor: 404, not 403', async () => {
    assert.equal((await b.req(`/mijn/volgers/${aMonitor}`)).status, 404);
    assert.equal((await b.req(`/mijn/volgers/${aMonitor}.json`)).status, 404);
    const csrf = await b.csrfFrom('/mijn');
    assert.equal((await b.req(`/mijn/volgers/${aMonitor}/verwijderen`, { form: { csrf } })).status, 404);
    // B's CSRF token is not A's: a forged form with B's token fails on A's session.
    assert.equal((await a.req(`/mijn/volgers/${aMonitor}/verwijderen`, { form: { csrf } })).status, 403);
    // Feeds: a forged MAC, or the MAC of another id, is 404.
    const forged = aFeed.replace(/\.([A-Za-z0-9_-]+)\.atom$/, (_, mac: string) => `.${mac.slice(0, -3)}AAA.atom`);
    assert.equal((await b.req(forged)).status, 404);
    const bMine = (await (await b.req('/mijn.json')).json()) as any;
    const swapped = bMine.feedPath.replace(/\/u\.[0-9a-f]+\./, `/m.${aMonitor}.`);
    assert.equal((await b.req(swapped)).status, 404);
    assert.equal(((await (await a.req(`/mijn/volgers/${aMonitor}.json`)).json()) as any).monitor.id, aMonitor, 'A still has it');
  });

  it('the API needs a Bearer token and scopes everything to its owner', async () => {
    const res401 = await app.request('/api/monitors');
    assert.equal(res401.status, 401);
    assert.deepEqual(((await res401.json()) as any).error.code, 'UNAUTHORIZED');
    const tokenOf = async (br: Browser) => {
      const csrf = await br.csrfFrom('/mijn');
      const html = await (await br.req('/mijn/tokens', { form: { csrf, label: 'script' } })).text();
      return /<pre class="secret">(klt_[A-Za-z0-9_-]+)<\/pre>/.exec(html)![1]!;
    };
    aToken = await tokenOf(a);
    bToken = await tokenOf(b);
    const auth = (t: string) => ({ authorization: `Bearer ${t}` });
    const list = (await (await app.request('/api/monitors', { headers: auth(aToken) })).json()) as any;
    assert.deepEqual(list.monitors.map((m: any) => m.id), [aMonitor]);
    assert.equal((await app.request(`/api/monitors/${aMonitor}`, { headers: auth(bToken) })).status, 404);
    assert.equal((await app.request(`/api/monitors/${aMonitor}`, { method: 'DELETE', headers: auth(bToken) })).status, 404);
    assert.deepEqual(((await (await app.request('/api/monitors', { headers: auth(bToken) })).json()) as any).monitors, []);
    const created = await app.request('/api/monitors', {
      method: 'POST',
      headers: { ...auth(bToken), 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'party', party: 'PVV', interval: 'daily', email: false }),
    });
    assert.equal(created.status, 201);
    const body = (await created.json()) as any;
    assert.equal(body.monitor.label, 'partij PVV');
    const bad = await app.request('/api/monitors', { method: 'POST', headers: { ...auth(bToken), 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'search', query: '"open' }) });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as any).error.code, 'BAD_REQUEST');
    assert.equal((await app.request('/api/monitors', { headers: auth(aToken + 'x') })).status, 401);
    assert.equal((await app.request(`/api/monitors/${body.monitor.id}`, { method: 'DELETE', headers: auth(bToken) })).status, 200);
  });

  it('serves a valid Atom feed with the new matches', async () => {
    await addDoc(w, { id: 'nieuw', title: 'Nieuwe brief over cyberbeveiliging & <netwerken>', text: 'Meer cyberbeveiliging.' });
    const r = await w.watch.run();
    assert.equal(r.newMatches, 1);
    const res = await a.req(aFeed);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /application\/atom\+xml/);
    const xml = await res.text();
    assert.equal(XMLValidator.validate(xml), true);
    const feed = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === 'entry' }).parse(xml).feed;
    assert.equal(feed['@_xmlns'], 'http://www.w3.org/2005/Atom');
    assert.equal(feed.entry.length, 1);
    assert.equal(feed.entry[0].title, 'Nieuwe brief over cyberbeveiliging & <netwerken>');
    assert.equal(feed.entry[0].link['@_href'], 'http://kamerlens.test/documents/nieuw');
    const userFeed = ((await (await a.req('/mijn.json')).json()) as any).feedPath;
    const all = await (await new Browser('1.2.3.4').req(userFeed)).text();
    assert.equal(XMLValidator.validate(all), true);
    assert.match(all, /Nieuwe brief over cyberbeveiliging &amp; &lt;netwerken&gt;/);
  });

  it('one-click unsubscribe works without cookies; a forged link is 404', async () => {
    const mail = mailer.sent.find((m) => m.to === 'anna@example.org' && /Nieuwe brief/.test(m.text))!;
    const path = /http:\/\/kamerlens\.test(\/afmelden\/m\.[A-Za-z0-9._-]+)/.exec(mail.text)![1]!;
    assert.equal((await app.request(path.slice(0, -4) + 'AAAA', { method: 'POST' })).status, 404);
    const res = await app.request(path, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    assert.equal(res.status, 200);
    const mine = (await (await a.req('/mijn.json')).json()) as any;
    assert.equal(mine.monitors[0].email, false);
  });

  it('deleting the account signs out and removes everything', async () => {
    const csrf = await a.csrfFrom('/mijn');
    assert.equal((await a.req('/mijn/account/verwijderen', { form: { csrf } })).status, 303);
    assert.equal((await a.req('/mijn.json')).status, 401);
    assert.equal((await app.request('/api/monitors', { headers: { authorization: `Bearer ${aToken}` } })).status, 401);
    assert.equal((await new Browser('1.1.1.1').req(aFeed)).status, 404);
  });
});

describe('the bell on pages worth following', () => {
  it('a party page offers "volg", and the form creates a party monitor for the signed-in user only', async () => {
    await addDoc(w, { id: 'pvv-vragen', title: 'Verslag schriftelijk overleg', text: 'Vragen van de PVV-fractie', parties: ['PVV'] });
    const anon = await (await new Browser('10.0.7.1').req('/partijen/PVV')).text();
    assert.match(anon, /<form class="watch-bell" method="get" action="\/inloggen">[\s\S]*?Volg de vragen van deze partij/);
    const c = new Browser('10.0.7.2');
    await c.signIn('carla@example.org');
    const html = await (await c.req('/partijen/PVV')).text();
    const form = /<form class="watch-bell" method="post" action="\/mijn\/volgers">([\s\S]*?)<\/form>/.exec(html);
    assert.ok(form, 'bell form for a signed-in user');
    const field = (n: string) => new RegExp(`name="${n}" value="([^"]*)"`).exec(form![1]!)![1]!;
    assert.equal(field('kind'), 'party');
    assert.equal(field('value'), 'PVV');
    const r = await c.req('/mijn/volgers', { form: { csrf: field('csrf'), kind: field('kind'), value: field('value'), interval: field('interval'), email: field('email') } });
    assert.equal(r.status, 303);
    const mine = (await (await c.req('/mijn.json')).json()) as { monitors: { kind: string }[] };
    assert.deepEqual(mine.monitors.map((m) => m.kind), ['party']);
  });
});
