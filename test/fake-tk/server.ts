/**
 * A fake gegevensmagazijn on loopback (node:http, port 0): SyncFeed pages, resources and
 * single entities from a World, with scripted faults (5xx, truncated bodies, garbage XML,
 * short downloads) and an optional delay per request.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { indexWorld, pageFor, renderEntity, type FeedIndex } from './feed-xml.js';
import { IDS, type World } from './world.js';

/** How one request goes wrong: a 500, a body cut off mid-transfer, or a page of non-XML. */
export type Fault = 'status500' | 'truncated' | 'garbage' | 'short';

export interface FakeTkOptions {
  /** Entries per page (the real feed: 250). */
  pageSize?: number;
  /** Faults for the next requests of one page, consumed in order; then it works. */
  pageFaults?: { category: string; skiptoken: string | null; faults: Fault[] }[];
  /** Faults for the next downloads of one resource, consumed in order. */
  resourceFaults?: { id: string; faults: Fault[] }[];
  /** Categories whose every page is garbage: a category that keeps failing. */
  brokenCategories?: string[];
  /** Milliseconds to wait before answering any request (to stretch a run for kill tests). */
  delayMs?: number;
  /** Resources the feed lists but cannot serve (404) until removed from `FakeTk.missing`. */
  missingResources?: string[];
  /**
   * Which host the pages' links name: `kamer` (default) the Kamer's own, as the real service
   * and every mirror of its pages do; `own` this server's address.
   */
  links?: 'kamer' | 'own';
}

/** The host the real feed names in every link. */
export const KAMER_BASE = 'https://gegevensmagazijn.tweedekamer.nl';

/**
 * The faults the tests put on the world (the saved demo has none): the first Document page
 * fails twice, the VLOS file arrives short once, and the motie's file is listed but not
 * served (404) until a test lets it come back.
 */
export const WORLD_FAULTS: Pick<FakeTkOptions, 'pageFaults' | 'resourceFaults' | 'missingResources'> = {
  pageFaults: [{ category: 'Document', skiptoken: null, faults: ['status500', 'truncated'] }],
  resourceFaults: [{ id: IDS.verslag, faults: ['short'] }],
  missingResources: [IDS.docMotie],
};

export interface FakeTk {
  url: string;
  world: World;
  /** Every request path with query, in arrival order. */
  requests: string[];
  userAgents: Set<string>;
  /** Resources answered with 404; delete an id to let its file come back. */
  missing: Set<string>;
  close(): Promise<void>;
}

const GARBAGE = '<html><body><h1>502 Bad Gateway</h1><p>The proxy server received an invalid response</body>';

export async function startFakeTk(world: World, options: FakeTkOptions = {}): Promise<FakeTk> {
  const pageSize = options.pageSize ?? 3;
  const pageFaults = (options.pageFaults ?? []).map((f) => ({ ...f, faults: [...f.faults] }));
  const resourceFaults = (options.resourceFaults ?? []).map((f) => ({ ...f, faults: [...f.faults] }));
  const requests: string[] = [];
  const userAgents = new Set<string>();
  const missing = new Set(options.missingResources ?? []);
  let index: FeedIndex = indexWorld(world);
  let indexed = world.events.length;
  let base = '';

  const send = (res: ServerResponse, status: number, type: string, body: string | Uint8Array, fault?: Fault) => {
    const bytes = typeof body === 'string' ? Buffer.from(body) : Buffer.from(body);
    if (fault === 'status500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('Internal Server Error');
    } else if (fault === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/atom+xml' }).end(GARBAGE);
    } else if (fault === 'short') {
      // An honest but short body: only a byte count check can notice.
      const part = bytes.subarray(0, Math.floor(bytes.length / 2));
      res.writeHead(200, { 'content-type': type, 'content-length': part.length }).end(part);
    } else if (fault === 'truncated') {
      res.writeHead(200, { 'content-type': type, 'content-length': bytes.length });
      res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => res.socket?.destroy());
    } else {
      res.writeHead(status, { 'content-type': type, 'content-length': bytes.length }).end(bytes);
    }
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', base);
    requests.push(url.pathname + url.search);
    userAgents.add(req.headers['user-agent'] ?? '');
    if (world.events.length !== indexed) {
      index = indexWorld(world);
      indexed = world.events.length;
    }
    if (url.pathname === '/SyncFeed/2.0/Feed') {
      const category = url.searchParams.get('category') ?? '';
      const skiptoken = url.searchParams.get('skiptoken');
      if (!category) return send(res, 400, 'text/plain', 'category required');
      if (options.brokenCategories?.includes(category)) return send(res, 200, 'application/atom+xml', '', 'garbage');
      const fault = pageFaults.find((f) => f.category === category && f.skiptoken === skiptoken)?.faults.shift();
      return send(res, 200, 'application/atom+xml; charset=utf-8', pageFor(index, options.links === 'own' ? base : KAMER_BASE, category, skiptoken, pageSize), fault);
    }
    const resource = /^\/SyncFeed\/2\.0\/Resources\/([0-9a-f-]+)$/.exec(url.pathname);
    if (resource) {
      const id = resource[1]!;
      const e = world.events.findLast((x) => x.id === id && x.file);
      if (!e?.file || missing.has(id)) return send(res, 404, 'text/plain', 'Not Found');
      const fault = resourceFaults.find((f) => f.id === id)?.faults.shift();
      return send(res, 200, e.file.contentType, e.file.bytes, fault);
    }
    const entity = /^\/SyncFeed\/2\.0\/Entiteiten\/([0-9a-f-]+)$/.exec(url.pathname);
    if (entity) {
      const e = world.events.findLast((x) => x.id === entity[1]);
      if (!e) return send(res, 404, 'text/plain', 'Not Found');
      return send(res, 200, 'application/xml', `<?xml version="1.0" encoding="utf-8"?>\n${renderEntity(e, true)}\n`);
    }
    send(res, 404, 'text/plain', 'Not Found');
  };

  const server = createServer((req, res) => {
    if (options.delayMs) setTimeout(() => handle(req, res), options.delayMs);
    else handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    world,
    requests,
    userAgents,
    missing,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
