/**
 * Absolute links come from KAMERLENS_BASE_URL, else from a GET request's own address, else
 * from the port served on — never a hard-coded http://localhost:8080, and never from the Host
 * header of the sign-in form (a forged host must not end up in someone's sign-in mail).
 */
import assert from 'node:assert/strict';
import { after, afterEach, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { openServices, type Opened } from '../../src/main.js';
import { createApp } from '../../src/server/app.js';
import { publicBaseUrl, withRequestOrigin } from '../../src/service/base-url.js';

describe('publicBaseUrl', () => {
  it('prefers the configured address, then the request, then the port', () => {
    assert.equal(publicBaseUrl('https://kamerlens.example/', 9000), 'https://kamerlens.example');
    assert.equal(publicBaseUrl(undefined, 9000), 'http://localhost:9000');
    assert.equal(withRequestOrigin('http://10.0.0.5:3000', () => publicBaseUrl(undefined, 9000)), 'http://10.0.0.5:3000');
    assert.equal(withRequestOrigin('http://10.0.0.5:3000', () => publicBaseUrl('https://kamerlens.example', 9000)), 'https://kamerlens.example');
  });
});

describe('links in feeds and sign-in mails', () => {
  let s: Opened;
  let app: Hono;
  const saved = process.env.KAMERLENS_BASE_URL;
  before(() => {
    delete process.env.KAMERLENS_BASE_URL;
    s = openServices(':memory:');
    app = createApp(s);
  });
  afterEach(() => delete process.env.KAMERLENS_BASE_URL);
  after(async () => {
    if (saved !== undefined) process.env.KAMERLENS_BASE_URL = saved;
    await s.close();
  });

  const feedOf = async () => {
    const user = await s.watch.userByEmail('lezer@example.org');
    await s.watch.createMonitor(user.id, { kind: 'search', params: { query: 'telecomraad' }, interval: 'immediate', email: false });
    return (await s.watch.mine(user.id)).monitors[0]!.feedPath;
  };

  it('an Atom feed links to the address it was read from', async () => {
    const feed = await feedOf();
    const xml = await (await app.request(`http://192.168.1.20:9123${feed}`)).text();
    assert.match(xml, /<link rel="self" type="application\/atom\+xml" href="http:\/\/192\.168\.1\.20:9123\/feeds\//);
    assert.doesNotMatch(xml, /localhost:8080/);
    process.env.KAMERLENS_BASE_URL = 'https://kamerlens.example';
    const configured = await (await app.request(`http://192.168.1.20:9123${feed}`)).text();
    assert.match(configured, /<link rel="self" type="application\/atom\+xml" href="https:\/\/kamerlens\.example\/feeds\//);
  });

  it('a sign-in link does not take the host of the form request', async () => {
    const logged: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string | Uint8Array) => (logged.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      const page = await app.request('http://evil.example/inloggen');
      const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
      const cookie = page.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
      const res = await app.request('http://evil.example/inloggen', {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'lezer@example.org', csrf }).toString(),
      });
      assert.equal(res.status, 200);
    } finally {
      process.stderr.write = write;
    }
    const line = logged.find((l) => l.includes('/inloggen/'));
    assert.ok(line, 'the link is printed without SMTP');
    assert.doesNotMatch(line, /evil\.example/);
    assert.match(line, /http:\/\/localhost:\d+\/inloggen\/[A-Za-z0-9_-]+/);
  });
});
