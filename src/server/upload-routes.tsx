/**
 * `/importeren`: signed-in users upload files through the same pipeline as `kamerlens import`
 * (a multipart form with the session's CSRF token; its own body limit in limits.ts).
 * `/importeren.json` says what is accepted; a POST asking for JSON gets the outcomes as JSON.
 */
import type { Context, Hono } from 'hono';
import { importUploads, type UploadServices } from '../service/upload.js';
import { BODY_LIMITS } from './limits.js';
import { formIsGenuine } from './status-routes.js';
import { UploadPage } from './views/importeren.js';
import { IMPORTEREN_SCRIPT } from './views/importeren-script.js';
import { bellProps } from './watch-routes.js';

/** What a browser may upload (bulk files come in by CLI). */
export const UPLOAD_TYPES = ['.pdf', '.docx', '.doc', '.html', '.htm', '.xml', '.txt', '.md'];

const MAX_MB = BODY_LIMITS.upload / (1024 * 1024);

const wantsJson = (c: Context) => c.req.path.endsWith('.json') || (c.req.header('accept') ?? '').startsWith('application/json');

export function registerUploadRoutes(app: Hono, services: UploadServices): void {
  // Without an import pipeline (a read-only app) the page still answers, and says so.
  const available = !!services.importUpload;
  const csrfOf = (c: Context) => {
    const bell = bellProps(c);
    return bell?.signedIn ? bell.csrf : undefined;
  };
  const page = (c: Context, status: 200 | 400 | 401 | 403, extra: { error?: string } = {}) =>
    c.html(<UploadPage csrf={csrfOf(c)} available={available} maxMb={MAX_MB} types={UPLOAD_TYPES} {...extra} />, status);

  app.get('/importeren', (c) => page(c, 200));
  app.get('/assets/importeren.js', (c) =>
    c.body(IMPORTEREN_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'public, max-age=3600' }),
  );
  app.get('/importeren.json', (c) => c.json({ ok: true as const, available, signedIn: !!c.get('viewer'), maxBytes: BODY_LIMITS.upload, types: UPLOAD_TYPES }));

  app.post('/importeren', async (c) => {
    const fail = (status: 400 | 401 | 403, code: string, message: string) =>
      wantsJson(c) ? c.json({ ok: false as const, error: { code, message } }, status) : page(c, status, { error: message });
    // Before the body is read: a stranger's upload is never parsed.
    if (!c.get('viewer')) return fail(401, 'UNAUTHORIZED', 'Log eerst in om bestanden te importeren.');
    if (!available) return fail(400, 'BAD_REQUEST', 'Importeren via de browser is op deze server niet ingeschakeld.');
    const body = await c.req.parseBody({ all: true });
    const csrf = typeof body.csrf === 'string' ? body.csrf : '';
    if (!formIsGenuine(c, csrf)) return fail(403, 'CSRF', 'Het formulier is verlopen of ongeldig (CSRF); laad de pagina opnieuw.');
    const given = body.bestanden;
    const files = (Array.isArray(given) ? given : given === undefined ? [] : [given]).filter((f): f is File => typeof f !== 'string' && f.size + f.name.length > 0);
    if (files.length === 0) return fail(400, 'BAD_REQUEST', 'Kies minstens één bestand (veld "bestanden").');
    const rows = await importUploads(services, await Promise.all(files.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) }))));
    if (wantsJson(c)) return c.json({ ok: true as const, files: rows });
    return c.html(<UploadPage csrf={csrfOf(c)} available={available} maxMb={MAX_MB} types={UPLOAD_TYPES} rows={rows} />);
  });
}
