/**
 * Webhook delivery: JSON POSTs signed with HMAC-SHA256 over `<timestamp>.<body>`, in the
 * header `X-Kamerlens-Signature: t=<unix seconds>,sha256=<hex>`. Receivers verify with
 * verifySignature and deduplicate on `X-Kamerlens-Delivery` (a resend after a crash keeps it).
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { lookup } from 'node:dns/promises';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { hmacHex, safeEqual } from './crypto.js';

export const SIGNATURE_HEADER = 'x-kamerlens-signature';
export const DELIVERY_HEADER = 'x-kamerlens-delivery';

export function signatureHeader(secret: string, body: string, unixSeconds: number): string {
  return `t=${unixSeconds},sha256=${hmacHex(secret, `${unixSeconds}.${body}`)}`;
}

/** Checks a signature header against the body (and, optionally, its age). */
export function verifySignature(secret: string, body: string, header: string | null | undefined, options: { now?: number; toleranceSeconds?: number } = {}): boolean {
  if (!header) return false;
  const m = /^t=(\d+),sha256=([0-9a-f]{64})$/.exec(header);
  if (!m) return false;
  const t = Number(m[1]);
  if (options.toleranceSeconds !== undefined && Math.abs((options.now ?? Date.now() / 1000) - t) > options.toleranceSeconds) return false;
  return safeEqual(hmacHex(secret, `${t}.${body}`), m[2]!);
}

export interface WebhookSender {
  /** Resolves with the HTTP status; rejects on a network error. */
  post(url: string, body: string, headers: Record<string, string>): Promise<number>;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;
type LookupOptions = { family?: number | string; all?: boolean; hints?: number };
/** `dns.lookup`'s shape with `all: true`, the one a test may replace. */
export type ResolveAll = (host: string, options: { all: true; verbatim: true; family?: number; hints?: number }, cb: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

/** How the messages (Dutch, like the rest of the site) name a refused kind of address. */
const ADDRESS_WORD = { private: 'privé-adres', loopback: 'loopback-adres' } as const;

/** Why an address is refused as a webhook target, or null. */
function refusal(address: string, allowLoopback: boolean): string | null {
  const kind = addressKind(address);
  return kind === 'private' || (kind === 'loopback' && !allowLoopback) ? `een ${ADDRESS_WORD[kind]} (${address})` : null;
}

/**
 * The webhook sender: one POST over node:http(s) with a timeout; redirects are not followed (a
 * 3xx counts as failure). The address is checked again where it matters, when the socket
 * connects: the host name is resolved by a lookup that refuses private and loopback answers,
 * so a name that turned private after the check at registration (DNS rebinding) reaches
 * nothing. IP literals, which are not looked up, are checked before connecting.
 */
export function webhookSender(options: { timeoutMs?: number; allowLoopback?: boolean; resolve?: ResolveAll } = {}): WebhookSender {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const allowLoopback = options.allowLoopback ?? false;
  const resolve: ResolveAll = options.resolve ?? ((host, o, cb) => dnsLookup(host, o, cb));
  const lookup = (hostname: string, o: LookupOptions, cb: LookupCallback): void => {
    const family = o.family === 'IPv4' ? 4 : o.family === 'IPv6' ? 6 : typeof o.family === 'number' ? o.family : 0;
    resolve(hostname, { all: true, verbatim: true, family, ...(o.hints !== undefined ? { hints: o.hints } : {}) }, (err, addresses) => {
      if (err) return cb(err, []);
      for (const a of addresses) {
        const why = refusal(a.address, allowLoopback);
        if (why) return cb(Object.assign(new Error(`De webhookhost ${hostname} verwijst bij bezorging naar ${why}; niet verstuurd`), { code: 'EADDRREFUSED' }), []);
      }
      if (addresses.length === 0) return cb(Object.assign(new Error(`De webhookhost ${hostname} kan niet worden opgezocht`), { code: 'ENOTFOUND' }), []);
      if (o.all) cb(null, addresses);
      else cb(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
  return {
    post(url, body, headers) {
      return new Promise<number>((done, fail) => {
        const u = new URL(url);
        const host = u.hostname.replace(/^\[|\]$/g, '');
        const why = isIP(host) ? refusal(host, allowLoopback) : null;
        if (why) return fail(new Error(`Het webhookadres is ${why}; niet verstuurd`));
        const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
        const req = request(u, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'user-agent': 'kamerlens-webhook/1', ...headers },
          lookup: lookup as never,
          agent: false,
          signal: AbortSignal.timeout(timeoutMs),
        }, (res) => {
          res.resume();
          done(res.statusCode ?? 0);
        });
        req.on('error', fail);
        req.end(body);
      });
    },
  };
}

/** Retry delay after `attempt` failures: 1 min, 2, 4, … capped at 6 h (no jitter: runs are batched). */
export function backoffMs(attempt: number, baseMs = 60_000, capMs = 6 * 3600_000): number {
  return Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
}

/** Only http(s) URLs with a host; http only to loopback (development and tests). */
export function checkWebhookUrl(raw: string, allowHttp: boolean): string | null {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return 'De webhook-URL is geen geldige URL';
  }
  if (u.username || u.password) return 'The webhook URL must not contain credentials';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && (allowHttp || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))) return null;
  return 'The webhook URL must use https';
}

/** The 16 bytes of an IPv6 address in any textual form (`::`, embedded dotted IPv4), or null. */
export function parseIpv6(text: string): Uint8Array | null {
  const a = text.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (!a.includes(':') || !/^[0-9a-f:.]+$/.test(a)) return null;
  let head = a;
  const tail: number[] = [];
  const dotted = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) {
    const v4 = parseIpv4(dotted[2]!);
    if (!v4) return null;
    head = dotted[1]!.endsWith('::') ? dotted[1]! : dotted[1]!.slice(0, -1);
    tail.push((v4[0]! << 8) | v4[1]!, (v4[2]! << 8) | v4[3]!);
  }
  const halves = head.split('::');
  if (halves.length > 2) return null;
  const groups = (h: string) => (h === '' ? [] : h.split(':'));
  const left = groups(halves[0]!);
  const right = halves.length === 2 ? groups(halves[1]!) : [];
  const words: number[] = [];
  for (const g of [...left, ...right]) {
    if (!/^[0-9a-f]{1,4}$/.test(g)) return null;
  }
  const given = left.length + right.length + tail.length;
  if (halves.length === 1 ? given !== 8 : given > 7) return null;
  words.push(...left.map((g) => parseInt(g, 16)));
  if (halves.length === 2) for (let i = given; i < 8; i++) words.push(0);
  words.push(...right.map((g) => parseInt(g, 16)), ...tail);
  const out = new Uint8Array(16);
  words.forEach((w, i) => {
    out[2 * i] = w >> 8;
    out[2 * i + 1] = w & 0xff;
  });
  return out;
}

/** The four bytes of a dotted-quad IPv4 address, or null. */
function parseIpv4(text: string): number[] | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return null;
  const b = m.slice(1).map(Number);
  return b.every((x) => x <= 255) ? b : null;
}

function ipv4Kind([x, y, z]: number[]): 'public' | 'loopback' | 'private' {
  if (x === 127) return 'loopback';
  if (x === 0 || x === 10 || (x === 172 && y! >= 16 && y! <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254)) return 'private';
  // CGNAT, IETF protocol assignments, 6to4 relay, documentation, benchmarking, multicast, reserved
  if ((x === 100 && y! >= 64 && y! <= 127) || (x === 192 && y === 0) || (x === 192 && y === 88 && z === 99) || (x === 198 && (y === 18 || y === 19))) return 'private';
  if ((x === 198 && y === 51 && z === 100) || (x === 203 && y === 0 && z === 113) || x! >= 224) return 'private';
  return 'public';
}

/**
 * Whether an address is one a webhook must never reach from the server: loopback, private
 * (RFC 1918, unique-local), link-local (incl. cloud metadata 169.254.169.254), carrier-grade
 * NAT, unspecified, multicast and reserved ranges — in every IPv6 spelling that carries an
 * IPv4 address to the kernel or a translator: IPv4-mapped in dotted or hex form
 * (`::ffff:7f00:1`, what `new URL` makes of `[::ffff:127.0.0.1]`), IPv4-compatible
 * (`::127.0.0.1`), NAT64 (64:ff9b::/96) and 6to4 (2002::/16) judge the IPv4 inside.
 */
export function addressKind(address: string): 'public' | 'loopback' | 'private' {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIpv4(a);
  if (v4) return ipv4Kind(v4);
  const b = parseIpv6(a);
  if (!b) return 'private'; // not an address at all: refuse
  const word = (i: number) => (b[2 * i]! << 8) | b[2 * i + 1]!;
  const zeros = (from: number, to: number) => b.subarray(from, to).every((x) => x === 0);
  const embedded = (at: number) => ipv4Kind([b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!]);
  if (zeros(0, 15) && b[15] === 1) return 'loopback'; // ::1
  if (zeros(0, 16)) return 'private'; // ::
  if (zeros(0, 10) && word(5) === 0xffff) return embedded(12); // ::ffff:a.b.c.d, IPv4-mapped
  if (zeros(0, 8) && word(4) === 0xffff && word(5) === 0) return embedded(12); // ::ffff:0:a.b.c.d, SIIT
  // ::a.b.c.d, IPv4-compatible (deprecated; no public service uses it): never, whatever is inside
  if (zeros(0, 12)) return 'private';
  if (word(0) === 0x64 && word(1) === 0xff9b && zeros(4, 12)) return embedded(12) === 'public' ? 'public' : 'private'; // NAT64
  if (word(0) === 0x64 && word(1) === 0xff9b && word(2) === 1) return 'private'; // local-use NAT64
  if (word(0) === 0x2002) return embedded(2) === 'public' ? 'public' : 'private'; // 6to4
  if (word(0) === 0x2001 && word(1) === 0) return 'private'; // Teredo: the client address is hidden
  if (word(0) === 0x2001 && word(1) === 0xdb8) return 'private'; // documentation
  if (word(0) === 0x0100 && zeros(2, 8)) return 'private'; // discard-only
  const top = b[0]!;
  if ((top & 0xfe) === 0xfc) return 'private'; // fc00::/7 unique-local
  if (top === 0xfe && (b[1]! & 0xc0) === 0x80) return 'private'; // fe80::/10 link-local
  if (top === 0xfe && (b[1]! & 0xc0) === 0xc0) return 'private'; // fec0::/10 site-local (deprecated)
  if (top === 0xff) return 'private'; // multicast
  if ((top & 0xe0) !== 0x20) return 'private'; // outside 2000::/3, the global unicast space
  return 'public';
}

/**
 * The SSRF guard: resolves the webhook's host and refuses it when any address it resolves to
 * is private, link-local or loopback (loopback only with `allowLoopback`, for tests and
 * development). Checked when a webhook is registered and again before every delivery (the
 * DNS answer may have changed since). Returns a reason, or null when the target is fine.
 */
export async function checkWebhookTarget(raw: string, options: { allowLoopback: boolean; resolve?: (host: string) => Promise<string[]> }): Promise<string | null> {
  let host: string;
  try {
    host = new URL(raw).hostname.replace(/^\[|\]$/g, '');
  } catch {
    return 'De webhook-URL is geen geldige URL';
  }
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? resolveAll)(host);
    } catch {
      return `De webhookhost ${host} kan niet worden opgezocht`;
    }
  }
  if (addresses.length === 0) return `De webhookhost ${host} kan niet worden opgezocht`;
  for (const a of addresses) {
    const kind = addressKind(a);
    if (kind === 'private' || (kind === 'loopback' && !options.allowLoopback)) {
      return `De webhookhost ${host} verwijst naar een ${ADDRESS_WORD[kind]} (${a}); webhooks gaan alleen naar openbare adressen`;
    }
  }
  return null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);
}
