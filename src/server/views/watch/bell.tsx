/** The "volg deze zoekopdracht" bell: a POST with CSRF token when signed in, else a way to sign in. */

export interface BellProps {
  signedIn: boolean;
  csrf: string;
}

export function WatchBell({ q, bell }: { q: string; bell: BellProps }) {
  if (!bell.signedIn) {
    return (
      <form class="watch-bell" method="get" action="/inloggen">
        <input type="hidden" name="volg" value={q} />
        <button type="submit" title="Log in om deze zoekopdracht te volgen">🔔 Volg deze zoekopdracht</button>
      </form>
    );
  }
  return (
    <form class="watch-bell" method="post" action="/mijn/volgers">
      <input type="hidden" name="csrf" value={bell.csrf} />
      <input type="hidden" name="kind" value="search" />
      <input type="hidden" name="value" value={q} />
      <input type="hidden" name="interval" value="immediate" />
      <input type="hidden" name="email" value="1" />
      <button type="submit" title="Krijg bericht als er nieuwe documenten bij komen">🔔 Volg deze zoekopdracht</button>
    </form>
  );
}
