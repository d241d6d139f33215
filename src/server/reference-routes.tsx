/**
 * Links that never die: `/stukken/kamerstuk/<dossier>/<nr>`, `/stukken/raad/<nummer-jj>` and
 * `/stukken/document/<nummer>` redirect to the document (or the Kamer's dossier page) when
 * it is known, else show what is known and the official source (200: the page about the
 * reference exists even when the document does not). JSON: `/api/references/…` alike.
 */
import type { Context, Hono } from 'hono';
import { resolveCouncilDoc, resolveDocument, resolveKamerstuk, type Resolution } from '../service/references.js';
import type { Services } from '../service/services.js';
import { MissingPage } from './views/missing.js';

const present = (r: Resolution) => (r.found ? { ok: true as const, found: true as const, location: r.location } : { ok: true as const, found: false as const, missing: r.missing });

function answer(c: Context, r: Resolution) {
  return r.found ? c.redirect(r.location, 302) : c.html(<MissingPage data={r.missing} />);
}

export function registerReferenceRoutes(app: Hono, services: Services): void {
  app.get('/stukken/kamerstuk/:dossier/:nr', async (c) => answer(c, await resolveKamerstuk(services, c.req.param('dossier'), c.req.param('nr'))));
  app.get('/stukken/raad/:id', async (c) => answer(c, await resolveCouncilDoc(services, c.req.param('id'))));
  app.get('/stukken/document/:nummer', async (c) => answer(c, await resolveDocument(services, c.req.param('nummer'))));
  app.get('/api/references/kamerstuk/:dossier/:nr', async (c) => c.json(present(await resolveKamerstuk(services, c.req.param('dossier'), c.req.param('nr')))));
  app.get('/api/references/council/:id', async (c) => c.json(present(await resolveCouncilDoc(services, c.req.param('id')))));
  app.get('/api/references/document/:nummer', async (c) => c.json(present(await resolveDocument(services, c.req.param('nummer')))));
}
