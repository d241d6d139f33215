/**
 * A hostile feed decides no path and no host: ids and categories that are not ours never
 * reach a file name, enclosures are fetched only over http(s) from the source's own host
 * (no redirects, no data: URLs, never past their announced length), and a sync of such a
 * feed writes nothing outside its data folder.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { syncFeed, tkFilePath } from '../../src/ingest/sync.js';
import { openServices } from '../../src/main.js';
import { DirTkSource, HttpTkSource } from '../../src/source/tk/index.js';
import { enclosureRefusal } from '../../src/source/tk/source.js';

const GOOD = '0f9b3a8e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const BASE = 'https://gegevensmagazijn.tweedekamer.nl';

describe('the feed decides no path', () => {
  it('builds file paths from a known category and an id of letters, digits, - and _ only', () => {
    assert.equal(tkFilePath({ entityId: GOOD, category: 'Document', contentType: 'application/pdf' }, 1), join('files', 'Document', '0f', `${GOOD}.v1.pdf`));
    // An id anonymised at the source (the real sample's verslag "abc") names a file as safely as a GUID.
    assert.equal(tkFilePath({ entityId: 'abc', category: 'Verslag', contentType: 'text/xml' }, 1), join('files', 'Verslag', 'ab', 'abc.v1.xml'));
    for (const id of ['../../x', '..', 'a.b', 'a/b', 'a\\b', 'ABC', '-abc', '', 'a%2Fb', 'x'.repeat(129)]) {
      assert.throws(() => tkFilePath({ entityId: id, category: 'Document', contentType: null }, 1), /kan geen bestandsnaam zijn \(alleen kleine letters, cijfers, - en _\)/, id);
    }
    assert.throws(() => tkFilePath({ entityId: GOOD, category: '../../x', contentType: null }, 1), /categorie "\.\.\/\.\.\/x" is geen bekende categorie/);
    assert.throws(() => tkFilePath({ entityId: GOOD, category: 'Document', contentType: null }, 0), /ongeldige bestandsversie 0/);
  });
});

describe('the feed decides no host', () => {
  const hosts = ['gegevensmagazijn.tweedekamer.nl'];
  it('refuses other schemes, other hosts and paths that do not end in an entity id', () => {
    assert.equal(enclosureRefusal(`${BASE}/SyncFeed/2.0/Resources/${GOOD}`, hosts), null);
    assert.match(enclosureRefusal(`data:application/pdf;base64,JVBERi0=`, hosts) ?? '', /^bijlage-link met schema data: geweigerd \(alleen http en https\)$/);
    assert.match(enclosureRefusal(`file:///etc/passwd`, hosts) ?? '', /schema file:/);
    assert.match(enclosureRefusal(`http://169.254.169.254/latest/${GOOD}`, hosts) ?? '', /^bijlage-link naar host 169\.254\.169\.254 geweigerd \(toegestaan: gegevensmagazijn\.tweedekamer\.nl; meer hosts met KAMERLENS_TK_FILE_HOSTS\)$/);
    assert.match(enclosureRefusal(`${BASE}/SyncFeed/2.0/Resources/..%2F..%2Fx`, hosts) ?? '', /eindigt niet op een entiteit-id/);
    assert.equal(enclosureRefusal(`${BASE}/SyncFeed/2.0/Resources/abc`, hosts), null);
    assert.equal(enclosureRefusal(`${BASE}/SyncFeed/2.0/Resources/${GOOD.toUpperCase()}`, hosts), null, 'a GUID in upper case is the same entity');
    assert.match(enclosureRefusal('not a url', hosts) ?? '', /^bijlage-link "not a url" is geen URL$/);
  });

  it('fetches nothing from another host, follows no redirect and stops at the announced length', async () => {
    const asked: { url: string; redirect: RequestRedirect | undefined }[] = [];
    const fake = (async (url: string | URL | Request, init?: RequestInit) => {
      asked.push({ url: String(url), redirect: init?.redirect });
      if (String(url).endsWith('/redirect/' + GOOD)) return new Response(null, { status: 302, headers: { location: 'http://127.0.0.1/' } });
      return new Response(new Uint8Array(64));
    }) as typeof fetch;
    const src = new HttpTkSource({ baseUrl: BASE, fetch: fake, retry: { attempts: 1, sleep: async () => undefined } });

    const other = await src.resource(`http://10.0.0.1/SyncFeed/2.0/Resources/${GOOD}`, null);
    assert.equal(other.status, 'refused');
    const data = await src.resource('data:text/plain,hallo', null);
    assert.equal(data.status, 'refused');
    assert.equal(asked.length, 0, 'nothing was requested for a refused enclosure');

    const moved = await src.resource(`${BASE}/redirect/${GOOD}`, null);
    assert.equal(moved.status, 'broken', 'a redirect is not followed');
    assert.equal(asked[0]?.redirect, 'manual');

    const long = await src.resource(`${BASE}/SyncFeed/2.0/Resources/${GOOD}`, 10);
    assert.equal(long.status, 'broken', 'more bytes than announced');
    const ok = await src.resource(`${BASE}/SyncFeed/2.0/Resources/${GOOD}`, 64);
    assert.equal(ok.status, 'ok');
  });

  it('takes extra file hosts only when configured', async () => {
    const fake = (async () => new Response(new Uint8Array(3))) as unknown as typeof fetch;
    const mirror = `https://mirror.example.org/SyncFeed/2.0/Resources/${GOOD}`;
    assert.equal((await new HttpTkSource({ baseUrl: BASE, fetch: fake }).resource(mirror, 3)).status, 'refused');
    assert.equal((await new HttpTkSource({ baseUrl: BASE, fetch: fake, fileHosts: ['mirror.example.org'] }).resource(mirror, 3)).status, 'ok');
  });

  it('asks a mirror for the files its copied pages name on the Kamer’s host, and nothing else', async () => {
    const asked: string[] = [];
    const fake = (async (url: string | URL | Request) => {
      asked.push(String(url));
      return new Response(new Uint8Array(3));
    }) as typeof fetch;
    const src = new HttpTkSource({ baseUrl: 'http://127.0.0.1:9/tk/', fetch: fake, retry: { attempts: 1, sleep: async () => undefined } });
    const kamer = 'https://gegevensmagazijn.tweedekamer.nl';
    assert.equal((await src.resource(`${kamer}/SyncFeed/2.0/Resources/${GOOD}`, 3)).status, 'ok');
    assert.deepEqual(asked, [`http://127.0.0.1:9/tk/SyncFeed/2.0/Resources/${GOOD}`], 'the file is asked of the configured source');
    // Only the Kamer's resource links are read so: another host, another path or an id that cannot name a file stays refused.
    assert.equal((await src.resource(`https://evil.example/SyncFeed/2.0/Resources/${GOOD}`, 3)).status, 'refused');
    assert.equal((await src.resource(`${kamer}/elders/${GOOD}`, 3)).status, 'refused');
    assert.equal((await src.resource(`${kamer}/SyncFeed/2.0/Resources/a.b`, 3)).status, 'refused');
    assert.equal(asked.length, 1);
    // An id anonymised at the source is asked of the configured source like a GUID.
    assert.equal((await src.resource(`${kamer}/SyncFeed/2.0/Resources/abc`, 3)).status, 'ok');
    assert.deepEqual(asked.slice(1), ['http://127.0.0.1:9/tk/SyncFeed/2.0/Resources/abc']);
    // A Kamer host configured as a file host is fetched as named.
    const direct = new HttpTkSource({ baseUrl: 'http://127.0.0.1:9', fetch: fake, fileHosts: ['gegevensmagazijn.tweedekamer.nl'] });
    assert.equal((await direct.resource(`${kamer}/SyncFeed/2.0/Resources/${GOOD}`, 3)).status, 'ok');
    assert.equal(asked[2], `${kamer}/SyncFeed/2.0/Resources/${GOOD}`);
  });
});

describe('a sync of a hostile saved feed', () => {
  it('writes nothing outside the data folder and records why each file was refused', async () => {
    const root = mkdtempSync(join(tmpdir(), 'kl-hostile-'));
    try {
      const feedDir = join(root, 'feed');
      const dataDir = join(root, 'data');
      mkdirSync(join(feedDir, 'Document'), { recursive: true });
      mkdirSync(join(feedDir, 'resources'), { recursive: true });
      mkdirSync(dataDir);
      // A file the feed would like written: named by a traversal id and by a good id.
      writeFileSync(join(feedDir, 'resources', GOOD), 'geen pdf');
      const doc = (id: string, href: string) => `<entry><title>${id}</title><category term="document"/>
        <link rel="next" href="${BASE}/SyncFeed/2.0/Feed?category=Document&amp;skiptoken=1"/>
        <link rel="enclosure" href="${href}"/>
        <content type="application/xml"><document xmlns="http://www.tweedekamer.nl/xsd/tkData/v1-0" xmlns:tk="http://www.tweedekamer.nl/xsd/tkData/v1-0"
          id="${id}" tk:bijgewerkt="2025-03-03T12:00:00" tk:verwijderd="false" tk:contentType="application/pdf"><soort>Brief</soort></document></content></entry>`;
      writeFileSync(
        join(feedDir, 'Document', 'start.xml'),
        `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>
        ${doc('../../x', `${BASE}/SyncFeed/2.0/Resources/${GOOD}`)}
        ${doc('1f031e16-cb3b-45b5-b3c9-a8abd27c913a', `data:application/pdf;base64,JVBERi0=`)}
        </feed>`,
      );
      const w = openServices(':memory:');
      try {
        const r = await syncFeed({ fromDir: feedDir, dataDir, categories: ['Document'] }, { units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk });
        assert.equal(r.ok, true);
        assert.deepEqual([r.files.fetched, r.files.refused, r.files.imported], [0, 2, 0]);
        assert.match((await w.tk.getFile('../../x'))?.lastError ?? '', /^geweigerd: entiteit-id "\.\.\/\.\.\/x" kan geen bestandsnaam zijn \(alleen kleine letters, cijfers, - en _\)$/);
        assert.match((await w.tk.getFile('1f031e16-cb3b-45b5-b3c9-a8abd27c913a'))?.lastError ?? '', /^geweigerd: bijlage-link met schema data: geweigerd \(alleen http en https\)$/);
        // A refusal written before the messages were Dutch ("refused: …") stays refused too: not tried again.
        await w.tk.recordFileFailed('../../x', 'broken', 'refused: entity id "../../x" is not a GUID');
        const again = await syncFeed({ fromDir: feedDir, dataDir, categories: ['Document'] }, { units: w.units, store: w.store, index: w.index, structure: w.structure, tkStore: w.tk });
        assert.equal(again.files.refused, 0);
        assert.equal((await w.tk.getFile('../../x'))?.lastError, 'refused: entity id "../../x" is not a GUID');
        assert.deepEqual(readdirSync(root).sort(), ['data', 'feed'], 'nothing beside the data folder');
        assert.equal(existsSync(join(dataDir, 'files')), false, 'and nothing inside it either');
      } finally {
        await w.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('reads saved resources by their entity id only', async () => {
    const src = new DirTkSource(mkdtempSync(join(tmpdir(), 'kl-hostile-dir-')));
    assert.equal((await src.resource(`${BASE}/SyncFeed/2.0/Resources/..%2F..%2Fetc%2Fpasswd`, null)).status, 'refused');
    assert.equal((await src.resource(`${BASE}/SyncFeed/2.0/Resources/${GOOD}`, null)).status, 'missing');
  });
});
