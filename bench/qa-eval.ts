// Q&A and commitment quality against hand-labelled real documents (test/fixtures/parse/qa-eval/labels.json):
// precision/recall of question–answer pairs, party accuracy, seeAlso, commitments (and their actor), kind and
// answer-quality accuracy. Each real document is also scored in harder forms made from it: flattened to one line,
// every Q&A heading glued to the line before it, and (for the written consultation) without its cover page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedDocument } from '../src/domain/index.js';

interface Pair {
  q: string;
  a: string;
  party?: string;
}
interface DocLabels {
  file: string;
  source: string;
  kind: string;
  pairs: Pair[];
  notQuestions?: string[];
  seeAlso: Array<{ a: string; numbers?: number[]; answers?: string[] }>;
  commitments: Array<{ text: string; actor?: string }>;
  borderline: string[];
  quality?: Array<{ a: string; quality: string }>;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}
export interface EvalResult {
  pairs: Counts;
  party: { right: number; total: number };
  seeAlso: { right: number; total: number };
  commitments: Counts;
  actor: { right: number; total: number };
  kind: { right: number; total: number };
  quality: { right: number; total: number };
  notQuestions: { right: number; total: number };
  perDoc: Array<{ name: string; pairs: Counts; commitments: Counts; kind: string }>;
}

export const EVAL_DIR = 'test/fixtures/parse/qa-eval';

const squash = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** Harder forms of a real text: what PDF extraction does to it. */
function variants(name: string, text: string, labels: DocLabels): Array<{ name: string; text: string }> {
  const out = [{ name, text }];
  out.push({ name: `${name} (flattened to one line)`, text: text.replace(/\s*\n\s*/g, ' ') });
  out.push({
    name: `${name} (headings glued to the previous line)`,
    text: text.replace(/\n+(?=(?:Vraag|Antwoord)(?: \d{1,3}(?: en \d{1,3})?)?\n)/g, ''),
  });
  if (labels.kind === 'verslag-schriftelijk-overleg') {
    const at = text.indexOf('Vragen en opmerkingen van de leden');
    if (at > 0) out.push({ name: `${name} (without cover page)`, text: text.slice(at) });
  }
  return out;
}

const add = (a: Counts, b: Counts): void => {
  a.tp += b.tp;
  a.fp += b.fp;
  a.fn += b.fn;
};

function score(d: ParsedDocument, L: DocLabels, r: EvalResult, name: string): void {
  const answerById = new Map(d.answers.map((a) => [a.id, a]));
  const startsWith = (text: string, key: string) => squash(text).startsWith(squash(key));
  const holds = (text: string, key: string) => squash(text).includes(squash(key));
  // Pairs: every (question, linked answer) the parser gives, against the labelled pairs.
  const predicted: Array<{ q: string; a: string; party: string | null }> = [];
  for (const q of d.questions) for (const id of q.answerIds) predicted.push({ q: q.text, a: answerById.get(id)?.text ?? '', party: q.party });
  const pc: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const p of predicted) if (L.pairs.some((g) => holds(p.q, g.q) && startsWith(p.a, g.a))) pc.tp++;
  else pc.fp++;
  for (const g of L.pairs) if (!predicted.some((p) => holds(p.q, g.q) && startsWith(p.a, g.a))) pc.fn++;
  add(r.pairs, pc);
  for (const g of L.pairs) {
    if (!g.party) continue;
    r.party.total++;
    if (d.questions.some((q) => holds(q.text, g.q) && q.party === g.party)) r.party.right++;
  }
  for (const nq of L.notQuestions ?? []) {
    r.notQuestions.total++;
    if (!d.questions.some((q) => holds(q.text, nq))) r.notQuestions.right++;
  }
  for (const s of L.seeAlso) {
    r.seeAlso.total++;
    const ans = d.answers.find((a) => startsWith(a.text, s.a)) as (ParsedDocument['answers'][number] & { seeAlsoIds?: string[] }) | undefined;
    if (!ans) continue;
    const okNumbers = !s.numbers || s.numbers.every((n) => ans.seeAlso.includes(n));
    const okAnswers = !s.answers || s.answers.every((key) => (ans.seeAlsoIds ?? []).some((id) => startsWith(answerById.get(id)?.text ?? '', key)));
    if (okNumbers && okAnswers) r.seeAlso.right++;
  }
  // Commitments: a found one matches a labelled one when it contains the labelled phrase.
  const cc: Counts = { tp: 0, fp: 0, fn: 0 };
  for (const c of d.commitments) {
    const gold = L.commitments.find((g) => holds(c.text, g.text));
    if (gold) {
      cc.tp++;
      if (gold.actor) {
        r.actor.total++;
        if ((c.actor ?? '').includes(gold.actor)) r.actor.right++;
      }
    } else if (!L.borderline.some((b) => holds(c.text, b))) cc.fp++;
  }
  for (const g of L.commitments) if (!d.commitments.some((c) => holds(c.text, g.text))) cc.fn++;
  add(r.commitments, cc);
  r.kind.total++;
  if (d.kind === L.kind) r.kind.right++;
  for (const g of L.quality ?? []) {
    r.quality.total++;
    const ans = d.answers.find((a) => startsWith(a.text, g.a)) as { quality?: string } | undefined;
    if (ans?.quality === g.quality) r.quality.right++;
  }
  r.perDoc.push({ name, pairs: pc, commitments: cc, kind: d.kind });
}

/** Scores `parse` on every labelled document and its harder forms. */
export function evaluateQa(parse: (text: string, fileName: string) => ParsedDocument, dir = EVAL_DIR): EvalResult {
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { docs: DocLabels[] };
  const r: EvalResult = {
    pairs: { tp: 0, fp: 0, fn: 0 },
    party: { right: 0, total: 0 },
    seeAlso: { right: 0, total: 0 },
    commitments: { tp: 0, fp: 0, fn: 0 },
    actor: { right: 0, total: 0 },
    kind: { right: 0, total: 0 },
    quality: { right: 0, total: 0 },
    notQuestions: { right: 0, total: 0 },
    perDoc: [],
  };
  for (const L of labels.docs) {
    const text = readFileSync(join(dir, L.file), 'utf8');
    const base = L.file.split('/').pop() ?? L.file;
    for (const v of variants(base, text, L)) score(parse(v.text, v.name.endsWith(')') ? 'document.txt' : base), L, r, v.name);
  }
  return r;
}

const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(3) : 'n/a');
const prf = (c: Counts): string => {
  const p = c.tp / (c.tp + c.fp);
  const rc = c.tp / (c.tp + c.fn);
  return `P ${f2(p)} R ${f2(rc)} F1 ${f2((2 * p * rc) / (p + rc))} (tp ${c.tp}, fp ${c.fp}, fn ${c.fn})`;
};
const acc = (x: { right: number; total: number }): string => `${f2(x.right / x.total)} (${x.right}/${x.total})`;

export function formatEval(r: EvalResult): string {
  return [
    `Q–A pairs     ${prf(r.pairs)}`,
    `party         ${acc(r.party)}`,
    `seeAlso       ${acc(r.seeAlso)}`,
    `no-question   ${acc(r.notQuestions)} ("geen verdere vragen" blocks not taken as questions)`,
    `commitments   ${prf(r.commitments)}`,
    `actor         ${acc(r.actor)}`,
    `kind          ${acc(r.kind)}`,
    `answer quality ${acc(r.quality)}`,
    ...r.perDoc.map((d) => `  ${d.name}: pairs ${prf(d.pairs)}; commitments tp ${d.commitments.tp} fp ${d.commitments.fp} fn ${d.commitments.fn}; kind ${d.kind}`),
  ].join('\n');
}
