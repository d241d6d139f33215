// Every page family of a real `kamerlens serve` on the archive the scale stage built: the first view and the warm
// ones, against the search page of a common word in the same run. A page that reads the whole archive per view
// (/ontbrekend took ~9 s at 600,000 documents, /raad seconds) shows here as a ratio of tens or hundreds.

import http from 'node:http';

export interface PageFigure {
  path: string;
  status: number;
  bytes: number;
  firstMs: number;
  p50Ms: number;
  maxMs: number;
}

export interface PageSweep {
  /** The search page of `informatie`, the figure every page is set against. */
  baseline: PageFigure;
  pages: PageFigure[];
}

/** Warm views per page after the first. */
const RUNS = 5;

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

function fetchPage(agent: http.Agent, url: string): Promise<{ status: number; body: Buffer; ms: number }> {
  return new Promise((ok, fail) => {
    const t0 = performance.now();
    http
      .get(url, { agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body: Buffer.concat(chunks), ms: performance.now() - t0 }));
        res.on('error', fail);
      })
      .on('error', fail);
  });
}

async function figure(agent: http.Agent, base: string, path: string): Promise<PageFigure> {
  const first = await fetchPage(agent, base + path);
  const warm: number[] = [];
  for (let i = 0; i < RUNS; i++) warm.push((await fetchPage(agent, base + path)).ms);
  return { path, status: first.status, bytes: first.body.length, firstMs: first.ms, p50Ms: median(warm), maxMs: Math.max(...warm) };
}

/** The pages a user meets, with ids taken from the archive itself (a hit, a Council meeting, a party). */
export async function sweepPages(base: string): Promise<PageSweep> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  try {
    const json = async <T>(path: string): Promise<T> => JSON.parse((await fetchPage(agent, base + path)).body.toString('utf8')) as T;
    const hit = (await json<{ results: { id: string }[] }>('/api/search?q=informatie')).results[0]?.id;
    const meeting = (await json<{ meetings: { key: string }[] }>('/raad.json')).meetings[0]?.key;
    const firstParty = (await json<{ parties: { party: string }[] }>('/api/parties')).parties[0]?.party;
    const baseline = await figure(agent, base, '/search?q=informatie');
    const paths = [
      '/',
      '/search?q=lidstaten&kind=kamerbrief',
      '/raad',
      ...(meeting ? [`/raad/${encodeURIComponent(meeting)}`] : []),
      '/toezeggingen',
      '/toezeggingen?page=150',
      '/ontbrekend',
      '/partijen',
      ...(firstParty ? [`/partijen/${encodeURIComponent(firstParty)}`] : []),
      ...(hit ? [`/documents/${encodeURIComponent(hit)}`] : []),
      '/status',
      '/kamer',
      '/api/meetings',
      '/api/missing',
      '/api/commitments',
      '/search.atom?q=informatie',
    ];
    const pages: PageFigure[] = [];
    for (const p of paths) pages.push(await figure(agent, base, p));
    return { baseline, pages };
  } finally {
    agent.destroy();
  }
}
