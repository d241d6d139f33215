/**
 * Webhook delivery: JSON POSTs signed with HMAC-SHA256 over `<timestamp>.<body>`, in the
 * header `X-Kamerlens-Signature: t=<unix seconds>,sha256=<hex>`. Receivers verify with
 * verifySignature and deduplicate on `X-Kamerlens-Delivery` (a resend after a crash keeps it).
 */
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
