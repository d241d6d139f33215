/**
 * Secrets: random tokens, their stored hashes, HMAC signatures for feed/unsubscribe URLs and
 * webhooks, and constant-time comparison. Only hashes of login secrets ever reach the store.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** A URL-safe random token with `bytes` bytes of entropy. */
export const randomToken = (bytes = 32): string => randomBytes(bytes).toString('base64url');

/** A random id (hex, no separators, so it can sit between dots in a URL). */
export const randomId = (bytes = 12): string => randomBytes(bytes).toString('hex');

/** How a login secret (magic link, session, API token) is stored: SHA-256, hex. */
export const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export const hmacHex = (key: string, data: string): string => createHmac('sha256', key).update(data, 'utf8').digest('hex');

/** A short URL-safe MAC (128 bits) of `data` under `key`. */
export const urlMac = (key: string, data: string): string =>
  createHmac('sha256', key).update(data, 'utf8').digest().subarray(0, 16).toString('base64url');

/** Constant-time string equality (compares digests, so lengths do not leak either). */
export function safeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a, 'utf8').digest();
  const db = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}
