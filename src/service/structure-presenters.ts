/**
 * JSON shapes of the structure pages (`/toezeggingen.json`, `/partijen…`, `/raad…`) and of
 * a document's citation links, built from the data functions in structure.ts.
 */
import type { CitingDocument, CommitmentRow, DocRef, MeetingThread, QuestionRow } from '../store/structure-index.js';
import { documentUrl } from './presenters.js';
import type { CommitmentsData, DocumentLinks, MeetingData, MeetingsData, PartiesData, PartyData } from './structure.js';

export const partyUrl = (party: string) => `/partijen/${encodeURIComponent(party)}`;
export const meetingUrl = (key: string) => `/raad/${encodeURIComponent(key)}`;
import { answerAnchor, questionAnchor } from '../domain/structure.js';
/** Anchors on the document page (one home: domain/structure.ts). */
export { answerAnchor, commitmentAnchor, questionAnchor } from '../domain/structure.js';

const doc = (d: DocRef) => ({ id: d.id, title: d.title, kind: d.kind, date: d.date, url: documentUrl(d.id) });

function commitment(c: CommitmentRow) {
  return {
    text: c.text,
    actor: c.actor,
    due: c.due,
    dueDate: c.dueDate,
    topic: c.topic,
    status: c.status,
    // Whether the promise was kept: a later document that plausibly fulfils it, with the evidence.
    kept: c.fulfilledBy ? ('fulfilled' as const) : ('open' as const),
    fulfilledBy: c.fulfilledBy ? { document: doc(c.fulfilledBy.document), evidence: c.fulfilledBy.evidence } : null,
    document: doc(c.document),
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
    questionCount: m.questionCount,
    commitmentCount: m.commitmentCount,
  };
}

export function presentCommitments(d: CommitmentsData) {
  return {
    ok: true as const,
    today: d.today,
    filters: d.filters,
    total: d.total,
    page: d.page,
    pageSize: d.pageSize,
    pageCount: d.pageCount,
    statusCounts: d.statusCounts,
    actors: d.actors,
    commitments: d.commitments.map(commitment),
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
  return { ok: true as const, meetings: d.meetings.map(meeting) };
}

export function presentMeeting(d: MeetingData) {
  return {
    ok: true as const,
    today: d.today,
    meeting: meeting(d.meeting),
    questions: d.questions.map(question),
    commitments: d.commitments.map(commitment),
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
  };
}
