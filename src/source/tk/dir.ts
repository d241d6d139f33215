/**
 * The SyncFeed from saved pages (`--from-dir`): `<dir>/<Category>/<skiptoken|start>.xml` and
 * `<dir>/resources/<id>`, parsed by the same code as pages fetched over HTTP.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { TkFeedPage } from '../../domain/tk.js';
import { TkFeedError, parseFeedPage } from './parse.js';
import { enclosureRefusal, resourceIdOf, type TkResourceResult, type TkSource } from './source.js';

/** File name of a saved page: `start.xml` for the first page, else `<skiptoken>.xml`. */
export function savedPageName(skiptoken: string | null): string {
  return `${skiptoken === null ? 'start' : skiptoken.replace(/[^A-Za-z0-9_-]/g, '_')}.xml`;
}

const isNotFound = (e: unknown) => (e as NodeJS.ErrnoException | null)?.code === 'ENOENT';

export class DirTkSource implements TkSource {
  readonly label: string;
  constructor(private readonly dir: string) {
    this.label = dir;
  }

  async page(category: string, skiptoken: string | null): Promise<TkFeedPage> {
    const file = join(this.dir, category, savedPageName(skiptoken));
    let xml: string;
    try {
      xml = await readFile(file, 'utf8');
    } catch (e) {
      // A category the saved world does not hold is not offered: skipped, as a mirror's 404.
      if (isNotFound(e) && skiptoken === null) return { entries: [], next: null, absent: true };
      if (isNotFound(e)) throw new TkFeedError(`geen bewaarde pagina voor ${category} na skiptoken ${skiptoken} (${file})`, false);
      throw e;
    }
    return parseFeedPage(xml);
  }

  async resource(href: string, expectedLength: number | null): Promise<TkResourceResult> {
    // Saved pages name the real service's host; any http(s) host is fine, the entity id decides the file.
    const refusal = enclosureRefusal(href, []);
    if (refusal) return { status: 'refused', error: refusal };
    const file = join(this.dir, 'resources', resourceIdOf(href).toLowerCase());
    try {
      const bytes = new Uint8Array(await readFile(file));
      if (expectedLength !== null && bytes.byteLength !== expectedLength) {
        return { status: 'broken', error: `${bytes.byteLength} bytes ontvangen, contentLength zegt ${expectedLength}` };
      }
      return { status: 'ok', bytes };
    } catch (e) {
      if (isNotFound(e)) return { status: 'missing', error: `geen bewaard bestand ${file}` };
      return { status: 'broken', error: e instanceof Error ? e.message : String(e) };
    }
  }
}
