/**
 * `kamerlens reparse`: runs the current parser over every stored version's text and
 * re-indexes current versions, so parser improvements reach documents already stored.
 */
import type { ExtractedText } from '../domain/index.js';
import { parseDocument } from '../parse/index.js';
import { describe, parseHints } from './document.js';
import { indexVersions } from './structure-search.js';
import type { IngestDeps } from './import.js';
import { noProgress } from './ports.js';

export async function reparseAll(deps: IngestDeps, batchSize = 200): Promise<{ documents: number; versions: number }> {
  const progress = deps.progress ?? noProgress;
  const ids = await deps.store.documentIds();
  let versions = 0;
  try {
    for (let i = 0; i < ids.length; i += batchSize) {
      const slice = ids.slice(i, i + batchSize);
      await deps.store.transaction(async () => {
        const changed = [];
        for (const id of slice) {
          const doc = await deps.store.getDocument(id);
          if (!doc) continue;
          for (const summary of await deps.store.listVersions(id)) {
            const v = await deps.store.getVersion(id, summary.version);
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
            const parsed = parseDocument(v.text, parseHints(v.fileName));
            const d = describe(extracted, parsed, v.fileName);
            await deps.store.updateStructure(id, v.version, d.structure, d.title, d.kind, d.date);
            versions++;
            if (summary.current) {
              // The entries of the structure stored before are replaced by the new one's.
              changed.push({ docId: id, version: { ...d, text: v.text }, previous: { structure: v.structure, text: v.text } });
              await deps.structure?.put(id, d, d.structure);
            }
          }
        }
        await indexVersions(deps.index, changed);
      });
      progress.update(Math.min(i + batchSize, ids.length), ids.length, 'reparse');
    }
  } finally {
    progress.stop();
  }
  return { documents: ids.length, versions };
}
