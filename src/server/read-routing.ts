/**
 * Which requests a streaming replica answers (KAMERLENS_DATABASE_READ_URL): anonymous GET
 * and HEAD requests for pages and the JSON API (documents, search, the Kamer's pages, feeds),
 * where a page a second or two behind the primary does no harm. Everything that must see a
 * user's own writes reads the primary:
 * - every other method (and it marks the browser, for a minute, as one that just wrote: the
 *   page it is sent to next must show what it wrote, an upload or a report, at once);
 * - requests with a session, a follow-in-progress or that mark (the signed-in user's follows,
 *   account and deliveries), and the Bearer-token API;
 * - the sign-in, account and upload pages, the run log, and the health checks.
 * A replica that is down or further behind than KAMERLENS_DATABASE_READ_MAX_LAG is not read
 * at all (PgDb.onReplica). A GET that the replica failed (cut off, cancelled by replay) or that
 * found nothing (404: not replayed yet, a link to a document imported a moment ago) is
 * answered again on the primary: lag or an outage of the replica never makes a page fail. Re-running is safe because these
 * requests are GETs; the replica scope guarantees the first run read nothing from the primary
 * after the replica failed (see PgDb.onReplica).
 */
import type { Context, Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { ReadRouting } from '../service/read-routing.js';

/** Set on answers to writes: this browser reads the primary while it is there. */
export const WROTE_COOKIE = 'kl_geschreven';
const WROTE_FOR_S = 60;
/** Cookies of someone whose own writes the page shows. */
const PRIMARY_COOKIES = ['kl_session', 'kl_volg', WROTE_COOKIE];
declare module 'hono' {
  interface ContextVariableMap {
    /** This run of the request reads the replica: its errors are logged here (read-routing.ts), not by app.onError. */
    replicaRead: boolean;
  }
}

const PRIMARY_PATHS = /^\/(?:inloggen|uitloggen|mijn|afmelden|importeren|status|readyz|healthz|api\/monitors)(?:[/.]|$)/;

/** Whether a request may be answered from the replica (see above). */
export function staleReadAllowed(c: Context): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (c.req.header('authorization')) return false;
  if (PRIMARY_COOKIES.some((name) => getCookie(c, name) !== undefined)) return false;
  return !PRIMARY_PATHS.test(c.req.path);
}

export function registerReadRouting(app: Hono, reads: ReadRouting | undefined): void {
  if (!reads) return;
  // The requests being answered a second time, on the primary.
  const again = new WeakSet<Request>();
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      setCookie(c, WROTE_COOKIE, '1', { path: '/', httpOnly: true, sameSite: 'Lax', maxAge: WROTE_FOR_S });
      return next();
    }
    if (again.has(c.req.raw) || !staleReadAllowed(c)) return next();
    c.set('replicaRead', true);
    const run = await reads.onReplica(async () => {
      await next();
      return c.res.status;
    });
    if (!run.replicaFailed) {
      // A failure of the page itself, not of the replica: logged as app.onError would have.
      if (c.res.status >= 500 && c.error) console.error(`error on ${c.req.method} ${c.req.path}:`, c.error);
      if (run.value !== 404) return;
    } else {
      const reason = c.error instanceof Error ? c.error.message : 'onbekend';
      process.stderr.write(`kamerlens: de leesreplica faalde bij ${c.req.method} ${c.req.path} (${reason}); opnieuw gelezen van de primaire database\n`);
    }
    again.add(c.req.raw);
    await c.res.body?.cancel().catch(() => {});
    const fresh = await app.fetch(c.req.raw, c.env);
    // Hono copies the headers of the answer it replaces onto the new one; this one starts clean.
    c.res = undefined as unknown as Response;
    c.res = fresh;
  });
}
