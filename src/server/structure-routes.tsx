/**
 * Routes of the pages across documents: commitments, parties' questions and Council
 * meeting threads, each an HTML page with a `.json` twin and an `/api/…` route.
 */
import { bellProps } from './watch-routes.js';
import { day, page, pageParams, params, splitJson, todayParams } from './params.js';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import type { Services } from '../service/services.js';
import {
  ANSWER_QUALITIES,
  DEADLINE_STATUSES,
  getMeeting,
  getParty,
  listMeetings,
  listParties,
  todayInAmsterdam,
} from '../service/structure.js';
import { KEPT_STATES, PROMISE_SOURCES, listPromises } from '../service/promises.js';
import { presentCommitments, presentMeeting, presentMeetings, presentParties, presentParty } from '../service/structure-presenters.js';
import { CommitmentsPage, MeetingPage, MeetingsPage, PartiesPage, PartyPage } from './views/structure.js';
import { STRUCTURE_STYLE } from './views/structure-style.js';


const commitmentParams = z.object({
  actor: z.string().max(200, '"actor" is langer dan 200 tekens').default(''),
  // An empty value is what the filter form sends for "any status".
  status: z.union([z.enum(DEADLINE_STATUSES), z.literal('')], { error: `"status" moet een van deze zijn: ${DEADLINE_STATUSES.join(', ')}` }).default(''),
  q: z.string().max(500, '"q" is langer dan 500 tekens').default(''),
  // Kept (nagekomen), overdue with nothing found, or open; and which source: Dutch words in the URL like the page.
  nagekomen: z.union([z.enum(KEPT_STATES), z.literal('')], { error: `"nagekomen" moet een van deze zijn: ${KEPT_STATES.join(', ')}` }).default(''),
  bron: z.union([z.enum(PROMISE_SOURCES), z.literal('')], { error: `"bron" moet een van deze zijn: ${PROMISE_SOURCES.join(', ')}` }).default(''),
  page,
  today: day.optional(),
});


const meetingParams = z.object({
  // Words of the Council's name; Dutch in the URL like the page.
  raad: z.string().max(200, '"raad" is langer dan 200 tekens').default(''),
  // An empty value is the form's "every year"; the range is checked where the page is read.
  jaar: z.union([z.literal(''), z.coerce.number().int()], { error: '"jaar" moet een jaartal zijn' }).default(''),
  page,
});

const partyParams = z.object({
  page,
  // Dutch in the URL like the page; an empty value is the filter form's "all".
  kwaliteit: z.union([z.enum(ANSWER_QUALITIES), z.literal('')], { error: `"kwaliteit" moet een van deze zijn: ${ANSWER_QUALITIES.join(', ')}` }).default(''),
});

/** Registers the structure pages on `app`; errors go through the app's one error handler. */
export function registerStructureRoutes(app: Hono, services: Services): void {
  app.get('/assets/structure.css', (c) => {
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(STRUCTURE_STYLE, 200, { 'Content-Type': 'text/css; charset=utf-8' });
  });

  // Commitments
  const commitments = (c: Context) => {
    const p = params(commitmentParams, c);
    return listPromises(services, {
      actor: p.actor,
      status: p.status || null,
      kept: p.nagekomen || null,
      source: p.bron || null,
      q: p.q,
      page: p.page,
      today: p.today ?? todayInAmsterdam(),
    });
  };
  app.get('/toezeggingen', async (c) => c.html(<CommitmentsPage data={await commitments(c)} />));
  app.get('/toezeggingen.json', async (c) => c.json(presentCommitments(await commitments(c))));
  app.get('/api/commitments', async (c) => c.json(presentCommitments(await commitments(c))));

  // Parties
  app.get('/partijen', async (c) => c.html(<PartiesPage data={await listParties(services)} />));
  app.get('/partijen.json', async (c) => c.json(presentParties(await listParties(services))));
  app.get('/api/parties', async (c) => c.json(presentParties(await listParties(services))));
  const party = (c: Context, name: string) => {
    const p = params(partyParams, c);
    return getParty(services, name, p.page, p.kwaliteit || null);
  };
  app.get('/partijen/:party', async (c) => {
    const { name, json } = splitJson(c.req.param('party'));
    const data = await party(c, name);
    return json ? c.json(presentParty(data)) : c.html(<PartyPage data={data} bell={bellProps(c)} />);
  });
  app.get('/api/parties/:party', async (c) => c.json(presentParty(await party(c, c.req.param('party')))));

  // Council meetings
  const meetings = (c: Context) => {
    const p = params(meetingParams, c);
    return listMeetings(services, { q: p.raad, year: p.jaar === '' ? null : p.jaar, page: p.page });
  };
  app.get('/raad', async (c) => c.html(<MeetingsPage data={await meetings(c)} />));
  app.get('/raad.json', async (c) => c.json(presentMeetings(await meetings(c))));
  app.get('/api/meetings', async (c) => c.json(presentMeetings(await meetings(c))));
  const meeting = (c: Context, key: string) => getMeeting(services, key, params(todayParams, c).today ?? todayInAmsterdam());
  app.get('/raad/:key', async (c) => {
    const { name, json } = splitJson(c.req.param('key'));
    const data = await meeting(c, name);
    return json ? c.json(presentMeeting(data)) : c.html(<MeetingPage data={data} bell={bellProps(c)} />);
  });
  app.get('/api/meetings/:key', async (c) => c.json(presentMeeting(await meeting(c, c.req.param('key')))));
}
