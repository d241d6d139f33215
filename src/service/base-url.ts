/**
 * The public address in absolute links (sign-in mails, Atom feeds, alert mails, webhooks):
 * `KAMERLENS_BASE_URL` when set; else, while answering a GET, the address the request came
 * to (a feed's links then point where its reader found it, on whatever host and port); else
 * `http://localhost:<the port the server listens on>`. A POST (the sign-in form) never
 * takes it from the request: a forged Host header must not put an attacker's host into a
 * sign-in link mailed to someone else.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

const requestOrigin = new AsyncLocalStorage<string>();

/** Runs `fn` (a request's handling) with `origin` as the address absolute links use. */
export function withRequestOrigin<T>(origin: string, fn: () => T): T {
  return requestOrigin.run(origin, fn);
}

export function publicBaseUrl(configured: string | undefined, port: number): string {
  if (configured) return configured.replace(/\/+$/, '');
  return requestOrigin.getStore() ?? `http://localhost:${port}`;
}
