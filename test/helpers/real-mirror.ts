/**
 * A loopback mirror of a saved SyncFeed world (`<dir>/<Category>/<start|skiptoken>.xml`,
 * `<dir>/resources/<id>`), as a proxy or mirror of gegevensmagazijn serves it: the pages byte
 * for byte, so every link in them still names the Kamer's host; files by their id only; a
 * category the folder does not hold answered 404, as a mirror of a subset does.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

export interface RealMirror {
  url: string;
  /** Every path asked, with its query, in order. */
  asked: string[];
  close(): Promise<void>;
}

export async function startRealMirror(dir: string): Promise<RealMirror> {
  const asked: string[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://mirror');
    asked.push(url.pathname + url.search);
    const feed = url.pathname === '/SyncFeed/2.0/Feed' ? url.searchParams.get('category') : null;
    if (feed !== null && /^[A-Za-z]+$/.test(feed)) {
      const token = url.searchParams.get('skiptoken');
      const file = join(dir, feed, token === null ? 'start.xml' : `${token.replace(/\D/g, '')}.xml`);
      if (existsSync(file)) {
        res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8' });
        res.end(readFileSync(file));
        return;
      }
    }
    const resource = /^\/SyncFeed\/2\.0\/Resources\/([0-9a-f-]{36})$/.exec(url.pathname)?.[1];
    const file = resource ? join(dir, 'resources', resource) : null;
    if (file && existsSync(file)) {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      res.end(readFileSync(file));
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    asked,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
