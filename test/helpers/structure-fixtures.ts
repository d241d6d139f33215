/**
 * Hand-made parsed documents following contracts/parsed-document.md: one Council meeting's
 * thread (agenda → schriftelijk overleg → verslag) plus older Raadsconclusies, with
 * questions, answers, commitments and citations between them. Tests compute deadline
 * statuses against FIXTURE_TODAY.
 */
import { emptyStructure, type ParsedDocument } from '../../src/domain/index.js';
import { openServices, type Opened } from '../../src/main.js';
import type { StructureMeta } from '../../src/store/structure-index.js';

export const FIXTURE_TODAY = '2025-03-10';

export interface FixtureDoc {
  id: string;
  meta: StructureMeta;
  text: string;
  structure: ParsedDocument;
}

const telecomraad = { body: 'Telecomraad', formal: false, startDate: '2025-03-04', endDate: '2025-03-05', location: 'Warschau' };

function doc(id: string, meta: StructureMeta, text: string, fill: Partial<ParsedDocument>): FixtureDoc {
  return { id, meta, text, structure: { ...emptyStructure(meta.kind), title: meta.title, date: meta.date, ...fill } };
}

export const AGENDA = doc(
  'agenda-telecomraad-2025',
  { title: 'Geannoteerde agenda informele Telecomraad 4-5 maart 2025 (Kamerstuk 21501-33-1113)', kind: 'geannoteerde-agenda', date: '2025-02-10' },
  'Hierbij ontvangt u de geannoteerde agenda. Na afloop informeer ik uw Kamer over de uitkomsten.',
  {
    identifiers: { kenmerken: [], documentNumbers: ['2025D05000'], zaakNumbers: [], councilDocs: [] },
    meetings: [telecomraad],
    commitments: [
      { text: 'Na afloop informeer ik uw Kamer over de uitkomsten.', actor: 'Minister van Economische Zaken', due: null, dueDate: null },
      { text: 'De kabinetsappreciatie volgt voor eind februari.', actor: null, due: 'voor eind februari', dueDate: '2025-02-28' },
    ],
  },
);

export const SO = doc(
  'verslag-so-telecomraad-2025',
  { title: 'Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025', kind: 'verslag-schriftelijk-overleg', date: '2025-03-03' },
  'Vragen en opmerkingen van de leden van de PVV-fractie …',
  {
    identifiers: { kenmerken: [], documentNumbers: ['2025D08504'], zaakNumbers: ['2025Z03735'], councilDocs: [] },
    meetings: [telecomraad],
    questions: [
      { id: 'q1', party: 'PVV', text: 'De leden van de PVV-fractie lezen de agenda (Kamerstuk 21501-33, nr. 1113). Waarom staat de 5G-toolbox er niet op?', answerIds: ['a1'] },
      { id: 'q2', party: 'PVV', text: 'Hoe verschilt de implementatie van de NIS2-richtlijn per lidstaat?', answerIds: ['a2'] },
      { id: 'q3', party: 'GroenLinks-PvdA', text: 'Wat is de visie van de minister op verslavend ontwerp?', answerIds: ['a3'] },
      { id: 'q4', party: 'NSC', text: 'Worden de Raadsconclusies (Doc. 14435/17) nog uitgevoerd?', answerIds: ['a4'] },
    ],
    answers: [
      { id: 'a1', number: 1, text: 'De 5G-toolbox is geen vast onderdeel van de agenda.', seeAlso: [] },
      { id: 'a2', number: 2, text: 'De implementatie verschilt. <script>alert("antwoord")</script>', seeAlso: [] },
      {
        id: 'a3',
        number: 3,
        text: 'De Minister van Economische Zaken zal de Kamer voor deze zomer informeren over de Digital Fairness Act.',
        seeAlso: [1],
      },
      { id: 'a4', number: 4, text: 'Ja; zie ook https://example.org/nis2 voor de stand van zaken.', seeAlso: [2] },
    ],
    commitments: [
      { text: 'De Minister van Economische Zaken zal de Kamer voor deze zomer informeren over de Digital Fairness Act.', actor: 'Minister van Economische Zaken', due: 'voor deze zomer', dueDate: '2025-07-15' },
      { text: 'Later dit jaar volgt een aanvullende Kamerbrief over weerbaarheid.', actor: null, due: 'later dit jaar', dueDate: '2025-12-31' },
    ],
    citations: [
      { kind: 'kamerstuk', raw: 'Kamerstuk 21501-33, nr. 1113', dossier: '21501-33', number: '1113', year: null },
      { kind: 'council-doc', raw: 'Doc. 14435/17', id: '14435/17' },
      { kind: 'kamerstuk', raw: 'Kamerstukken II 2023/24, 36 259, nr. 21', dossier: '36259', number: '21', year: '2023/24' },
      { kind: 'url', raw: 'https://example.org/nis2', url: 'https://example.org/nis2' },
      { kind: 'url', raw: 'javascript:alert(1)', url: 'javascript:alert(1)' },
    ],
    footnotes: [{ number: 2, text: 'Kamerstukken II 2023/24, 36 259, nr. 21.' }],
  },
);

export const VERSLAG = doc(
  'verslag-telecomraad-2025',
  { title: 'Verslag informele Telecomraad 4 maart 2025', kind: 'verslag-raad', date: '2025-03-20' },
  'Op 4 maart vond de informele Telecomraad plaats.',
  {
    // Another document names the same meeting with less detail: it still joins the thread.
    meetings: [{ body: 'Telecomraad', formal: null, startDate: '2025-03-04', endDate: null, location: null }],
    commitments: [{ text: 'Het kabinet stuurt de Kamer eind maart de verzamelbrief.', actor: null, due: 'eind maart', dueDate: '2025-03-31' }],
    citations: [{ kind: 'kamerstuk', raw: 'Kamerstuk 21501-33-1113', dossier: '21 501-33', number: '1113', year: null }],
  },
);

// Dated before the verslag, yet last in the thread: stage order beats date order.
export const CONCLUSIES_2025 = doc(
  'raadsconclusies-telecom-2025',
  { title: 'Raadsconclusies over digitale weerbaarheid', kind: 'raadsconclusies', date: '2025-03-05' },
  'De Raad van de Europese Unie, …',
  {
    identifiers: { kenmerken: [], documentNumbers: [], zaakNumbers: [], councilDocs: ['6789/25'] },
    meetings: [telecomraad],
  },
);

export const CONCLUSIES = doc(
  'raadsconclusies-cyber-2017',
  { title: 'Conclusies van de Raad over cyberbeveiliging', kind: 'raadsconclusies', date: '2017-11-20' },
  'De Raad van de Europese Unie, …',
  {
    identifiers: { kenmerken: [], documentNumbers: [], zaakNumbers: [], councilDocs: ['14435/17'] },
    meetings: [{ body: 'Raad Algemene Zaken', formal: true, startDate: '2017-11-20', endDate: '2017-11-20', location: null }],
  },
);

/** In an order that is not the thread order, so tests see the sorting. */
export const FIXTURES: FixtureDoc[] = [CONCLUSIES_2025, VERSLAG, SO, CONCLUSIES, AGENDA];

/** Saves fixture documents the way ingest does: store, search index and structure in one transaction. */
export async function addFixtures(s: Opened, docs: FixtureDoc[]): Promise<void> {
  for (const f of docs) {
    await s.units.transaction(async (tx) => {
      const saved = await tx.store.saveVersion(`fixture:${f.id}`, f.id, {
        contentHash: `fixture-${f.id}`, format: 'text', fileName: `${f.id}.txt`, byteSize: Buffer.byteLength(f.text),
        mimeType: 'text/plain', text: f.text, pages: null, structure: f.structure, original: null, ...f.meta,
      });
      await tx.index.upsert([{ id: saved.docId, title: f.meta.title, text: f.text, kind: f.meta.kind, date: f.meta.date, parties: [], dossiers: [] }]);
      await tx.structure.put(saved.docId, f.meta, f.structure);
    });
  }
}

/** A fresh in-memory archive holding the fixtures. */
export async function fixtureWorld(): Promise<Opened> {
  const s = openServices(':memory:');
  await addFixtures(s, FIXTURES);
  return s;
}
