/** Query-parameter validation shared by every route family: one error shape, one wording. */
import type { Context } from 'hono';
import { z } from 'zod';
import { KamerlensError } from '../domain/index.js';

/** A `?today=YYYY-MM-DD` override (tests and "what was due then" views). */
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '"today" moet een datum JJJJ-MM-DD zijn');

/** A page number; lists stop at 500 pages, past which nobody reads. */
export const page = z.coerce
  .number()
  .int('"page" moet een heel getal zijn')
  .min(1, '"page" moet 1 of meer zijn')
  .max(500, '"page" mag hoogstens 500 zijn')
  .default(1);

export const pageParams = z.object({ page });
export const todayParams = z.object({ today: day.optional() });

/**
 * zod's own complaints in Dutch (its `nl` locale), for the schemas that name no message of
 * their own: a `?page=abc` must not answer in English under a Dutch page.
 */
export const DUTCH_ZOD_ERRORS = { error: z.locales.nl().localeError };

/** Validates query parameters, turning zod's complaint into a BAD_REQUEST naming the field. */
export function params<T extends z.ZodType>(schema: T, c: Context): z.infer<T> {
  const r = schema.safeParse(c.req.query(), DUTCH_ZOD_ERRORS);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || undefined;
  throw new KamerlensError('BAD_REQUEST', issue ? `${field ? `${field}: ` : ''}${issue.message}` : 'Ongeldige parameters', field ? { field } : {});
}

/** `/partijen/PVV.json` → `{ name: 'PVV', json: true }`: a page and its JSON twin share a route. */
export function splitJson(param: string): { name: string; json: boolean } {
  return param.endsWith('.json') ? { name: param.slice(0, -5), json: true } : { name: param, json: false };
}
