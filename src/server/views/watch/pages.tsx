/** Pages of the watch feature: sign-in, "mijn" (monitors, deliveries, previews), a monitor, unsubscribe. */
import type { Child } from 'hono/jsx';
import type { MineData, MonitorDetail, MonitorView } from '../../../service/watch-service.js';
import { Layout, formatDate, kindLabel } from '../layout.js';

const docHref = (id: string) => `/documents/${encodeURIComponent(id)}`;

export const Csrf = ({ token }: { token: string }) => <input type="hidden" name="csrf" value={token} />;

const INTERVAL_LABEL: Record<string, string> = { immediate: 'direct na elke import', daily: 'dagelijks overzicht', weekly: 'wekelijks overzicht' };

export function SignInPage({ csrf, error, email }: { csrf: string; error?: string | undefined; email?: string | undefined }) {
  return (
    <Layout title="Inloggen">
      <h1>Inloggen</h1>
      <p>Vul je e-mailadres in. Je krijgt een link waarmee je inlogt; er is geen wachtwoord.</p>
      {error ? <div class="error" role="alert">{error}</div> : null}
      <form method="post" action="/inloggen" class="watch-form">
        <Csrf token={csrf} />
        <label>E-mailadres <input type="email" name="email" required autocomplete="email" value={email ?? ''} /></label>
        <button type="submit">Stuur inloglink</button>
      </form>
    </Layout>
  );
}

export function SignInSentPage({ email }: { email: string }) {
  return (
    <Layout title="Kijk in je mail">
      <h1>Kijk in je mail</h1>
      <p>Als {email} een geldig adres is, staat er een inloglink in je mail. De link is 15 minuten geldig en werkt één keer.</p>
    </Layout>
  );
}

/** A GET on the link only shows this; the POST signs in (so mail scanners cannot burn the link). */
export function ConfirmSignInPage({ token, csrf, email }: { token: string; csrf: string; email: string }) {
  return (
    <Layout title="Inloggen bevestigen">
      <h1>Inloggen bij kamerlens</h1>
      <p>Je logt in als <strong>{email}</strong>. Is dat niet jouw adres, sluit deze pagina dan.</p>
      <form method="post" action={`/inloggen/${token}`} class="watch-form">
        <Csrf token={csrf} />
        <button type="submit">Inloggen</button>
      </form>
    </Layout>
  );
}

function NewMonitorForm({ csrf, q }: { csrf: string; q: string }) {
  return (
    <form method="post" action="/mijn/volgers" class="watch-form">
      <Csrf token={csrf} />
      <fieldset>
        <legend>Iets nieuws volgen</legend>
        <label>
          Soort{' '}
          <select name="kind">
            <option value="search">zoekopdracht</option>
            <option value="party">partij (Kamervragen)</option>
            <option value="dossier">dossier</option>
            <option value="commitments">toezeggingen van (bewindspersoon of ministerie)</option>
          </select>
        </label>
        <label>
          Wat <input type="text" name="value" required value={q} placeholder='bijv. cyber* kind:kamerbrief, PVV, 21501-33, minister van EZK' />
        </label>
        <label>
          Hoe vaak{' '}
          <select name="interval">
            <option value="immediate">direct na elke import</option>
            <option value="daily">dagelijks overzicht</option>
            <option value="weekly">wekelijks overzicht</option>
          </select>
        </label>
        <label><input type="checkbox" name="email" value="1" checked /> per e-mail</label>
        <label>Webhook (optioneel) <input type="url" name="webhookUrl" placeholder="https://…" /></label>
        <button type="submit">Volgen</button>
      </fieldset>
    </form>
  );
}

function MonitorSummary({ m }: { m: MonitorView }) {
  return (
    <div class="meta">
      {INTERVAL_LABEL[m.interval]} · {m.email ? 'e-mail' : 'geen e-mail'}
      {m.webhook ? <> · webhook {m.webhook.disabled ? '(uitgezet)' : ''}</> : null} ·{' '}
      {m.lastRunAt ? <>laatst gecontroleerd {formatDate(m.lastRunAt)} ({m.lastMatchCount} nieuw)</> : 'nog niet gecontroleerd'} ·{' '}
      {m.matchCount} treffers · <a href={m.feedPath}>Atom-feed</a>
    </div>
  );
}

export function MinePage({ data, csrf, volg, flash }: { data: MineData; csrf: string; volg: string; flash?: Child }) {
  return (
    <Layout title="Mijn kamerlens" jsonHref="/mijn.json">
      <h1>Mijn kamerlens</h1>
      <p class="meta">
        Ingelogd als {data.user.email} · <a href={data.feedPath}>Atom-feed van alles wat ik volg</a>
      </p>
      <form method="post" action="/mijn/feedsleutel" class="watch-form">
        <Csrf token={csrf} />
        <button type="submit">Nieuwe feed-adressen maken</button>{' '}
        <span class="meta">(als een feed-adres is uitgelekt: alle oude feed- en afmeldlinks werken dan niet meer)</span>
      </form>
      {flash}
      {data.notices.map((n) => (
        <div class="error" role="status">{formatDate(n.at)}: {n.message}</div>
      ))}
      <NewMonitorForm csrf={csrf} q={volg} />
      <h2>Wat ik volg</h2>
      {data.monitors.length === 0 ? <p>Je volgt nog niets.</p> : null}
      <ol class="doclist">
        {data.monitors.map((m) => (
          <li class="monitor" id={`m-${m.id}`}>
            <a class="title" href={`/mijn/volgers/${m.id}`}>{m.label}</a>
            <MonitorSummary m={m} />
            <p class="meta">
              Bezorgd: {m.deliveries.feed} in de feed, {m.deliveries.email} per e-mail, {m.deliveries.webhook} via webhook
            </p>
            {m.recent.length > 0 ? (
              <ul>
                {m.recent.map((i) => (
                  <li><a href={docHref(i.docId)}>{i.title}</a> <span class="meta">{kindLabel(i.kind)} · {formatDate(i.matchedAt)}</span></li>
                ))}
              </ul>
            ) : null}
            {m.query !== null ? <p class="meta"><a href={`/mijn/volgers/${m.id}#voorbeeld`}>Voorbeeld: wat dit nu in het archief vindt</a></p> : null}
            <form method="post" action={`/mijn/volgers/${m.id}/verwijderen`}>
              <Csrf token={csrf} />
              <button type="submit">Niet meer volgen</button>
            </form>
          </li>
        ))}
      </ol>
      <h2>API-tokens</h2>
      <ul>
        {data.tokens.map((t) => (
          <li>
            {t.label} <span class="meta">gemaakt {formatDate(t.createdAt)}, geldig tot {formatDate(t.expiresAt)}</span>
            <form method="post" action={`/mijn/tokens/${t.id}/intrekken`} style="display:inline">
              <Csrf token={csrf} /> <button type="submit">Intrekken</button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action="/mijn/tokens" class="watch-form">
        <Csrf token={csrf} />
        <label>Naam <input type="text" name="label" placeholder="mijn script" /></label>
        <button type="submit">Nieuw API-token</button>
      </form>
      <h2>Account</h2>
      <form method="post" action="/uitloggen" style="display:inline">
        <Csrf token={csrf} /> <button type="submit">Uitloggen</button>
      </form>{' '}
      <form method="post" action="/uitloggen" style="display:inline">
        <Csrf token={csrf} /> <input type="hidden" name="overal" value="1" /> <button type="submit">Overal uitloggen</button>
      </form>{' '}
      <form method="post" action="/mijn/account/verwijderen" style="display:inline">
        <Csrf token={csrf} /> <button type="submit">Account en alles wat ik volg verwijderen</button>
      </form>
    </Layout>
  );
}

export function MonitorPage({ data, csrf }: { data: MonitorDetail; csrf: string }) {
  const m = data.monitor;
  return (
    <Layout title={m.label} jsonHref={`/mijn/volgers/${m.id}.json`}>
      <p><a href="/mijn">← Mijn kamerlens</a></p>
      <h1>{m.label}</h1>
      <MonitorSummary m={m} />
      {m.webhook ? <p class="meta">Webhook: {m.webhook.url}{m.webhook.disabled ? ` — uitgezet na ${m.webhook.failures} mislukte pogingen` : ''}</p> : null}
      <h2>Treffers</h2>
      {data.matches.length === 0 ? <p>Nog niets nieuws.</p> : null}
      <ol class="doclist">
        {data.matches.map((i) => (
          <li class="hit">
            <a class="title" href={docHref(i.docId)}>{i.change === 'updated' ? 'Bijgewerkt: ' : ''}{i.title}</a>
            <div class="meta">{kindLabel(i.kind)} · {formatDate(i.date)} · {i.reason} · gevonden {formatDate(i.matchedAt)}</div>
            <p class="snippet">{i.snippet}</p>
          </li>
        ))}
      </ol>
      <h2>Bezorging</h2>
      <table>
        <thead><tr><th>Document</th><th>Kanaal</th><th>Status</th><th>Bezorgd</th></tr></thead>
        <tbody>
          {data.deliveries.map((d) => (
            <tr><td>{d.itemKey}</td><td>{d.channel}</td><td>{d.state}</td><td>{d.deliveredAt ?? '—'}</td></tr>
          ))}
        </tbody>
      </table>
      {m.query !== null ? (
        <>
          <h2 id="voorbeeld">Voorbeeld: wat dit nu in het archief vindt ({data.previewIsEstimate ? '≈ ' : ''}{data.previewTotal})</h2>
          <ul>{data.preview.map((p) => <li><a href={docHref(p.docId)}>{p.title}</a> <span class="meta">{formatDate(p.date)}</span></li>)}</ul>
        </>
      ) : null}
      <form method="post" action={`/mijn/volgers/${m.id}/verwijderen`}>
        <Csrf token={csrf} />
        <button type="submit">Niet meer volgen</button>
      </form>
    </Layout>
  );
}

/** Shown once: a secret that is stored only as a hash (API token) or is needed to verify (webhook). */
export function SecretPage({ title, secret, explanation }: { title: string; secret: string; explanation: string }) {
  return (
    <Layout title={title}>
      <h1>{title}</h1>
      <p>{explanation}</p>
      <pre class="secret">{secret}</pre>
      <p><a href="/mijn">Verder naar Mijn kamerlens</a></p>
    </Layout>
  );
}

export function UnsubscribePage({ token, done, label }: { token: string; done: boolean; label: string | null }) {
  return (
    <Layout title="Afmelden">
      <h1>Afmelden</h1>
      {done ? (
        <p>Je krijgt geen mail meer voor {label ?? 'deze volger'}. De treffers blijven in je feed en op Mijn kamerlens.</p>
      ) : (
        <form method="post" action={`/afmelden/${token}`}>
          <p>Geen e-mail meer ontvangen voor deze volger?</p>
          <button type="submit">Afmelden</button>
        </form>
      )}
    </Layout>
  );
}
