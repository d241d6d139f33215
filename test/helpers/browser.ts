/**
 * Browser-test plumbing shared by test/browser/*: Debian's Chromium through playwright-core
 * (never a downloaded browser) and the app served on a loopback port.
 */
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { chromium, type Browser } from 'playwright-core';
import type { Hono } from 'hono';

export const CHROMIUM = '/usr/bin/chromium';

/** `describe` option: skip off CI when Chromium is absent; on CI its absence is an error. */
export function browserSkip(): false | string {
  if (existsSync(CHROMIUM)) return false;
  if (process.env.CI) throw new Error(`${CHROMIUM} is missing: .ci/run must install Debian's chromium`);
  return `${CHROMIUM} not installed`;
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
}

/** Serves `app` on 127.0.0.1 with a free port; returns its base URL and a closer. */
export async function serveOnLoopback(app: Hono): Promise<{ base: string; close(): Promise<void> }> {
  let server!: ServerType;
  await new Promise<void>((resolve) => {
    server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve());
  });
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
