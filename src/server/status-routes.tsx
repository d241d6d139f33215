/**
 * `/status` and its JSON twins (`/status.json`, `/api/status`): coverage and freshness per
 * source; `POST /status/opnieuw` starts a new attempt of a failed source (signed-in users, a
 * form with the session's CSRF token like every other form).
 */
import type { Context, Hono } from 'hono';
import { createHash, timingSafeEqual } from 'node:crypto';
import { KamerlensError } from '../domain/index.js';
import { getStatus, retrySource, type StatusData, type StatusServices } from '../service/status.js';
import { ErrorPage } from './views/error.js';
import { StatusPage } from './views/status.js';
import { bellProps } from './watch-routes.js';

/** The JSON shape of the status (the same data the page shows). */
export function presentStatus(d: StatusData) {
  return { ok: true as const, ...d };
}

function sameToken(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length && a.length > 0;
}

/** The form came from this site and carries the session's CSRF token (the rules of watch-routes' forms). */
export function formIsGenuine(c: Context, token: string): boolean {
  if (c.req.header('sec-fetch-site') === 'cross-site') return false;
  const origin = c.req.header('origin');
  if (origin && origin !== 'null') {
    try {
      if (new URL(origin).host !== new URL(c.req.url).host) return false;
    } catch {
      return false;
    }
  }
  const expected = c.get('viewer')?.csrf ?? '';
  return sameToken(token, expected);
}

export function registerStatusRoutes(app: Hono, services: StatusServices): void {
  const csrfOf = (c: Context) => {
    const bell = bellProps(c);
    return bell?.signedIn ? bell.csrf : undefined;
  };

  app.get('/status', async (c) => c.html(<StatusPage data={await getStatus(services)} csrf={csrfOf(c)} />));
  app.get('/status.json', async (c) => c.json(presentStatus(await getStatus(services))));
  app.get('/api/status', async (c) => c.json(presentStatus(await getStatus(services))));

  app.post('/status/opnieuw', async (c) => {
    const body = await c.req.parseBody();
    const token = typeof body.csrf === 'string' ? body.csrf : '';
    const source = typeof body.source === 'string' ? body.source : '';
    if (!c.get('viewer')) {
      return c.html(<ErrorPage status={401} code="UNAUTHORIZED" message="Log eerst in om een bron opnieuw te laten proberen." />, 401);
    }
    if (!formIsGenuine(c, token)) {
      return c.html(<ErrorPage status={403} code="CSRF" message="Het formulier is verlopen of ongeldig (CSRF); laad de pagina opnieuw." />, 403);
    }
    if (!source) throw new KamerlensError('BAD_REQUEST', 'Welke bron? Het veld "source" ontbreekt', { field: 'source' });
    const r = await retrySource(services, source);
    return c.html(<StatusPage data={await getStatus(services)} csrf={csrfOf(c)} notice={r.message} />, r.started ? 202 : 200);
  });
}
