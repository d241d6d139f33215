/** The SyncFeed over HTTP: a User-Agent, timeouts, and retries with backoff on transient faults. */
import { KamerlensError } from '../../domain/errors.js';
import type { TkFeedPage } from '../../domain/tk.js';
import { TkFeedError, parseFeedPage } from './parse.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from './retry.js';
import { enclosureRefusal, resourceIdOf, type TkResourceResult, type TkSource } from './source.js';

export const DEFAULT_TK_URL = 'https://gegevensmagazijn.tweedekamer.nl';
/** The Kamer's own host, which the real feed names in every link, also when it is served by a mirror. */
const KAMER_HOST = new URL(DEFAULT_TK_URL).host;
export const TK_USER_AGENT = 'kamerlens/0.1 (open parliamentary-information system; SyncFeed client)';

/** A non-2xx answer. 5xx and 429 are transient; other 4xx are not. */
export class TkHttpError extends Error {
  constructor(
    readonly status: number,
    readonly url: string,
  ) {
    super(`HTTP ${status} voor ${url}`);
    this.name = 'TkHttpError';
  }
  get retryable(): boolean {
    return this.status >= 500 || this.status === 429 || this.status === 408;
  }
}

/** Truncated or over-long download: the byte count differs from `contentLength`. */
export class TkLengthError extends Error {
  readonly retryable = true;
  constructor(readonly got: number, readonly expected: number) {
    super(`${got} bytes ontvangen, contentLength zegt ${expected}`);
    this.name = 'TkLengthError';
  }
}

/** Answers to a category's first page that say the source does not carry the category. */
const ABSENT_STATUS = new Set([400, 404, 410]);

/** Socket-level failures that say the service cannot be reached at all (no answer to wait for). */
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** The system error code behind a failed fetch ("fetch failed" says nothing by itself), or null. */
export function networkCode(e: unknown): string | null {
  const cause = e instanceof Error ? (e as { cause?: unknown }).cause : undefined;
  const code = cause !== null && typeof cause === 'object' ? (cause as { code?: unknown }).code : undefined;
  return typeof code === 'string' ? code : null;
}

/** Whether a failure means nobody answers at the source's address (refused, unknown host, no route). */
export function isUnreachable(e: unknown): boolean {
  return UNREACHABLE.has(networkCode(e) ?? '');
}

/** Timeouts, dropped connections, 5xx, malformed pages: worth another try. */
export function isRetryableError(e: unknown): boolean {
  if (e instanceof TkHttpError) return e.retryable;
  if (e instanceof TkFeedError || e instanceof TkLengthError) return e.retryable;
  // fetch rejects with TypeError on network failure and a cut-off body; timeouts abort.
  if (e instanceof Error) return e.name === 'TypeError' || e.name === 'TimeoutError' || e.name === 'AbortError';
  return false;
}

export interface HttpTkSourceOptions {
  /** Base URL, e.g. `https://gegevensmagazijn.tweedekamer.nl`. */
  baseUrl: string;
  userAgent?: string;
  pageTimeoutMs?: number;
  resourceTimeoutMs?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * Hosts (`host[:port]`) enclosures may be fetched from besides the source's own
   * (`KAMERLENS_TK_FILE_HOSTS`); a feed naming any other host is refused, never fetched.
   */
  fileHosts?: readonly string[];
  /** Largest file accepted when the feed announces no length (default 512 MiB). */
  maxFileBytes?: number;
  /** Told about every failure that is about to be retried (for logs). */
  onRetry?: (what: string, error: unknown, attempt: number, delayMs: number) => void;
  fetch?: typeof fetch;
}

const message = (e: unknown) => (e instanceof Error ? e.message : String(e));

/**
 * The open-data service's address, checked before anything is fetched: an address that is
 * no http(s) URL (a folder typed after --source, a file: URL) failed as "Invalid URL" deep in
 * the sync, or was retried as "fetch failed" for ever; now it is a clear error naming it.
 */
export function sourceUrl(base: string): URL {
  let url: URL | null = null;
  try {
    url = new URL(base);
  } catch {
    url = null;
  }
  if (url === null || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new KamerlensError('BAD_CONFIG', `de bron ${JSON.stringify(base)} is geen http(s)-adres; bewaarde feedpagina's in een map lees je met --from-dir <map>`, { field: 'source' });
  }
  return url;
}

export class HttpTkSource implements TkSource {
  readonly label: string;
  private readonly base: string;
  private readonly retry: RetryPolicy;
  private readonly fetchFn: typeof fetch;
  private readonly fileHosts: string[];

  constructor(private readonly options: HttpTkSourceOptions) {
    this.base = options.baseUrl.replace(/\/+$/, '');
    this.fileHosts = [sourceUrl(this.base).host.toLowerCase(), ...(options.fileHosts ?? []).map((h) => h.toLowerCase())];
    this.label = this.base;
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.fetchFn = options.fetch ?? fetch;
  }

  /** The URL of a feed page: the category from the start, or after a skiptoken. */
  pageUrl(category: string, skiptoken: string | null): string {
    const q = `category=${encodeURIComponent(category)}` + (skiptoken === null ? '' : `&skiptoken=${encodeURIComponent(skiptoken)}`);
    return `${this.base}/SyncFeed/2.0/Feed?${q}`;
  }

  /** GETs `url` and reads its body with `read`, both within `timeoutMs`. Redirects are not followed. */
  private async get<T>(url: string, timeoutMs: number, read: (res: Response) => Promise<T>): Promise<T> {
    // Cleared once the body is in: AbortSignal.timeout would keep every request's signal and
    // timer alive for the whole timeout (minutes), thousands of them in a long sync.
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(new DOMException(`geen volledig antwoord binnen ${timeoutMs} ms`, 'TimeoutError')), timeoutMs);
    try {
      const res = await this.fetchFn(url, {
        headers: { 'user-agent': this.options.userAgent ?? TK_USER_AGENT, accept: 'application/atom+xml, application/xml;q=0.9, */*;q=0.5' },
        signal: abort.signal,
        // A redirect could lead anywhere, an internal address included: the feed is not trusted for hosts.
        redirect: 'manual',
      });
      if (!res.ok) {
        await res.body?.cancel().catch(() => undefined);
        throw new TkHttpError(res.status, url);
      }
      return await read(res);
    } finally {
      clearTimeout(timer);
    }
  }

  async page(category: string, skiptoken: string | null): Promise<TkFeedPage> {
    const url = this.pageUrl(category, skiptoken);
    try {
      return await withRetry(
        async () => parseFeedPage(await this.get(url, this.options.pageTimeoutMs ?? 120_000, (res) => res.text())),
        this.retry,
        isRetryableError,
        (e, attempt, delay) => this.options.onRetry?.(url, e, attempt, delay),
      );
    } catch (e) {
      // A category's first page not found (or refused as a category it does not know, 400,
      // or gone, 410): this source does not carry it (a mirror of a subset). A later page not
      // found is a lost cursor, which stays an error.
      if (skiptoken === null && e instanceof TkHttpError && ABSENT_STATUS.has(e.status)) return { entries: [], next: null, absent: true };
      throw e;
    }
  }

  /**
   * Where an enclosure is fetched: as named, unless it names the Kamer's own service while
   * the source is another (a mirror, a proxy, a saved world served over HTTP). Those pages
   * are the Kamer's copied byte for byte, so their links still name the Kamer's host; the
   * file with that id is then asked of the configured source, the only host this decides.
   */
  resourceUrl(href: string): string {
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return href;
    }
    const host = url.host.toLowerCase();
    if (host !== KAMER_HOST || this.fileHosts.includes(host) || !/^\/SyncFeed\/2\.0\/Resources\/[^/]+$/.test(url.pathname)) return href;
    return `${this.base}/SyncFeed/2.0/Resources/${encodeURIComponent(resourceIdOf(href))}`;
  }

  async resource(enclosure: string, expectedLength: number | null): Promise<TkResourceResult> {
    const href = this.resourceUrl(enclosure);
    const refusal = enclosureRefusal(href, this.fileHosts);
    if (refusal) return { status: 'refused', error: refusal };
    const cap = expectedLength ?? this.options.maxFileBytes ?? 512 * 1024 * 1024;
    try {
      const bytes = await withRetry(
        async () => {
          const body = await this.get(href, this.options.resourceTimeoutMs ?? 600_000, (res) => readCapped(res, cap));
          if (expectedLength !== null && body.byteLength !== expectedLength) throw new TkLengthError(body.byteLength, expectedLength);
          return body;
        },
        this.retry,
        isRetryableError,
        (e, attempt, delay) => this.options.onRetry?.(href, e, attempt, delay),
      );
      return { status: 'ok', bytes };
    } catch (e) {
      if (e instanceof TkHttpError && (e.status === 404 || e.status === 410)) return { status: 'missing', error: e.message };
      return { status: 'broken', error: message(e) };
    }
  }
}

/**
 * A body of at most `cap` bytes, plus one to tell "too long": a server sending more than it
 * announced is cut off instead of filling memory.
 */
async function readCapped(res: Response, cap: number): Promise<Uint8Array> {
  if (!res.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw new TkLengthError(total, cap);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
