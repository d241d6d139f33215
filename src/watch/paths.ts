/**
 * Capability URLs: feeds and unsubscribe links are `<m|u>.<id>.<mac>`, the MAC an HMAC of the
 * id under the owner's feed key. Unguessable, verifiable in constant time, nothing stored per
 * link, and all of a user's links die with their account (or a new feed key).
 */
import { safeEqual, urlMac } from './crypto.js';

export type Scope = 'm' | 'u';

const token = (purpose: string, scope: Scope, id: string, key: string) => `${scope}.${id}.${urlMac(key, `${purpose}:${scope}:${id}`)}`;

export const feedToken = (scope: Scope, id: string, key: string) => token('feed', scope, id, key);
export const feedPath = (scope: Scope, id: string, key: string) => `/feeds/${feedToken(scope, id, key)}.atom`;
export const unsubscribeToken = (scope: Scope, id: string, key: string) => token('unsub', scope, id, key);
export const unsubscribePath = (scope: Scope, id: string, key: string) => `/afmelden/${unsubscribeToken(scope, id, key)}`;

/** Splits a token into scope and id; the caller checks it with `verify` once it has the key. */
export function parseCapability(t: string): { scope: Scope; id: string; mac: string } | null {
  const m = /^([mu])\.([0-9a-f]{8,64})\.([A-Za-z0-9_-]{16,64})$/.exec(t);
  return m ? { scope: m[1] as Scope, id: m[2]!, mac: m[3]! } : null;
}

export function verifyCapability(purpose: 'feed' | 'unsub', c: { scope: Scope; id: string; mac: string }, key: string): boolean {
  return safeEqual(urlMac(key, `${purpose}:${c.scope}:${c.id}`), c.mac);
}
