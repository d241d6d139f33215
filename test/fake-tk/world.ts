/**
 * A small Tweede Kamer world for the fake SyncFeed and the demo (`data/tk-world`, written by
 * save-world.ts): the four sample documents with their zaken, dossier and signatories, the
 * Telecom Council activities, 150 seats in 15 fracties, committees with members, an agenda
 * that runs into 2028, moties with votes that add up, written questions (open, delayed,
 * answered), gifts, side jobs, toezeggingen, and the real VLOS report of 15 October 2014 with
 * its Vergadering — plus the awkward parts of the real feed (../shared/real/README.md):
 * deletions with and without a body, a re-sent entity, repeated elements, the nested
 * `toegezegdAan`, a legacy Word `.doc`. Faults (a missing file, failing pages) are the
 * server's (WORLD_FAULTS), so the saved demo has none.
 *
 * Times are UTC instants here; feed-xml.ts writes them as the real feed does (Amsterdam wall
 * time without offset, or with `+0100`/`+01:00` for `ns1:` entities).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { textPdf } from './pdf.js';

export const SAMPLE_DIR = join(import.meta.dirname, '..', '..', 'data', 'sample');

/** One feed event: an entity state as the feed sends it, in global feed order. */
export interface WorldEntity {
  category: string;
  /** The XML element name (`document`, `fractieZetelPersoon`). */
  element: string;
  id: string;
  /** `bijgewerkt` as a UTC instant (`…Z`); feed-xml.ts renders it per style. */
  updated: string;
  deleted?: boolean;
  /** How the tombstone spells it: the real feed sends `true` and `True`. */
  deletedSpelling?: 'true' | 'True';
  /** A tombstone that still carries its refs and fields, as real ones sometimes do. */
  deletedWithBody?: boolean;
  /** Render `toegezegdAanPersoon`/`toegezegdAanFractie` as `<toegezegdAan><persoon/><fractie/></toegezegdAan>`. */
  nestedToegezegdAan?: boolean;
  /** Overrides the category's rendering style (see feed-xml.ts). */
  style?: 'tk' | 'default' | 'ns1';
  /** Reference elements (`<zaak ref="…"/>`), rendered first as in the XSDs. */
  refs: [string, string][];
  /** Value elements in XSD order (a name may repeat); null renders `xsi:nil="true"`; a nested list renders children. */
  fields: [string, string | null | [string, string | null][]][];
  file?: { contentType: string; bytes: Uint8Array };
}

export interface World {
  events: WorldEntity[];
}

/** A stable GUID for a name, so that the world is the same on every build. */
export function guid(name: string): string {
  const h = createHash('sha1').update(name).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

type Fields = WorldEntity['fields'];

/** An instant written with any zone (`+01:00`, `Z`) as the UTC ISO form the world keeps. */
const utc = (t: string) => {
  if (!/(Z|[+-]\d\d:\d\d)$/.test(t)) throw new Error(`world time without zone: ${t}`);
  return new Date(t).toISOString();
};

function make(category: string, key: string, updated: string, refs: [string, string][], fields: Fields, extra: Partial<WorldEntity> = {}): WorldEntity {
  return { category, element: lower(category), id: guid(`${category}:${key}`), updated: utc(updated), refs, fields, ...extra };
}

const sample = (name: string) => new Uint8Array(readFileSync(join(SAMPLE_DIR, name)));
/** Real files as the feed serves them (copied from ../shared/real/tk-feed). */
const REAL_DIR = join(import.meta.dirname, '..', 'fixtures', 'tk-real-feed', 'resources');
const real = (id: string) => new Uint8Array(readFileSync(join(REAL_DIR, id)));
/** The real VLOS report (`vlosCoreDocument`) of the plenary sitting of 15 October 2014. */
export const REAL_VLOS_ID = '03686ab6-0000-4000-8000-000000000001';
/** The real motie Verdonk (31951, nr. 17) as legacy Word `.doc`, and its real Document GUID. */
export const REAL_DOC_ID = 'ca71487f-866a-43aa-a9d5-ec3e2c3a236c';
/** The real motie Ceder (21 501-02, nr. 3121) as the feed serves it (a PDF); the world records it without its file. */
export const REAL_MOTIE_CEDER_ID = 'd7a5dc6c-3636-4acd-8630-96c14e97dcce';
/** The real Vergadering the VLOS report belongs to (its `objectid`). */
export const REAL_VERGADERING_ID = '462144d8-9742-4baa-bf07-4523b849e6eb';

/** The motie Kathmann as the feed would serve it (a PDF with a text layer). */
export const MOTIE_KATHMANN_PDF = textPdf([
  'Tweede Kamer der Staten-Generaal',
  'Vergaderjaar 2024-2025',
  '21 501-33 Raad voor Vervoer, Telecommunicatie en Energie',
  'Nr. 1115 MOTIE VAN HET LID KATHMANN',
  'Voorgesteld 6 maart 2025',
  'De Kamer,',
  'gehoord de beraadslaging,',
  'overwegende dat Europa voor cloud, chips en netwerken afhankelijk is van enkele niet-Europese aanbieders;',
  'verzoekt de regering zich in de Telecomraad in te zetten voor het versterken van de Europese digitale autonomie,',
  'en gaat over tot de orde van de dag.',
  'Kathmann',
]);

// A few bytes that begin and end like a JPEG: the photo enclosure of a person.
const PHOTO = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]);

interface Party {
  key: string;
  afkorting: string;
  naam: string;
  naamEn: string;
  zetels: number;
  stemmen: number;
}

const PARTIES: Party[] = [
  { key: 'PVV', afkorting: 'PVV', naam: 'Partij voor de Vrijheid', naamEn: 'Party for Freedom', zetels: 37, stemmen: 2450878 },
  { key: 'GL-PvdA', afkorting: 'GroenLinks-PvdA', naam: 'GroenLinks-PvdA', naamEn: 'GreenLeft-Labour', zetels: 25, stemmen: 1643073 },
  { key: 'VVD', afkorting: 'VVD', naam: 'Volkspartij voor Vrijheid en Democratie', naamEn: "People's Party for Freedom and Democracy", zetels: 24, stemmen: 1589519 },
  { key: 'NSC', afkorting: 'NSC', naam: 'Nieuw Sociaal Contract', naamEn: 'New Social Contract', zetels: 20, stemmen: 1343287 },
  { key: 'D66', afkorting: 'D66', naam: 'Democraten 66', naamEn: 'Democrats 66', zetels: 9, stemmen: 656292 },
  { key: 'BBB', afkorting: 'BBB', naam: 'BoerBurgerBeweging', naamEn: 'Farmer-Citizen Movement', zetels: 7, stemmen: 485551 },
  { key: 'CDA', afkorting: 'CDA', naam: 'Christen-Democratisch Appèl', naamEn: 'Christian Democratic Appeal', zetels: 5, stemmen: 345822 },
  { key: 'SP', afkorting: 'SP', naam: 'Socialistische Partij', naamEn: 'Socialist Party', zetels: 5, stemmen: 328225 },
  { key: 'DENK', afkorting: 'DENK', naam: 'DENK', naamEn: 'DENK', zetels: 3, stemmen: 246765 },
  { key: 'PvdD', afkorting: 'PvdD', naam: 'Partij voor de Dieren', naamEn: 'Party for the Animals', zetels: 3, stemmen: 235148 },
  { key: 'FvD', afkorting: 'FvD', naam: 'Forum voor Democratie', naamEn: 'Forum for Democracy', zetels: 3, stemmen: 232963 },
  { key: 'SGP', afkorting: 'SGP', naam: 'Staatkundig Gereformeerde Partij', naamEn: 'Reformed Political Party', zetels: 3, stemmen: 217270 },
  { key: 'CU', afkorting: 'ChristenUnie', naam: 'ChristenUnie', naamEn: 'Christian Union', zetels: 3, stemmen: 212532 },
  { key: 'Volt', afkorting: 'Volt', naam: 'Volt', naamEn: 'Volt', zetels: 2, stemmen: 178802 },
  { key: 'JA21', afkorting: 'JA21', naam: 'JA21', naamEn: 'JA21', zetels: 1, stemmen: 71345 },
];
/** The seats of the Kamer: every vote of the world is checked against this. */
export const KAMER_ZETELS = PARTIES.reduce((n, p) => n + p.zetels, 0);

interface Person {
  key: string;
  initialen: string;
  voornamen: string;
  roepnaam: string;
  tussenvoegsel: string | null;
  achternaam: string;
  geslacht: string;
  functie: string;
  party: string | null;
}

const PEOPLE: Person[] = [
  { key: 'beljaarts', initialen: 'D.S.', voornamen: 'Dirk Sjoerd', roepnaam: 'Dirk', tussenvoegsel: null, achternaam: 'Beljaarts', geslacht: 'man', functie: 'Minister van Economische Zaken', party: null },
  { key: 'vanweel', initialen: 'D.M.', voornamen: 'David Maarten', roepnaam: 'David', tussenvoegsel: 'van', achternaam: 'Weel', geslacht: 'man', functie: 'Minister van Justitie en Veiligheid', party: null },
  { key: 'szabo', initialen: 'Zs.', voornamen: 'Zsolt', roepnaam: 'Zsolt', tussenvoegsel: null, achternaam: 'Szabó', geslacht: 'man', functie: 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties', party: null },
  { key: 'adriaansens', initialen: 'M.A.M.', voornamen: 'Maria Anna Micha', roepnaam: 'Micky', tussenvoegsel: null, achternaam: 'Adriaansens', geslacht: 'vrouw', functie: 'Minister van Economische Zaken en Klimaat', party: null },
  { key: 'aerdts', initialen: 'W.J.M.', voornamen: 'Willem Jan Maria', roepnaam: 'Willem', tussenvoegsel: null, achternaam: 'Aerdts', geslacht: 'man', functie: 'Staatssecretaris van Economische Zaken en Klimaat', party: null },
  { key: 'vanweerdenburg', initialen: 'D.', voornamen: 'Danai', roepnaam: 'Danai', tussenvoegsel: 'van', achternaam: 'Weerdenburg', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'PVV' },
  { key: 'kathmann', initialen: 'B.C.', voornamen: 'Barbara Catharina', roepnaam: 'Barbara', tussenvoegsel: null, achternaam: 'Kathmann', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'GL-PvdA' },
  { key: 'veltman', initialen: 'H.', voornamen: 'Hester', roepnaam: 'Hester', tussenvoegsel: null, achternaam: 'Veltman', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'VVD' },
  { key: 'sixdijkstra', initialen: 'J.P.', voornamen: 'Jesse Pieter', roepnaam: 'Jesse', tussenvoegsel: null, achternaam: 'Six Dijkstra', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'NSC' },
  { key: 'sneller', initialen: 'J.', voornamen: 'Joost', roepnaam: 'Joost', tussenvoegsel: null, achternaam: 'Sneller', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'D66' },
  // Invented MPs (no real person): the gifts, side jobs, questions and moties of the demo are theirs.
  { key: 'jansma', initialen: 'M.A.', voornamen: 'Marloes Anna', roepnaam: 'Marloes', tussenvoegsel: null, achternaam: 'Jansma', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'BBB' },
  { key: 'verbeek', initialen: 'T.J.', voornamen: 'Thijs Jacob', roepnaam: 'Thijs', tussenvoegsel: null, achternaam: 'Verbeek', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'CDA' },
  { key: 'hoekstra', initialen: 'S.', voornamen: 'Sanne', roepnaam: 'Sanne', tussenvoegsel: null, achternaam: 'Hoekstra', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'SP' },
  { key: 'benali', initialen: 'I.', voornamen: 'Ilias', roepnaam: 'Ilias', tussenvoegsel: null, achternaam: 'Benali', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'DENK' },
  { key: 'brinkman', initialen: 'F.E.', voornamen: 'Floor Elisabeth', roepnaam: 'Floor', tussenvoegsel: null, achternaam: 'Brinkman', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'PvdD' },
  { key: 'vandalen', initialen: 'G.J.', voornamen: 'Gerrit Jan', roepnaam: 'Gerrit', tussenvoegsel: 'van', achternaam: 'Dalen', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'SGP' },
  { key: 'mulderij', initialen: 'L.', voornamen: 'Lotte', roepnaam: 'Lotte', tussenvoegsel: null, achternaam: 'Mulderij', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'Volt' },
  { key: 'kooistra', initialen: 'R.', voornamen: 'Ruben', roepnaam: 'Ruben', tussenvoegsel: null, achternaam: 'Kooistra', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'FvD' },
  { key: 'wielenga', initialen: 'H.M.', voornamen: 'Hanna Maria', roepnaam: 'Hanna', tussenvoegsel: null, achternaam: 'Wielenga', geslacht: 'vrouw', functie: 'Tweede Kamerlid', party: 'CU' },
  { key: 'sloots', initialen: 'B.', voornamen: 'Bram', roepnaam: 'Bram', tussenvoegsel: null, achternaam: 'Sloots', geslacht: 'man', functie: 'Tweede Kamerlid', party: 'JA21' },
];

/**
 * Speakers of the real VLOS report of 15 October 2014, under the `objectid` the report gives
 * them (the Kamer's Persoon GUIDs), so that its speakers link to person pages.
 */
const VLOS_SPEAKERS: { id: string; initialen: string; voornamen: string; achternaam: string; tussenvoegsel: string | null; geslacht: string; functie: string }[] = [
  { id: '5837c04d-1f27-448f-b736-48dafb02c3d0', initialen: 'M.', voornamen: 'Mark', achternaam: 'Rutte', tussenvoegsel: null, geslacht: 'man', functie: 'Oud minister-president' },
  { id: '457964c8-b4ba-4fa8-ad80-d2dea54e7c94', initialen: 'J.F.', voornamen: 'Jesse', achternaam: 'Klaver', tussenvoegsel: null, geslacht: 'man', functie: 'Tweede Kamerlid' },
  { id: 'c7c4ff07-873c-494c-8330-7db0c73b493a', initialen: 'J.R.V.A.', voornamen: 'Jeroen', achternaam: 'Dijsselbloem', tussenvoegsel: null, geslacht: 'man', functie: 'Oud minister' },
  { id: '08c2333e-d465-42cd-b889-2034ac8d756d', initialen: 'A.', voornamen: 'Alexander', achternaam: 'Pechtold', tussenvoegsel: null, geslacht: 'man', functie: 'Oud Kamerlid' },
  { id: 'f49e5650-7dbe-457c-a8ce-ba8a822844ec', initialen: 'A.', voornamen: 'Anouchka', achternaam: 'Miltenburg', tussenvoegsel: 'van', geslacht: 'vrouw', functie: 'Oud Kamervoorzitter' },
  { id: '281a6386-c14e-49db-8636-b4af7bf989c9', initialen: 'P.H.', voornamen: 'Pieter', achternaam: 'Omtzigt', tussenvoegsel: null, geslacht: 'man', functie: 'Oud Kamerlid' },
];

export const IDS = {
  fractie: (key: string) => guid(`Fractie:${key}`),
  persoon: (key: string) => guid(`Persoon:${key}`),
  commissieDiZa: guid('Commissie:DiZa'),
  commissieEZ: guid('Commissie:EZ'),
  commissieBiZa: guid('Commissie:BiZa'),
  dossier21501_33: guid('Kamerstukdossier:21501-33'),
  dossier31951: guid('Kamerstukdossier:31951'),
  dossier21501_02: guid('Kamerstukdossier:21501-02'),
  zaakMotieCeder: guid('Zaak:2025Z07461'),
  zaakVerslag2025: guid('Zaak:2025Z03735'),
  zaakMotie: guid('Zaak:2025Z04410'),
  zaakMotieKoper: guid('Zaak:2026Z19870'),
  doc2025: guid('Document:2025D08504'),
  doc2022: guid('Document:2022D14467'),
  doc2026: guid('Document:2026D21978'),
  doc2017: guid('Document:2017D33112'),
  docMotie: guid('Document:2025D10230'),
  /** The real motie Verdonk served as `application/msword`. */
  docWord: REAL_DOC_ID,
  /** The real motie Ceder (21 501-02, nr. 3121): its real Document GUID; the Kamer's record has no file here. */
  docMotieCeder: REAL_MOTIE_CEDER_ID,
  besluitMotie: guid('Besluit:motie-kathmann'),
  besluitMotieKoper: guid('Besluit:motie-jansma-koper'),
  stemmingDeleted: guid('Stemming:motie-kathmann:VVD-vergissing'),
  vergadering: REAL_VERGADERING_ID,
  verslag: guid('Verslag:2014-10-15'),
  activiteit2025: guid('Activiteit:2025A01012'),
  /** Toezeggingen: nested `toegezegdAan` (most) and the flat `ns1:` form with `kamerbriefNakoming` twice. */
  toezeggingFlat: guid('Toezegging:TZ202504-019'),
  toezeggingNested: guid('Toezegging:TZ202502-136'),
  /** A person deleted upstream (`True`, no body) and a side job deleted with its body (`true`). */
  persoonDeleted: guid('Persoon:oudlid-verwijderd'),
  nevenfunctieDeleted: guid('PersoonNevenfunctie:brinkman-vervallen'),
} as const;

/** The first day of the demo agenda and the last: activities stay upcoming for a long while after a fresh clone. */
export const AGENDA_FROM = '2026-12-08';
export const AGENDA_UNTIL = '2028-06-30';

const seatsOf = (key: string) => PARTIES.find((p) => p.key === key)!.zetels;
const nameOf = (key: string) => {
  const p = PEOPLE.find((x) => x.key === key)!;
  return `${p.initialen} ${[p.tussenvoegsel, p.achternaam].filter(Boolean).join(' ')}`;
};
const afkortingOf = (party: string) => PARTIES.find((x) => x.key === party)!.afkorting;
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
/** `2026-12-08` → the vergaderjaar it falls in (September to September). */
const vergaderjaar = (day: string) => {
  const y = Number(day.slice(0, 4));
  return Number(day.slice(5, 7)) >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
};

/** The world: every entity state in the order the feed sends them (global skiptoken order). */
export function buildWorld(): World {
  const ev: WorldEntity[] = [];
  const push = (...e: WorldEntity[]) => ev.push(...e);

  for (const p of PARTIES) {
    push(make('Fractie', p.key, '2023-12-06T09:12:44.287Z', [], [
      ['nummer', String(10_000 + PARTIES.indexOf(p))], ['afkorting', p.afkorting], ['naamNl', p.naam], ['naamEn', p.naamEn],
      ['aantalZetels', String(p.zetels)], ['aantalStemmen', String(p.stemmen)], ['datumActief', '2023-12-06'], ['datumInactief', null],
    ]));
  }

  for (const [i, p] of PEOPLE.entries()) {
    const photo = p.key === 'kathmann' ? { file: { contentType: 'image/jpeg', bytes: PHOTO } } : {};
    push(make('Persoon', p.key, i % 2 ? '2025-01-14T10:00:00+01:00' : '2025-01-14T09:00:00+01:00', [], [
      ['nummer', String(4000 + i)], ['titels', null], ['initialen', p.initialen], ['tussenvoegsel', p.tussenvoegsel],
      ['achternaam', p.achternaam], ['voornamen', p.voornamen], ['roepnaam', p.roepnaam], ['geslacht', p.geslacht],
      ['functie', p.functie], ['woonplaats', "'s-Gravenhage"], ['land', 'NL'], ['fractielabel', p.party ? afkortingOf(p.party) : null],
    ], photo));
  }
  for (const [i, p] of VLOS_SPEAKERS.entries()) {
    push({
      ...make('Persoon', `vlos-${p.achternaam}`, '2023-08-29T11:09:44Z', [], [
        ['nummer', String(1200 + i)], ['titels', null], ['initialen', p.initialen], ['tussenvoegsel', p.tussenvoegsel], ['achternaam', p.achternaam],
        ['voornamen', p.voornamen], ['roepnaam', p.voornamen], ['geslacht', p.geslacht], ['functie', p.functie], ['fractielabel', null],
      ]),
      id: p.id,
    });
  }
  // A former member the Kamer later withdrew: created, then deleted as `True` without a body.
  const oudlid = make('Persoon', 'oudlid-verwijderd', '2019-06-20T10:00:00+02:00', [], [
    ['nummer', '1999'], ['initialen', 'P.'], ['achternaam', 'Dubbelman'], ['roepnaam', null], ['functie', 'Oud Kamerlid'],
  ]);
  push(oudlid);

  for (const p of PEOPLE.filter((x) => x.party)) {
    const zetel = make('FractieZetel', p.key, '2023-12-06T10:00:00Z', [['fractie', IDS.fractie(p.party!)]], [['gewicht', String(PEOPLE.indexOf(p))]]);
    push(zetel, make('FractieZetelPersoon', p.key, '2023-12-06T10:00:00Z', [['fractieZetel', zetel.id], ['persoon', IDS.persoon(p.key)]], [
      ['functie', p.key === 'sneller' ? 'Fractievoorzitter' : 'Lid'], ['van', '2023-12-06'], ['totEnMet', null],
    ]));
  }

  const commissie = (key: string, nummer: string, naamNl: string, naamEn: string, web: string, webEn: string, inhoud: string) =>
    make('Commissie', key, '2024-07-02T08:30:00Z', [], [
      ['nummer', nummer], ['soort', 'Vaste commissie'], ['afkorting', key], ['naamNl', naamNl],
      ['naamEn', naamEn], ['naamWebNl', web], ['naamWebEn', webEn], ['inhoudsopgave', inhoud], ['datumActief', '2022-03-31'], ['datumInactief', null],
    ]);
  push(commissie('DiZa', '2024A03841', 'vaste commissie voor Digitale Zaken', 'Standing Committee on Digital Affairs', 'Digitale Zaken', 'Digital Affairs', 'Digitalisering'));
  push(commissie('EZ', '2024A03822', 'vaste commissie voor Economische Zaken', 'Standing Committee on Economic Affairs', 'Economische Zaken', 'Economic Affairs', 'Economie'));
  push(commissie('BiZa', '2024A03810', 'vaste commissie voor Binnenlandse Zaken', 'Standing Committee on the Interior', 'Binnenlandse Zaken', 'Interior', 'Openbaar bestuur'));
  const lid = (commissieKey: string, key: string, functie: string, van: string, totEnMet: string | null = null) => {
    const zetel = make('CommissieZetel', `${commissieKey}:${key}`, '2024-07-02T08:30:00Z', [['commissie', guid(`Commissie:${commissieKey}`)]], [['gewicht', '1']]);
    // The real CommissieZetelVastPersoon sample: default namespace, `bijgewerkt` with `Z`.
    return [zetel, make('CommissieZetelVastPersoon', `${commissieKey}:${key}`, '2024-07-02T08:30:00Z', [['commissieZetel', zetel.id], ['persoon', IDS.persoon(key)]], [
      ['functie', functie], ['van', van], ['totEnMet', totEnMet],
    ])];
  };
  // DiZa keeps its historic ids (`CommissieZetel:kathmann`): saved databases refer to them.
  for (const key of ['kathmann', 'sixdijkstra', 'sneller']) {
    const zetel = make('CommissieZetel', key, '2024-07-02T08:30:00Z', [['commissie', IDS.commissieDiZa]], [['gewicht', '1']]);
    push(zetel, make('CommissieZetelVastPersoon', key, '2024-07-02T08:30:00Z', [['commissieZetel', zetel.id], ['persoon', IDS.persoon(key)]], [
      ['functie', key === 'sixdijkstra' ? 'Voorzitter' : 'Lid'], ['van', '2023-12-07'], ['totEnMet', null],
    ]));
  }
  push(...lid('EZ', 'jansma', 'Voorzitter', '2023-12-07'), ...lid('EZ', 'veltman', 'Lid', '2023-12-07'), ...lid('EZ', 'hoekstra', 'Lid', '2024-02-01'),
    ...lid('EZ', 'benali', 'Ondervoorzitter', '2023-12-07'), ...lid('EZ', 'vanweerdenburg', 'Lid', '2023-12-07', '2024-09-30'));
  push(...lid('BiZa', 'verbeek', 'Voorzitter', '2023-12-07'), ...lid('BiZa', 'brinkman', 'Lid', '2023-12-07'), ...lid('BiZa', 'vandalen', 'Lid', '2023-12-07'),
    ...lid('BiZa', 'mulderij', 'Lid', '2024-03-12'), ...lid('BiZa', 'sneller', 'Lid', '2023-12-07'));

  push(make('PersoonNevenfunctie', 'sneller-1', '2024-02-01T12:00:00Z', [['persoon', IDS.persoon('sneller')]], [
    ['omschrijving', 'Bestuurslid Stichting Open Democratie'], ['isActief', 'True'],
    ['periode', [['van', '2021-05'], ['totEnMet', null]]], ['vergoeding', [['soort', 'Onbezoldigd'], ['toelichting', null]]],
  ]));
  const nevenfunctie = (key: string, persoon: string, omschrijving: string, actief: boolean, van: string, totEnMet: string | null, vergoeding: string) =>
    make('PersoonNevenfunctie', key, '2026-01-15T11:20:00+01:00', [['persoon', IDS.persoon(persoon)]], [
      ['omschrijving', omschrijving], ['isActief', actief ? 'true' : 'false'],
      ['periode', [['van', van], ['totEnMet', totEnMet]]], ['vergoeding', [['soort', vergoeding], ['toelichting', null]]],
    ]);
  push(
    nevenfunctie('jansma-1', 'jansma', 'Lid van de ledenraad van een zuivelcoöperatie', true, '2019-03', null, 'Onbezoldigd'),
    nevenfunctie('jansma-2', 'jansma', 'Melkveehouder (maatschap met partner)', true, '2008-01', null, 'Bezoldigd'),
    nevenfunctie('verbeek-1', 'verbeek', 'Voorzitter van een amateurvoetbalvereniging', true, '2020-09', null, 'Onbezoldigd'),
    nevenfunctie('hoekstra-1', 'hoekstra', 'Docent maatschappijleer (verlof zonder behoud van salaris)', false, '2015-08', '2023-12', 'Bezoldigd'),
  );
  const vervallen = nevenfunctie('brinkman-vervallen', 'brinkman', 'Lid raad van toezicht van een dierenasiel', true, '2022-01', null, 'Onbezoldigd');
  push(vervallen);

  const geschenk = (key: string, persoon: string, datum: string, omschrijving: string) =>
    make('PersoonGeschenk', key, `${datum}T14:12:00+01:00`, [['persoon', IDS.persoon(persoon)]], [['omschrijving', omschrijving], ['datum', `${datum}T00:00:00`], ['gewicht', '1']]);
  push(
    geschenk('jansma-2026-1', 'jansma', '2026-02-10', 'Kaaspakket (waarde ca. € 40) na een werkbezoek aan een kaasmakerij'),
    geschenk('verbeek-2026-1', 'verbeek', '2026-03-19', 'Boek "Gemeenten aan het stuur" van de auteur, na een rondetafelgesprek'),
    geschenk('brinkman-2026-1', 'brinkman', '2026-05-04', 'Twee toegangskaarten voor een concert (waarde € 90), geretourneerd'),
    geschenk('benali-2026-1', 'benali', '2026-09-28', 'Fles olijfolie van een ondernemersvereniging'),
  );

  push(make('Kamerstukdossier', '21501-33', '2025-03-03T12:41:07.123Z', [], [
    ['titel', 'Raad voor Vervoer, Telecommunicatie en Energie'], ['citeertitel', null], ['alias', null],
    ['nummer', '21501'], ['toevoeging', '33'], ['hoogsteVolgnummer', '1113'], ['afgesloten', 'false'], ['kamer', 'Tweede Kamer'],
  ]));
  push(make('Kamerstukdossier', '31951', '2009-06-02T10:00:00+02:00', [], [
    ['titel', 'Verantwoordingsbrief 2008'], ['citeertitel', null], ['alias', null],
    ['nummer', '31951'], ['toevoeging', null], ['hoogsteVolgnummer', '17'], ['afgesloten', 'true'], ['kamer', 'Tweede Kamer'],
  ]));

  const zaak = (nummer: string, soort: string, onderwerp: string, gestart: string, volg: string | null, extra: Fields = [], dossier: string | null = IDS.dossier21501_33) =>
    make('Zaak', nummer, `${gestart}T12:00:00Z`, dossier ? [['kamerstukdossier', dossier]] : [], [
      ['nummer', nummer], ['soort', soort], ['onderwerp', onderwerp], ['gestartOp', `${gestart}T00:00:00+01:00`],
      ['organisatie', 'Tweede Kamer der Staten-Generaal'], ['vergaderjaar', vergaderjaar(gestart)],
      ...(volg ? ([['volgnummer', volg]] as Fields) : []), ['afgedaan', 'false'], ['grootProject', 'false'], ...extra,
    ]);
  const zaakVerslag = zaak('2025Z03735', 'Verslag van een schriftelijk overleg', 'Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025', '2025-02-28', '1113');
  push(zaakVerslag);
  push(zaak('2022Z07318', 'Brief regering', 'Verslag van de informele Telecomraad van 8-9 maart 2022', '2022-04-11', '1030'));
  push(zaak('2026Z10412', 'Brief regering', 'Verslag informele Telecomraad 29-30 april 2026', '2026-05-28', '1160'));
  push(zaak('2025Z04410', 'Motie', 'Motie van het lid Kathmann over het versterken van de Europese digitale autonomie', '2025-03-06', '1115', [['status', 'Vrijgegeven']]));
  push(zaak('2026Z19870', 'Motie', 'Motie van het lid Jansma over het behoud van de koperen telefoonlijn in het buitengebied', '2026-10-08', '1171', [['status', 'Vrijgegeven']]));
  push(zaak('2009Z10466', 'Motie', 'Motie van het lid Verdonk over het samenvoegen van verantwoordingsdag met de begrotingsbehandeling', '2009-05-28', '17', [['status', 'Vrijgegeven']], IDS.dossier31951));

  push(
    make('ZaakActor', '2025Z03735-DiZa', '2025-02-28T12:00:00Z', [['zaak', IDS.zaakVerslag2025], ['commissie', IDS.commissieDiZa]], [
      ['actorNaam', 'vaste commissie voor Digitale Zaken'], ['actorAfkorting', 'DiZa'], ['relatie', 'Voortouwcommissie'],
    ]),
    make('ZaakActor', '2025Z04410-kathmann', '2025-03-06T12:00:00Z', [['zaak', IDS.zaakMotie], ['persoon', IDS.persoon('kathmann')], ['fractie', IDS.fractie('GL-PvdA')]], [
      ['actorNaam', 'B.C. Kathmann'], ['actorFractie', 'GroenLinks-PvdA'], ['relatie', 'Indiener'],
    ]),
    make('ZaakActor', '2026Z19870-jansma', '2026-10-08T12:00:00Z', [['zaak', IDS.zaakMotieKoper], ['persoon', IDS.persoon('jansma')], ['fractie', IDS.fractie('BBB')]], [
      ['actorNaam', nameOf('jansma')], ['actorFractie', 'BBB'], ['relatie', 'Indiener'],
    ]),
  );

  const doc = (nummer: string, zaakNr: string | null, soort: string, titel: string, onderwerp: string, datum: string, volg: string | null, file: WorldEntity['file'], dossier: string | null = IDS.dossier21501_33) =>
    make('Document', nummer, `${datum}T12:41:07.123Z`, [
      ...(zaakNr ? ([['zaak', guid(`Zaak:${zaakNr}`)]] as [string, string][]) : []),
      ...(dossier ? ([['kamerstukdossier', dossier]] as [string, string][]) : []),
    ], [
      ['soort', soort], ['documentNummer', nummer], ['titel', titel], ['onderwerp', onderwerp], ['datum', `${datum}T00:00:00`],
      ...(volg ? ([['volgnummer', volg]] as Fields) : []), ['vergaderjaar', vergaderjaar(datum)],
      ['kamer', '2'], ['citeertitel', null], ['alias', null], ['datumRegistratie', `${datum}T10:15:00+01:00`], ['organisatie', 'Tweede Kamer der Staten-Generaal'],
    ], file ? { file } : {});
  const txt = (name: string) => ({ contentType: 'text/plain', bytes: sample(name) });
  push(doc('2025D08504', '2025Z03735', 'Verslag van een schriftelijk overleg', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Verslag van een schriftelijk overleg over de Telecomraad (informeel) 4-5 maart 2025', '2025-03-03', '1113',
    txt('2025-03-03-verslag-schriftelijk-overleg-informele-telecomraad-maart-2025.txt')));
  push(doc('2022D14467', '2022Z07318', 'Brief regering', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Verslag van de informele Telecomraad van 8-9 maart 2022', '2022-04-11', '1030',
    txt('2022-04-11-kamerbrief-verslag-informele-telecomraad-maart-2022.txt')));
  push(doc('2026D21978', '2026Z10412', 'Brief regering', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Verslag informele Telecomraad 29-30 april 2026', '2026-05-28', '1160',
    txt('2026-05-28-kamerbrief-verslag-informele-telecomraad-april-2026.txt')));
  push(doc('2017D33112', null, 'Bijlage', 'Raadsconclusies cyberbeveiliging', 'Conclusies van de Raad over weerbaarheid, afschrikking en defensie: bouwen aan sterke cyberbeveiliging voor de EU (14435/17)',
    '2017-11-20', null, txt('2017-11-20-raadsconclusies-cyberbeveiliging-14435-17.txt')));
  push(doc('2025D10230', '2025Z04410', 'Motie', 'Raad voor Vervoer, Telecommunicatie en Energie',
    'Motie van het lid Kathmann over het versterken van de Europese digitale autonomie', '2025-03-06', '1115',
    { contentType: 'application/pdf', bytes: MOTIE_KATHMANN_PDF }));
  // The real motie as the feed serves older documents: legacy Word, `application/msword`.
  push({
    ...doc('2009D26321', '2009Z10466', 'Motie', 'Verantwoordingsbrief 2008', 'Motie van het lid Verdonk over het samenvoegen van verantwoordingsdag met de begrotingsbehandeling',
      '2009-05-28', '17', { contentType: 'application/msword', bytes: real(REAL_DOC_ID) }, IDS.dossier31951),
    id: REAL_DOC_ID,
  });

  push(make('DocumentVersie', '2025D08504-1', '2025-03-03T12:41:07Z', [['document', IDS.doc2025]], [
    ['status', 'Openbaar'], ['versienummer', '1'], ['bestandsgrootte', '46860'], ['extensie', '.docx'], ['datum', '2025-03-03T12:41:07Z'],
  ]));
  const signer = (docId: string, docNr: string, key: string, functie: string) =>
    make('DocumentActor', `${docNr}-${key}`, '2025-03-03T12:41:07Z', [['document', docId], ['persoon', IDS.persoon(key)]], [
      ['actorNaam', nameOf(key)], ['functie', functie], ['relatie', 'Ondertekenaar'],
    ]);
  push(
    signer(IDS.doc2025, '2025D08504', 'beljaarts', 'Minister van Economische Zaken'),
    signer(IDS.doc2025, '2025D08504', 'vanweel', 'Minister van Justitie en Veiligheid'),
    signer(IDS.doc2025, '2025D08504', 'szabo', 'Staatssecretaris van Binnenlandse Zaken en Koninkrijksrelaties'),
    signer(IDS.doc2022, '2022D14467', 'adriaansens', 'Minister van Economische Zaken en Klimaat'),
    signer(IDS.doc2026, '2026D21978', 'aerdts', 'Staatssecretaris van Economische Zaken en Klimaat'),
  );

  const activiteit = (nummer: string, soort: string, onderwerp: string, datum: string, locatie: string) =>
    make('Activiteit', nummer, `${datum}T16:00:00Z`, [['voortouwcommissie', IDS.commissieDiZa]], [
      ['soort', soort], ['nummer', nummer], ['onderwerp', onderwerp], ['datumSoort', 'Dag'], ['datum', `${datum}T00:00:00+01:00`],
      ['aanvangstijd', `${datum}T10:00:00+01:00`], ['eindtijd', null], ['locatie', locatie], ['besloten', 'False'], ['status', 'Uitgevoerd'],
      ['vergaderjaar', '2024-2025'], ['kamer', 'Tweede Kamer'], ['noot', null], ['voortouwnaam', 'vaste commissie voor Digitale Zaken'],
      ['voortouwafkorting', 'DiZa'], ['voortouwkortenaam', 'Digitale Zaken'],
    ]);
  push(activiteit('2025A01012', 'Schriftelijk overleg', 'Informele Telecomraad 4-5 maart 2025 in Warschau', '2025-02-20', 'Schriftelijk'));
  push(activiteit('2022A02230', 'Schriftelijk overleg', 'Informele Telecomraad 8-9 maart 2022 in Parijs en Nevers', '2022-03-01', 'Schriftelijk'));
  push(activiteit('2026A04120', 'Commissiedebat', 'Informele Telecomraad 29-30 april 2026', '2026-04-22', 'Thorbeckezaal'));
  push(make('ActiviteitActor', '2025A01012-kathmann', '2025-02-20T16:00:00Z', [['activiteit', IDS.activiteit2025], ['persoon', IDS.persoon('kathmann')], ['fractie', IDS.fractie('GL-PvdA')]], [
    ['actorNaam', 'B.C. Kathmann'], ['actorFractie', 'GroenLinks-PvdA'], ['relatie', 'Deelnemer'], ['volgorde', '1'], ['functie', 'Tweede Kamerlid'],
  ]));
  push(make('Zaal', 'Thorbeckezaal', '2020-01-01T00:00:00Z', [], [['naam', 'Thorbeckezaal'], ['sysCode', '1021']]));
  push(make('Zaal', 'Groen van Prinstererzaal', '2020-01-01T00:00:00Z', [], [['naam', 'Groen van Prinstererzaal'], ['sysCode', '1032']]));
  push(make('Reservering', '2026A04120', '2026-04-01T09:00:00Z', [['activiteit', guid('Activiteit:2026A04120')], ['zaal', guid('Zaal:Thorbeckezaal')]], [
    ['nummer', 'RES-2026-0412'], ['statusCode', 'R'], ['statusNaam', 'Gereserveerd'], ['activiteitNummer', '2026A04120'],
  ]));

  // The committee debate where the motie Jansma was submitted and a commitment was made.
  const telecomDebat = make('Activiteit', '2026A05980', '2026-10-01T18:10:00+02:00', [['voortouwcommissie', IDS.commissieEZ]], [
    ['soort', 'Commissiedebat'], ['nummer', '2026A05980'], ['onderwerp', 'Telecommunicatie'], ['datumSoort', 'Dag'],
    ['datum', '2026-10-01T14:00:00'], ['aanvangstijd', '2026-10-01T14:00:00'], ['eindtijd', '2026-10-01T17:45:00'], ['locatie', 'Thorbeckezaal'],
    ['besloten', 'false'], ['status', 'Uitgevoerd'], ['vergaderjaar', '2026-2027'], ['kamer', 'Tweede Kamer'], ['noot', null],
    ['voortouwnaam', 'vaste commissie voor Economische Zaken'], ['voortouwafkorting', 'EZ'], ['voortouwkortenaam', 'Economische Zaken'],
  ]);
  push(telecomDebat);
  for (const [n, key] of ['jansma', 'hoekstra', 'veltman'].entries()) {
    const p = PEOPLE.find((x) => x.key === key)!;
    push(make('ActiviteitActor', `2026A05980-${key}`, '2026-10-01T18:10:00+02:00', [['activiteit', telecomDebat.id], ['persoon', IDS.persoon(key)], ['fractie', IDS.fractie(p.party!)]], [
      ['actorNaam', nameOf(key)], ['actorFractie', afkortingOf(p.party!)], ['relatie', 'Deelnemer'], ['volgorde', String(n + 1)], ['functie', 'Tweede Kamerlid'],
    ]));
  }

  // The agenda ahead, as the real feed writes it (local times without offset): committee
  // debates, round tables, plenary debates and votes, every four weeks into mid-2028.
  const AGENDA: [string, string, string | null, string][] = [
    ['Commissiedebat', 'Staat van de economie en de koopkracht', 'EZ', 'Thorbeckezaal'],
    ['Rondetafelgesprek', 'Rondetafelgesprek over de uitrol van glasvezel in het buitengebied', 'EZ', 'Groen van Prinstererzaal'],
    ['Commissiedebat', 'Decentrale overheden en de financiering van gemeenten', 'BiZa', 'Thorbeckezaal'],
    ['Plenair debat', 'Debat over de Wet open overheid', null, 'Plenaire zaal'],
    ['Technische briefing', 'Technische briefing door het CBS over de Monitor Brede Welvaart', 'EZ', 'Groen van Prinstererzaal'],
    ['Commissiedebat', 'Kiesrecht en verkiezingen', 'BiZa', 'Thorbeckezaal'],
    ['Wetgevingsoverleg', 'Wetgevingsoverleg over de Omgevingswet en de Woo', 'BiZa', 'Thorbeckezaal'],
    ['Stemmingen', 'Stemmingen', null, 'Plenaire zaal'],
  ];
  let agendaDay = AGENDA_FROM;
  for (let i = 0; agendaDay <= AGENDA_UNTIL; i++, agendaDay = addDays(agendaDay, 28)) {
    const [soort, onderwerp, commissieKey, locatie] = AGENDA[i % AGENDA.length]!;
    const nummer = `${agendaDay.slice(0, 4)}A${String(7000 + i * 13).padStart(5, '0')}`;
    const start = soort === 'Stemmingen' ? '15:00:00' : i % 2 ? '14:00:00' : '10:00:00';
    const end = soort === 'Stemmingen' ? '15:45:00' : i % 2 ? '17:30:00' : '13:00:00';
    const c = commissieKey ? { key: commissieKey, naam: commissieKey === 'EZ' ? 'Economische Zaken' : 'Binnenlandse Zaken' } : null;
    const act = make('Activiteit', nummer, '2026-11-24T10:30:00+01:00', c ? [['voortouwcommissie', guid(`Commissie:${c.key}`)]] : [], [
      ['soort', soort], ['nummer', nummer], ['onderwerp', soort === 'Stemmingen' ? 'Stemmingen' : onderwerp], ['datumSoort', 'Dag'],
      ['datum', `${agendaDay}T${start}`], ['aanvangstijd', `${agendaDay}T${start}`], ['eindtijd', `${agendaDay}T${end}`], ['locatie', locatie],
      ['besloten', 'false'], ['status', 'Gepland'], ['vergaderjaar', vergaderjaar(agendaDay)], ['kamer', 'Tweede Kamer'],
      ['noot', soort === 'Commissiedebat' ? 'Spreektijd maximaal 4 minuten per fractie.' : null],
      ...(c ? ([['voortouwnaam', `vaste commissie voor ${c.naam}`], ['voortouwafkorting', c.key], ['voortouwkortenaam', c.naam]] as Fields) : []),
    ]);
    push(act);
    if (soort === 'Commissiedebat' || soort === 'Rondetafelgesprek') {
      const members = commissieKey === 'EZ' ? ['jansma', 'veltman', 'benali'] : ['verbeek', 'brinkman', 'mulderij'];
      members.forEach((key, n) => {
        const p = PEOPLE.find((x) => x.key === key)!;
        push(make('ActiviteitActor', `${nummer}-${key}`, '2026-11-24T10:30:00+01:00', [['activiteit', act.id], ['persoon', IDS.persoon(key)], ['fractie', IDS.fractie(p.party!)]], [
          ['actorNaam', nameOf(key)], ['actorFractie', afkortingOf(p.party!)], ['relatie', 'Deelnemer'], ['volgorde', String(n + 1)], ['functie', 'Tweede Kamerlid'],
        ]));
      });
    }
  }

  // Plenary votes on moties: what each fractie voted, and a decision that follows from the seats.
  const stemmingen = (key: string, nummer: string, datum: string, zaakId: string, onderwerp: string, voor: string[], stemmingsSoort = 'Met handopsteken') => {
    const act = make('Activiteit', `stemmingen-${datum}`, `${datum}T18:00:00Z`, [], [
      ['soort', 'Stemmingen'], ['nummer', nummer], ['onderwerp', 'Stemmingen'], ['datum', `${datum}T00:00:00+01:00`],
      ['locatie', 'Plenaire zaal'], ['besloten', 'false'], ['status', 'Uitgevoerd'], ['kamer', 'Tweede Kamer'],
    ]);
    const punt = make('Agendapunt', `stemmingen-${key}`, `${datum}T18:00:00Z`, [['activiteit', act.id]], [
      ['nummer', '1'], ['onderwerp', onderwerp], ['volgorde', '1'], ['rubriek', 'Moties'], ['status', 'Vrijgegeven'],
    ]);
    const seatsVoor = voor.reduce((n, k) => n + seatsOf(k), 0);
    const aangenomen = seatsVoor > KAMER_ZETELS - seatsVoor;
    const besluit = make('Besluit', key, `${datum}T18:05:00Z`, [['agendapunt', punt.id], ['zaak', zaakId]], [
      ['stemmingsSoort', stemmingsSoort], ['besluitSoort', aangenomen ? 'Stemmen - aangenomen' : 'Stemmen - verworpen'],
      ['besluitTekst', aangenomen ? 'Aangenomen.' : 'Verworpen.'], ['opmerking', null], ['status', 'Besluit'], ['agendapuntZaakBesluitVolgorde', '1'],
    ]);
    push(act, punt, besluit);
    for (const p of PARTIES) {
      push(make('Stemming', `${key}:${p.key}`, `${datum}T18:05:00Z`, [['besluit', besluit.id], ['fractie', IDS.fractie(p.key)]], [
        ['soort', voor.includes(p.key) ? 'Voor' : 'Tegen'], ['fractieGrootte', String(p.zetels)], ['actorNaam', p.afkorting], ['actorFractie', p.afkorting], ['vergissing', 'false'],
      ]));
    }
    return besluit;
  };
  stemmingen('motie-kathmann', '2025A01540', '2025-03-11', IDS.zaakMotie, 'Stemmingen over moties ingediend bij het tweeminutendebat Telecomraad',
    ['GL-PvdA', 'NSC', 'D66', 'BBB', 'CDA', 'SP', 'DENK', 'PvdD', 'CU', 'Volt']);
  // A vote recorded by mistake; deleted further down the feed.
  push(make('Stemming', 'motie-kathmann:VVD-vergissing', '2025-03-11T18:06:00Z', [['besluit', IDS.besluitMotie], ['fractie', IDS.fractie('VVD')]], [
    ['soort', 'Voor'], ['fractieGrootte', '24'], ['actorNaam', 'VVD'], ['actorFractie', 'VVD'], ['vergissing', 'True'],
  ]));
  stemmingen('motie-jansma-koper', '2026A06110', '2026-10-13', IDS.zaakMotieKoper, 'Stemmingen over moties ingediend bij het commissiedebat Telecommunicatie',
    ['BBB', 'SP', 'PVV', 'SGP', 'FvD', 'JA21', 'DENK']);

  // Written questions: one answered, one answered late with a delay notice first, two still open.
  const vraag = (nummer: string, gestart: string, indiener: string, onderwerp: string, gerichtAan: string, docs: [string, string, string][]) => {
    const z = make('Zaak', nummer, `${gestart}T15:10:00+01:00`, [], [
      ['nummer', nummer], ['soort', 'Schriftelijke vragen'], ['onderwerp', onderwerp], ['gestartOp', `${gestart}T00:00:00`],
      ['organisatie', 'Tweede Kamer der Staten-Generaal'], ['vergaderjaar', vergaderjaar(gestart)], ['afgedaan', 'false'], ['grootProject', 'false'],
    ]);
    const p = PEOPLE.find((x) => x.key === indiener)!;
    push(z,
      make('ZaakActor', `${nummer}-indiener`, `${gestart}T15:10:00+01:00`, [['zaak', z.id], ['persoon', IDS.persoon(indiener)], ['fractie', IDS.fractie(p.party!)]], [
        ['actorNaam', nameOf(indiener)], ['actorFractie', afkortingOf(p.party!)], ['relatie', 'Indiener'],
      ]),
      make('ZaakActor', `${nummer}-gericht`, `${gestart}T15:10:00+01:00`, [['zaak', z.id]], [['actorNaam', gerichtAan], ['relatie', 'Gericht aan']]),
    );
    for (const [docNr, soort, datum] of docs) {
      push(make('Document', docNr, `${datum}T16:02:00+01:00`, [['zaak', z.id]], [
        ['soort', soort], ['documentNummer', docNr], ['titel', onderwerp], ['onderwerp', soort === 'Schriftelijke vragen' ? onderwerp : `${soort} op vragen van het lid ${p.achternaam}`],
        ['datum', `${datum}T00:00:00`], ['vergaderjaar', vergaderjaar(datum)], ['kamer', '2'],
      ]));
    }
  };
  vraag('2026Z18750', '2026-09-24', 'benali', 'Vragen van het lid Benali over wachttijden bij de aanvraag van een verblijfsvergunning voor kennismigranten', 'minister van Economische Zaken',
    [['2026D40112', 'Schriftelijke vragen', '2026-09-24'], ['2026D43318', 'Antwoord schriftelijke vragen', '2026-10-14']]);
  vraag('2026Z20130', '2026-10-16', 'hoekstra', 'Vragen van het lid Hoekstra over storingen in het noodnummer 112', 'minister van Justitie en Veiligheid',
    [['2026D43020', 'Schriftelijke vragen', '2026-10-16'], ['2026D45127', 'Mededeling (uitstelbericht)', '2026-11-05']]);
  vraag('2026Z20981', '2026-10-29', 'verbeek', 'Vragen van het lid Verbeek over de uitvoering van de Wet open overheid door gemeenten', 'minister van Binnenlandse Zaken en Koninkrijksrelaties',
    [['2026D44560', 'Schriftelijke vragen', '2026-10-29']]);
  vraag('2026Z22004', '2026-11-19', 'jansma', 'Vragen van het lid Jansma over het uitfaseren van het kopernetwerk', 'minister van Economische Zaken',
    [['2026D46231', 'Schriftelijke vragen', '2026-11-19']]);

  // Toezeggingen: most say to whom in the nested form (default namespace, local time); one
  // older one in the flat `ns1:` form with an offset and two letters that fulfilled it.
  const toezegging = (nummer: string, updated: string, aan: { persoon?: string; fractie?: string }, activiteit: string, fields: Fields, extra: Partial<WorldEntity> = {}) =>
    make('Toezegging', nummer, updated, [
      ...(aan.persoon ? ([['toegezegdAanPersoon', IDS.persoon(aan.persoon)]] as [string, string][]) : []),
      ...(aan.fractie ? ([['toegezegdAanFractie', IDS.fractie(aan.fractie)]] as [string, string][]) : []),
      ['activiteit', activiteit],
    ], [['nummer', nummer], ...fields], { nestedToegezegdAan: true, ...extra });
  push(toezegging('TZ202502-136', '2025-02-03T09:00:00Z', { persoon: 'sixdijkstra', fractie: 'NSC' }, IDS.activiteit2025, [
    ['aanmaakdatum', '2025-01-30T00:00:00'], ['activiteitNummer', '2025A00412'], ['naam', 'Szabó'],
    ['initialen', 'Zs.'], ['voornaam', 'Zsolt'], ['functie', 'staatssecretaris Digitalisering en Koninkrijksrelaties'],
    ['status', 'Openstaand'], ['datumNakoming', '2025-06-30T00:00:00'], ['ministerie', 'Binnenlandse Zaken en Koninkrijksrelaties'],
    ['tekst', 'De staatssecretaris zal de Kamer voor de zomer informeren over de inzet op opkomende en toekomstige technologieën.'],
  ]));
  push(toezegging('TZ202503-041', '2025-03-03T09:00:00Z', { persoon: 'kathmann', fractie: 'GL-PvdA' }, IDS.activiteit2025, [
    ['aanmaakdatum', '2025-03-03T00:00:00'], ['activiteitNummer', '2025A01012'], ['naam', 'Beljaarts'],
    ['initialen', 'D.S.'], ['voornaam', 'Dirk'], ['functie', 'minister van Economische Zaken'], ['status', 'Openstaand'],
    ['datumNakoming', null], ['ministerie', 'Economische Zaken'],
    ['tekst', 'De minister stuurt de Kamer het verslag van de informele Telecomraad van 4-5 maart 2025 in Warschau.'],
  ]));
  push(toezegging('TZ202504-019', '2025-04-17T09:30:00+02:00', { persoon: 'sneller', fractie: 'D66' }, guid('Activiteit:2026A04120'), [
    ['aanmaakdatum', '2025-04-16T00:00:00+02:00'], ['activiteitNummer', '2026A04120'], ['naam', 'Beljaarts'], ['initialen', 'D.S.'],
    ['functie', 'minister'], ['status', 'Nagekomen'], ['ministerie', 'Economische Zaken'],
    ['tekst', 'De minister zal de Kamer informeren over de voortgang van de Europese Digital Networks Act en over de gevolgen voor het uitfaseren van het kopernetwerk.'],
    ['kamerbriefNakoming', '2025Z11873'], ['kamerbriefNakoming', '2025Z14402'],
  ], { nestedToegezegdAan: false, style: 'ns1' }));
  push(toezegging('TZ202610-088', '2026-10-02T17:40:00+02:00', { persoon: 'jansma', fractie: 'BBB' }, telecomDebat.id, [
    ['aanmaakdatum', '2026-10-01T00:00:00'], ['activiteitNummer', '2026A05980'], ['naam', 'Beljaarts'], ['initialen', 'D.S.'], ['voornaam', 'Dirk'],
    ['functie', 'minister van Economische Zaken'], ['status', 'Openstaand'], ['datumNakoming', '2027-03-31T00:00:00'], ['ministerie', 'Economische Zaken'],
    ['tekst', 'De minister stuurt de Kamer voor 1 april 2027 een brief over de beschikbaarheid van vaste telefonie in het buitengebied na het uitfaseren van koper.'],
  ]));

  // The real plenary sitting and its VLOS report: `ns1:` entities whose bijgewerkt carries an offset.
  push({
    ...make('Vergadering', '2014-10-15', '2014-10-15T23:06:40.712+02:00', [], [
      ['soort', 'Plenair'], ['titel', '14e vergadering, woensdag 15 oktober 2014'], ['zaal', 'Plenaire zaal'], ['vergaderjaar', '2014-2015'],
      ['vergaderingNummer', '14'], ['datum', '2014-10-15T00:00:00+02:00'], ['aanvangstijd', '2014-10-15T10:15:00+02:00'],
      ['sluiting', '2014-10-15T22:41:54+02:00'], ['kamer', 'Tweede Kamer'],
    ]),
    id: REAL_VERGADERING_ID,
  });
  // The debates of that sitting, under the objectid and parlisid (the activity number) the report gives them.
  for (const [id, nummer, onderwerp, begin, eind] of [
    ['cbbc1121-2910-40c1-a876-cce3bf3dfcd9', '2014A03695', 'de agenda van de Europese Top van 23 en 24 oktober', '10:16:19', '15:47:03'],
    ['724adada-fd64-41aa-9767-c127af376f15', '2014A04242', 'Beloningsbeleid financiële ondernemingen', '15:53:27', '20:00:33'],
    ['7da242c5-480b-445c-bc1f-e6439c77fb66', '2014A04243', 'Wet aanpassing financieel toetsingskader (33 972) (plenaire afronding in één termijn)', '20:00:33', '22:41:49'],
  ] as const) {
    push({
      ...make('Activiteit', nummer, '2014-10-15T23:06:40.712+02:00', [], [
        ['soort', 'Plenair debat'], ['nummer', nummer], ['onderwerp', onderwerp], ['datumSoort', 'Dag'], ['datum', `2014-10-15T${begin}`],
        ['aanvangstijd', `2014-10-15T${begin}`], ['eindtijd', `2014-10-15T${eind}`], ['locatie', 'Plenaire zaal'], ['besloten', 'false'],
        ['status', 'Uitgevoerd'], ['vergaderjaar', '2014-2015'], ['kamer', 'Tweede Kamer'],
      ]),
      id,
    });
  }
  push(make('Verslag', '2014-10-15', '2014-10-15T23:06:40.712+02:00', [['vergadering', REAL_VERGADERING_ID]], [['soort', 'Tussenpublicatie'], ['status', 'Ongecorrigeerd']], {
    file: { contentType: 'text/xml', bytes: real(REAL_VLOS_ID) },
  }));

  // A bulk repair upstream re-sends an old zaak, now closed.
  push({ ...zaakVerslag, updated: utc('2025-04-15T07:30:00+02:00'), fields: [...zaakVerslag.fields.map(([k, v]): Fields[number] => (k === 'afgedaan' ? [k, 'True'] : [k, v])), ['status', 'Afgedaan']] });
  push({ ...make('Stemming', 'motie-kathmann:VVD-vergissing', '2025-03-12T08:00:00Z', [], []), deleted: true, deletedSpelling: 'true' });
  push({ ...oudlid, updated: utc('2019-06-28T23:59:41.557+02:00'), deleted: true, deletedSpelling: 'True', refs: [], fields: [] });
  push({ ...vervallen, updated: utc('2026-06-01T10:00:00+02:00'), deleted: true, deletedSpelling: 'true', deletedWithBody: true });

  // Appended last, so that the saved demo's earlier pages keep their skiptokens: the Kamer's
  // records of the real motie Ceder (../shared/real/documents/pm-d7a5dc6c-….pdf, 21 501-02,
  // nr. 3121) — its mover, dossier, zaak (numbers written around the real file) and Document,
  // without the file: a user who imports the PDF joins it by its number, not by its content.
  const ceder = make('Persoon', 'ceder', '2025-01-14T09:00:00+01:00', [], [
    ['nummer', '4100'], ['titels', null], ['initialen', 'D.'], ['tussenvoegsel', null], ['achternaam', 'Ceder'], ['voornamen', 'Don'],
    ['roepnaam', 'Don'], ['geslacht', 'man'], ['functie', 'Tweede Kamerlid'], ['woonplaats', "'s-Gravenhage"], ['land', 'NL'], ['fractielabel', 'ChristenUnie'],
  ]);
  const cederZetel = make('FractieZetel', 'ceder', '2023-12-06T10:00:00Z', [['fractie', IDS.fractie('CU')]], [['gewicht', '40']]);
  push(ceder, cederZetel, make('FractieZetelPersoon', 'ceder', '2023-12-06T10:00:00Z', [['fractieZetel', cederZetel.id], ['persoon', ceder.id]], [
    ['functie', 'Lid'], ['van', '2023-12-06'], ['totEnMet', null],
  ]));
  push(make('Kamerstukdossier', '21501-02', '2025-04-10T16:20:00+02:00', [], [
    ['titel', 'Raad Algemene Zaken en Raad Buitenlandse Zaken'], ['citeertitel', null], ['alias', null],
    ['nummer', '21501'], ['toevoeging', '02'], ['hoogsteVolgnummer', '3121'], ['afgesloten', 'false'], ['kamer', 'Tweede Kamer'],
  ]));
  // The real motie Ceder's zaak (its number written around the real file) and its mover.
  push(zaak('2025Z07461', 'Motie', 'Motie van het lid Ceder over een leidende EU-rol in het vredesproces tussen Israël en Gaza', '2025-04-10', '3121', [['status', 'Vrijgegeven']], IDS.dossier21501_02));
  push(make('ZaakActor', '2025Z07461-ceder', '2025-04-10T16:20:00+02:00', [['zaak', IDS.zaakMotieCeder], ['persoon', IDS.persoon('ceder')], ['fractie', IDS.fractie('CU')]], [
    ['actorNaam', 'D. Ceder'], ['actorFractie', 'ChristenUnie'], ['relatie', 'Indiener'],
  ]));
  // The Kamer's record of the real motie Ceder, without its file: a user who imports the PDF
  // joins it by its number (21 501-02, nr. 3121), not by its content.
  push({
    ...doc('2025D16522', '2025Z07461', 'Motie', 'Raad Algemene Zaken en Raad Buitenlandse Zaken',
      'Motie van het lid Ceder over een leidende EU-rol in het vredesproces tussen Israël en Gaza', '2025-04-10', '3121', undefined, IDS.dossier21501_02),
    id: REAL_MOTIE_CEDER_ID,
  });
  return { events: ev };
}

/** A large generated world for the benchmark: `count` entities over a few categories, no files. */
export function buildLargeWorld(count: number): World {
  const events: WorldEntity[] = [];
  for (let i = 0; i < count; i++) {
    const kind = i % 4;
    if (kind === 0) {
      events.push(make('Zaak', `bench-${i}`, '2025-03-03T12:41:07.1230000Z', [['kamerstukdossier', IDS.dossier21501_33], ['activiteit', guid(`Activiteit:bench-${i}`)]], [
        ['nummer', `2025Z${String(i).padStart(5, '0')}`], ['soort', 'Motie'], ['onderwerp', `Motie ${i} over digitale autonomie en cyberweerbaarheid van de Europese Unie`],
        ['gestartOp', '2025-03-06T00:00:00+01:00'], ['organisatie', 'Tweede Kamer der Staten-Generaal'], ['vergaderjaar', '2024-2025'],
        ['volgnummer', String(i)], ['afgedaan', 'false'], ['grootProject', 'false'],
      ]));
    } else if (kind === 1) {
      events.push(make('Stemming', `bench-${i}`, '2025-03-11T18:05:00+01:00', [['besluit', guid(`Besluit:bench-${i}`)], ['fractie', IDS.fractie('VVD')]], [
        ['soort', 'Voor'], ['fractieGrootte', '24'], ['actorNaam', 'VVD'], ['actorFractie', 'VVD'], ['vergissing', 'false'],
      ]));
    } else if (kind === 2) {
      events.push(make('Document', `bench-${i}`, '2025-03-03T12:41:07Z', [['zaak', guid(`Zaak:bench-${i - 2}`)]], [
        ['soort', 'Motie'], ['documentNummer', `2025D${String(i).padStart(5, '0')}`], ['titel', 'Raad voor Vervoer, Telecommunicatie en Energie'],
        ['onderwerp', `Motie ${i} over digitale autonomie`], ['datum', '2025-03-06T00:00:00'], ['volgnummer', String(i)], ['vergaderjaar', '2024-2025'],
        ['kamer', '2'], ['citeertitel', null], ['datumRegistratie', '2025-03-06T10:15:00+01:00'],
      ]));
    } else {
      events.push(make('Besluit', `bench-${i}`, '2025-03-11T18:05:00Z', [['agendapunt', guid(`Agendapunt:bench-${i}`)], ['zaak', guid(`Zaak:bench-${i - 3}`)]], [
        ['stemmingsSoort', 'Met handopsteken'], ['besluitSoort', 'Stemmen - aangenomen'], ['besluitTekst', 'Aangenomen.'], ['status', 'Besluit'],
      ]));
    }
  }
  return { events };
}

/** What a store must hold after a full sync: the last state of every entity not deleted. */
export function finalStates(world: World): Map<string, WorldEntity> {
  const out = new Map<string, WorldEntity>();
  for (const e of world.events) {
    if (e.deleted) out.delete(e.id);
    else out.set(e.id, e);
  }
  return out;
}
