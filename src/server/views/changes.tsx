/** `/documents/<id>/wijzigingen`: what changed between two versions, in words and word by word. */
import { documentUrl } from '../../service/presenters.js';
import type { Block, Segment, VersionChanges } from '../../service/changes.js';
import { Layout } from './layout.js';
import { formatDateTime } from './time.js';

function Segments({ segs }: { segs: Segment[] }) {
  return <>{segs.map((s) => (s.op === 'insert' ? <ins>{s.text}</ins> : s.op === 'delete' ? <del>{s.text}</del> : s.text))}</>;
}

/** Unchanged paragraphs: the first and last as context, the middle counted. */
function Unchanged({ paragraphs, first, last }: { paragraphs: string[]; first: boolean; last: boolean }) {
  const shown = paragraphs.length <= 2 ? paragraphs : null;
  if (shown) return <>{shown.map((p) => <div class="diff-row same"><p>{p}</p><p>{p}</p></div>)}</>;
  return (
    <>
      {!first ? <div class="diff-row same"><p>{paragraphs[0]}</p><p>{paragraphs[0]}</p></div> : null}
      <p class="diff-skip meta">… {paragraphs.length - (first ? 0 : 1) - (last ? 0 : 1)} ongewijzigde alinea's …</p>
      {!last ? <div class="diff-row same"><p>{paragraphs.at(-1)}</p><p>{paragraphs.at(-1)}</p></div> : null}
    </>
  );
}

function BlockRow({ b, first, last }: { b: Block; first: boolean; last: boolean }) {
  switch (b.op) {
    case 'equal':
      return <Unchanged paragraphs={b.paragraphs} first={first} last={last} />;
    case 'insert':
      return <div class="diff-row added"><p class="empty" aria-label="niet in de oude versie"></p><p><ins>{b.text}</ins></p></div>;
    case 'delete':
      return <div class="diff-row removed"><p><del>{b.text}</del></p><p class="empty" aria-label="niet in de nieuwe versie"></p></div>;
    case 'rewrite':
      return <div class="diff-row rewritten"><p><Segments segs={b.before} /></p><p><Segments segs={b.after} /></p></div>;
  }
}

export function ChangesPage({ data }: { data: VersionChanges }) {
  const base = documentUrl(data.documentId);
  const { from, to } = data;
  return (
    <Layout title={`Wijzigingen in ${data.title}`} jsonHref={`/api/documents/${encodeURIComponent(data.documentId)}/changes?from=${from.version}&to=${to.version}`}>
      <p class="meta"><a href={base}>← {data.title}</a></p>
      <h1>Wat is er veranderd van versie {from.version} naar versie {to.version}?</h1>
      <p class="meta">
        Versie {from.version} geïmporteerd op {formatDateTime(from.importedAt)}, versie {to.version} op {formatDateTime(to.importedAt)}.
      </p>
      <ul class="changes">
        {data.sentences.map((s) => <li>{s}</li>)}
      </ul>
      <h2>De tekst naast elkaar</h2>
      <p class="meta">Links versie {from.version}, rechts versie {to.version}: <del>weggehaald</del>, <ins>toegevoegd</ins>.</p>
      <div class="diff" role="table" aria-label={`Tekst van versie ${from.version} en versie ${to.version}`}>
        <div class="diff-row head"><p>Versie {from.version}</p><p>Versie {to.version}</p></div>
        {data.blocks.map((b, i) => <BlockRow b={b} first={i === 0} last={i === data.blocks.length - 1} />)}
      </div>
      <p>
        <a href={`${base}?version=${from.version}`}>Versie {from.version} lezen</a> · <a href={`${base}?version=${to.version}`}>Versie {to.version} lezen</a>
      </p>
    </Layout>
  );
}

/** On the document page: what this version changed, with the side-by-side diff one click away. */
export function ChangesSummary({ data }: { data: VersionChanges }) {
  const href = `${documentUrl(data.documentId)}/wijzigingen?van=${data.from.version}&naar=${data.to.version}`;
  return (
    <section class="changes-summary" id="wijzigingen">
      <h3>Wat veranderde in versie {data.to.version}</h3>
      <ul class="changes">
        {data.sentences.map((s) => <li>{s}</li>)}
      </ul>
      <p><a href={href}>Bekijk de tekst naast elkaar</a></p>
    </section>
  );
}
