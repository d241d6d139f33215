/**
 * `/ontbrekend` and its JSON twin `/api/missing`: what the archive lacks and where to get it;
 * `POST /ontbrekend` stores a signed-in user's report (a form with the session's CSRF token).
 */
import type { Context, Hono } from 'hono';
import { isKamerlensError } from '../domain/index.js';
import { getMissing, reportMissing, type MissingData, type MissingServices } from '../service/missing.js';
import { formIsGenuine } from './status-routes.js';
import { ErrorPage } from './views/error.js';
import { MissingListPage } from './views/ontbrekend.js';
import { bellProps } from './watch-routes.js';

export function presentMissing(d: MissingData) {
  return { ok: true as const, ...d };
}

export function registerMissingRoutes(app: Hono, services: MissingServices): void {
  const csrfOf = (c: Context) => {
    const bell = bellProps(c);
    return bell?.signedIn ? bell.csrf : undefined;
  };
  app.get('/ontbrekend', async (c) => c.html(<MissingListPage data={await getMissing(services)} csrf={csrfOf(c)} />));
  app.get('/ontbrekend.json', async (c) => c.json(presentMissing(await getMissing(services))));
  app.get('/api/missing', async (c) => c.json(presentMissing(await getMissing(services))));

  app.post('/ontbrekend', async (c) => {
    const body = await c.req.parseBody();
    const field = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : '');
    const viewer = c.get('viewer');
    if (!viewer) return c.html(<ErrorPage status={401} code="UNAUTHORIZED" message="Log eerst in om een ontbrekend document te melden." />, 401);
    if (!formIsGenuine(c, field('csrf'))) {
      return c.html(<ErrorPage status={403} code="CSRF" message="Het formulier is verlopen of ongeldig (CSRF); laad de pagina opnieuw." />, 403);
    }
    try {
      await reportMissing(services, viewer.userId, field('what'), field('where'));
    } catch (e) {
      if (isKamerlensError(e) && e.code === 'BAD_REQUEST') {
        return c.html(<MissingListPage data={await getMissing(services)} csrf={csrfOf(c)} error={e.message} />, 400);
      }
      throw e;
    }
    return c.html(<MissingListPage data={await getMissing(services)} csrf={csrfOf(c)} notice="Bedankt: je melding staat hieronder." />, 201);
  });
}
