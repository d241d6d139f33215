/**
 * `/healthz` and `/readyz` for a load balancer or an orchestrator. Health: the process answers
 * (no database work, so a slow database never gets a live node killed). Readiness: the store
 * and the search index answer a small read within two seconds; a node that cannot reach its
 * database is taken out of rotation instead of serving errors.
 */
import type { Hono } from 'hono';
import type { Services } from '../service/services.js';

const READY_WITHIN_MS = 2000;

export function registerHealthRoutes(app: Hono, services: Pick<Services, 'store' | 'index'>): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`geen antwoord binnen ${READY_WITHIN_MS} ms`)), READY_WITHIN_MS);
    });
    try {
      const [, documents] = await Promise.race([Promise.all([services.store.recentDocuments(1), services.index.count()]), late]);
      return c.json({ ok: true, documents });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return c.json({ ok: false, error: { code: 'NOT_READY', message: `De database of de zoekindex is niet bereikbaar: ${reason}` } }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
}
