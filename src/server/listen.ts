/** Serves an app over HTTP with the server limits of limits.ts applied: the one way to listen. */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { SERVER_LIMITS, type ServerLimits } from './limits.js';

export interface Listening {
  server: Server;
  port: number;
  close(): Promise<void>;
}

export function listen(app: Hono, options: { port: number; hostname: string; limits?: Partial<ServerLimits> }): Promise<Listening> {
  const l = { ...SERVER_LIMITS, ...(options.limits ?? {}) };
  return new Promise((resolve, reject) => {
    const server = serve({
      fetch: app.fetch,
      port: options.port,
      hostname: options.hostname,
      serverOptions: {
        headersTimeout: l.headersTimeoutMs,
        requestTimeout: l.requestTimeoutMs,
        keepAliveTimeout: l.keepAliveTimeoutMs,
        connectionsCheckingInterval: l.checkEveryMs,
      },
    }) as Server;
    server.maxConnections = l.maxConnections;
    server.once('error', reject);
    server.once('listening', () =>
      resolve({
        server,
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((r) => {
          server.closeIdleConnections();
          server.close(() => r());
        }),
      }),
    );
  });
}
