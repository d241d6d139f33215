/** The OpenAPI 3.1 description of the JSON API, served at /api/openapi.json. */
import { DOCUMENT_KINDS } from '../domain/index.js';

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

export function buildOpenApi() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'kamerlens API',
      version: '1',
      description:
        'Search and read Dutch parliamentary and EU Council documents. Every HTML page has a JSON twin ' +
        '(`/documents/{id}.json`, `/search.json`, `/index.json`, `/toezeggingen.json`, `/partijen.json`, `/raad.json`, …) with the same body as the API route.',
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
                'Words (all must match; Dutch word forms and compound parts are found), "exact phrase", OR, -exclude, prefix*, ' +
                'filters kind:, date:YYYY-MM-DD..YYYY-MM-DD, year:, party:, dossier:, sort:date|date-asc|relevance.',
            },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
            { name: 'pageSize', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 } },
          ],
          responses: {
            '200': { description: 'Results', content: { 'application/json': { schema: { $ref: '#/components/schemas/SearchResult' } } } },
            '400': errorResponse('Malformed query (BAD_QUERY, with position) or parameters (BAD_REQUEST)'),
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
      '/api/commitments': {
        get: {
          operationId: 'listCommitments',
          summary: 'Commitments (toezeggingen) across documents, by deadline; twin of /toezeggingen.json',
          parameters: [
            { name: 'actor', in: 'query', schema: { type: 'string', maxLength: 200 }, description: 'Who promised (case-insensitive); `kabinet` also matches commitments without an actor' },
            { name: 'status', in: 'query', schema: { enum: ['overdue', 'this-month', 'later', 'no-date'] }, description: 'Deadline relative to `today`' },
            { name: 'q', in: 'query', schema: { type: 'string', maxLength: 500 }, description: 'Words the text must contain (case- and accent-insensitive)' },
            { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 1 } },
            { name: 'today', in: 'query', schema: { type: 'string', format: 'date' }, description: 'The day statuses are computed against; default today in Amsterdam' },
          ],
          responses: {
            '200': { description: '`{ ok, today, filters, total, page, pageSize, pageCount, statusCounts, actors, commitments: [{ text, actor, due, dueDate, status, document }] }`', content: { 'application/json': { schema: { type: 'object' } } } },
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
          summary: 'EU Council meetings, each with its documents in order (agenda → schriftelijk overleg → verslag → conclusies); twin of /raad.json',
          responses: { '200': { description: '`{ ok, meetings: [{ key, body, formal, startDate, endDate, location, url, documents, questionCount, commitmentCount }] }`', content: { 'application/json': { schema: { type: 'object' } } } } },
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
    },
    components: {
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
                required: ['id', 'title', 'kind', 'date', 'snippet'],
                properties: {
                  id: { type: 'string' },
                  title: { type: 'string' },
                  kind: { enum: [...DOCUMENT_KINDS] },
                  date: { type: ['string', 'null'], format: 'date' },
                  snippet: { type: 'string' },
                  highlights: { type: 'array', items: { type: 'array', items: { type: 'integer' }, minItems: 2, maxItems: 2 }, description: '[start, end) ranges in snippet' },
                  score: { type: 'number' },
                  url: { type: 'string' },
                },
              },
            },
            facets: { type: 'object', properties: { kind: facetBuckets, year: facetBuckets } },
            facetsAreEstimates: { type: 'boolean' },
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
                  description: '`citations`: each citation of `structure` with its normalised `key` and the stored documents it points at (`targets`); `citedBy`: documents citing this one, with how they wrote it (`raws`)',
                },
                versions: { type: 'array', items: { type: 'object' } },
                urls: { type: 'object' },
              },
            },
          },
        },
      },
    },
  };
}
