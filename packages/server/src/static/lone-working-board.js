/* global document, fetch, EventSource, window */
// Progressive enhancement for the lone-working board: listens to /lone-working/board/events (Server-Sent
// Events) and, when the team's check-ins or alerts change, fetches the board again and swaps it in.
// Without it the page has a plain "Refresh the board" link (a timed refresh would fail WCAG 2.2.1).
const board = () => document.getElementById('lone-working-board');
const status = document.getElementById('board-live-status');
const refresh = document.getElementById('board-refresh');
if (board() && status && refresh && typeof EventSource === 'function') {
  let fetching = false;
  let again = false;
  const say = (text) => {
    status.textContent = text;
  };
  const load = async () => {
    if (fetching) {
      again = true;
      return;
    }
    fetching = true;
    try {
      const res = await fetch('/lone-working/board', { headers: { accept: 'text/html' }, credentials: 'same-origin' });
      if (res.ok) {
        const holder = document.createElement('div');
        holder.innerHTML = await res.text();
        const fresh = holder.querySelector('#lone-working-board');
        const current = board();
        if (fresh && current) {
          const alertsBefore = current.querySelectorAll('[id^="alert-"]').length;
          current.replaceWith(fresh);
          const alertsNow = fresh.querySelectorAll('[id^="alert-"]').length;
          say(alertsNow > alertsBefore ? `New alert on the board: ${alertsNow} alert${alertsNow === 1 ? '' : 's'}` : 'Board updated');
        }
      } else if (res.status === 401 || res.status === 303) {
        say('Your session has ended: sign in again to see the board');
      }
    } catch {
      say('The board could not be updated: use Refresh the board');
    } finally {
      fetching = false;
      if (again) {
        again = false;
        void load();
      }
    }
  };
  const since = board().getAttribute('data-board-marker') ?? '';
  const events = new EventSource(`/lone-working/board/events?since=${encodeURIComponent(since)}`);
  events.addEventListener('changed', () => void load());
  events.addEventListener('unavailable', () => say('The board cannot reach the service just now; it will update when it can'));
  refresh.insertAdjacentHTML('beforeend', ' <span class="hw-board-live">This board updates itself.</span>');
  window.addEventListener('pagehide', () => events.close());
}
