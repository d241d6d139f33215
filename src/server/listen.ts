/** Serves an app over HTTP with the server limits of limits.ts applied: the one way to listen. */
import { serve } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Hono } from 'hono';
import { enforceBodyBudgets } from './body-deadline.js';
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
        // The deadline of a request's body is ours, per request (body-deadline.ts): Node's is one for all.
        requestTimeout: 0,
        keepAliveTimeout: l.keepAliveTimeoutMs,
        connectionsCheckingInterval: l.checkEveryMs,
      },
    }) as Server;
    server.maxConnections = l.maxConnections;
    enforceBodyBudgets(server, l);
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
