/** The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. */
import { DOCUMENT_KINDS, ENTITY_TYPES } from '../domain/index.js';
import { INTERVALS, MONITOR_KINDS } from '../service/watch-service.js';

const error = {
  type: 'object',
  required: ['ok', 'error'],
  properties: {
    ok: { const: false },
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: { type: 'string', examples: ['BAD_QUERY', 'NOT_FOUND', 'BAD_REQUEST', 'INTERNAL'] },
        message: { type: 'string' },
        position: { type: 'integer', description: 'Offset in the query where a BAD_QUERY problem was found' },
        field: { type: 'string', description: 'The parameter that was invalid' },
      },
    },
  },
};

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

const facetBuckets = {
  type: 'array',
  items: { type: 'object', required: ['value', 'count'], properties: { value: { type: 'string' }, count: { type: 'integer' } } },
};

const okJson = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const todayParam = { name: 'today', in: 'query', schema: { type: 'string', format: 'date' }, description: 'The day the page is computed against; default today in Amsterdam' };
const pageParam = { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 1_000_000, default: 1 }, description: '100 per page; without after/before at most page 500' };
const cursorParam = (name: 'after' | 'before', description: string) => ({ name, in: 'query', schema: { type: 'string', maxLength: 2000, pattern: '^[A-Za-z0-9_-]+$' }, description });
/** Ordered lists page by cursor: `next`/`prev` in the response carry them, and any page then costs about the same. */
const listParams = [
  pageParam,
  cursorParam('after', 'Continue after this position (the `next` cursor of the previous page)'),
  cursorParam('before', 'Go back before this position (the `prev` cursor of the next page)'),
];
const keyParam = (description: string) => ({ name: 'key', in: 'path', required: true, schema: { type: 'string' }, description });

/** One Kamer page's API route; `twin` names the page whose `.json` returns the same body. */
function kamer(operationId: string, summary: string, twin: string, body: string, parameters: object[] = [], notFound: string | null = null) {
  return {
    get: {
      operationId,
      summary: `${summary}; twin of ${twin}`,
      parameters,
      responses: {
        '200': okJson(body),
        '400': errorResponse('Invalid parameter'),
        ...(notFound ? { '404': errorResponse(notFound) } : {}),
      },
    },
  };
}

/** Monitors (volgers) over the API: the same service as /mijn and `kamerlens watch`, with a Bearer API token. */
function monitorPaths() {
  const security = [{ apiToken: [] }];
  const unauthorized = errorResponse('No or an unknown API token (UNAUTHORIZED)');
  const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string', pattern: '^[0-9a-f]{8,64}$' } };
  const monitor = '`{ id, kind, params, label, query, interval, email, webhook: { url, disabled, failures } | null, createdAt, lastRunAt, lastMatchCount, matchCount, feedPath }`';
  return {
    '/api/monitors': {
      get: {
        operationId: 'listMonitors',
        summary: 'Your monitors, with their human name (`label`) and feed; twin of what /mijn shows',
        security,
        responses: { '200': okJson(`\`{ ok, monitors: [monitor] }\` with monitor ${monitor}`), '401': unauthorized },
      },
      post: {
        operationId: 'createMonitor',
        summary: 'Follow something; following the same thing again answers the existing monitor (`existed: true`), never a duplicate',
        security,
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                type: 'object',
                required: ['kind'],
                properties: {
                  kind: { enum: [...MONITOR_KINDS] },
                  query: { type: 'string', maxLength: 1000, description: 'For `search`: the query, in the query language' },
                  party: { type: 'string', maxLength: 200 },
                  dossier: { type: 'string', maxLength: 200, description: 'e.g. `21501-33`' },
                  actor: { type: 'string', maxLength: 200, description: 'For `commitments`: who promised' },
                  person: { type: 'string', maxLength: 200 },
                  committee: { type: 'string', maxLength: 200 },
                  zaak: { type: 'string', maxLength: 200 },
                  meeting: { type: 'string', maxLength: 200, description: 'A Council meeting key, e.g. `telecomraad-2025-03-04`' },
                  params: { type: 'object', additionalProperties: { type: 'string', maxLength: 1000 }, description: 'Further parameters of the kind (`ministry`, `event`, `quality`, …)' },
                  interval: { enum: [...INTERVALS], default: 'immediate' },
                  label: { type: 'string', maxLength: 200 },
                  email: { type: 'boolean', default: true, description: 'Only delivered when the server has an SMTP server' },
                  webhookUrl: { type: ['string', 'null'], maxLength: 2000, description: 'A public https address; signed with HMAC-SHA256' },
                },
              },
            },
          },
        },
        responses: {
          '201': okJson(`\`{ ok, monitor, webhookSecret }\` (the secret is shown once) with monitor ${monitor}`),
          '400': errorResponse('Not JSON, or a field is invalid (BAD_REQUEST, with `field`)'),
          '401': unauthorized,
        },
      },
    },
    '/api/monitors/{id}': {
      get: {
        operationId: 'getMonitor',
        summary: 'One monitor: what it matched, its deliveries, and what it would match in the archive now',
        security,
        parameters: [idParam],
        responses: {
          '200': okJson('`{ ok, monitor, matches, deliveries: [{ itemKey, channel, state, queuedAt, deliveredAt }], preview, previewTotal, previewIsEstimate }`'),
          '401': unauthorized,
          '404': errorResponse('No monitor of yours with this id'),
        },
      },
      delete: {
        operationId: 'deleteMonitor',
        summary: 'Stop following',
        security,
        parameters: [idParam],
        responses: { '200': okJson('`{ ok: true }`'), '401': unauthorized, '404': errorResponse('No monitor of yours with this id') },
      },
    },
  };
}

/** The Kamer pages over the synced Tweede Kamer open data (`kamerlens sync`). */
function kamerPaths() {
  const ref = 'Entities are referenced as objects with an `id` and a `url` to their kamerlens page';
  return {
    '/api/parliament': kamer('parliamentOverview', 'What is new: the latest documents, zaken, activities, decisions and votes by update time', '/kamer.json', '`{ ok, counts, documenten, zaken, activiteiten, besluiten, stemmingen }`'),
    '/api/activities': kamer('listActivities', 'The agenda from `today` on, grouped per committee', '/activiteiten.json', '`{ ok, today, total, groups: [{ commissie, activiteiten }], ongepland }`', [todayParam]),
    '/api/activities/unscheduled': kamer('listUnscheduledActivities', 'Activities without a date', '/activiteiten/ongepland.json', '`{ ok, total, activiteiten }`'),
    '/api/activities/{key}': kamer('getActivity', 'One activity: participants, agenda items with decisions, zaken, documents, commitments, the report of what was said', '/activiteiten/{key}.json', '`{ ok, activiteit, actoren, agendapunten, zaken, documenten, toezeggingen, verslagen: [{ url, titel, datum, sprekers }] }`', [keyParam('Activity GUID'), todayParam], 'No such activity'),
    '/api/decisions': kamer('listDecisions', 'Every decision, newest first, with zaak and vote tally', '/besluiten.json', '`{ ok, total, totalExact, page, pageSize, pageCount, next, prev, items: [{ id, soort, tekst, datum, zaak, activiteit, tally, url }] }`', listParams),
    '/api/votes': kamer('listVotes', 'Decisions that were voted on, newest first', '/stemmingen.json', '`{ ok, total, page, pageSize, pageCount, items }`', listParams),
    '/api/votes/{key}': kamer('getVote', 'One vote: seats voor/tegen and every party\'s (or member\'s) vote', '/stemmingen/{key}.json', '`{ ok, besluit: { …, tally: { voor, tegen, nietDeelgenomen, rows: [{ naam, soort, zetels, url }], vergissingen } }, andere }`', [keyParam('Decision GUID, or a zaak number or GUID (its latest vote)')], 'No vote on this key'),
    '/api/committees': kamer('listCommittees', 'Active committees with their number of members', '/commissies.json', '`{ ok, commissies }`'),
    '/api/committees/{key}': kamer('getCommittee', 'One committee: members with party, recent zaken and activities', '/commissies/{key}.json', '`{ ok, commissie, leden, zaken, activiteiten }`', [keyParam('Committee GUID or afkorting (`DiZa`)')], 'No such committee'),
    '/api/persons': kamer('listPersons', 'MPs and cabinet members by surname', '/personen.json', '`{ ok, total, page, pageSize, pageCount, items, filter, fracties }`', [{ name: 'fractie', in: 'query', schema: { type: 'string', maxLength: 100 }, description: 'Party GUID or afkorting' }, pageParam]),
    '/api/persons/{key}': kamer('getPerson', 'One person: party, committees, documents signed, zaken, written questions, activities, commitments, gifts, side jobs, roll-call votes, what they said in debates', '/personen/{key}.json', '`{ ok, persoon, fractie, commissies, documenten, zaken, vragen, activiteiten, toezeggingen: { aan, door }, geschenken, nevenfuncties, stemmen, bijdragen: [{ verslag, activiteit, beurten, interrupties, alsVoorzitter, seconden, minuten }] }`', [keyParam('Person GUID'), todayParam], 'No such person'),
    '/api/factions': kamer('listFactions', 'Active parties by seats', '/fracties.json', '`{ ok, fracties, zetels }`'),
    '/api/factions/{key}': kamer('getFaction', 'One party: seats, members, how it voted', '/fracties/{key}.json', '`{ ok, fractie, leden, stemmen }`', [keyParam('Party GUID or afkorting (`VVD`)')], 'No such party'),
    '/api/dossiers': kamer('listDossiers', 'Kamerstukdossiers by number', '/dossiers.json', '`{ ok, total, page, pageSize, pageCount, items: [{ id, key, titel, documenten, url }] }`', [pageParam]),
    '/api/dossiers/{key}': kamer('getDossier', 'One dossier: its documents by volgnummer (with the kamerlens page when imported) and zaken', '/dossiers/{key}.json', '`{ ok, dossier, documenten: [{ nummer, volgnummer, documentUrl, kamerUrl, zaak, … }], zaken }`', [keyParam('`21501-33`, `21501` or the dossier GUID')], 'No such dossier'),
    '/api/cases/{key}': kamer('getCase', 'One zaak: actors, documents, activities, decisions and votes', '/zaken/{key}.json', '`{ ok, zaak, dossier, actoren, documenten, activiteiten, besluiten }`', [keyParam('Zaak number (`2025Z03735`) or GUID')], 'No such zaak'),
    '/api/parliament/commitments': kamer('listParliamentCommitments', 'The Kamer\'s register of commitments with status and deadline; each with `belofte`: the same promise as found in a document (`gekoppeld`) and the stored letter that kept it (`nagekomen`). Both sources in one list: /api/commitments', '/kamer/toezeggingen.json', '`{ ok, today, total, open, verlopen, toezeggingen: [{ …, belofte: { stand, gekoppeld, nagekomen } | null }], statussen, gevondenInBrievenUrl }`', [todayParam]),
    '/api/open-questions': kamer('listOpenQuestions', 'Written questions without an answer document; overdue after three weeks; per party and ministry', '/open-vragen.json', '`{ ok, today, total, verlopen, vragen: [{ nummer, dagen, verlopen, uitstel, indieners, ministeries, … }], perFractie, perMinisterie }`', [todayParam]),
    '/api/reports': kamer('listReports', 'Reports of sittings (VLOS), newest first', '/verslagen.json', '`{ ok, total, page, pageSize, pageCount, items }`', listParams),
    '/api/reports/{key}': kamer('getReport', 'One report of a sitting as derived at sync time: debate items, speakers with turns, interruptions and minutes, and who said what in order (interruptions nested under the turn they interrupt)', '/verslagen/{key}.json', '`{ ok, verslag, inhoud: { titel, soort, status, datum, documentUrl, sprekers: { <key>: { naam, fractie, functie, soort, persoon: { id, url } | null } }, totaal: [{ spreker, beurten, interrupties, alsVoorzitter, seconden, minuten, zonderTijd }], activiteiten: [{ anker, soort, titel, onderwerp, url, sprekers, blocks: [{ kind: kop|fragment|turn, … }] }] } | null }`', [keyParam('Report GUID')], 'No such report'),
    '/api/gifts': kamer('listGifts', 'Gifts MPs registered, newest first', '/geschenken.json', '`{ ok, total, page, pageSize, pageCount, items: [{ omschrijving, datum, persoon }] }`', listParams),
    '/api/documents/{id}/parliament': kamer('getDocumentParliament', `What the Kamer's open data says about a kamerlens document the sync imported: number, versions, zaken, activities, actors, attachments, dossier; ${ref}`, '/documents/{id}/kamer.json', '`{ ok, document, versies, zaken, activiteiten, actoren, bijlagen, bijlageBij, dossier }`', [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], 'No such document, or it did not come from the open data'),
  };
}

export function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kamerlens API',
      version: '1',
      description:
        'Search and read Dutch parliamentary and EU Council documents. Every HTML page has a JSON twin ' +
        '(`/documents/{id}.json`, `/search.json`, `/index.json`, `/toezeggingen.json`, `/partijen.json`, `/raad.json`, …) with the same body as the API route. ' +
        'Languages: field names and error codes are English identifiers (camelCase fields, UPPER_CASE codes) and stay stable; ' +
        "what is meant to be read (error messages, labels, the sentences of `/api/documents/{id}/changes`) is Dutch, as on the site. " +
        "The Kamer's own field names (`soort`, `onderwerp`, `datum`, …) are kept as the open data names them.",
    },
    paths: {
      '/api/search': {
        get: {
          operationId: 'search',
          summary: 'Full-text search with the kamerlens query language',
          parameters: [
            {
              name: 'q', in: 'query', required: false, schema: { type: 'string', maxLength: 1000 },
              description:
                'Words (all must match; Dutch word forms, compounds both ways and thesaurus synonyms are found), "exact phrase", ' +
                'OR/OF, -exclude or NOT/NIET, prefix*, =word (that word only), NEAR(a b, N) / a NEAR/N b / "a b"~N, ' +
                'identifiers (21501-33 nr. 1113, kst-21501-33-1113, 2025D08504, 14435/17), ' +
                'filters kind: (soort:), date: (datum:) YYYY-MM-DD..YYYY-MM-DD, year: (jaar:), party: (partij:), dossier:, person: (persoon:), committee: (commissie:), ' +
                'type:zaak|activiteit|toezegging|dossier|persoon|commissie|fractie|document (default documents), sort: (sorteer:) date|date-asc|relevance. ' +
                'The same search as an Atom feed, newest first: /search.atom?q=…',
            },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
            { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          ],
          responses: {
            '200': { description: 'Results', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } } },
            '400': errorResponse('Malformed query (BAD_QUERY, with position) or parameters (BAD_REQUEST)'),
            '503': errorResponse('The search queue is full or the wait was too long (BUSY); retry after the `Retry-After` seconds'),
          },
        },
      },
      '/api/documents/{id}': {
        get: {
          operationId: 'getDocument',
          summary: 'One document: metadata, clean text, page map and parsed structure',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'An older version; default the current one' },
            { name: 'q', in: 'query', schema: { type: 'string' }, description: 'A query whose matches are returned as `highlights` ranges into `text`' },
          ],
          responses: {
            '200': { description: 'The document', content: { 'application/json': { schema: { $ref: '#/components/schemas/DocumentResult' } } } },
            '404': errorResponse('No such document or version'),
            '400': errorResponse('Invalid parameter'),
            '503': errorResponse('The search queue is full (BUSY); retry after the `Retry-After` seconds'),
          },
        },
      },
      '/api/stats': {
        get: {
          operationId: 'stats',
          summary: 'Counts and the most recently added documents (the home page data)',
          responses: { '200': { description: 'Counts', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/api/documents/{id}/changes': {
        get: {
          operationId: 'documentChanges',
          summary: 'What changed between two versions, in words and word by word; twin of /documents/{id}/wijzigingen',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'from', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'Default: the version before `to`' },
            { name: 'to', in: 'query', schema: { type: 'integer', minimum: 1 }, description: 'Default: the current version' },
          ],
          responses: {
            '200': okJson('`{ ok, changes: { documentId, title, from, to, sentences, changes: [{ type, … }], text, blocks } }`'),
            '400': errorResponse('`from` is not before `to`, or the document has one version'),
            '404': errorResponse('No such document or version'),
          },
        },
      },
      '/api/references/kamerstuk/{dossier}/{nr}': {
        get: {
          operationId: 'referenceKamerstuk',
          summary: 'Where a kamerstuk leads: `{ ok, found: true, location }` or `{ ok, found: false, missing: { label, official, searchQuery, citedBy } }`; also /api/references/council/{nummer-jj} and /api/references/document/{nummer}',
          parameters: [
            { name: 'dossier', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'nr', in: 'path', required: true, schema: { type: 'string' } },
          ],
          responses: { '200': okJson('The resolution'), '400': errorResponse('Not a kamerstuk number') },
        },
      },
      '/api/references/council/{id}': {
        get: {
          operationId: 'referenceCouncil',
          summary: 'Where a Council document leads (`13943-17` for 13943/17): the same answer as /api/references/kamerstuk',
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' }, description: 'Number and two-digit year, `13943-17`' }],
          responses: { '200': okJson('The resolution'), '400': errorResponse('Not a Council document number') },
        },
      },
      '/api/references/document/{nummer}': {
        get: {
          operationId: 'referenceDocument',
          summary: 'Where a Kamer document number (`2024D17688`) leads: the same answer as /api/references/kamerstuk',
          parameters: [{ name: 'nummer', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': okJson('The resolution'), '400': errorResponse('Not a Kamer document number') },
        },
      },
      '/api/status': {
        get: {
          operationId: 'status',
          summary: 'Coverage and freshness per source: last successful and attempted run, counts, failures, silence alarms; twin of /status',
          responses: { '200': okJson('`{ ok, now, lastSync, sources: [{ id, kind, label, lastAttempt, lastSuccess, lastError, count, failed, usualGapHours, silentHours, alarm, retryable }], alarms, importFailures, fileFailures, files }`') },
        },
      },
      ...monitorPaths(),
      '/api/missing': {
        get: {
          operationId: 'missing',
          summary: 'What the archive knows it lacks, with where to get it; twin of /ontbrekend',
          responses: { '200': okJson('`{ ok, citations: [{ key, label, raws, href, official, citedBy }], steps: [{ meeting, body, date, href, lacks, has }], files: [{ kind, label, reason, official }], reports: [{ id, what, where, reportedAt }] }`') },
        },
      },
      '/api/commitments': {
        get: {
          operationId: 'listCommitments',
          summary:
            'Commitments (toezeggingen) found in documents and in the Kamer\'s register, in one list by deadline (a register entry linked to the same promise in a document is one row, source `both`), each with whether it was kept; twin of /toezeggingen.json',
          parameters: [
            { name: 'actor', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'Who promised (case-insensitive); `kabinet` also matches commitments without an actor; a register entry matches by the words of its bewindspersoon' },
            { name: 'status', in: 'query', schema: { enum: ['overdue', 'this-month', 'later', 'no-date'] }, description: 'Deadline relative to `today`' },
            { name: 'nagekomen', in: 'query', schema: { enum: ['fulfilled', 'overdue', 'open'] }, description: 'Kept (by a later document, or the register says so), past its deadline with nothing found, or open' },
            { name: 'bron', in: 'query', schema: { enum: ['document', 'register'] }, description: 'Only promises found in documents, or only those in the Kamer\'s register (linked pairs count for both)' },
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 500 }, description: 'Words the text, the topic or the register\'s text must contain (case- and accent-insensitive)' },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 1 } },
            { name: 'today', in: 'query', schema: { type: 'string', format: 'date' }, description: 'The day statuses are computed against; default today in Amsterdam' },
          ],
          responses: {
            '200': {
              description:
                '`{ ok, today, filters: { actor, status, kept, source, q }, total, page, pageSize, pageCount, statusCounts, keptCounts: { fulfilled, overdue, open }, actors, commitments: [{ source: document|register|both, text, actor, due, dueDate, topic, status, kept: fulfilled|overdue|open, keptBy: { document, evidence, sentence, via: search|kamerbrief } | null, fulfilledBy: { document, evidence } | null, document | null, register: { id, nummer, text, actor, ministry, status, dueDate, created, kamerbriefNakoming, url } | null, link: { score, reasons } | null }] }`. Whether a promise was kept is worked out when documents are imported or the open data synced, not per request.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            '400': errorResponse('Invalid parameter'),
          },
        },
      },
      '/api/parties': {
        get: {
          operationId: 'listParties',
          summary: 'Parties that asked questions, with counts; twin of /partijen.json',
          responses: { '200': { description: '`{ ok, parties: [{ party, questions, documents, url }] }`', content: { 'application/json': { schema: { type: 'object' } } } } },
        },
      },
      '/api/parties/{party}': {
        get: {
          operationId: 'getParty',
          summary: 'Every question a party asked, with the answers and documents; twin of /partijen/{party}.json',
          parameters: [
            { name: 'party', in: 'path', required: true, schema: { type: 'string' }, description: 'Short name, case-insensitive (`PVV`, `GroenLinks-PvdA`)' },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 1 } },
          ],
          responses: {
            '200': { description: '`{ ok, party, total, page, pageSize, pageCount, questions: [{ id, party, text, url, answers: [{ id, number, text, seeAlso, url }], document }] }`', content: { 'application/json': { schema: { type: 'object' } } } },
            '404': errorResponse('The party asked no questions'),
            '400': errorResponse('Invalid parameter'),
          },
        },
      },
      '/api/meetings': {
        get: {
          operationId: 'listMeetings',
          summary:
            'EU Council meetings, most recent first, 50 a page, each with its first 8 documents in order (agenda → schriftelijk overleg → verslag → conclusies; all of them at /api/meetings/{key}); twin of /raad.json',
          parameters: [
            { name: 'raad', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'Words of the Council\'s name, each of which the meeting must have (`telecom`, `algemene zaken`; case- and accent-insensitive)' },
            { name: 'jaar', in: 'query', schema: { type: 'integer', minimum: 1950, maximum: 2100 }, description: 'Only meetings that start in this year' },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 1 } },
          ],
          responses: {
            '200': {
              description:
                '`{ ok, filters: { q, year }, total, page, pageSize, pageCount, meetings: [{ key, body, formal, startDate, endDate, location, url, documents, documentCount, questionCount, commitmentCount }] }`; `documents` holds at most 8, `documentCount` all of them.',
              content: { 'application/json': { schema: { type: 'object' } } },
            },
            '400': errorResponse('Invalid parameter'),
          },
        },
      },
      '/api/meetings/{key}': {
        get: {
          operationId: 'getMeeting',
          summary: 'One Council meeting: its documents in order, the questions asked and the commitments made; twin of /raad/{key}.json',
          parameters: [
            { name: 'key', in: 'path', required: true, schema: { type: 'string' }, description: 'Body and first day, e.g. `telecomraad-2025-03-04`' },
            { name: 'today', in: 'query', schema: { type: 'string', format: 'date' }, description: 'The day commitment statuses are computed against' },
          ],
          responses: {
            '200': { description: '`{ ok, today, meeting, questions, commitments }`', content: { 'application/json': { schema: { type: 'object' } } } },
            '404': errorResponse('No such meeting'),
            '400': errorResponse('Invalid parameter'),
          },
        },
      },
      ...kamerPaths(),
      '/documents/{id}/original': {
        get: {
          operationId: 'getOriginal',
          summary: 'The original file as imported',
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'version', in: 'query', schema: { type: 'integer', minimum: 1 } },
          ],
          responses: { '200': { description: 'The file bytes' }, '404': errorResponse('No original kept') },
        },
      },
      '/documents/{id}/bestanden/{file}': {
        get: {
          operationId: 'getDocumentFile',
          summary: "One of a document's files (the same version as PDF, DOCX, HTML, …): the `url` of an entry of `document.files`",
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'file', in: 'path', required: true, schema: { type: 'integer', minimum: 1 }, description: 'The `id` of an entry of `document.files`' },
          ],
          responses: { '200': { description: 'The file bytes' }, '404': errorResponse('No such document or file') },
        },
      },
    },
    components: {
      securitySchemes: {
        apiToken: { type: 'http', scheme: 'bearer', description: 'An API token made on /mijn (`klt_…`); the monitor routes answer only to it (no cookies, so no CSRF)' },
      },
      schemas: {
        Error: error,
        SearchResult: {
          type: 'object',
          required: ['ok', 'total', 'results', 'facets'],
          properties: {
            ok: { const: true },
            q: { type: 'string' },
            total: { type: 'integer' },
            totalIsEstimate: { type: 'boolean', description: 'True when total is estimated (very common terms); shown as ≈' },
            page: { type: 'integer' },
            pageSize: { type: 'integer' },
            pageCount: { type: 'integer' },
            results: {
              type: 'array',
              items: {
                type: 'object',
                required: ['id', 'type', 'title', 'kind', 'date', 'snippet', 'url'],
                properties: {
                  id: { type: 'string', description: 'A document id; for the Kamer\'s entities the open-data GUID; for a part of a document or report (toezegging, vraag, passage) its owner\'s id, #, its anchor' },
                  type: { enum: [...ENTITY_TYPES], description: 'What the result is; documents unless the query has type:' },
                  title: { type: 'string' },
                  kind: { enum: [...DOCUMENT_KINDS], description: "A document's kind ('overig' for other types)" },
                  date: { type: ['string', 'null'], format: 'date' },
                  snippet: { type: 'string' },
                  highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }, description: '[start, end) ranges in snippet' },
                  score: { type: 'number' },
                  url: { type: 'string', description: 'The result page: /documents/…, /zaken/…, /activiteiten/…, …; a part at its anchor (/documents/<id>#q3, /verslagen/<id>#punt-1-beurt-4)' },
                  viaSynonym: {
                    type: 'array',
                    description: 'Words of the query this result matched only through the thesaurus, and the synonyms it matched instead',
                    items: { type: 'object', properties: { typed: { type: 'string' }, matched: { type: 'array', items: { type: 'string' } } } },
                  },
                },
              },
            },
            others: {
              type: ['object', 'null'],
              description: 'For a search of documents (no type:): what else it finds, per type with the query of that type, and the best three',
              properties: {
                counts: { type: 'array', items: { type: 'object', properties: { type: { enum: [...ENTITY_TYPES] }, count: { type: 'integer' }, q: { type: 'string' } } } },
                top: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, type: { enum: [...ENTITY_TYPES] }, title: { type: 'string' }, date: { type: ['string', 'null'] }, snippet: { type: 'string' }, url: { type: 'string' } } } },
              },
            },
            facets: {
              type: 'object',
              properties: { kind: facetBuckets, year: facetBuckets, type: { ...facetBuckets, description: 'Matches per result type, whatever the type: filter' } },
            },
            facetsAreEstimates: { type: 'boolean' },
            synonyms: {
              type: 'array',
              description: 'What the thesaurus (data/thesaurus.tsv) added to the query, ranked below the words typed; =word switches it off',
              items: {
                type: 'object',
                properties: { typed: { type: 'string' }, synonyms: { type: 'array', items: { type: 'string' } } },
              },
            },
          },
        },
        DocumentResult: {
          type: 'object',
          required: ['ok', 'document'],
          properties: {
            ok: { const: true },
            document: {
              type: 'object',
              required: ['id', 'title', 'kind', 'date', 'text', 'structure'],
              properties: {
                id: { type: 'string' },
                title: { type: 'string' },
                kind: { enum: [...DOCUMENT_KINDS] },
                date: { type: ['string', 'null'], format: 'date' },
                version: { type: 'integer' },
                currentVersion: { type: 'integer' },
                text: { type: 'string' },
                pages: { type: ['array', 'null'], items: { type: 'object', properties: { page: { type: 'integer' }, start: { type: 'integer' }, end: { type: 'integer' } } } },
                structure: { type: 'object', description: 'The parsed document: see contracts/parsed-document.md (schemaVersion 1)' },
                links: {
                  type: 'object',
                  description: '`citations`: each citation of `structure` with its normalised `key` and the stored documents it points at (`targets`); `citedBy`: the newest 50 documents citing this one, with how they wrote it (`raws`); `citedByTotal`: how many cite it in all',
                },
                promises: {
                  type: 'array',
                  items: { type: 'object' },
                  description: 'The current version\'s commitments as promises, in order (empty for an older version): each as in /api/commitments (`source`, `kept`, `keptBy`, the Kamer\'s `register` entry linked to it)',
                },
                versions: { type: 'array', items: { type: 'object' } },
                files: {
                  type: 'array',
                  description: 'Every file of the document, all versions, in import order: the same letter imported as PDF, DOCX and HTML is one document with three files of one version',
                  items: {
                    type: 'object',
                    required: ['id', 'version', 'format', 'fileName', 'byteSize', 'mimeType', 'contentHash', 'importedAt', 'url'],
                    properties: {
                      id: { type: 'integer' },
                      version: { type: 'integer', description: 'The version whose text the file carries' },
                      format: { enum: ['pdf', 'docx', 'doc', 'html', 'xml', 'text', 'ndjson'] },
                      fileName: { type: ['string', 'null'] },
                      byteSize: { type: 'integer' },
                      mimeType: { type: 'string' },
                      contentHash: { type: 'string', description: 'SHA-256 of the bytes' },
                      importedAt: { type: 'string', format: 'date-time' },
                      url: { type: 'string', description: '/documents/{id}/bestanden/{file}' },
                    },
                  },
                },
                urls: { type: 'object' },
                verslag: {
                  type: ['object', 'null'],
                  description: 'For the text of a report of a sitting (kind handelingen): `{ verslag: { id, url, soort, status }, vergadering: { titel, datum }, activiteiten: [{ titel, url, activiteitUrl }] }`',
                },
                debat: {
                  type: ['object', 'null'],
                  description: 'For an imported Handelingen (PDF, officielebekendmakingen XML): who said what, in the shape of `inhoud` of /api/reports/{key} with `spreektijd: false` (the printed record has no time marks)',
                },
              },
            },
          },
        },
      },
    },
  };
}
