/**
 * HTTP routes: thin (validate → service → present). Every HTML page has a JSON twin from
 * the same data function; every error, on every route, is a status plus
 * `{ ok: false, error: { code, message } }` (HTML routes render the same as a page).
 */
import { params } from './params.js';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { presentDocument, presentHome, presentSearch } from '../service/presenters.js';
import { getDocument, getHome, getOriginal, search, toezeggingLocation, type Services } from '../service/services.js';
import { getDocumentFile } from '../service/document-files.js';
import { sendFile } from './send-file.js';
import { toHttpError } from './http-errors.js';
import { buildOpenApi } from './openapi.js';
import { registerChangesRoutes } from './changes-routes.js';
import { registerReferenceRoutes } from './reference-routes.js';
import { registerRequestOrigin } from './request-origin.js';
import { registerFollowState } from './follow-state.js';
import { MissingPage } from './views/missing.js';
import { KamerlensError, isKamerlensError } from '../domain/index.js';
import type { MissingReference } from '../service/official.js';
import { registerStatusRoutes } from './status-routes.js';
import { registerHealthRoutes } from './health-routes.js';
import { registerReadRouting } from './read-routing.js';
import type { ReadRouting } from '../service/read-routing.js';
import { registerMissingRoutes } from './missing-routes.js';
import { registerUploadRoutes } from './upload-routes.js';
import type { UploadServices } from '../service/upload.js';
import type { MissingServices } from '../service/missing.js';
import { registerStructureRoutes } from './structure-routes.js';
import { registerTkRoutes } from './tk-routes.js';
import type { WatchService } from '../service/watch-service.js';
import { bellProps, registerWatchRoutes, type WatchRouteOptions } from './watch-routes.js';
import { FairQueue, admission, type AdmissionOptions, type ErrorRenderer } from './admission.js';
import { bodyLimits, clientAddress, securityHeaders } from './limits.js';
import { DocumentPage } from './views/document.js';
import { ErrorPage } from './views/error.js';
import { HomePage } from './views/home.js';
import { SearchPage } from './views/search.js';
import { AdvancedSearchPage } from './views/advanced-search.js';
import { ADVANCED_FIELDS, advancedFieldsOf, buildAdvancedQuery, emptyAdvanced } from '../service/search-form.js';
import { searchFeed } from '../service/search-feed.js';
import { STYLE } from './views/style.js';
import { CHANGES_STYLE, FORM_STYLE, TRUST_STYLE } from './views/trust-style.js';
import type { StatusServices } from '../service/status.js';

const DEFAULT_PAGE_SIZE = 20;

const searchParams = z.object({
  q: z.string().max(1000, 'De zoekopdracht is langer dan 1000 tekens').default(''),
  page: z.coerce.number().int('"page" moet een heel getal zijn').min(1, '"page" moet 1 of meer zijn').default(1),
  pageSize: z.coerce.number().int('"pageSize" moet een heel getal zijn').min(1, '"pageSize" moet 1 of meer zijn').max(100, '"pageSize" mag hoogstens 100 zijn').default(DEFAULT_PAGE_SIZE),
});

const documentParams = z.object({
  version: z.coerce.number().int('"version" moet een heel getal zijn').min(1, '"version" moet 1 of meer zijn').optional(),
  q: z.string().max(1000).optional(),
});


const wantsJson = (c: Context) =>
  c.req.path.startsWith('/api/') || c.req.path.endsWith('.json') || (c.req.header('accept') ?? '').startsWith('application/json');

export interface AppOptions extends WatchRouteOptions {
  /** The search queue (shared, or its options); see admission.ts. */
  admission?: FairQueue | AdmissionOptions;
  /** Time one search may spend verifying phrases before it answers with an estimate. */
  searchBudgetMs?: number;
}

/** Default search budget: the slowest query of the bench mix takes 8 ms at 100,000 documents. */
export const SEARCH_BUDGET_MS = 150;

/** Routes whose cost grows with the query: they go through the fair queue. */
const QUEUED = ['/search', '/search.json', '/api/search', '/documents/*', '/api/documents/*', '/mijn/volgers/*'];

export function createApp(services: MissingServices & UploadServices & { watch?: WatchService | undefined; reads?: ReadRouting | undefined }, watchOptions: AppOptions = {}): Hono {
  const app = new Hono();
  // Outermost: a request answered from the read replica runs entirely on it, or again on the primary.
  registerReadRouting(app, services.reads);
  // First: every later handler may build absolute links from the request's own address.
  registerRequestOrigin(app);
  const render: ErrorRenderer = (c, status, code, message, headers) => {
    if (wantsJson(c)) return c.json({ ok: false as const, error: { code, message } }, status as 400, headers);
    return c.html(<ErrorPage status={status} code={code} message={message} />, status as 400, headers);
  };
  // Before anything reads a body or renders: headers on every answer, bodies capped as they stream.
  app.use('*', securityHeaders(watchOptions.trustProxy));
  app.use('*', bodyLimits(render));
  const queue = watchOptions.admission instanceof FairQueue ? watchOptions.admission : new FairQueue(watchOptions.admission);
  const admit = admission(queue, (c) => clientAddress(c, watchOptions.trustProxy), render);
  for (const path of QUEUED) app.use(path, (c, next) => (c.req.method === 'GET' ? admit(c, next) : next()));
  const budgetMs = watchOptions.searchBudgetMs ?? SEARCH_BUDGET_MS;
  // watch: session middleware + sign-in, /mijn, monitors, feeds (first, so its middleware sees every route)
  registerWatchRoutes(app, services, watchOptions);
  registerFollowState(app, services.watch);

  app.onError((err, c) => {
    // The client went away or was cut off (a body that trickled in past the request timeout).
    if (c.req.raw.signal.aborted) return c.body(null, 408);
    const { status, body } = toHttpError(err);
    // A run on the read replica is logged by read-routing.ts, which knows whether it is run again.
    if (status >= 500 && !c.get('replicaRead')) console.error(`error on ${c.req.method} ${c.req.path}:`, err);
    if (wantsJson(c)) return c.json(body, status as 400);
    if (c.req.path === '/search' && body.error.code === 'BAD_QUERY') {
      const q = c.req.query('q') ?? '';
      return c.html(<SearchPage data={null} q={q} error={{ message: body.error.message, ...(body.error.position !== undefined ? { position: body.error.position } : {}) }} />, 400);
    }
    // A reference the archive lacks: what is known and where to get it, instead of a bare 404.
    const missing = isKamerlensError(err) ? (err.context.missing as MissingReference | undefined) : undefined;
    if (missing && status === 404) return c.html(<MissingPage data={missing} />, 404);
    return c.html(<ErrorPage status={status} code={body.error.code} message={body.error.message} />, status as 400);
  });

  app.notFound((c) => {
    const body = { ok: false as const, error: { code: 'NOT_FOUND', message: `Geen pagina of route voor ${c.req.method} ${c.req.path}` } };
    if (wantsJson(c)) return c.json(body, 404);
    return c.html(<ErrorPage status={404} code="NOT_FOUND" message={`Deze pagina bestaat niet: ${c.req.path}`} />, 404);
  });

  app.get('/assets/style.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STYLE + TRUST_STYLE + CHANGES_STYLE + FORM_STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // Home
  app.get('/', async (c) => c.html(<HomePage data={await getHome(services)} />));
  app.get('/index.json', async (c) => c.json(presentHome(await getHome(services))));
  app.get('/api/stats', async (c) => c.json(presentHome(await getHome(services))));

  // Search
  const runSearch = async (c: Context) => {
    const p = params(searchParams, c);
    return search(services, { q: p.q, page: p.page, pageSize: p.pageSize, budgetMs });
  };
  app.get('/search', async (c) => {
    const data = await runSearch(c);
    return c.html(<SearchPage data={data} q={data.q} showHelp={c.req.query('help') === '1'} bell={bellProps(c, watchOptions)} />);
  });
  // Uitgebreid zoeken: the form's fields become a query, shown in the search box of the results.
  app.get('/search/uitgebreid', async (c) => {
    const given = ADVANCED_FIELDS.filter((k) => (c.req.query(k) ?? '').trim() !== '');
    if (given.length === 0) return c.html(<AdvancedSearchPage fields={advancedFieldsOf(c.req.query('q') ?? '')} />);
    const fields = emptyAdvanced();
    for (const k of ADVANCED_FIELDS) fields[k] = (c.req.query(k) ?? '').slice(0, 300);
    try {
      const q = buildAdvancedQuery(fields);
      return c.redirect(`/search?q=${encodeURIComponent(q)}`, 303);
    } catch (e) {
      if (!isKamerlensError(e) || e.code !== 'BAD_QUERY') throw e;
      return c.html(<AdvancedSearchPage fields={fields} error={e.message} />, 400);
    }
  });
  app.get('/search.atom', async (c) => {
    const q = params(searchParams, c).q;
    const body = await searchFeed(services, q, new URL(c.req.url).origin);
    return c.body(body, 200, { 'Content-Type': 'application/atom+xml; charset=utf-8' });
  });
  app.get('/search.json', async (c) => c.json(presentSearch(await runSearch(c))));
  app.get('/api/search', async (c) => c.json(presentSearch(await runSearch(c))));

  // Documents
  const loadDocument = async (c: Context, id: string) => {
    const p = params(documentParams, c);
    return getDocument(services, id, { ...(p.version ? { version: p.version } : {}), ...(p.q ? { q: p.q } : {}) });
  };
  // Old links: a version's original is its first file.
  app.get('/documents/:id/original', async (c) => {
    const p = params(documentParams, c);
    return sendFile(c, await getOriginal(services, c.req.param('id'), p.version));
  });
  app.get('/documents/:id/bestanden/:file', async (c) => {
    const raw = c.req.param('file');
    if (!/^[1-9][0-9]{0,14}$/.test(raw)) {
      throw new KamerlensError('NOT_FOUND', `Bestand "${raw}" bestaat niet: een bestand heeft een nummer (zie de lijst op de documentpagina)`, { field: 'bestand' });
    }
    return sendFile(c, await getDocumentFile(services, c.req.param('id'), Number(raw)));
  });
  app.get('/documents/:id', async (c) => {
    const id = c.req.param('id');
    if (id.endsWith('.json')) return c.json(presentDocument(await loadDocument(c, id.slice(0, -5))));
    return c.html(<DocumentPage data={await loadDocument(c, id)} />);
  });
  app.get('/api/documents/:id', async (c) => c.json(presentDocument(await loadDocument(c, c.req.param('id')))));

  registerHealthRoutes(app, services);
  registerStructureRoutes(app, services);
  registerTkRoutes(app, services);
  registerStatusRoutes(app, services);
  registerMissingRoutes(app, services);
  registerUploadRoutes(app, services);
  registerChangesRoutes(app, services);
  registerReferenceRoutes(app, services);
  // Search results link commitments here (see toezeggingLocation).
  app.get('/kamer/toezeggingen/:id', async (c) => c.redirect(await toezeggingLocation(services, c.req.param('id')), 302));

  app.get('/api/openapi.json', (c) => c.json(buildOpenApi()));
  return app;
}
