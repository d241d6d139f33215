/** What tests compare between two stores or two runs: what is stored, with the moments it was stored left out. */
import type { Store } from '../../src/store/index.js';

/** Every document (in `ids` order, default the store's) with every version in full, times aside. */
export async function documentsWithVersions(store: Store, ids?: string[]) {
  const docs = [];
  for (const id of ids ?? (await store.documentIds())) {
    const { createdAt: _c, updatedAt: _u, ...doc } = (await store.getDocument(id))!;
    const versions = [];
    for (const v of await store.listVersions(id)) {
      const { importedAt: _i, ...full } = (await store.getVersion(id, v.version))!;
      versions.push(full);
    }
    docs.push({ doc, versions });
  }
  return docs;
}

/** Every `url` in a JSON answer that points into this site (its `#…` cut off), added to `into`. */
export function collectUrls(value: unknown, into: Set<string>): Set<string> {
  if (Array.isArray(value)) for (const x of value) collectUrls(x, into);
  else if (value && typeof value === 'object') {
    for (const [k, x] of Object.entries(value)) {
      if (k === 'url' && typeof x === 'string' && x.startsWith('/')) into.add(x.split('#')[0]!);
      else collectUrls(x, into);
    }
  }
  return into;
}
