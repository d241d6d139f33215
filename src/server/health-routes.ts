/**
 * `/healthz` and `/readyz` for a load balancer or an orchestrator. Health: the process answers
 * (no database work, so a slow database never gets a live node killed). Readiness: the store
 * and the search index answer a small read within two seconds; a node that cannot reach its
 * database is taken out of rotation instead of serving errors. With a read replica, readiness
 * reports it too (`replica`), but a node whose replica is down stays ready: its pages read the
 * primary then (read-routing.ts), and taking every node out for a replica would be an outage.
 */
import type { Hono } from 'hono';
import type { Services } from '../service/services.js';
import type { ReadRouting } from '../service/read-routing.js';

const READY_WITHIN_MS = 2000;

export function registerHealthRoutes(app: Hono, services: Pick<Services, 'store' | 'index'> & { reads?: ReadRouting | undefined }): void {
  app.get('/healthz', (c) => c.json({ ok: true }));
  app.get('/readyz', async (c) => {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, fail) => {
      timer = setTimeout(() => fail(new Error(`geen antwoord binnen ${READY_WITHIN_MS} ms`)), READY_WITHIN_MS);
    });
    try {
      const replica = services.reads ? replicaOf(services.reads, late) : undefined;
      const [, documents] = await Promise.race([Promise.all([services.store.recentDocuments(1), services.index.count()]), late]);
      return c.json({ ok: true, documents, ...(replica ? { replica: await replica } : {}) });
    } catch (e) {
      const reason = e instanceof Error ? e.message : String(e);
      return c.json({ ok: false, error: { code: 'NOT_READY', message: `De database of de zoekindex is niet bereikbaar: ${reason}` } }, 503);
    } finally {
      clearTimeout(timer);
    }
  });
}

/** The replica's own answer, or why there is none (never a rejection: the node stays ready). */
async function replicaOf(reads: ReadRouting, late: Promise<never>): Promise<{ ok: boolean; inRecovery?: boolean; replayedAt?: string | null; withinLag?: boolean; message?: string }> {
  try {
    const s = await Promise.race([reads.replicaStatus(), late]);
    return { ok: true, ...s };
  } catch (e) {
    return { ok: false, message: `De leesreplica is niet bereikbaar; de pagina's lezen de primaire database: ${e instanceof Error ? e.message : String(e)}` };
  }
}
