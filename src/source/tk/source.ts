/** The port through which the sync reads the SyncFeed: over HTTP or from saved pages. */
import type { TkFeedPage } from '../../domain/tk.js';

/** The outcome of fetching an entity's file: `missing` is upstream's 404, `broken` all else. */
export type TkResourceResult =
  | { status: 'ok'; bytes: Uint8Array }
  | { status: 'missing'; error: string }
  | { status: 'broken'; error: string };

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
