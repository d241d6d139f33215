/** Pages of the watch feature: sign-in, "mijn" (monitors, deliveries, previews), a monitor, unsubscribe. */
import type { Child } from 'hono/jsx';
import type { MineData, MonitorDetail, MonitorView } from '../../../service/watch-service.js';
import { Layout, formatDate, kindLabel } from '../layout.js';
import { formatDateTime } from '../time.js';
import { dutchDate } from '../../../service/changes.js';

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
        <div class="field">
          <label for="inlog-email">E-mailadres</label>
          <input id="inlog-email" type="email" name="email" required autocomplete="email" value={email ?? ''} placeholder="naam@voorbeeld.nl" />
        </div>
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
      <p>Klik op de knop om in te loggen. (De link werkt één keer; zo kan een virusscanner in je mail hem niet opmaken.)</p>
      <form method="post" action={`/inloggen/${token}`} class="watch-form">
        <Csrf token={csrf} />
        <button type="submit">Inloggen</button>
      </form>
    </Layout>
  );
}

function NewMonitorForm({ csrf, q, emailAvailable }: { csrf: string; q: string; emailAvailable: boolean }) {
  return (
    <form method="post" action="/mijn/volgers" class="watch-form">
      <Csrf token={csrf} />
      <fieldset>
        <legend>Iets nieuws volgen</legend>
        <div class="field">
          <label for="volg-soort">Soort</label>
          <select id="volg-soort" name="kind">
            <option value="search">Zoekopdracht</option>
            <option value="party">Partij (Kamervragen)</option>
            <option value="dossier">Dossier</option>
            <option value="commitments">Toezeggingen van een bewindspersoon of ministerie</option>
          </select>
        </div>
        <div class="field">
          <label for="volg-wat">Wat</label>
          <input id="volg-wat" type="text" name="value" required value={q} aria-describedby="volg-wat-uitleg" />
          <p class="hint" id="volg-wat-uitleg">Bijvoorbeeld <code>cyber* kind:kamerbrief</code>, <code>PVV</code>, <code>21501-33</code> of <code>minister van EZK</code>.</p>
        </div>
        <div class="field">
          <label for="volg-interval">Hoe vaak</label>
          <select id="volg-interval" name="interval">
            <option value="immediate">Direct na elke import</option>
            <option value="daily">Dagelijks overzicht</option>
            <option value="weekly">Wekelijks overzicht</option>
          </select>
        </div>
        <div class="field check">
          {emailAvailable ? (
            <label><input type="checkbox" name="email" value="1" checked /> Ook per e-mail</label>
          ) : (
            <>
              <label class="disabled"><input type="checkbox" name="email" value="1" disabled aria-describedby="volg-mail-uitleg" /> Ook per e-mail</label>
              <p class="hint" id="volg-mail-uitleg">E-mail is hier niet beschikbaar: er is geen mailserver ingesteld (<code>KAMERLENS_SMTP_URL</code>). Volg het via de Atom-feed of een webhook.</p>
            </>
          )}
        </div>
        <div class="field">
          <label for="volg-webhook">Webhook (optioneel)</label>
          <input id="volg-webhook" type="url" name="webhookUrl" placeholder="https://…" />
        </div>
        <button type="submit">Volgen</button>
      </fieldset>
    </form>
  );
}

const KIND_WORD: Record<string, string> = {
  search: 'Zoekopdracht',
  party: 'Partij',
  dossier: 'Dossier',
  commitments: 'Toezeggingen',
  person: 'Kamerlid',
  committee: 'Commissie',
  zaak: 'Zaak',
  meeting: 'EU-Raadsvergadering',
  answers: 'Antwoorden op Kamervragen',
};

/** `telecomraad-2025-03-04` → `Telecomraad van 4 maart 2025`. */
function meetingName(key: string): string {
  const m = /^(.*)-(\d{4}-\d{2}-\d{2})$/.exec(key);
  const body = (m ? m[1]! : key.replace(/-zonder-datum$/, '')).replace(/-/g, ' ');
  return `${body.charAt(0).toUpperCase()}${body.slice(1)}${m ? ` van ${dutchDate(m[2]!)}` : ''}`;
}

const enc = encodeURIComponent;

/** What a monitor follows, by its human name, linked to the page about it. */
export function followTarget(m: Pick<MonitorView, 'kind' | 'params' | 'label' | 'query'>): { kind: string; name: string; href: string | null } {
  const p = m.params;
  const kind = KIND_WORD[m.kind] ?? m.kind;
  switch (m.kind) {
    case 'meeting':
      // Monitors made before labels were names still carry the slug.
      return { kind, name: /^Raadsvergadering [a-z0-9-]+$/.test(m.label) && p.meeting ? meetingName(p.meeting) : m.label, href: p.meeting ? `/raad/${enc(p.meeting)}` : null };
    case 'search':
      return { kind, name: m.label, href: `/search?q=${enc(m.query ?? p.query ?? '')}` };
    case 'party':
      return { kind, name: m.label, href: p.party ? `/partijen/${enc(p.party)}` : null };
    case 'dossier':
      return { kind, name: m.label, href: p.dossier ? `/dossiers/${enc(p.dossier)}` : null };
    case 'person':
      return { kind, name: m.label, href: p.person ? `/personen/${enc(p.person)}` : null };
    case 'committee':
      return { kind, name: m.label, href: p.committee ? `/commissies/${enc(p.committee)}` : null };
    case 'zaak':
      return { kind, name: m.label, href: p.zaak ? `/zaken/${enc(p.zaak)}` : null };
    case 'answers':
      return { kind, name: m.label, href: p.zaak ? `/zaken/${enc(p.zaak)}` : p.party ? `/partijen/${enc(p.party)}` : null };
    case 'commitments':
      return { kind, name: m.label, href: `/toezeggingen?actor=${enc(p.actor ?? p.ministry ?? '')}` };
    default:
      return { kind, name: m.label, href: null };
  }
}

function FollowTitle({ m, linkSelf }: { m: MonitorView; linkSelf: boolean }) {
  const t = followTarget(m);
  return (
    <>
      <span class="kind">{t.kind}</span>{' '}
      {linkSelf ? <a class="title" href={`/mijn/volgers/${m.id}`}>{t.name}</a> : <span class="title">{t.name}</span>}
      {t.href ? <> · <a class="meta" href={t.href}>bekijk wat je volgt</a></> : null}
    </>
  );
}

function MonitorSummary({ m, emailAvailable = true }: { m: MonitorView; emailAvailable?: boolean }) {
  return (
    <div class="meta">
      {INTERVAL_LABEL[m.interval]} · {m.email ? (emailAvailable ? 'ook per e-mail' : 'e-mail niet beschikbaar (geen mailserver)') : 'geen e-mail'}
      {m.webhook ? <> · webhook{m.webhook.disabled ? ' (uitgezet)' : ''}</> : null} ·{' '}
      {m.lastRunAt ? <>laatst gecontroleerd {formatDateTime(m.lastRunAt)} ({m.lastMatchCount} nieuw)</> : 'nog niet gecontroleerd'} ·{' '}
      {m.matchCount} {m.matchCount === 1 ? 'treffer' : 'treffers'} · <a href={m.feedPath}>Atom-feed</a>
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
        <div class="error" role="status">{formatDateTime(n.at)}: {n.message}</div>
      ))}
      <NewMonitorForm csrf={csrf} q={volg} emailAvailable={data.emailAvailable} />
      <h2>Wat ik volg</h2>
      {data.monitors.length === 0 ? <p>Je volgt nog niets.</p> : null}
      <ol class="doclist">
        {data.monitors.map((m) => (
          <li class="monitor" id={`m-${m.id}`}>
            <FollowTitle m={m} linkSelf />
            <MonitorSummary m={m} emailAvailable={data.emailAvailable} />
            <p class="meta">
              Bezorgd: {m.deliveries.feed} in de feed, {m.deliveries.email} per e-mail, {m.deliveries.webhook} via webhook
            </p>
            {m.recent.length > 0 ? (
              <ul>
                {m.recent.map((i) => (
                  <li><a href={i.link ?? docHref(i.docId)}>{i.change === 'updated' ? 'Nieuwe versie: ' : ''}{i.title}</a> <span class="meta">{kindLabel(i.kind)} · gevonden {formatDateTime(i.matchedAt)}</span></li>
                ))}
              </ul>
            ) : null}
            {m.query !== null ? <p class="meta"><a href={`/mijn/volgers/${m.id}#voorbeeld`}>Voorbeeld: wat dit nu in het archief vindt</a></p> : null}
            <form method="post" action={`/mijn/volgers/${m.id}/verwijderen`} class="inline">
              <Csrf token={csrf} />
              <button type="submit" class="secondary">Niet meer volgen</button>
            </form>
          </li>
        ))}
      </ol>
      <h2>API-tokens</h2>
      {data.tokens.length === 0 ? <p class="meta">Nog geen tokens. Met een token kan een script je volglijst beheren via <code>/api/monitors</code>.</p> : null}
      <ul class="tokens">
        {data.tokens.map((t) => (
          <li>
            {t.label} <span class="meta">gemaakt {formatDate(t.createdAt)}, geldig tot {formatDate(t.expiresAt)}</span>{' '}
            <form method="post" action={`/mijn/tokens/${t.id}/intrekken`} class="inline">
              <Csrf token={csrf} /> <button type="submit" class="secondary">Intrekken</button>
            </form>
          </li>
        ))}
      </ul>
      <form method="post" action="/mijn/tokens" class="watch-form">
        <Csrf token={csrf} />
        <div class="field">
          <label for="token-naam">Naam van het token</label>
          <input id="token-naam" type="text" name="label" placeholder="bijv. mijn script" />
        </div>
        <button type="submit">Nieuw API-token</button>
      </form>
      <h2>Account</h2>
      <div class="buttons">
        <form method="post" action="/uitloggen" class="inline">
          <Csrf token={csrf} /> <button type="submit" class="secondary">Uitloggen</button>
        </form>
        <form method="post" action="/uitloggen" class="inline">
          <Csrf token={csrf} /> <input type="hidden" name="overal" value="1" /> <button type="submit" class="secondary">Overal uitloggen</button>
        </form>
        <form method="post" action="/mijn/account/verwijderen" class="inline">
          <Csrf token={csrf} /> <button type="submit" class="danger">Account en alles wat ik volg verwijderen</button>
        </form>
      </div>
    </Layout>
  );
}

const CHANNEL_WORD: Record<string, string> = { feed: 'Atom-feed', email: 'e-mail', webhook: 'webhook' };
const STATE_WORD: Record<string, string> = { queued: 'wacht op verzending', delivered: 'bezorgd', failed: 'mislukt' };

/** A delivery's item in words: the matched document's title, else what its key names. */
function deliveredItem(itemKey: string, matches: MonitorDetail['matches']): { title: string; href: string | null } {
  const hit = matches.find((x) => x.itemKey === itemKey);
  if (hit) return { title: `${hit.change === 'updated' ? 'Nieuwe versie: ' : ''}${hit.title}`, href: hit.link ?? docHref(hit.docId) };
  const doc = /^doc:(.+)@(\d+)$/.exec(itemKey);
  if (doc) return { title: `document ${doc[1]} (versie ${doc[2]})`, href: `${docHref(doc[1]!)}?version=${doc[2]}` };
  if (itemKey.startsWith('due:')) return { title: 'toezegging die bijna verloopt', href: null };
  if (itemKey.startsWith('overdue:')) return { title: 'verlopen toezegging', href: null };
  if (itemKey.startsWith('fulfilled:')) return { title: 'nagekomen toezegging', href: null };
  return { title: 'wijziging in de open data', href: null };
}

export function MonitorPage({ data, csrf }: { data: MonitorDetail; csrf: string }) {
  const m = data.monitor;
  return (
    <Layout title={followTarget(m).name} jsonHref={`/mijn/volgers/${m.id}.json`}>
      <p><a href="/mijn">← Mijn kamerlens</a></p>
      <h1>{followTarget(m).name}</h1>
      <p><FollowTitle m={m} linkSelf={false} /></p>
      <MonitorSummary m={m} />
      {m.webhook ? <p class="meta">Webhook: {m.webhook.url}{m.webhook.disabled ? ` — uitgezet na ${m.webhook.failures} mislukte pogingen` : ''}</p> : null}
      <h2>Treffers</h2>
      {data.matches.length === 0 ? <p>Nog niets nieuws.</p> : null}
      <ol class="doclist">
        {data.matches.map((i) => (
          <li class="hit">
            <a class="title" href={i.link ?? docHref(i.docId)}>{i.change === 'updated' ? 'Nieuwe versie: ' : ''}{i.title}</a>
            <div class="meta">{kindLabel(i.kind)} · {formatDate(i.date)} · {i.reason} · gevonden {formatDateTime(i.matchedAt)}</div>
            <p class="snippet">{i.snippet}</p>
          </li>
        ))}
      </ol>
      <h2>Bezorging</h2>
      {data.deliveries.length === 0 ? <p class="meta">Nog niets bezorgd.</p> : (
        <div class="table-wrap">
          <table class="status deliveries">
            <thead><tr><th scope="col">Wat</th><th scope="col">Hoe</th><th scope="col">Status</th><th scope="col">Wanneer</th></tr></thead>
            <tbody>
              {data.deliveries.map((d) => {
                const item = deliveredItem(d.itemKey, data.matches);
                return (
                  <tr>
                    <td data-label="Wat">{item.href ? <a href={item.href}>{item.title}</a> : item.title}</td>
                    <td data-label="Hoe">{CHANNEL_WORD[d.channel] ?? d.channel}</td>
                    <td data-label="Status">{STATE_WORD[d.state] ?? d.state}</td>
                    <td data-label="Wanneer">{d.deliveredAt ? formatDateTime(d.deliveredAt) : <>in de wachtrij sinds {formatDateTime(d.queuedAt)}</>}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {m.query !== null ? (
        <>
          <h2 id="voorbeeld">Voorbeeld: wat dit nu in het archief vindt ({data.previewIsEstimate ? '≈ ' : ''}{data.previewTotal})</h2>
          <ul>{data.preview.map((p) => <li><a href={docHref(p.docId)}>{p.title}</a> <span class="meta">{formatDate(p.date)}</span></li>)}</ul>
        </>
      ) : null}
      <form method="post" action={`/mijn/volgers/${m.id}/verwijderen`}>
        <Csrf token={csrf} />
        <button type="submit" class="secondary">Niet meer volgen</button>
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
