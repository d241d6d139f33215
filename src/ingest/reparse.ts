/**
 * `kamerlens reparse`: runs the current parser over every stored version's text and
 * re-indexes current versions, so parser improvements reach documents already stored.
 */
import type { ExtractedText } from '../domain/index.js';
import { parseDocument } from '../parse/index.js';
import { describe, parseHints, toIndexDocument } from './document.js';
import { deriveDocumentDebate } from './debate.js';
import { withKamer } from './kamer-join.js';
import { indexVersions } from './structure-search.js';
import type { IngestDeps } from './import.js';
import { noProgress } from './ports.js';
import { fingerprint } from './same-document.js';

export async function reparseAll(deps: IngestDeps, batchSize = 200): Promise<{ documents: number; versions: number }> {
  const progress = deps.progress ?? noProgress;
  const ids = await deps.store.documentIds();
  let versions = 0;
  try {
    for (let i = 0; i < ids.length; i += batchSize) {
      const slice = ids.slice(i, i + batchSize);
      const reparsed: { id: string; version: number }[] = [];
      // Documents that are (or were) a Handelingen: only their who-said-what can change.
      const sittings: string[] = [];
      await deps.units.transaction(async (tx) => {
        const changed = [];
        for (const id of slice) {
          // Read through the unit's stores: on PostgreSQL the pool's would be a second connection beside the unit's.
          const doc = await tx.store.getDocument(id);
          if (!doc) continue;
          for (const summary of await tx.store.listVersions(id)) {
            const v = await tx.store.getVersion(id, summary.version);
            if (!v) continue;
            // Bulk records carry declared kind/date, as do reports of sittings (whose kind
            // comes from the open data, not from the text); keep them as they were stored.
            const declared: ExtractedText['declared'] =
              v.format === 'ndjson' || doc.kind === 'handelingen' ? { kind: v.structure.kind, date: v.structure.date } : undefined;
            const extracted: ExtractedText = {
              format: v.format, text: v.text, pages: v.pages, warnings: [],
              title: declared ? doc.title : null,
              ...(declared ? { declared } : {}),
            };
            const parsed = parseDocument(v.text, parseHints(v.fileName, declared));
            const d = describe(extracted, parsed, v.fileName);
            await tx.store.updateStructure(id, v.version, d.structure, d.title, d.kind, d.date);
            versions++;
            // Documents stored before match keys existed gain theirs (another format of them is then found);
            // bulk records keep none, as at import.
            if (v.format !== 'ndjson') {
              const fp = fingerprint(v.text, d.structure);
              await tx.store.addMatchKeys(id, [...fp.identity, ...fp.similar]);
            }
            reparsed.push({ id, version: v.version });
            if (summary.current && (doc.kind === 'handelingen' || d.kind === 'handelingen')) sittings.push(id);
            if (summary.current) {
              // The entries of the structure stored before are replaced by the new one's.
              const entry = toIndexDocument(id, { ...d, text: v.text });
              changed.push({
                docId: id,
                version: { ...d, text: v.text },
                previous: { structure: v.structure, text: v.text },
                own: deps.tk ? await withKamer(tx.tk, entry, d.structure) : entry,
              });
              if (deps.structure) await tx.structure.put(id, d, d.structure);
            }
          }
        }
        await indexVersions(tx.index, changed);
      });
      // Who said what follows the parser too (a document may have become a Handelingen).
      if (deps.vlos) for (const id of sittings) await deriveDocumentDebate({ store: deps.store, vlos: deps.vlos, tkStore: deps.tk }, id);
      // What a version changed is read from the structures: compare the new ones again.
      if (deps.onVersionStored) for (const r of reparsed) if (r.version > 1) await deps.onVersionStored(r.id, r.version);
      progress.update(Math.min(i + batchSize, ids.length), ids.length, 'reparse');
    }
  } finally {
    progress.stop();
  }
  return { documents: ids.length, versions };
}
