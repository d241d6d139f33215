/** The HTML error page; the same code and message as the JSON error body. */
import { Layout } from './layout.js';
import { SearchBox } from './missing.js';

export function ErrorPage({ status, code, message }: { status: number; code: string; message: string }) {
  return (
    <Layout title={status === 404 ? 'Niet gevonden' : 'Fout'}>
      <section class="error-page">
        <h1>{status === 404 ? 'Niet gevonden' : status >= 500 ? 'Er ging iets mis' : 'Ongeldig verzoek'}</h1>
        <p>{message}</p>
        {status === 404 ? <SearchBox /> : null}
        <p class="meta">Foutcode {code} · HTTP {status}</p>
        <p><a href="/">Naar het overzicht</a></p>
      </section>
    </Layout>
  );
}
