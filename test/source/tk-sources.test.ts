/** The HTTP SyncFeed client against the fake server (faults, retries, files) and the saved-page reader. */
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { DirTkSource, HttpTkSource, TK_USER_AGENT, TkFeedError, backoffDelay, DEFAULT_RETRY } from '../../src/source/tk/index.js';
import { saveWorld } from '../fake-tk/save-world.js';
import { startFakeTk, WORLD_FAULTS, type FakeTk } from '../fake-tk/server.js';
import { IDS, buildWorld } from '../fake-tk/world.js';

describe('HttpTkSource', () => {
  let fake: FakeTk;
  const slept: number[] = [];
  const client = (attempts = 4) =>
    new HttpTkSource({ baseUrl: fake.url + '/', retry: { attempts, sleep: async (ms) => void slept.push(ms), random: () => 0.5 } });

  before(async () => {
    fake = await startFakeTk(buildWorld(), { ...WORLD_FAULTS, brokenCategories: ['Zaal'] });
  });
  after(() => fake.close());

  it('pages through a category with skiptokens, sending its User-Agent', async () => {
    const c = client();
    const first = await c.page('Fractie', null);
    assert.equal(first.entries.length, 3);
    assert.equal(first.next, first.entries[2]!.cursor);
    // Fifteen fracties, three per page: the fifth page is the last.
    let page = first;
    for (let n = 2; n <= 5; n++) {
      page = await c.page('Fractie', page.next);
      assert.equal(page.entries.length, 3);
    }
    assert.equal(page.next, null);
    assert.ok(fake.userAgents.has(TK_USER_AGENT));
  });

  it('retries a page that answers 500 and then a truncated body, with growing backoff', async () => {
    slept.length = 0;
    const page = await client().page('Document', null);
    assert.equal(page.entries.length, 3);
    assert.deepEqual(slept, [DEFAULT_RETRY.baseDelayMs, 2 * DEFAULT_RETRY.baseDelayMs]);
    assert.equal(fake.requests.filter((r) => r === '/SyncFeed/2.0/Feed?category=Document').length, 3);
  });

  it('gives up on a page that stays garbage after all attempts', async () => {
    await assert.rejects(client(3).page('Zaal', null), (e: unknown) => e instanceof TkFeedError);
  });

  it('downloads a file only at its announced length; a 404 is missing', async () => {
    const c = client();
    const verslag = buildWorld().events.find((e) => e.id === IDS.verslag)!;
    const ok = await c.resource(`${fake.url}/SyncFeed/2.0/Resources/${IDS.verslag}`, verslag.file!.bytes.byteLength);
    assert.equal(ok.status, 'ok', 'the short first answer is retried');
    const missing = await c.resource(`${fake.url}/SyncFeed/2.0/Resources/${IDS.docMotie}`, 31337);
    assert.equal(missing.status, 'missing');
    const wrong = await client(2).resource(`${fake.url}/SyncFeed/2.0/Resources/${IDS.verslag}`, 5);
    assert.equal(wrong.status, 'broken');
  });

  it('a page whose body stalls is cut off by the timeout and retried', async () => {
    const feed = '<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>';
    let requests = 0;
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/atom+xml', 'content-length': Buffer.byteLength(feed) });
      // The first answer sends its head and a few bytes, then nothing.
      if (++requests === 1) res.write(feed.slice(0, 20));
      else res.end(feed);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const c = new HttpTkSource({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, pageTimeoutMs: 200, retry: { sleep: async () => {} } });
      assert.deepEqual(await c.page('Zaak', null), { entries: [], next: null });
      assert.equal(requests, 2);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('a category whose first page is not found is absent; a later page not found is an error', async () => {
    for (const status of [400, 404, 410]) {
      const fetch = (async () => new Response('niet gevonden', { status })) as unknown as typeof globalThis.fetch;
      const c = new HttpTkSource({ baseUrl: 'http://127.0.0.1:9', fetch, retry: { attempts: 1 } });
      assert.deepEqual(await c.page('Reservering', null), { entries: [], next: null, absent: true }, `HTTP ${status}`);
      await assert.rejects(c.page('Reservering', '12345'), new RegExp(`HTTP ${status}`));
    }
    // A server error is no answer about the category: it stays a failure (after its retries).
    const broken = (async () => new Response('kapot', { status: 503 })) as unknown as typeof globalThis.fetch;
    await assert.rejects(new HttpTkSource({ baseUrl: 'http://127.0.0.1:9', fetch: broken, retry: { attempts: 1 } }).page('Reservering', null), /HTTP 503/);
  });

  it('refuses a source that is no http(s) address by name, before fetching anything', () => {
    let fetched = 0;
    const fetch = (async () => {
      fetched++;
      throw new Error('no fetch expected');
    }) as typeof globalThis.fetch;
    // A folder typed after --source, and a file: URL, used to fail as "Invalid URL" or be retried as "fetch failed".
    for (const baseUrl of ['../shared/real/tk-feed', '/srv/tk-feed', 'file:///srv/tk-feed', 'ftp://example.org']) {
      assert.throws(() => new HttpTkSource({ baseUrl, fetch }), (e: Error & { code?: string }) => e.code === 'BAD_CONFIG' && e.message.includes(JSON.stringify(baseUrl)) && e.message.includes('--from-dir'), baseUrl);
    }
    assert.equal(fetched, 0);
    assert.equal(new HttpTkSource({ baseUrl: 'https://gegevensmagazijn.tweedekamer.nl/', fetch }).label, 'https://gegevensmagazijn.tweedekamer.nl');
  });

  it('backoff doubles, is capped, and jitters within ±50 %', () => {
    const p = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    assert.equal(backoffDelay({ ...p, random: () => 0.5 }, 3), 400);
    assert.equal(backoffDelay({ ...p, random: () => 0.5 }, 10), 1000);
    assert.equal(backoffDelay({ ...p, random: () => 0 }, 1), 50);
  });
});

describe('DirTkSource', () => {
  it('reads saved pages and files through the same parser; a category it does not hold is absent', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kl-tkworld-'));
    saveWorld(buildWorld(), dir, 3, [IDS.docMotie]);
    const src = new DirTkSource(dir);
    const first = await src.page('Persoon', null);
    assert.equal(first.entries.length, 3);
    assert.ok(first.entries[0]!.entity.fields['achternaam']);
    assert.deepEqual(await src.page('PersoonReis', null), { entries: [], next: null, absent: true });
    await assert.rejects(src.page('Persoon', '999999'));
    const file = await src.resource(`https://gegevensmagazijn.tweedekamer.nl/SyncFeed/2.0/Resources/${IDS.doc2025}`, null);
    assert.equal(file.status, 'ok');
    assert.equal((await src.resource(`https://x/SyncFeed/2.0/Resources/${IDS.docMotie}`, null)).status, 'missing');
  });
});
