/**
 * Sends a stored file as a download: streamed from its blob a chunk at a time (a web
 * ReadableStream that pulls the next chunk only when the client has taken the last), with
 * its length known up front, and headers that keep an imported file from running as a page.
 */
import type { Context } from 'hono';
import type { FileDownload } from '../service/document-files.js';

type Stream = FileDownload['body']['stream'];

/**
 * A web stream over a Node stream that asks for one chunk per pull (high-water mark 0): the
 * response holds at most the chunk being written, and a client that goes away destroys the
 * source (which, on PostgreSQL, then asks for no further chunk).
 */
export function pullStream(source: Stream): ReadableStream<Uint8Array> {
  const chunks = source[Symbol.asyncIterator]() as AsyncIterator<Uint8Array>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value instanceof Uint8Array ? next.value : new Uint8Array(next.value));
        } catch (e) {
          controller.error(e);
        }
      },
      cancel() {
        source.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}

export function sendFile(c: Context, file: FileDownload): Response {
  const ascii = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return c.body(pullStream(file.body.stream), 200, {
    'Content-Type': file.mimeType,
    'Content-Length': String(file.body.size),
    'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
    'X-Content-Type-Options': 'nosniff',
    // An imported HTML file opened in the browser anyway runs nothing and reaches nothing.
    'Content-Security-Policy': "default-src 'none'; sandbox",
  });
}
