/* global document, fetch, window, sessionStorage, localStorage, URL, URLSearchParams, FormData, DOMParser, setInterval */
// Lone working's taps (progressive enhancement: every form works without this). A check-in or
// check-out is sent by fetch with the time it was made. Offline, or when Homeward answers 5xx (its
// database down), the tap is kept with that time, the clinician is told plainly that it has not
// reached Homeward and whom to call, and it is sent again until it arrives: the server records both
// the time it was made and the time it arrived.
//
// What is kept, and where: never a check-out or duress code, never the CSRF token (a fresh one is taken
// from the page when the tap is sent). A tap without a code is kept in sessionStorage (this tab only,
// gone when it closes). A tap with a code is kept in this page's memory only, and the clinician is told
// so: it is sent while the page stays open, else they check out again or call. Signing out clears both.
// A kept tap that Homeward refuses when it is sent (any 4xx: the visit cancelled meanwhile, a code
// wrong, signed out) is never dropped silently: the page says it did not go through, why, and what to
// do, and keeps saying so (across pages of this tab) until the clinician has read it.
import { initAll } from '/assets/nhsuk-frontend.min.js';

const queueKey = 'hw-lone-working-queue';
const refusedKey = 'hw-lone-working-refused';
const responderKey = 'hw-lone-working-responder';
const retryMs = 20_000;

/** Taps with a code: in memory only, never written to storage. */
let withCode = [];

// An earlier version kept the whole form (code and CSRF token included) in localStorage: gone.
localStorage.removeItem(queueKey);

const readList = (key) => {
  try {
    const list = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(list) ? list : [];
  } catch {
    return [];
  }
};
const writeList = (key, list) => (list.length ? sessionStorage.setItem(key, JSON.stringify(list)) : sessionStorage.removeItem(key));

/** Who is signed in on this page (the account bar), so one person's kept taps are never sent as another's. */
const signedIn = () => document.querySelector('.hw-account-bar__who strong')?.textContent?.trim() || null;
const csrfToken = () => document.querySelector('input[name="_csrf"]')?.value || null;

// Signing out forgets every kept tap on this phone (and whom to call).
for (const signOut of document.querySelectorAll('form[action="/sign-out"]')) {
  signOut.addEventListener('submit', () => {
    sessionStorage.removeItem(queueKey);
    sessionStorage.removeItem(refusedKey);
    localStorage.removeItem(responderKey);
    withCode = [];
  });
}

// Whom to call, remembered from the last page that knew it, so it can be shown when the service cannot.
const box = document.querySelector('[data-lone-working-offline]');
if (box?.dataset.responderPhone) localStorage.setItem(responderKey, JSON.stringify({ name: box.dataset.responderName, phone: box.dataset.responderPhone }));

const callHtml = '<strong data-lone-working-call>your team</strong>';

/** A warning made here on pages that do not carry it (the run sheet, the error page). */
function ensureCallout(attribute, heading, html) {
  const existing = document.querySelector(`[${attribute}]`);
  if (existing) return existing;
  const main = document.querySelector('main') ?? document.body;
  const el = document.createElement('div');
  el.setAttribute(attribute, '');
  el.hidden = true;
  el.innerHTML = `<div class="nhsuk-warning-callout"><h3 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">Important: </span>${heading}</span></h3>${html}</div>`;
  main.prepend(el);
  return el;
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

const checkOf = (tap) => (/\/check-out$/.test(new URL(tap.action, window.location.href).pathname) ? 'check-out' : 'check-in');
const timeOf = (iso) => new Date(iso).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/London' });

/** What the page says: kept taps (with and without a code), and taps Homeward refused when sent. */
function render() {
  const kept = readList(queueKey).length > 0;
  if (kept) ensureCallout('data-lone-working-offline', 'Not sent yet', `<p>Your check-in has not reached Homeward. If you are not safe, call ${callHtml}, or 999.</p><p>It is kept on this phone with the time you tapped, and sent again when it can be.</p>`);
  for (const el of document.querySelectorAll('[data-lone-working-offline]')) el.hidden = !kept;

  const held = withCode.length > 0;
  if (held) {
    ensureCallout('data-lone-working-held', 'Check-out not sent yet', `<p>Your check-out has not reached Homeward. It will be sent when the phone is back online, but only while this page stays open: your code is not kept on the phone. If you close this page, check out again when you have signal, or call ${callHtml} to say you are out. If you are not safe, call 999.</p>`);
  }
  for (const el of document.querySelectorAll('[data-lone-working-held]')) el.hidden = !held;

  const refused = readList(refusedKey);
  let refusedBox = document.querySelector('[data-lone-working-refused]');
  if (refused.length) {
    refusedBox = ensureCallout('data-lone-working-refused', 'Did not go through', '<div role="alert" data-lone-working-refused-list></div>');
    const list = refusedBox.querySelector('[data-lone-working-refused-list]');
    list.replaceChildren();
    for (const r of refused) {
      const p = document.createElement('p');
      p.textContent = `Your ${r.check} made at ${timeOf(r.madeAt)} did not go through: ${r.reason} Open the visit and ${r.check === 'check-in' ? 'check in' : 'check out'} again, or call `;
      const call = document.createElement('strong');
      call.dataset.loneWorkingCall = '';
      call.textContent = 'your team';
      p.append(call, ' to tell them. If you are not safe, call 999.');
      list.append(p);
    }
    if (!refusedBox.querySelector('button')) {
      const read = document.createElement('button');
      read.type = 'button';
      read.className = 'nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-0';
      read.textContent = 'I have read this';
      read.addEventListener('click', () => {
        writeList(refusedKey, []);
        render();
      });
      refusedBox.querySelector('.nhsuk-warning-callout').append(read);
    }
  }
  if (refusedBox) refusedBox.hidden = refused.length === 0;
  fillResponder();
}

/** The reason a refusal gives: its error summary, else its heading and first line. */
async function reasonOf(response) {
  try {
    const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
    const items = [...doc.querySelectorAll('.nhsuk-error-summary__list li')].map((li) => li.textContent.trim()).filter(Boolean);
    if (items.length) return items.join(' ').replace(/([^.])$/, '$1.');
    const said = [doc.querySelector('main h1')?.textContent, doc.querySelector('main h1 ~ p')?.textContent].map((t) => t?.trim()).filter(Boolean).join(': ');
    if (said) return said.replace(/([^.])$/, '$1.');
  } catch {
    // the reason stays general
  }
  return `Homeward refused it (${response.status}).`;
}

/** Whether Homeward's answer is the tap done: the session's page saying so, or the run sheet. */
function isDone(response) {
  if (!response.ok || !response.redirected) return false;
  const url = new URL(response.url);
  return url.searchParams.has('done') || url.pathname === '/run-sheet';
}

/**
 * Sends one tap with this page's CSRF token: 'sent' (done), 'kept' (not reached Homeward, or no way to
 * send it from this page: try again), 'signed-out' (kept; sent once they sign in again) or 'refused'.
 */
async function send(tap) {
  const token = csrfToken();
  if (!token) return { outcome: 'kept' };
  let response;
  try {
    response = await fetch(tap.action, { method: 'POST', body: new URLSearchParams({ ...tap.fields, _csrf: token }), credentials: 'same-origin', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  } catch {
    return { outcome: 'kept' };
  }
  if (response.status >= 500) return { outcome: 'kept' };
  if (isDone(response)) return { outcome: 'sent', response };
  if (response.redirected && new URL(response.url).pathname === '/sign-in') return { outcome: 'signed-out', response };
  return { outcome: 'refused', response };
}

let flushing = false;
async function flush() {
  if (flushing) return;
  const who = signedIn();
  // Someone else's kept taps (signed out on a page without this script) are not this person's to send.
  const stored = readList(queueKey).filter((tap) => !who || !tap.who || tap.who === who);
  writeList(queueKey, stored);
  if (stored.length === 0 && withCode.length === 0) {
    render();
    return;
  }
  if (!who) {
    render();
    return;
  }
  flushing = true;
  try {
    const left = [];
    const leftWithCode = [];
    const refused = [];
    let sent = 0;
    for (const tap of [...withCode, ...stored]) {
      const { outcome, response } = await send(tap);
      if (outcome === 'sent') sent += 1;
      else if (outcome === 'refused') refused.push({ check: checkOf(tap), madeAt: tap.fields.madeAt, reason: await reasonOf(response) });
      else (tap.fields.code ? leftWithCode : left).push(tap);
    }
    withCode = leftWithCode;
    writeList(queueKey, left);
    if (refused.length) writeList(refusedKey, [...readList(refusedKey), ...refused]);
    render();
    // All through: show the page as it is now (the check-in recorded). A refusal stays on screen instead.
    if (sent > 0 && refused.length === 0 && left.length === 0 && leftWithCode.length === 0) window.location.reload();
  } finally {
    flushing = false;
  }
}

/** Sends each tap form within `root` by fetch (the page's own, and any put in place of its main part). */
function bindTaps(root) {
  for (const form of root.querySelectorAll('form[data-lone-working-tap]')) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const fields = Object.fromEntries(new FormData(form).entries());
      delete fields._csrf;
      fields.madeAt = new Date().toISOString();
      const tap = { action: form.action, fields, who: signedIn() };
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      const { outcome, response } = await send(tap);
      if (button) button.disabled = false;
      if (outcome === 'kept') {
        // A code stays in this page's memory only; a tap without one is kept for this tab.
        if (fields.code) withCode.push(tap);
        else writeList(queueKey, [...readList(queueKey), tap]);
        render();
        return;
      }
      // Arrived: show the page the server answered with (the session, or the form with its problem).
      if (response.redirected) {
        window.location.assign(response.url);
        return;
      }
      await showAnswer(response);
    });
  }
}

/**
 * Shows a refusal (the session page with its error summary) in place of this page's main part. Not by
 * writing the whole answer over this page: that page would keep this one's Content-Security-Policy, so
 * its inline script (its own nonce) was refused and the header's menu fell apart. The header and
 * everything outside main stay as they are; the new main part's NHS.UK components are started, its taps
 * bound, and the error summary focused as on a page load.
 */
async function showAnswer(response) {
  const answer = new DOMParser().parseFromString(await response.text(), 'text/html');
  const fresh = answer.querySelector('main');
  const main = document.querySelector('main');
  if (!fresh || !main) {
    window.location.reload();
    return;
  }
  const adopted = document.importNode(fresh, true);
  main.replaceWith(adopted);
  document.title = answer.title;
  initAll({ scope: adopted });
  bindTaps(adopted);
  render();
}

bindTaps(document);

render();
window.addEventListener('online', () => void flush());
setInterval(() => {
  if (readList(queueKey).length || withCode.length) void flush();
}, retryMs);
void flush();
