/** Makes each GET request's own origin available to absolute links (see service/base-url.ts). */
import type { Hono } from 'hono';
import { withRequestOrigin } from '../service/base-url.js';

export function registerRequestOrigin(app: Hono): void {
  app.use('*', async (c, next) => {
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return next();
    let origin: string;
    try {
      origin = new URL(c.req.url).origin;
    } catch {
      return next();
    }
    return withRequestOrigin(origin, next);
  });
}
