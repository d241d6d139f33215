/**
 * The real HTTP server on loopback, as main.ts starts it: a huge body is refused before it is
 * read (and the server's memory does not grow by it), a slow body is cut off, the limits are
 * set on the server, and a flood of concurrent searches is answered (200 or a clean 503), never reset.
 */
import assert from 'node:assert/strict';
import { connect } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { createApp } from '../../src/server/app.js';
import { listen, type Listening } from '../../src/server/listen.js';
import { SERVER_LIMITS } from '../../src/server/limits.js';
import { addDoc, watchWorld, type World } from '../watch/helpers.js';

let w: World;
let srv: Listening;

/** Sends raw bytes, returns what came back when the server closed (or after `waitMs`). */
function raw(port: number, chunks: (string | Buffer)[], options: { gapMs?: number; waitMs?: number } = {}): Promise<{ response: string; closedAfterMs: number; written: number }> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const sock = connect(port, '127.0.0.1');
    let response = '';
    let written = 0;
    let closed = false;
    sock.on('data', (d) => (response += d.toString('latin1')));
    sock.on('error', () => undefined); // a reset while we still write is an answer too
    sock.on('close', () => {
      closed = true;
      resolve({ response, closedAfterMs: Date.now() - t0, written });
    });
    sock.on('connect', async () => {
      for (const c of chunks) {
        if (closed || sock.destroyed) break;
        // Stop writing once the server answered (it will not read the rest).
        if (response.length > 0) break;
        await new Promise<void>((r) => (sock.write(c) ? r() : sock.once('drain', r)));
        written += c.length;
        if (options.gapMs) await new Promise((r) => setTimeout(r, options.gapMs));
      }
      setTimeout(() => {
        if (!closed) {
          sock.destroy();
          reject(new Error(`no close within ${options.waitMs ?? 10_000} ms; got ${JSON.stringify(response.slice(0, 200))}`));
        }
      }, options.waitMs ?? 10_000);
    });
  });
}

before(async () => {
  w = watchWorld();
  await addDoc(w, { id: 'brief', title: 'Brief', text: 'De minister schrijft over cyberbeveiliging.' });
  const app = createApp({ ...w.services, structure: w.structure, watch: w.watch });
  srv = await listen(app, { port: 0, hostname: '127.0.0.1', limits: { requestTimeoutMs: 1_500, headersTimeoutMs: 1_000, checkEveryMs: 250 } });
});
after(async () => {
  await srv.close();
  await w.close();
});

describe('the HTTP server', () => {
  it('carries the limits: timeouts and a connection cap', () => {
    const s = srv.server;
    // The body deadline is kept per request (body-deadline.ts), so Node's own one is off.
    assert.equal(s.requestTimeout, 0);
    assert.equal(s.headersTimeout, 1_000);
    assert.equal(s.maxConnections, SERVER_LIMITS.maxConnections);
    assert.ok(SERVER_LIMITS.requestTimeoutMs <= 30_000, 'a slow body is not kept for minutes');
  });

  it('answers 413 to a 60 MB sign-in form without reading it, and closes the connection', async () => {
    const size = 60 * 1024 * 1024;
    const head = `POST /inloggen HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${size}\r\n\r\n`;
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    const heap0 = process.memoryUsage().rss;
    const r = await raw(srv.port, [head, ...Array.from({ length: size / chunk.length }, () => chunk)]);
    assert.match(r.response, /^HTTP\/1\.1 413/);
    assert.match(r.response, /connection: close/i);
    assert.ok(r.written < size / 2, `the client got its answer after ${r.written} of ${size} bytes`);
    assert.ok(process.memoryUsage().rss - heap0 < 40 * 1024 * 1024, 'the body was not buffered');
  });

  it('cuts off a request whose body trickles in', async () => {
    const head = 'POST /inloggen HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n';
    const r = await raw(srv.port, [head, ...Array.from({ length: 100 }, () => 'a')], { gapMs: 100, waitMs: 8_000 });
    const body = r.written - head.length;
    assert.ok(body < 100 && r.closedAfterMs < 6_000, `closed after ${body} bytes of body, ${r.closedAfterMs} ms`);
    assert.match(r.response, /^HTTP\/1\.1 408|^$/, 'a 408 or a plain close');
  });

  it('answers every one of 200 concurrent searches with 200 or 503, never a reset', async () => {
    const url = `http://127.0.0.1:${srv.port}/api/search?q=cyberbeveiliging`;
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => fetch(`${url}&page=${1 + (i % 3)}`).then((r) => r.status, (e: Error) => `error: ${e.message}`)));
    const bad = results.filter((s) => s !== 200 && s !== 503);
    assert.deepEqual(bad, []);
  });
});
