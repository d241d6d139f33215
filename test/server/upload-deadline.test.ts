/**
 * The upload's time budget over a real loopback server, with the limits scaled down (a 1 s
 * request deadline, uploads at ≥ 20 kB/s per 500 ms window): a slow upload that keeps coming
 * is read whole and imported although it takes longer than the request deadline; an upload
 * that stalls, or trickles, is cut off within about a window; and any other route keeps the
 * plain deadline (the slow-body attack of test/server/listen.test.ts stays closed).
 */
import assert from 'node:assert/strict';
import http from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { importUpload } from '../../src/ingest/upload.js';
import { bodyBudget, enforceBodyBudgets } from '../../src/server/body-deadline.js';
import { createApp } from '../../src/server/app.js';
import { BODY_LIMITS, SERVER_LIMITS, type ServerLimits } from '../../src/server/limits.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { MemoryMailer } from '../../src/watch/mailer.js';
import { watchWorld, type World } from '../watch/helpers.js';

const LIMITS: Partial<ServerLimits> = { requestTimeoutMs: 1_000, headersTimeoutMs: 1_000, checkEveryMs: 100, uploadMinBytesPerSecond: 20_000, uploadWindowMs: 500 };

let w: World;
let srv: Listening;
let session: { cookie: string; csrf: string };
const mailer = new MemoryMailer();

before(async () => {
  w = watchWorld({ mailer });
  const deps = { units: w.units, store: w.store, index: w.services.index, structure: w.structure };
  const app = createApp({ ...w.services, watch: w.watch, importUpload: (f) => importUpload(f, deps) });
  srv = await listen(app, { port: 0, hostname: '127.0.0.1', limits: LIMITS });
  await w.watch.requestSignIn('traag@example.org', '127.0.0.9');
  const token = /\/inloggen\/([A-Za-z0-9_-]+)/.exec(mailer.sent.at(-1)!.text)![1]!;
  const r = await w.watch.consumeSignIn(token);
  session = { cookie: `kl_session=${r.sessionToken}`, csrf: r.viewer.csrf! };
});
after(async () => {
  await srv.close();
  await w.close();
});

/** A multipart upload of one text file of about `bytes` bytes, as the raw request bytes. */
async function uploadRequest(bytes: number): Promise<Buffer> {
  const text = 'De minister informeert de Kamer over de voortgang van de glasvezeluitrol.\n'.repeat(Math.ceil(bytes / 74));
  const form = new FormData();
  form.set('csrf', session.csrf);
  form.append('bestanden', new Blob([text]), 'traag.txt');
  const req = new Request('http://x/importeren', { method: 'POST', body: form });
  const body = Buffer.from(await req.arrayBuffer());
  const head =
    `POST /importeren HTTP/1.1\r\nHost: 127.0.0.1:${srv.port}\r\nAccept: application/json\r\nOrigin: http://127.0.0.1:${srv.port}\r\nSec-Fetch-Site: same-origin\r\n` +
    `Cookie: ${session.cookie}\r\nContent-Type: ${req.headers.get('content-type')}\r\nContent-Length: ${body.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), body]);
}

/** Writes `data` in `chunk`-byte pieces every `gapMs`, stopping after `stopAfter` bytes; resolves with the answer once the server closes or answers. */
function send(data: Buffer, chunk: number, gapMs: number, stopAfter = data.length): Promise<{ response: string; written: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const sock = connect(srv.port, '127.0.0.1');
    let response = '';
    let written = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(guard);
      sock.destroy();
      resolve({ response, written, ms: Date.now() - t0 });
    };
    const guard = setTimeout(() => {
      done = true;
      sock.destroy();
      reject(new Error(`no answer within 20 s; got ${JSON.stringify(response.slice(0, 200))}`));
    }, 20_000);
    sock.on('data', (d) => {
      response += d.toString('utf8');
      // A complete JSON answer: the server read the whole upload.
      if (/\r\n\r\n[\s\S]*\}$/.test(response)) finish();
    });
    sock.on('error', () => undefined);
    sock.on('close', finish);
    sock.on('connect', async () => {
      for (let at = 0; at < Math.min(stopAfter, data.length) && !done; at += chunk) {
        sock.write(data.subarray(at, Math.min(at + chunk, stopAfter)));
        written = Math.min(at + chunk, stopAfter);
        await new Promise((r) => setTimeout(r, gapMs));
      }
    });
  });
}

describe('the upload budget', () => {
  it('grows with the declared size, up to what the body limit needs at the minimum rate', () => {
    const l = { ...SERVER_LIMITS };
    assert.deepEqual(bodyBudget('POST', '/inloggen', '1000', l), { deadlineMs: 30_000, progress: null });
    assert.deepEqual(bodyBudget('GET', '/importeren', undefined, l), { deadlineMs: 30_000, progress: null });
    const small = bodyBudget('POST', '/importeren?x=1', String(640 * 1024), l);
    assert.equal(small.deadlineMs, 30_000 + 10_000);
    assert.deepEqual(small.progress, { windowMs: 10_000, minBytes: 640 * 1024 });
    const huge = bodyBudget('POST', '/importeren', String(10 * BODY_LIMITS.upload), l);
    assert.equal(huge.deadlineMs, bodyBudget('POST', '/importeren', undefined, l).deadlineMs);
    // 50 MB at 64 KB/s: 800 s, plus the plain 30 s.
    assert.equal(huge.deadlineMs, 30_000 + 800_000);
  });
});

describe('an upload over a real server', () => {
  it('takes a slow upload that keeps coming, longer than the request deadline', async () => {
    const data = await uploadRequest(80_000);
    // 4 kB every 100 ms: 40 kB/s, twice the minimum; about 2 s, twice the request deadline.
    const r = await send(data, 4_000, 100);
    assert.ok(r.ms > LIMITS.requestTimeoutMs!, `took ${r.ms} ms`);
    assert.match(r.response, /^HTTP\/1\.1 200/);
    const body = JSON.parse(r.response.slice(r.response.indexOf('\r\n\r\n') + 4));
    assert.deepEqual(body.files.map((f: { name: string; status: string }) => [f.name, f.status]), [['traag.txt', 'new']]);
  });

  it('cuts off an upload that stalls halfway', async () => {
    const data = await uploadRequest(80_000);
    const r = await send(data, 8_000, 50, 40_000);
    assert.match(r.response, /^HTTP\/1\.1 408/);
    assert.equal(r.written, 40_000);
    // Cut within about a window after the last byte (window 500 ms, checks every 100 ms).
    assert.ok(r.ms < 2_500, `cut after ${r.ms} ms`);
  });

  it('cuts off an upload that trickles below the minimum rate', async () => {
    const data = await uploadRequest(80_000);
    // 200 bytes every 100 ms: 2 kB/s, a tenth of the minimum.
    const r = await send(data, 200, 100);
    assert.match(r.response, /^HTTP\/1\.1 408/);
    assert.ok(r.written < 20_000 && r.ms < 3_000, `cut after ${r.written} bytes, ${r.ms} ms`);
  });

  it('still cuts off headers that trickle in (the headers timeout of Node, untouched)', async () => {
    const lines = Array.from({ length: 40 }, (_, i) => `X-Langzaam-${i}: ja\r\n`).join('');
    const r = await send(Buffer.from(`POST /importeren HTTP/1.1\r\nHost: x\r\n${lines}`), 20, 100);
    assert.match(r.response, /^HTTP\/1\.1 408/);
    assert.ok(r.ms < 2_500, `cut after ${r.ms} ms`);
  });

  it('keeps the plain deadline for every other route', async () => {
    const head = 'POST /inloggen HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 10000\r\n\r\n';
    // 5 kB/s, steadily: a sign-in form must still arrive whole within the second.
    const r = await send(Buffer.concat([Buffer.from(head), Buffer.alloc(10_000, 0x61)]), 500, 100);
    assert.match(r.response, /^HTTP\/1\.1 408/);
    assert.ok(r.ms < 2_500, `cut after ${r.ms} ms`);
  });
});

describe('the body deadline on a connection kept open', () => {
  it('leaves nothing behind on the socket when a request is done, however many the connection carries', async () => {
    // A browser or a load balancer sends thousands of requests over one connection: what a
    // request's deadline hangs on the socket must go when the request is done.
    const seen: number[] = [];
    const server = http.createServer((req, res) => {
      seen.push(req.socket.listenerCount('close'));
      res.end('ja');
    });
    server.requestTimeout = 0;
    enforceBodyBudgets(server, { ...SERVER_LIMITS, ...LIMITS });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      for (let i = 0; i < 30; i++) {
        const method = i % 3 === 2 ? 'POST' : 'GET';
        await new Promise<void>((ok, fail) => {
          const req = http.request({ port, host: '127.0.0.1', path: '/', method, agent }, (res) => {
            res.resume();
            res.on('end', ok);
          });
          req.on('error', fail);
          req.end(method === 'POST' ? 'a=1' : undefined);
        });
      }
    } finally {
      agent.destroy();
      await new Promise((ok) => server.close(ok));
    }
    assert.equal(seen.length, 30);
    // Each request is seen while its own listener is on; none of the earlier ones are left.
    assert.ok(seen.every((n) => n === seen[0]), `close listeners per request: ${seen.join(' ')}`);
  });
});
