/**
 * How long a request's body may take to arrive. Node's own `requestTimeout` is one deadline for
 * every request of a server: 30 s closes the slow-body attack (a body trickling in a byte at a
 * time holds a connection for minutes), but a 50 MB upload would then need 1.7 MB/s. So the
 * server's deadline is ours, per request: every request must arrive whole within
 * `requestTimeoutMs`, as before, except an upload (`POST /importeren`), which may take as long
 * as it keeps coming at `uploadMinBytesPerSecond` in every `uploadWindowMs` — a stalled or
 * trickling upload is cut off within a window — up to the time its declared size needs at that
 * rate. Holding a connection open then costs the client that bandwidth, which is what the
 * slow-body attack avoids paying.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { BODY_LIMITS, isUploadRequest, type ServerLimits } from './limits.js';

/** What Node itself sends when its request timeout strikes, and no more. */
const REQUEST_TIMEOUT_RESPONSE = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/** The budget of one request's body, decided when its headers are in. */
export interface BodyBudget {
  /** Cut off when the body is not complete this long after the headers (ms). */
  deadlineMs: number;
  /** Uploads: cut off when a window of `windowMs` brings fewer than `minBytes` bytes. */
  progress: { windowMs: number; minBytes: number } | null;
}

/** The budget for a request: the plain deadline, or an upload's progress-based one. */
export function bodyBudget(method: string | undefined, url: string | undefined, contentLength: string | undefined, l: ServerLimits): BodyBudget {
  if (!isUploadRequest(method ?? '', (url ?? '').split('?')[0] ?? '')) return { deadlineMs: l.requestTimeoutMs, progress: null };
  const declared = Number(contentLength);
  // Beyond the body limit the route answers 413 unread; no budget for more than the limit.
  const size = Number.isFinite(declared) && declared > 0 ? Math.min(declared, BODY_LIMITS.upload) : BODY_LIMITS.upload;
  return {
    deadlineMs: l.requestTimeoutMs + Math.ceil((size / l.uploadMinBytesPerSecond) * 1000),
    progress: { windowMs: l.uploadWindowMs, minBytes: Math.ceil((l.uploadMinBytesPerSecond * l.uploadWindowMs) / 1000) },
  };
}

/**
 * Enforces each request's budget on `server` (whose own `requestTimeout` must be 0). Progress
 * is read from the socket's byte count, so the body stream is left to the app untouched. Once
 * the answer has gone out before the body is in (a stranger's upload refused unread), the
 * plain deadline applies to the rest.
 */
export function enforceBodyBudgets(server: Server, l: ServerLimits): void {
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    if (req.complete) return;
    const socket = req.socket;
    const t0 = Date.now();
    const budget = bodyBudget(req.method, req.url, req.headers['content-length'], l);
    let windowStart = t0;
    let windowBytes = socket.bytesRead;
    const timer = setInterval(() => {
      if (req.complete || socket.destroyed) return clearInterval(timer);
      const now = Date.now();
      const deadline = res.writableFinished ? l.requestTimeoutMs : budget.deadlineMs;
      if (now - t0 > deadline) return cut(socket, timer, res.headersSent);
      const p = budget.progress;
      if (p && !res.writableFinished && now - windowStart >= p.windowMs) {
        if (socket.bytesRead - windowBytes < p.minBytes) return cut(socket, timer, res.headersSent);
        windowStart = now;
        windowBytes = socket.bytesRead;
      }
    }, l.checkEveryMs);
    timer.unref();
    // A kept-open connection carries many requests: what this one hangs on it goes with it.
    const done = () => {
      clearInterval(timer);
      socket.removeListener('close', done);
    };
    req.once('end', done);
    socket.once('close', done);
  });
}

function cut(socket: Socket, timer: NodeJS.Timeout, answered: boolean): void {
  clearInterval(timer);
  // As Node does on its own timeout: a 408 when nothing was answered yet, then the socket goes.
  if (socket.writable && !answered) socket.write(REQUEST_TIMEOUT_RESPONSE);
  socket.destroy();
}
