/**
 * Webhook delivery: JSON POSTs signed with HMAC-SHA256 over `<timestamp>.<body>`, in the
 * header `X-Kamerlens-Signature: t=<unix seconds>,sha256=<hex>`. Receivers verify with
 * verifySignature and deduplicate on `X-Kamerlens-Delivery` (a resend after a crash keeps it).
 */
import { lookup } from 'node:dns/promises';
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

/** fetch-based sender with a timeout; redirects are not followed (a 3xx counts as failure). */
export function fetchWebhookSender(timeoutMs = 10_000): WebhookSender {
  return {
    async post(url, body, headers) {
      const res = await fetch(url, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'user-agent': 'kamerlens-webhook/1', ...headers },
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.body?.cancel();
      return res.status;
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
    return 'The webhook URL is not a valid URL';
  }
  if (u.username || u.password) return 'The webhook URL must not contain credentials';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:' && (allowHttp || ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname))) return null;
  return 'The webhook URL must use https';
}

/**
 * Whether an address is one a webhook must never reach from the server: loopback, private
 * (RFC 1918, unique-local), link-local (incl. cloud metadata 169.254.169.254), carrier-grade
 * NAT, unspecified, multicast and reserved ranges, also as IPv4-mapped IPv6.
 */
export function addressKind(address: string): 'public' | 'loopback' | 'private' {
  const a = address.toLowerCase().replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (mapped) return addressKind(mapped[1]!);
  const v4 = /^(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(a);
  if (v4) {
    const [x, y] = [Number(v4[1]), Number(v4[2])];
    if (x === 127) return 'loopback';
    if (x === 0 || x === 10 || (x === 172 && y >= 16 && y <= 31) || (x === 192 && y === 168) || (x === 169 && y === 254)) return 'private';
    if ((x === 100 && y >= 64 && y <= 127) || (x === 192 && y === 0) || (x === 198 && (y === 18 || y === 19)) || x >= 224) return 'private';
    return 'public';
  }
  if (a === '::1') return 'loopback';
  if (a === '::' || /^f[cd]/.test(a) || /^fe[89ab]/.test(a) || /^ff/.test(a) || /^64:ff9b:/.test(a) || /^2001:db8:/.test(a)) return 'private';
  if (!a.includes(':')) return 'private'; // not an address at all: refuse
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
    return 'The webhook URL is not a valid URL';
  }
  let addresses: string[];
  if (isIP(host)) addresses = [host];
  else {
    try {
      addresses = await (options.resolve ?? resolveAll)(host);
    } catch {
      return `The webhook host ${host} cannot be resolved`;
    }
  }
  if (addresses.length === 0) return `The webhook host ${host} cannot be resolved`;
  for (const a of addresses) {
    const kind = addressKind(a);
    if (kind === 'private' || (kind === 'loopback' && !options.allowLoopback)) {
      return `The webhook host ${host} resolves to a ${kind} address (${a}); webhooks go to public addresses only`;
    }
  }
  return null;
}

async function resolveAll(host: string): Promise<string[]> {
  return (await lookup(host, { all: true, verbatim: true })).map((r) => r.address);
}
