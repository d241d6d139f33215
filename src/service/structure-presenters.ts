/**
 * JSON shapes of the structure pages (`/toezeggingen.json`, `/partijen…`, `/raad…`) and of
 * a document's citation links, built from the data functions in structure.ts.
 */
import type { CitingDocument, DocRef, MeetingThread, QuestionRow } from '../store/structure-index.js';
import type { PromiseRow, PromisesData } from './promises.js';
import { documentUrl } from './presenters.js';
import type { DocumentLinks, MeetingData, MeetingsData, PartiesData, PartyData } from './structure.js';

export const partyUrl = (party: string) => `/partijen/${encodeURIComponent(party)}`;
export const meetingUrl = (key: string) => `/raad/${encodeURIComponent(key)}`;
import { answerAnchor, questionAnchor } from '../domain/structure.js';
/** Anchors on the document page (one home: domain/structure.ts). */
export { answerAnchor, commitmentAnchor, questionAnchor } from '../domain/structure.js';

const doc = (d: DocRef) => ({ id: d.id, title: d.title, kind: d.kind, date: d.date, url: documentUrl(d.id) });

/** Where a commitment of the Kamer's register is shown (a redirect to its row). */
export const registerUrl = (id: string) => `/kamer/toezeggingen/${encodeURIComponent(id)}`;

/** A promise from either source, as the JSON gives it. */
export function presentPromise(p: PromiseRow) {
  const keptBy = p.keptBy ? { document: doc(p.keptBy.document), evidence: p.keptBy.evidence, sentence: p.keptBy.sentence, via: p.keptBy.via } : null;
  return {
    // `document` (found in a letter), `register` (the Kamer's register) or `both` (linked as one promise).
    source: p.source,
    text: p.text,
    actor: p.actor,
    due: p.due,
    dueDate: p.dueDate,
    topic: p.topic,
    status: p.status,
    // Whether the promise was kept: fulfilled (by keptBy, or the register says so), overdue (deadline passed, nothing found) or open.
    kept: p.kept,
    keptBy,
    /** The same as keptBy without the sentence: the shape of earlier versions. */
    fulfilledBy: keptBy ? { document: keptBy.document, evidence: keptBy.evidence } : null,
    document: p.document ? doc(p.document) : null,
    register: p.register
      ? {
          id: p.register.id,
          nummer: p.register.nummer,
          text: p.register.text,
          actor: p.register.actor,
          ministry: p.register.ministry,
          status: p.register.status,
          dueDate: p.register.dueDate,
          created: p.register.created,
          kamerbriefNakoming: p.register.kamerbrief,
          url: registerUrl(p.register.id),
        }
      : null,
    link: p.link,
  };
}

function question(q: QuestionRow) {
  const base = documentUrl(q.document.id);
  return {
    id: q.id,
    party: q.party,
    text: q.text,
    url: `${base}#${questionAnchor(q.ordinal)}`,
    answers: q.answers.map((a) => ({
      id: a.id,
      number: a.number,
      text: a.text,
      seeAlso: a.seeAlso,
      quality: a.quality ?? null,
      qualityReason: a.qualityReason ?? null,
      url: `${base}#${answerAnchor(a.ordinal)}`,
    })),
    document: doc(q.document),
  };
}

function meeting(m: MeetingThread) {
  return {
    key: m.key,
    body: m.body,
    formal: m.formal,
    startDate: m.startDate,
    endDate: m.endDate,
    location: m.location,
    url: meetingUrl(m.key),
    documents: m.documents.map(doc),
    documentCount: m.documentCount,
    questionCount: m.questionCount,
    commitmentCount: m.commitmentCount,
  };
}

export function presentCommitments(d: PromisesData) {
  return {
    ok: true as const,
    today: d.today,
    filters: d.filters,
    total: d.total,
    page: d.page,
    pageSize: d.pageSize,
    pageCount: d.pageCount,
    statusCounts: d.statusCounts,
    keptCounts: d.keptCounts,
    actors: d.actors,
    commitments: d.promises.map(presentPromise),
  };
}

export function presentParties(d: PartiesData) {
  return { ok: true as const, parties: d.parties.map((p) => ({ ...p, url: partyUrl(p.party) })) };
}

export function presentParty(d: PartyData) {
  return {
    ok: true as const,
    party: d.party,
    total: d.total,
    allQuestions: d.allQuestions,
    answerQualities: d.answerQualities,
    quality: d.quality,
    page: d.page,
    pageSize: d.pageSize,
    pageCount: d.pageCount,
    questions: d.questions.map(question),
  };
}

export function presentMeetings(d: MeetingsData) {
  return {
    ok: true as const,
    filters: d.filters,
    total: d.total,
    page: d.page,
    pageSize: d.pageSize,
    pageCount: d.pageCount,
    meetings: d.meetings.map(meeting),
  };
}

export function presentMeeting(d: MeetingData) {
  return {
    ok: true as const,
    today: d.today,
    meeting: meeting(d.meeting),
    questions: d.questions.map(question),
    commitments: d.commitments.map(presentPromise),
  };
}

function citing(c: CitingDocument) {
  return { document: doc(c.document), raws: c.raws };
}

/** The `links` of a document's JSON: its citations with their targets, and its backlinks. */
export function presentDocumentLinks(l: DocumentLinks) {
  return {
    citations: l.citations.map((c) => ({ ...c.citation, key: c.key, targets: c.targets.map((t) => ({ ...t, url: documentUrl(t.id) })) })),
    citedBy: l.citedBy.map(citing),
    citedByTotal: l.citedByTotal,
  };
}
