/**
 * Routes of the Kamer pages over the synced open data (agenda, decisions, votes, committees,
 * people, parties, dossiers, zaken, commitments, open questions, reports, gifts), each an
 * HTML page with a `.json` twin and an `/api/…` route.
 */
import { bellProps } from './watch-routes.js';
import { page, pageParams, params, splitJson, todayParams } from './params.js';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { KamerlensError } from '../domain/index.js';
import { getLastSync, type StatusServices } from '../service/status.js';
import { todayInAmsterdam } from '../service/structure.js';
import {
  getActiviteit,
  getAgenda,
  getCommissie,
  getDossier,
  getFractie,
  getKamerOverview,
  getKamerToezeggingen,
  getOpenVragen,
  getPersoon,
  getStemming,
  getTkDocumentPanelById,
  getUnplanned,
  getVerslag,
  getZaak,
  listBesluiten,
  listCommissies,
  listDossiers,
  listFracties,
  listGeschenken,
  listPersonen,
  listStemmingen,
  listVerslagen,
  type TkServices,
} from '../service/tk.js';
import {
  presentActiviteit,
  presentAgenda,
  presentBesluiten,
  presentCommissie,
  presentCommissies,
  presentDocumentPanel,
  presentDossier,
  presentDossiers,
  presentFractie,
  presentFracties,
  presentGeschenken,
  presentKamerOverview,
  presentKamerToezeggingen,
  presentOpenVragen,
  presentPersonen,
  presentPersoon,
  presentStemming,
  presentStemmingen,
  presentUnplanned,
  presentVerslag,
  presentVerslagen,
  presentZaak,
} from '../service/tk-presenters.js';
import { ActiviteitPage, AgendaPage, UnplannedPage } from './views/tk/activiteiten.js';
import { DossierPage, DossiersPage, ZaakPage } from './views/tk/dossiers.js';
import { BesluitenPage, GeschenkenPage, KamerPage, KamerToezeggingenPage, OpenVragenPage } from './views/tk/overview.js';
import { CommissiePage, CommissiesPage, FractiePage, FractiesPage, PersonenPage, PersoonPage } from './views/tk/people.js';
import { StemmingPage, StemmingenPage } from './views/tk/stemmingen.js';
import { LastSyncContext } from './views/tk/common.js';
import { MissingPage } from './views/missing.js';
import { resolveDocument } from '../service/references.js';
import { TK_STYLE } from './views/tk/style.js';
import { VerslagPage, VerslagenPage } from './views/tk/verslagen.js';


const personenParams = z.object({ fractie: z.string().max(100, '"fractie" is langer dan 100 tekens').default(''), page });

/** A list page's cursor, as its links carry it (the store checks that it is one). */
const cursor = z.string().max(2000, 'is langer dan 2000 tekens').regex(/^[A-Za-z0-9_-]+$/, 'is geen positie in deze lijst');
/**
 * Lists the store pages through: the number is only shown when a cursor finds the page, so it
 * may go far past the 500 pages a list kept in memory stops at (the service checks that).
 */
const listParams = z.object({
  page: z.coerce.number().int('"page" moet een heel getal zijn').min(1, '"page" moet 1 of meer zijn').max(1_000_000, '"page" mag hoogstens 1000000 zijn').default(1),
  after: cursor.optional(),
  before: cursor.optional(),
});
const listRequest = (c: Context) => params(listParams, c);


type Html = Parameters<Context['html']>[0];

declare module 'hono' {
  interface ContextVariableMap {
    /** When the open data was last synced (read only by pages that show it). */
    tkLastSync: () => Promise<string | null>;
  }
}

const today = (c: Context) => params(todayParams, c).today ?? todayInAmsterdam();

/**
 * Registers one page: `html` at `path`, its JSON twin at `path.json` and at `api`. Pages with
 * an entity key take it from `:key`; `path/:key.json` is told apart by its suffix.
 */
function route<T>(app: Hono, path: string, api: string, load: (c: Context, key: string) => Promise<T>, present: (d: T) => object, html: (d: T, c: Context) => Html) {
  const keyed = path.includes(':key');
  // Every Kamer page's footer says when the open data was last synced.
  const page = async (data: T, c: Context) =>
    c.html(<LastSyncContext.Provider value={await c.get('tkLastSync')?.()}>{html(data, c)}</LastSyncContext.Provider>);
  if (keyed) {
    app.get(path, async (c) => {
      const { name, json } = splitJson(c.req.param('key') ?? '');
      const data = await load(c, name);
      return json ? c.json(present(data)) : page(data, c);
    });
  } else {
    app.get(path, async (c) => page(await load(c, ''), c));
    app.get(`${path}.json`, async (c) => c.json(present(await load(c, ''))));
  }
  app.get(api, async (c) => c.json(present(await load(c, c.req.param('key') ?? ''))));
}

/** Registers the Kamer pages on `app`; errors go through the app's one error handler. */
export function registerTkRoutes(app: Hono, services: StatusServices): void {
  const s = (): TkServices => {
    if (!services.tk) throw new KamerlensError('NOT_FOUND', 'De open data van de Tweede Kamer is hier niet beschikbaar: voer eerst `kamerlens sync` uit');
    return { tk: services.tk, store: services.store, vlos: services.vlos, structure: services.structure, promises: services.promises };
  };

  app.use('*', async (c, next) => {
    c.set('tkLastSync', () => getLastSync(services));
    await next();
  });

  app.get('/assets/tk.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(TK_STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // Static paths first: `/activiteiten/ongepland` and `/kamer/toezeggingen` are not keys.
  route(app, '/kamer', '/api/parliament', () => getKamerOverview(s()), presentKamerOverview, (d) => <KamerPage data={d} />);
  route(app, '/kamer/toezeggingen', '/api/parliament/commitments', (c) => getKamerToezeggingen(s(), today(c), params(pageParams, c).page), presentKamerToezeggingen, (d) => <KamerToezeggingenPage data={d} />);
  // A number in running text: the document, its zaak, the Kamer's page, or what is known of it.
  app.get('/kamer/document/:nummer', async (c) => {
    const r = await resolveDocument(services, c.req.param('nummer'));
    return r.found ? c.redirect(r.location, 302) : c.html(<MissingPage data={r.missing} />);
  });

  route(app, '/activiteiten', '/api/activities', (c) => getAgenda(s(), today(c)), presentAgenda, (d) => <AgendaPage data={d} />);
  route(app, '/activiteiten/ongepland', '/api/activities/unscheduled', () => getUnplanned(s()), presentUnplanned, (d) => <UnplannedPage data={d} />);
  route(app, '/activiteiten/:key', '/api/activities/:key', (c, key) => getActiviteit(s(), key, today(c)), presentActiviteit, (d) => <ActiviteitPage data={d} />);

  route(app, '/besluiten', '/api/decisions', (c) => listBesluiten(s(), listRequest(c)), presentBesluiten, (d, c) => <BesluitenPage data={d} cursor={listRequest(c)} />);
  route(app, '/stemmingen', '/api/votes', (c) => listStemmingen(s(), listRequest(c)), presentStemmingen, (d, c) => <StemmingenPage data={d} cursor={listRequest(c)} />);
  route(app, '/stemmingen/:key', '/api/votes/:key', (_c, key) => getStemming(s(), key), presentStemming, (d) => <StemmingPage data={d} />);

  route(app, '/commissies', '/api/committees', () => listCommissies(s()), presentCommissies, (d) => <CommissiesPage data={d} />);
  route(app, '/commissies/:key', '/api/committees/:key', (_c, key) => getCommissie(s(), key), presentCommissie, (d, c) => <CommissiePage data={d} bell={bellProps(c)} />);

  const personen = (c: Context) => {
    const p = params(personenParams, c);
    return listPersonen(s(), { fractie: p.fractie, page: p.page });
  };
  route(app, '/personen', '/api/persons', personen, presentPersonen, (d) => <PersonenPage data={d} />);
  route(app, '/personen/:key', '/api/persons/:key', (c, key) => getPersoon(s(), key, today(c)), presentPersoon, (d, c) => <PersoonPage data={d} bell={bellProps(c)} />);

  route(app, '/fracties', '/api/factions', () => listFracties(s()), presentFracties, (d) => <FractiesPage data={d} />);
  route(app, '/fracties/:key', '/api/factions/:key', (c, key) => getFractie(s(), key, today(c)), presentFractie, (d) => <FractiePage data={d} />);

  route(app, '/dossiers', '/api/dossiers', (c) => listDossiers(s(), params(pageParams, c).page), presentDossiers, (d) => <DossiersPage data={d} />);
  route(app, '/dossiers/:key', '/api/dossiers/:key', (_c, key) => getDossier(s(), key), presentDossier, (d, c) => <DossierPage data={d} bell={bellProps(c)} />);
  route(app, '/zaken/:key', '/api/cases/:key', (_c, key) => getZaak(s(), key), presentZaak, (d, c) => <ZaakPage data={d} bell={bellProps(c)} />);

  route(app, '/open-vragen', '/api/open-questions', (c) => getOpenVragen(s(), today(c)), presentOpenVragen, (d) => <OpenVragenPage data={d} />);
  route(app, '/verslagen', '/api/reports', (c) => listVerslagen(s(), listRequest(c)), presentVerslagen, (d, c) => <VerslagenPage data={d} cursor={listRequest(c)} />);
  route(app, '/verslagen/:key', '/api/reports/:key', (_c, key) => getVerslag(s(), key), presentVerslag, (d) => <VerslagPage data={d} />);
  route(app, '/geschenken', '/api/gifts', (c) => listGeschenken(s(), listRequest(c)), presentGeschenken, (d, c) => <GeschenkenPage data={d} cursor={listRequest(c)} />);

  // The Kamer's data about a kamerlens document: shown on the document page, here as JSON.
  const panel = (c: Context) => getTkDocumentPanelById(s(), c.req.param('id') ?? '');
  app.get('/documents/:id/kamer.json', async (c) => c.json(presentDocumentPanel(await panel(c))));
  app.get('/api/documents/:id/parliament', async (c) => c.json(presentDocumentPanel(await panel(c))));
}
