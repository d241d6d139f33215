/** The "volg" bell on pages worth following: a POST with CSRF token when signed in, else a way to sign in. */
import { followOf, type FollowRef } from '../../follow-state.js';

export interface BellProps {
  signedIn: boolean;
  csrf: string;
  /** What the viewer already follows (see follow-state.ts). */
  follows?: FollowRef[] | undefined;
}

export interface WatchBellProps {
  /** Monitor kind (`search`, `person`, `committee`, `dossier`, `zaak`, `party`, `meeting`). */
  kind: string;
  /** What to follow: the query, or the entity's id or number. */
  value: string;
  /** The button text, e.g. "Volg dit Kamerlid". */
  label: string;
  bell: BellProps;
}

export function WatchBell({ kind, value, label, bell }: WatchBellProps) {
  if (!bell.signedIn) {
    // A saved search survives sign-in (the query rides along); other follows start from /mijn.
    return (
      <form class="watch-bell" method="get" action="/inloggen">
        {kind === 'search' ? <input type="hidden" name="volg" value={value} /> : null}
        <button type="submit" title="Log in om bericht te krijgen als er iets nieuws is">🔔 {label}</button>
      </form>
    );
  }
  const followed = followOf(bell.follows, kind, value);
  if (followed) {
    // Already followed: say so, and let a second click stop it rather than follow twice.
    return (
      <form class="watch-bell following" method="post" action={`/mijn/volgers/${encodeURIComponent(followed.id)}/verwijderen`}>
        <input type="hidden" name="csrf" value={bell.csrf} />
        <a href={`/mijn#m-${encodeURIComponent(followed.id)}`} title="Naar Mijn kamerlens">🔔 Je volgt dit</a>{' '}
        <button type="submit" class="secondary">Niet meer volgen</button>
      </form>
    );
  }
  return (
    <form class="watch-bell" method="post" action="/mijn/volgers">
      <input type="hidden" name="csrf" value={bell.csrf} />
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="value" value={value} />
      <input type="hidden" name="interval" value="immediate" />
      <input type="hidden" name="email" value="1" />
      <button type="submit" title="Krijg bericht als er iets nieuws bij komt">🔔 {label}</button>
    </form>
  );
}
