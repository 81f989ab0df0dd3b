/* global document, fetch, window, localStorage, URLSearchParams, FormData, setInterval */
// Lone working's taps (progressive enhancement: every form works without this). A check-in or
// check-out is sent by fetch with the time it was made. Offline, or when Homeward answers 5xx (its
// database down), the tap is kept in localStorage with that time, the clinician is told plainly that
// it has not reached Homeward and whom to call, and it is sent again until it arrives: the server
// records both the time it was made and the time it arrived.
const queueKey = 'hw-lone-working-queue';
const responderKey = 'hw-lone-working-responder';
const retryMs = 20_000;

const readQueue = () => {
  try {
    const q = JSON.parse(localStorage.getItem(queueKey) ?? '[]');
    return Array.isArray(q) ? q : [];
  } catch {
    return [];
  }
};
const writeQueue = (q) => localStorage.setItem(queueKey, JSON.stringify(q));

// Whom to call, remembered from the last page that knew it, so it can be shown when the service cannot.
const box = document.querySelector('[data-lone-working-offline]');
if (box?.dataset.responderPhone) localStorage.setItem(responderKey, JSON.stringify({ name: box.dataset.responderName, phone: box.dataset.responderPhone }));

/** The warning, made here on pages that do not carry it (the run sheet, the error page). */
function ensureBox() {
  if (document.querySelector('[data-lone-working-offline]')) return;
  const main = document.querySelector('main') ?? document.body;
  const el = document.createElement('div');
  el.dataset.loneWorkingOffline = '';
  el.hidden = true;
  el.innerHTML = '<div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>Not sent yet</span></h3>'
    + '<p>Your check-in has not reached Homeward. If you are not safe, call <strong data-lone-working-call>your team</strong>, or 999.</p>'
    + '<p>It is kept on this phone with the time you tapped, and sent again when it can be.</p></div>';
  main.prepend(el);
}

/** Names whom to call (remembered from the last page that knew) wherever the page has not said. */
function fillResponder() {
  let responder = null;
  try {
    responder = JSON.parse(localStorage.getItem(responderKey) ?? 'null');
  } catch {
    responder = null;
  }
  if (!responder?.phone) return;
  for (const call of document.querySelectorAll('[data-lone-working-call]')) {
    if (call.querySelector('a')) continue;
    call.textContent = `${responder.name} on `;
    const link = document.createElement('a');
    link.href = `tel:${responder.phone}`;
    link.textContent = responder.phone;
    call.append(link);
  }
}

function showNotSent(show) {
  if (show) ensureBox();
  for (const el of document.querySelectorAll('[data-lone-working-offline]')) el.hidden = !show;
  fillResponder();
}

/** Sends one tap: 'sent' (it arrived, or was refused for good: the page says why), or 'kept' (try again). */
async function send(tap) {
  let response;
  try {
    response = await fetch(tap.action, { method: 'POST', body: new URLSearchParams(tap.fields), credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  } catch {
    return { outcome: 'kept' };
  }
  if (response.status >= 500) return { outcome: 'kept' };
  return { outcome: 'sent', response };
}

async function flush() {
  const queue = readQueue();
  if (queue.length === 0) {
    showNotSent(false);
    return;
  }
  const left = [];
  for (const tap of queue) {
    const { outcome } = await send(tap);
    if (outcome === 'kept') left.push(tap);
  }
  writeQueue(left);
  showNotSent(left.length > 0);
  if (left.length === 0) window.location.reload();
}

for (const form of document.querySelectorAll('form[data-lone-working-tap]')) {
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const fields = Object.fromEntries(new FormData(form).entries());
    fields.madeAt = new Date().toISOString();
    const tap = { action: form.action, fields };
    const button = form.querySelector('button');
    if (button) button.disabled = true;
    const { outcome, response } = await send(tap);
    if (button) button.disabled = false;
    if (outcome === 'kept') {
      writeQueue([...readQueue(), tap]);
      showNotSent(true);
      return;
    }
    // Arrived: show the page the server answered with (the session, or the form with its problem).
    if (response.redirected) {
      window.location.assign(response.url);
      return;
    }
    const html = await response.text();
    document.open();
    document.write(html);
    document.close();
  });
}

fillResponder();
if (readQueue().length) showNotSent(true);
window.addEventListener('online', () => void flush());
setInterval(() => {
  if (readQueue().length) void flush();
}, retryMs);
void flush();
