/**
 * One language per surface: the API's identifiers are English and documented (every /api route
 * is in the OpenAPI file, the monitors included, and the file says which language is which);
 * what a person reads — error messages, also zod's own complaints — is Dutch.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Hono } from 'hono';
import { createApp } from '../../src/server/app.js';
import { watchWorld, type World } from '../watch/helpers.js';

let w: World;
let app: Hono;
let token: string;

before(async () => {
  w = watchWorld();
  app = createApp({ ...w.services, structure: w.structure, watch: w.watch, tk: w.tk });
  const user = await w.watch.userByEmail('taal@example.org');
  token = (await w.watch.createApiToken(user.id, 'script')).token;
});
after(async () => w.close());

const json = async (path: string, init?: RequestInit) => {
  const res = await app.request(path, init);
  return { status: res.status, body: (await res.json()) as any };
};

describe('the OpenAPI file', () => {
  it('describes every /api route the app serves, the monitors included', async () => {
    const { body: spec } = await json('/api/openapi.json');
    const served = new Set(
      app.routes
        .filter((r) => r.path.startsWith('/api/') && r.path !== '/api/openapi.json' && r.method !== 'ALL')
        .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, '{$1}')}`),
    );
    assert.ok(served.has('post /api/monitors'), 'the monitor routes are registered in this app');
    const missing = [...served].filter((k) => {
      const [method, path] = k.split(' ') as [string, string];
      return !spec.paths[path]?.[method];
    });
    assert.deepEqual(missing, []);
    assert.deepEqual(spec.paths['/api/monitors/{id}'].delete.security, [{ apiToken: [] }]);
    assert.equal(spec.components.securitySchemes.apiToken.scheme, 'bearer');
  });

  it('states the language choice', async () => {
    const { body: spec } = await json('/api/openapi.json');
    assert.match(spec.info.description, /field names and error codes are English identifiers/);
    assert.match(spec.info.description, /error messages, labels.*is Dutch/);
  });
});

describe('error messages a person reads are Dutch', () => {
  const auth = () => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });

  it('a monitor body that is not JSON, or has a wrong field', async () => {
    const notJson = await json('/api/monitors', { method: 'POST', headers: auth(), body: '{kind' });
    assert.deepEqual([notJson.status, notJson.body.error.message], [400, 'De body moet JSON zijn']);
    const badKind = await json('/api/monitors', { method: 'POST', headers: auth(), body: JSON.stringify({ kind: 'alles' }) });
    assert.equal(badKind.status, 400);
    assert.equal(badKind.body.error.field, 'kind');
    assert.match(badKind.body.error.message, /^kind: Ongeldige optie: verwacht één van "search"\|"party"/);
    const badEmail = await json('/api/monitors', { method: 'POST', headers: auth(), body: JSON.stringify({ kind: 'party', party: 'PVV', email: 'ja' }) });
    assert.match(badEmail.body.error.message, /^email: Ongeldige invoer: verwacht boolean/);
  });

  it('a query parameter of the wrong type, without a message of its own', async () => {
    const { status, body } = await json('/partijen/PVV.json?page=abc');
    assert.equal(status, 400);
    assert.equal(body.error.field, 'page');
    assert.doesNotMatch(body.error.message, /Invalid|expected|received/);
    assert.match(body.error.message, /^page: /);
    const q = await json('/partijen/PVV.json?kwaliteit=goed');
    assert.equal(q.body.error.message, 'kwaliteit: "kwaliteit" moet een van deze zijn: answered, referral, postponed, partial, non-answer');
  });
});
