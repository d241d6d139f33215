/**
 * What every request is held to before a route sees it: a body-size limit per route family,
 * counted while the body streams in (a 700 MB upload to the sign-in form used to be read
 * whole before the CSRF check), security headers on every response, and the client's real
 * address (behind a proxy only as far as it is trusted).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { ErrorRenderer } from './admission.js';
import type { OffloadWhen } from '../domain/index.js';

/** Body limits in bytes per route family. */
export const BODY_LIMITS = {
  /** `POST /importeren`: the files a signed-in user uploads, together. */
  upload: 50 * 1024 * 1024,
  /** HTML forms: an e-mail address, a query of ≤ 1,000 characters, a webhook URL. */
  form: 16 * 1024,
  /** JSON API bodies (`POST /api/monitors`). */
  json: 1024 * 1024,
} as const;

/** The browser upload (`POST /importeren`): its own body limit and its own time budget (body-deadline.ts). */
export function isUploadRequest(method: string, path: string): boolean {
  return method === 'POST' && path === '/importeren';
}

/** A 413 before the body is read: from Content-Length when given, else while it streams. */
export function bodyLimits(render: ErrorRenderer): MiddlewareHandler {
  // The connection is closed after the answer: the rest of the body is never read.
  const tooLarge = (c: Context, limit: number) =>
    render(c, 413, 'PAYLOAD_TOO_LARGE', `De aanvraag is groter dan ${limit >= 1024 * 1024 ? `${limit / (1024 * 1024)} MB` : `${limit / 1024} KB`} en is niet gelezen`, { Connection: 'close' });
  const json = bodyLimit({ maxSize: BODY_LIMITS.json, onError: (c) => tooLarge(c, BODY_LIMITS.json) });
  const form = bodyLimit({ maxSize: BODY_LIMITS.form, onError: (c) => tooLarge(c, BODY_LIMITS.form) });
  const upload = bodyLimit({ maxSize: BODY_LIMITS.upload, onError: (c) => tooLarge(c, BODY_LIMITS.upload) });
  return async (c, next) => {
    if (c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.method === 'OPTIONS') return next();
    if (isUploadRequest(c.req.method, c.req.path)) return upload(c, next);
    return (c.req.path.startsWith('/api/') ? json : form)(c, next);
  };
}

/**
 * Scripts only as files of our own (the site works without any, and never inline); styles
 * from our own stylesheets, plus style attributes (bar widths in the vote charts), which
 * cannot run code; no framing.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "style-src-attr 'unsafe-inline'",
  "img-src 'self' data:",
  "form-action 'self'",
  // The upload page posts its form in the background to show progress (/assets/importeren.js).
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ');

/** Pages that show or carry a secret (session pages, API tokens, webhook secrets, sign-in links). */
const SECRET_BEARING = /^\/(?:mijn|inloggen|uitloggen|afmelden|api\/monitors)(?:[/.]|$)/;

export function securityHeaders(trustProxy: boolean | number | undefined = 0): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    // Over TLS, browsers should not come back over plain http.
    if (viaTls(c, trustProxy)) h.set('Strict-Transport-Security', 'max-age=31536000');
    // A route may set a stricter policy of its own (an original file: a sandbox).
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('X-Frame-Options', 'DENY');
    h.set('Referrer-Policy', 'same-origin');
    h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (SECRET_BEARING.test(c.req.path)) h.set('Cache-Control', 'no-store');
  };
}

/**
 * How many proxies in front of us append to X-Forwarded-For (KAMERLENS_TRUST_PROXY): 0 trusts
 * none, `true`/`1` one. Only the entries those proxies appended are believed: the client can
 * put anything at the start of the header.
 */
export function parseTrustProxy(raw: string | undefined): number {
  const v = (raw ?? '').trim().toLowerCase();
  if (v === '' || v === '0' || v === 'false' || v === 'no') return 0;
  if (v === 'true' || v === 'yes') return 1;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`KAMERLENS_TRUST_PROXY moet een aantal proxy's (0–10) of true/false zijn, niet "${raw}"`);
  return n;
}

const hopsOf = (trust: boolean | number | undefined): number => (trust === true ? 1 : typeof trust === 'number' ? trust : 0);

/** The address the request came from: the socket's, or the one the trusted proxies saw. */
export function clientAddress(c: Context, trustProxy: boolean | number | undefined): string {
  const hops = hopsOf(trustProxy);
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
    if (chain.length > 0) return chain[Math.max(0, chain.length - hops)]!;
  }
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? 'unknown';
}

/** Whether the browser reached us over TLS: directly, or as a trusted proxy says. */
export function viaTls(c: Context, trustProxy: boolean | number | undefined): boolean {
  if (c.req.url.startsWith('https:')) return true;
  const env = c.env as { incoming?: { socket?: { encrypted?: boolean } } } | undefined;
  if (env?.incoming?.socket?.encrypted) return true;
  if (hopsOf(trustProxy) > 0) {
    const proto = (c.req.header('x-forwarded-proto') ?? '').split(',')[0]?.trim().toLowerCase();
    return proto === 'https';
  }
  return false;
}

/**
 * Limits of the HTTP server itself (Node's defaults keep a slow body for 300 s and accept any
 * number of connections). A request must arrive whole within `requestTimeoutMs`, its headers
 * within `headersTimeoutMs` (looked at every `checkEveryMs`); past `maxConnections` new
 * connections are refused at once. An upload instead must keep coming at
 * `uploadMinBytesPerSecond` in every `uploadWindowMs` (body-deadline.ts): 64 KB/s, a poor
 * mobile connection, brings the 50 MB limit in 14 minutes.
 */
export const SERVER_LIMITS = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  uploadMinBytesPerSecond: 64 * 1024,
  uploadWindowMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  checkEveryMs: 1_000,
  maxConnections: 1_000,
};

export type ServerLimits = typeof SERVER_LIMITS;

/** SERVER_LIMITS, with `maxConnections` from KAMERLENS_MAX_CONNECTIONS when set. */
export function serverLimits(env: NodeJS.ProcessEnv = process.env): ServerLimits {
  const raw = env.KAMERLENS_MAX_CONNECTIONS;
  const maxConnections = raw === undefined || raw === '' ? SERVER_LIMITS.maxConnections : Number(raw);
  if (!Number.isInteger(maxConnections) || maxConnections < 1) throw new Error(`KAMERLENS_MAX_CONNECTIONS moet een heel getal ≥ 1 zijn, niet "${raw}"`);
  return { ...SERVER_LIMITS, maxConnections };
}

/**
 * KAMERLENS_SEARCH_BUDGET_MS: how long one search may spend expanding prefixes and verifying
 * phrases before it answers with what it has, marked ≈ (unset: the server's default). A
 * machine that must answer exactly, whatever the wait, raises it.
 */
export function searchBudget(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.KAMERLENS_SEARCH_BUDGET_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 1) throw new Error(`KAMERLENS_SEARCH_BUDGET_MS moet een heel aantal milliseconden ≥ 1 zijn, niet "${raw}"`);
  return ms;
}

/**
 * When a web node cuts its snippets on a worker thread (snippet-cutter.ts says why):
 * KAMERLENS_SNIPPET_THREAD `auto` (or unset) while its request thread is saturated, `ja`
 * always, `nee` never (null: the request's thread cuts them).
 */
export function snippetThread(env: NodeJS.ProcessEnv = process.env): OffloadWhen | null {
  const raw = (env.KAMERLENS_SNIPPET_THREAD ?? '').trim().toLowerCase();
  if (raw === '' || raw === 'auto') return 'when-busy';
  if (['ja', 'yes', 'true', '1', 'on'].includes(raw)) return 'always';
  if (['nee', 'no', 'false', '0', 'off'].includes(raw)) return null;
  throw new Error(`KAMERLENS_SNIPPET_THREAD moet "auto", "ja" of "nee" zijn, niet "${env.KAMERLENS_SNIPPET_THREAD}"`);
}
