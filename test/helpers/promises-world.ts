/**
 * A small Kamer register around the real VSO informele Telecomraad maart 2025 (data/sample) and the later DFA letter
 * (test/fixtures/parse/qa-eval/later/kamerbrief-dfa.txt), both imported first: the activity the VSO belongs to, the
 * Kamer's records of both documents (linked to the imported copies), and three Toezegging entities in the real feed's
 * fields — the register's wording of the VSO's DFA promise (written around the real promise), one kept by the DFA letter
 * (its document number as kamerbriefNakoming), and one no document speaks of.
 */
import type { TkEntity } from '../../src/domain/tk.js';
import type { Opened } from '../../src/main.js';
import { SAMPLE } from './world.js';

export const REGISTER = {
  activity: 'aaaaaaaa-0000-4000-8000-000000000001',
  linked: 'cccccccc-0000-4000-8000-000000000001',
  byLetter: 'cccccccc-0000-4000-8000-000000000002',
  unlinked: 'cccccccc-0000-4000-8000-000000000003',
} as const;

export const ent = (category: string, id: string, fields: Record<string, string | string[] | null>, refs: [string, string][] = []): TkEntity => ({
  id,
  category,
  updated: '2025-03-05T10:00:00Z',
  deleted: false,
  fields,
  refs: refs.map(([name, ref]) => ({ name, ref })),
});

export async function putRegister(w: Opened): Promise<void> {
  const act = REGISTER.activity;
  const vsoDoc = 'bbbbbbbb-0000-4000-8000-000000000002';
  const letterDoc = 'bbbbbbbb-0000-4000-8000-000000000003';
  // The register's wording of the VSO's promise (written around the real promise), a promise kept by a Kamer letter
  // (its number as kamerbriefNakoming), and one no document speaks of.
  await w.tk.applyPage('Activiteit', [{ entity: ent('Activiteit', act, { nummer: '2025A01012', onderwerp: 'Telecomraad' }), enclosure: null }], null);
  await w.tk.applyPage('Document', [
    { entity: ent('Document', vsoDoc, { documentNummer: '2025D08504', soort: 'Verslag' }, [['activiteit', act]]), enclosure: null },
    { entity: ent('Document', letterDoc, { documentNummer: '2025D27001', soort: 'Brief regering' }), enclosure: null },
  ], null);
  // The Kamer's files of those documents are our imported copies.
  for (const [tk, local] of [[vsoDoc, SAMPLE.verslag], [letterDoc, 'kamerbrief-dfa']] as const) {
    await w.store.recordImport({ source: `tk:${tk}`, docId: local, version: 1, status: 'unchanged', errorCode: null, message: null, at: '2025-07-01T00:00:00Z' });
  }
  await w.tk.applyPage('Toezegging', [
    {
      entity: ent('Toezegging', REGISTER.linked, {
        nummer: 'TZ202503-050', naam: 'Beljaarts', functie: 'minister van Economische Zaken', ministerie: 'Economische Zaken', status: 'Openstaand',
        aanmaakdatum: '2025-03-05T00:00:00', datumNakoming: '2025-06-30T00:00:00',
        tekst: 'De minister van Economische Zaken zal de Kamer voor de zomer informeren over de Nederlandse inzet ten aanzien van de Digital Fairness Act.',
      }, [['activiteit', act]]),
      enclosure: null,
    },
    {
      entity: ent('Toezegging', REGISTER.byLetter, {
        nummer: 'TZ202503-051', naam: 'Beljaarts', functie: 'minister', ministerie: 'Economische Zaken', status: 'Voldaan', aanmaakdatum: '2025-03-05T00:00:00',
        tekst: 'De minister informeert de Kamer over de Europese aanpak van misleidende ontwerptechnieken op websites.', kamerbriefNakoming: ['2025D27001'],
      }),
      enclosure: null,
    },
    {
      entity: ent('Toezegging', REGISTER.unlinked, {
        nummer: 'TZ202503-052', naam: 'Szabó', functie: 'staatssecretaris', ministerie: 'Binnenlandse Zaken en Koninkrijksrelaties', status: 'Openstaand',
        aanmaakdatum: '2025-03-05T00:00:00', datumNakoming: '2025-05-01T00:00:00',
        tekst: 'De staatssecretaris zal de Kamer informeren over de inzet op opkomende en toekomstige technologieën.',
      }),
      enclosure: null,
    },
  ], null);
}
