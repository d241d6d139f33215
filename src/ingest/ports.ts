/**
 * What the ingest pipelines need from the outside world, injected by the composition root:
 * where to log and how to show progress (a bar on a TTY, periodic lines otherwise).
 */

export interface Logger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface Progress {
  /** `done` of `total` units (files, records or bytes) with a short status. */
  update(done: number, total: number, status: string): void;
  stop(): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
export const noProgress: Progress = { update() {}, stop() {} };
