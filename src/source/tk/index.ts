/** The Tweede Kamer SyncFeed client: page parsing, HTTP with retries, saved-page reader. */
export { TkFeedError, parseFeedPage, decodeXml, normalizeTimestamp, parseTkBoolean, skiptokenOf } from './parse.js';
export { HttpTkSource, TkHttpError, TkLengthError, isRetryableError, isUnreachable, networkCode, DEFAULT_TK_URL, TK_USER_AGENT, type HttpTkSourceOptions } from './http.js';
export { DirTkSource, savedPageName } from './dir.js';
export { DEFAULT_RETRY, backoffDelay, withRetry, realSleep, type RetryPolicy } from './retry.js';
export { resourceIdOf, type TkResourceResult, type TkSource } from './source.js';
export { XSD_FIELDS } from './xsd-fields.js';
