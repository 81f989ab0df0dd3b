/* global document, fetch, window, setTimeout */
// Progressive enhancement for the planner's progress page: asks for the run's status every two
// seconds and, once it has finished, loads the page again (which then goes to the plan). Without it
// the page offers "Check again now" (a timed refresh would fail WCAG 2.2.1).
const status = document.querySelector('[data-plan-job]');
if (status) {
  const id = status.getAttribute('data-plan-job');
  const poll = async () => {
    try {
      const res = await fetch(`/api/visits/plans/jobs/${id}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' });
      if (res.ok) {
        const job = await res.json();
        if (job.status !== 'queued' && job.status !== 'running') {
          window.location.reload();
          return;
        }
        const p = job.progress;
        if (p && typeof p.seconds === 'number') {
          status.textContent = `Day ${p.dayIndex + 1} of ${p.days}: ${p.seconds} seconds so far, ${p.unplanned} visit${p.unplanned === 1 ? '' : 's'} not yet placed.`;
        }
      }
    } catch {
      // The link on the page still works; try again at the next tick.
    }
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
}
