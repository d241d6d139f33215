/**
 * E-mail delivery: an SMTP Mailer (nodemailer, configured by KAMERLENS_SMTP_URL) and the
 * rendering of digests and sign-in mails as multipart text + HTML, with List-Unsubscribe.
 */
import nodemailer from 'nodemailer';
import type { Mailer, MailMessage } from './mailer.js';

/** An SMTP mailer, e.g. `smtp://user:pass@mail.example.org:587` or `smtps://…:465`. */
export function createSmtpMailer(url: string, from: string): Mailer & { close(): void } {
  const transport = nodemailer.createTransport(url);
  return {
    async send(m: MailMessage) {
      await transport.sendMail({
        from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        ...(m.headers ? { headers: m.headers } : {}),
        ...(m.messageId ? { messageId: m.messageId } : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for HTML bodies: every value from documents or users goes through this. */
export const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => ESC[c]!);

export interface DigestItem {
  docId: string;
  title: string;
  kind: string;
  date: string | null;
  snippet: string;
  reason: string;
  change: 'new' | 'updated';
  /** Site path when the item is not a stored document. */
  link?: string;
}

export interface DigestSection {
  monitorId: string;
  label: string;
  unsubscribePath: string;
  items: DigestItem[];
  /** Items found but not listed (the section lists the newest few). */
  more?: number;
  /** Where all of them are (the monitor's page). */
  morePath?: string;
}

/** What an e-mail outbox row holds: fixed when queued, rendered when sent. */
export interface EmailPayload {
  type: 'digest';
  interval: 'immediate' | 'daily' | 'weekly';
  sections: DigestSection[];
  /** Stops all e-mail of the user (List-Unsubscribe). */
  unsubscribePath: string;
}

const INTERVAL_WORD = { immediate: 'Nieuw', daily: 'Dagelijks overzicht', weekly: 'Wekelijks overzicht' } as const;

export function renderDigest(p: EmailPayload, to: string, baseUrl: string, messageKey: string): MailMessage {
  const count = p.sections.reduce((n, s) => n + s.items.length + (s.more ?? 0), 0);
  const subject = `${INTERVAL_WORD[p.interval]} bij kamerlens: ${count} ${count === 1 ? 'document' : 'documenten'}` +
    (p.sections.length === 1 ? ` · ${p.sections[0]!.label}` : '');
  const docUrl = (it: DigestItem) => (it.link ? `${baseUrl}${it.link}` : `${baseUrl}/documents/${encodeURIComponent(it.docId)}`);
  const text: string[] = [subject, ''];
  const html: string[] = [`<!doctype html><html lang="nl"><body style="font-family:sans-serif;max-width:40em">`, `<h1 style="font-size:1.2em">${esc(subject)}</h1>`];
  for (const s of p.sections) {
    text.push(`== ${s.label} ==`, '');
    html.push(`<h2 style="font-size:1.05em">${esc(s.label)}</h2><ul>`);
    for (const it of s.items) {
      const what = `${it.change === 'updated' ? 'bijgewerkt: ' : ''}${it.title}`;
      text.push(`* ${what}`, `  ${it.kind}${it.date ? ` · ${it.date}` : ''} · ${it.reason}`, `  ${it.snippet.replace(/\s+/g, ' ')}`, `  ${docUrl(it)}`, '');
      html.push(
        `<li><a href="${esc(docUrl(it))}">${esc(what)}</a><br><small>${esc(it.kind)}${it.date ? ` · ${esc(it.date)}` : ''} · ${esc(it.reason)}</small>` +
          `<p style="color:#444">${esc(it.snippet)}</p></li>`,
      );
    }
    if (s.more) {
      const all = `${baseUrl}${s.morePath ?? '/mijn'}`;
      text.push(`… en nog ${s.more} ${s.more === 1 ? 'ander' : 'andere'}: ${all}`, '');
      html.push(`<li>… en nog <a href="${esc(all)}">${s.more} ${s.more === 1 ? 'ander' : 'andere'}</a></li>`);
    }
    text.push(`Geen mail meer voor "${s.label}": ${baseUrl}${s.unsubscribePath}`, '');
    html.push(`</ul><p><small><a href="${esc(baseUrl + s.unsubscribePath)}">Geen mail meer voor “${esc(s.label)}”</a></small></p>`);
  }
  text.push('--', `Alle mail van kamerlens stoppen: ${baseUrl}${p.unsubscribePath}`, `Je volglijst: ${baseUrl}/mijn`);
  html.push(`<hr><p><small><a href="${esc(baseUrl + p.unsubscribePath)}">Alle mail stoppen</a> · <a href="${esc(baseUrl + '/mijn')}">Mijn kamerlens</a></small></p></body></html>`);
  const host = new URL(baseUrl).hostname || 'kamerlens.local';
  return {
    to,
    subject,
    text: text.join('\n'),
    html: html.join('\n'),
    headers: {
      'List-Unsubscribe': `<${baseUrl}${p.unsubscribePath}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
    messageId: `<${messageKey}@${host}>`,
  };
}

export function renderSignIn(to: string, link: string, minutes: number): MailMessage {
  const subject = 'Inloggen bij kamerlens';
  return {
    to,
    subject,
    text: `Log in bij kamerlens met deze link (${minutes} minuten geldig, één keer te gebruiken):\n\n${link}\n\nHeb je dit niet aangevraagd? Dan kun je deze mail negeren.`,
    html: `<!doctype html><html lang="nl"><body style="font-family:sans-serif"><p>Log in bij kamerlens met deze link (${minutes} minuten geldig, één keer te gebruiken):</p><p><a href="${esc(link)}">Inloggen</a></p><p><small>Heb je dit niet aangevraagd? Dan kun je deze mail negeren.</small></p></body></html>`,
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}
