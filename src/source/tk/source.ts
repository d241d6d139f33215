/** The port through which the sync reads the SyncFeed: over HTTP or from saved pages. */
import { FILE_ID_RULE, isTkFileId, type TkFeedPage } from '../../domain/tk.js';

/** The outcome of fetching an entity's file: `missing` is upstream's 404, `broken` all else. */
export type TkResourceResult =
  | { status: 'ok'; bytes: Uint8Array }
  | { status: 'missing'; error: string }
  | { status: 'broken'; error: string }
  /** Not fetched by policy (another host, another scheme, an id that cannot name a file): retrying cannot help. */
  | { status: 'refused'; error: string };

export interface TkSource {
  /** Where pages come from, for messages: a base URL or a folder. */
  readonly label: string;
  /**
   * One feed page of `category` after `skiptoken` (from the start when null). Transient
   * faults are retried inside; what is thrown after that is final for this run.
   */
  page(category: string, skiptoken: string | null): Promise<TkFeedPage>;
  /**
   * An enclosure's bytes, accepted only when their count equals `expectedLength` (when
   * known). Never throws: failures come back as `missing` or `broken` to be retried later.
   */
  resource(href: string, expectedLength: number | null): Promise<TkResourceResult>;
}

/** The `<id>` at the end of `…/SyncFeed/2.0/Resources/<id>`. */
export function resourceIdOf(href: string): string {
  const path = href.split(/[?#]/)[0] ?? href;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * Why an enclosure must not be fetched, or null when it may: only http(s) URLs on one of
 * `hosts` (the configured source's, by default) whose last segment is an entity id (isTkFileId). A feed that
 * points at an internal address, a `data:` or `file:` URL, or a path is refused.
 */
export function enclosureRefusal(href: string, hosts: readonly string[]): string | null {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return `bijlage-link ${JSON.stringify(href.slice(0, 200))} is geen URL`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return `bijlage-link met schema ${url.protocol} geweigerd (alleen http en https)`;
  if (hosts.length > 0 && !hosts.includes(url.host.toLowerCase())) return `bijlage-link naar host ${url.host} geweigerd (toegestaan: ${hosts.join(', ')}; meer hosts met KAMERLENS_TK_FILE_HOSTS)`;
  // An upper-case GUID is the same entity: the dir source reads its file in lower case.
  if (!isTkFileId(resourceIdOf(href).toLowerCase())) return `bijlage-link ${url.pathname.slice(0, 200)} eindigt niet op een entiteit-id (${FILE_ID_RULE})`;
  return null;
}
