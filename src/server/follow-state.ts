/**
 * What the signed-in viewer already follows, read once per page request, so that every 🔔
 * can say "je volgt dit" (and offer to stop) instead of making a second monitor.
 */
import type { Hono } from 'hono';
import type { WatchService } from '../service/watch-service.js';

/** One followed thing: the monitor, its kind and the values of its canonical params. */
export interface FollowRef {
  id: string;
  kind: string;
  values: string[];
}

declare module 'hono' {
  interface ContextVariableMap {
    follows: FollowRef[];
  }
}

export function registerFollowState(app: Hono, watch: WatchService | undefined): void {
  if (!watch) return;
  app.use('*', async (c, next) => {
    const v = c.get('viewer');
    if (v && c.req.method === 'GET') {
      c.set('follows', (await watch.listMonitors(v.userId)).map((m) => ({ id: m.id, kind: m.kind, values: Object.values(m.params) })));
    }
    await next();
  });
}

/** The monitor that follows `value` as `kind`, if any (values compared as the bell sends them, case aside). */
export function followOf(follows: readonly FollowRef[] | undefined, kind: string, value: string): FollowRef | null {
  const want = value.trim().toLowerCase();
  return follows?.find((f) => f.kind === kind && f.values.some((x) => x.trim().toLowerCase() === want)) ?? null;
}
