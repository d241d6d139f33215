/**
 * What changed between versions: `/documents/<id>/wijzigingen?van=1&naar=2` (HTML), its
 * JSON twins `/documents/<id>/wijzigingen.json` and `/api/documents/<id>/changes?from=1&to=2`.
 * Without a range: the current version against the one before it.
 */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { getVersionChanges, type VersionChanges } from '../service/changes.js';
import type { Services } from '../service/services.js';
import { params } from './params.js';
import { ChangesPage } from './views/changes.js';

const version = (name: string) => z.coerce.number().int(`"${name}" moet een heel getal zijn`).min(1, `"${name}" moet 1 of meer zijn`).optional();
const rangeParams = z.object({ from: version('from'), to: version('to'), van: version('van'), naar: version('naar') });

export const presentChanges = (d: VersionChanges) => ({ ok: true as const, changes: d });

export function registerChangesRoutes(app: Hono, services: Services): void {
  const load = (c: Context, id: string) => {
    const p = params(rangeParams, c);
    return getVersionChanges(services, id, { from: p.from ?? p.van, to: p.to ?? p.naar });
  };
  app.get('/documents/:id/wijzigingen', async (c) => c.html(<ChangesPage data={await load(c, c.req.param('id'))} />));
  app.get('/documents/:id/wijzigingen.json', async (c) => c.json(presentChanges(await load(c, c.req.param('id')))));
  app.get('/api/documents/:id/changes', async (c) => c.json(presentChanges(await load(c, c.req.param('id')))));
}
