/**
 * HTTP routes of the watch feature: magic-link sign-in, sessions (HttpOnly, SameSite=Lax,
 * Secure on https), CSRF on every form (synchronizer token of the session; a double-submit
 * cookie before sign-in), "mijn" (+ .json), monitor forms, the Bearer-token API, Atom feeds
 * and unsubscribe. Another user's monitor is always 404, never 403.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Services } from '../service/services.js';
import {
  INTERVALS,
  MONITOR_KINDS,
  WATCH_ERROR_STATUS,
  WatchError,
  isWatchError,
  type MonitorKind,
  type Viewer,
  type WatchService,
} from '../service/watch-service.js';
import { clientAddress, viaTls } from './limits.js';
import { DUTCH_ZOD_ERRORS } from './params.js';
import { ErrorPage } from './views/error.js';
import type { BellProps } from './views/watch/bell.js';
import { ConfirmSignInPage, MinePage, MonitorPage, SecretPage, SignInPage, SignInSentPage, UnsubscribePage } from './views/watch/pages.js';

declare module 'hono' {
  interface ContextVariableMap {
    viewer: Viewer | null;
  }
}

export interface WatchRouteOptions {
  /**
   * Proxies in front of the server whose X-Forwarded-For and X-Forwarded-Proto are believed
   * (KAMERLENS_TRUST_PROXY; `true` = 1). Only behind proxies you control.
   */
  trustProxy?: boolean | number;
  /** Force the Secure cookie flag (default: when the request came over TLS, directly or via a trusted proxy). */
  secureCookies?: boolean;
}

const SESSION_COOKIE = 'kl_session';
const CSRF_COOKIE = 'kl_csrf';
const VOLG_COOKIE = 'kl_volg';

const isJson = (c: Context) =>
  c.req.path.startsWith('/api/') || c.req.path.endsWith('.json') || (c.req.header('accept') ?? '').startsWith('application/json');

function sameDigest(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length && a.length > 0;
}

function secure(c: Context, o: WatchRouteOptions): boolean {
  return o.secureCookies ?? viaTls(c, o.trustProxy);
}

const clientIp = (c: Context, o: WatchRouteOptions): string => clientAddress(c, o.trustProxy);

/** Sign-in links carry randomToken(32): anything else in that path segment is refused unread. */
const SIGN_IN_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** The CSRF token to embed in forms: the session's, or a double-submit cookie before sign-in. */
function csrfToken(c: Context, o: WatchRouteOptions): string {
  const v = c.get('viewer');
  if (v?.csrf) return v.csrf;
  let t = getCookie(c, CSRF_COOKIE);
  if (!t || !/^[A-Za-z0-9_-]{32,64}$/.test(t)) {
    t = randomBytes(24).toString('base64url');
    setCookie(c, CSRF_COOKIE, t, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secure(c, o), maxAge: 86400 });
  }
  return t;
}

/** Props of the search page's bell (call from a route that renders the search page). */
export function bellProps(c: Context, o: WatchRouteOptions = {}): BellProps | undefined {
  // No watch service → no viewer variable was ever set → no bell.
  if (c.get('viewer') === undefined) return undefined;
  const v = c.get('viewer');
  return { signedIn: !!v, csrf: v ? csrfToken(c, o) : '', follows: c.get('follows') ?? [] };
}

function fail(c: Context, e: WatchError) {
  const status = WATCH_ERROR_STATUS[e.code];
  const body = { ok: false as const, error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } };
  if (isJson(c)) return c.json(body, status as 400);
  return c.html(<ErrorPage status={status} code={e.code} message={e.message} />, status as 400);
}

type Handler = (c: Context) => Promise<Response> | Response;
const guard = (fn: Handler): Handler => async (c) => {
  try {
    return await fn(c);
  } catch (e) {
    if (isWatchError(e)) return fail(c, e);
    throw e;
  }
};

async function form(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

const monitorJson = z.object({
  kind: z.enum(MONITOR_KINDS),
  params: z.record(z.string(), z.string().max(1000)).optional(),
  query: z.string().max(1000).optional(),
  party: z.string().max(200).optional(),
  dossier: z.string().max(200).optional(),
  actor: z.string().max(200).optional(),
  person: z.string().max(200).optional(),
  committee: z.string().max(200).optional(),
  zaak: z.string().max(200).optional(),
  meeting: z.string().max(200).optional(),
  interval: z.enum(INTERVALS).default('immediate'),
  label: z.string().max(200).optional(),
  email: z.boolean().default(true),
  webhookUrl: z.string().max(2000).nullable().optional(),
});

const PARAM_OF: Record<MonitorKind, string> = { search: 'query', party: 'party', dossier: 'dossier', commitments: 'actor', person: 'person', committee: 'committee', zaak: 'zaak', meeting: 'meeting', answers: 'zaak' };

export function registerWatchRoutes(app: Hono, services: Services & { watch?: WatchService | undefined }, options: WatchRouteOptions = {}): void {
  const watch = services.watch;
  if (!watch) return;
  const o = options;

  // Who is asking: a session cookie, looked up once per request.
  app.use('*', async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    c.set('viewer', token ? await watch.viewerFromSession(token) : null);
    await next();
  });

  const checkCsrf = (c: Context, f: Record<string, string>) => {
    const site = c.req.header('sec-fetch-site');
    if (site === 'cross-site') throw new WatchError('CSRF', 'Formulier van een andere site geweigerd');
    const origin = c.req.header('origin');
    if (origin && origin !== 'null') {
      let ok = false;
      try {
        ok = new URL(origin).host === new URL(c.req.url).host;
      } catch {
        ok = false;
      }
      if (!ok) throw new WatchError('CSRF', 'Formulier van een andere site geweigerd');
    }
    const v = c.get('viewer');
    const expected = v?.csrf ?? getCookie(c, CSRF_COOKIE) ?? '';
    if (!sameDigest(f.csrf ?? '', expected)) throw new WatchError('CSRF', 'Het formulier is verlopen of ongeldig (CSRF); laad de pagina opnieuw');
  };

  const signedIn = (c: Context): Viewer => {
    const v = c.get('viewer');
    if (!v) throw new WatchError('UNAUTHORIZED', 'Log eerst in');
    return v;
  };

  const apiViewer = async (c: Context): Promise<Viewer> => {
    const m = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '');
    const v = m ? await watch.viewerFromApiToken(m[1]!) : null;
    if (!v) throw new WatchError('UNAUTHORIZED', 'Stuur een geldig API-token mee: Authorization: Bearer klt_…');
    return v;
  };

  const setSession = (c: Context, token: string, expiresAt: string) =>
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: secure(c, o), expires: new Date(expiresAt) });

  // ---------------------------------------------------------------- sign-in

  app.get('/inloggen', (c) => {
    const volg = c.req.query('volg');
    if (volg) setCookie(c, VOLG_COOKIE, volg.slice(0, 1000), { httpOnly: true, sameSite: 'Lax', path: '/', secure: secure(c, o), maxAge: 3600 });
    if (c.get('viewer')) return c.redirect(volg ? `/mijn?volg=${encodeURIComponent(volg)}` : '/mijn', 303);
    return c.html(<SignInPage csrf={csrfToken(c, o)} />);
  });

  app.post('/inloggen', guard(async (c) => {
    const f = await form(c);
    checkCsrf(c, f);
    const email = (f.email ?? '').trim();
    try {
      await watch.requestSignIn(email, clientIp(c, o));
    } catch (e) {
      if (isWatchError(e) && e.code === 'BAD_REQUEST' && !isJson(c)) {
        return c.html(<SignInPage csrf={csrfToken(c, o)} error={e.message} email={email} />, 400);
      }
      throw e;
    }
    if (isJson(c)) return c.json({ ok: true as const, message: 'Als het adres geldig is, is er een inloglink verstuurd' });
    return c.html(<SignInSentPage email={email} />);
  }));

  // The token lands in the form's action: validated first, so no `..%2F` can aim the form elsewhere.
  app.get('/inloggen/:token', guard(async (c) => {
    const token = c.req.param('token') ?? '';
    const email = SIGN_IN_TOKEN.test(token) ? await watch.peekSignIn(token) : null;
    if (!email) throw new WatchError('GONE', 'Deze inloglink is verlopen of al gebruikt; vraag een nieuwe aan');
    return c.html(<ConfirmSignInPage token={token} email={email} csrf={csrfToken(c, o)} />);
  }));

  app.post('/inloggen/:token', guard(async (c) => {
    if (!SIGN_IN_TOKEN.test(c.req.param('token') ?? '')) throw new WatchError('GONE', 'Deze inloglink is verlopen of al gebruikt; vraag een nieuwe aan');
    const f = await form(c);
    checkCsrf(c, f);
    const r = await watch.consumeSignIn(c.req.param('token') ?? '');
    setSession(c, r.sessionToken, r.expiresAt);
    deleteCookie(c, CSRF_COOKIE, { path: '/' });
    const volg = getCookie(c, VOLG_COOKIE);
    if (volg) deleteCookie(c, VOLG_COOKIE, { path: '/' });
    return c.redirect(volg ? `/mijn?volg=${encodeURIComponent(volg)}` : '/mijn', 303);
  }));

  app.post('/uitloggen', guard(async (c) => {
    const f = await form(c);
    checkCsrf(c, f);
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await watch.signOut(token, f.overal === '1');
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c, o) });
    return c.redirect('/', 303);
  }));

  // ---------------------------------------------------------------- mijn

  app.get('/mijn', guard(async (c) => {
    const v = c.get('viewer');
    if (!v) return c.redirect('/inloggen', 303);
    const data = await watch.mine(v.userId);
    return c.html(<MinePage data={data} csrf={csrfToken(c, o)} volg={c.req.query('volg') ?? ''} />);
  }));

  app.get('/mijn.json', guard(async (c) => c.json({ ok: true as const, ...(await watch.mine(signedIn(c).userId)) })));

  app.post('/mijn/volgers', guard(async (c) => {
    const v = signedIn(c);
    const f = await form(c);
    checkCsrf(c, f);
    const kind = (f.kind ?? 'search') as MonitorKind;
    if (!(MONITOR_KINDS as readonly string[]).includes(kind)) throw new WatchError('BAD_REQUEST', 'Onbekende soort volger', 'kind');
    const m = await watch.createMonitor(v.userId, {
      kind,
      params: { [PARAM_OF[kind]]: f.value ?? f[PARAM_OF[kind]] ?? '' },
      interval: (f.interval ?? 'immediate') as 'immediate',
      email: f.email === '1' || f.email === 'on',
      webhookUrl: f.webhookUrl || null,
    });
    if (m.webhookSecret) {
      return c.html(
        <SecretPage title="Webhook-geheim" secret={m.webhookSecret} explanation={`Elke webhook-aanroep voor “${m.label}” is ondertekend met HMAC-SHA256 met dit geheim (header X-Kamerlens-Signature). Bewaar het nu: het wordt niet nog eens getoond.`} />,
        201,
      );
    }
    return c.redirect(`/mijn#m-${m.id}`, 303);
  }));

  const detail = guard(async (c) => {
    const v = signedIn(c);
    const raw = c.req.param('id') ?? '';
    const json = raw.endsWith('.json');
    const data = await watch.getMonitor(v.userId, json ? raw.slice(0, -5) : raw);
    if (json) return c.json({ ok: true as const, ...data });
    return c.html(<MonitorPage data={data} csrf={csrfToken(c, o)} />);
  });
  app.get('/mijn/volgers/:id', detail);

  app.post('/mijn/volgers/:id/verwijderen', guard(async (c) => {
    const v = signedIn(c);
    const f = await form(c);
    checkCsrf(c, f);
    await watch.deleteMonitor(v.userId, c.req.param('id') ?? '');
    return c.redirect('/mijn', 303);
  }));

  app.post('/mijn/tokens', guard(async (c) => {
    const v = signedIn(c);
    const f = await form(c);
    checkCsrf(c, f);
    const t = await watch.createApiToken(v.userId, f.label ?? '');
    return c.html(<SecretPage title="Nieuw API-token" secret={t.token} explanation="Gebruik dit als Authorization: Bearer … voor /api/monitors. Het wordt alleen als hash bewaard en niet nog eens getoond." />, 201);
  }));

  app.post('/mijn/feedsleutel', guard(async (c) => {
    const v = signedIn(c);
    const f = await form(c);
    checkCsrf(c, f);
    await watch.rotateFeedKey(v.userId);
    return c.redirect('/mijn', 303);
  }));

  app.post('/mijn/tokens/:id/intrekken', guard(async (c) => {
    const v = signedIn(c);
    const f = await form(c);
    checkCsrf(c, f);
    await watch.revokeApiToken(v.userId, c.req.param('id') ?? '');
    return c.redirect('/mijn', 303);
  }));

  app.post('/mijn/account/verwijderen', guard(async (c) => {
    const v = signedIn(c);
    const f = await form(c);
    checkCsrf(c, f);
    await watch.deleteAccount(v.userId);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secure(c, o) });
    return c.redirect('/', 303);
  }));

  // ---------------------------------------------------------------- API (Bearer token; no cookies, so no CSRF)

  app.get('/api/monitors', guard(async (c) => c.json({ ok: true as const, monitors: await watch.listMonitors((await apiViewer(c)).userId) })));

  app.post('/api/monitors', guard(async (c) => {
    const v = await apiViewer(c);
    let raw: unknown;
    try {
      raw = await c.req.json();
    } catch {
      throw new WatchError('BAD_REQUEST', 'De body moet JSON zijn');
    }
    const r = monitorJson.safeParse(raw, DUTCH_ZOD_ERRORS);
    if (!r.success) {
      const issue = r.error.issues[0];
      const field = issue?.path.join('.') || undefined;
      throw new WatchError('BAD_REQUEST', `${field ? `${field}: ` : ''}${issue?.message ?? 'ongeldig'}`, field);
    }
    const b = r.data;
    const key = PARAM_OF[b.kind];
    const params = { ...(b.params ?? {}) };
    const direct = b[key as 'query'];
    if (direct !== undefined) params[key] = direct;
    const m = await watch.createMonitor(v.userId, { kind: b.kind, params, interval: b.interval, label: b.label, email: b.email, webhookUrl: b.webhookUrl ?? null });
    const { webhookSecret, ...monitor } = m;
    return c.json({ ok: true as const, monitor, webhookSecret }, 201);
  }));

  app.get('/api/monitors/:id', guard(async (c) => c.json({ ok: true as const, ...(await watch.getMonitor((await apiViewer(c)).userId, c.req.param('id') ?? '')) })));

  app.delete('/api/monitors/:id', guard(async (c) => {
    await watch.deleteMonitor((await apiViewer(c)).userId, c.req.param('id') ?? '');
    return c.json({ ok: true as const });
  }));

  // ---------------------------------------------------------------- feeds and unsubscribe (capability URLs)

  app.get('/feeds/:file', guard(async (c) => {
    const file = c.req.param('file') ?? '';
    const xml = file.endsWith('.atom') ? await watch.feed(file.slice(0, -5)) : null;
    if (xml === null) throw new WatchError('NOT_FOUND', 'Deze feed bestaat niet');
    return c.body(xml, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8', 'Cache-Control': 'private, max-age=300', 'X-Robots-Tag': 'noindex' });
  }));

  app.get('/afmelden/:token', (c) => {
    const token = c.req.param('token');
    if (!/^[mu]\.[0-9a-f]{8,64}\.[A-Za-z0-9_-]{16,64}$/.test(token)) return fail(c, new WatchError('NOT_FOUND', 'Deze afmeldlink bestaat niet'));
    return c.html(<UnsubscribePage token={token} done={false} label={null} />);
  });

  // RFC 8058 one-click: mail clients POST without cookies; the unguessable token is the credential.
  app.post('/afmelden/:token', guard(async (c) => {
    const r = await watch.unsubscribe(c.req.param('token') ?? '');
    if (!r.ok) throw new WatchError('NOT_FOUND', 'Deze afmeldlink bestaat niet');
    if (isJson(c)) return c.json({ ok: true as const, label: r.label });
    return c.html(<UnsubscribePage token="" done label={r.label} />);
  }));
}
