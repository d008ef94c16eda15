// The Calls view: every recorded call, newest first, live; filters; a call opened beside the list.
import { get, query, stream } from './api.js';
import { h, clear, time, ms } from './dom.js';
import { showCall } from './call-detail.js';

const MAX_ROWS = 2000;
const calls = [];            // newest first
const byId = new Map();
let selected = null;

const tbody = () => document.querySelector('#calls tbody');
const filtersForm = () => document.getElementById('call-filters');

export async function initCalls() {
  const form = filtersForm();
  form.addEventListener('input', render);
  form.addEventListener('reset', () => setTimeout(render));
  form.addEventListener('submit', (e) => e.preventDefault());
  tbody().addEventListener('click', (e) => {
    const row = e.target.closest('tr[data-id]');
    if (row && !e.target.closest('a')) location.hash = `#calls/${encodeURIComponent(row.dataset.id)}`;
  });
  const initial = await get('requests' + query({ limit: 500 }));
  for (const c of initial) add(c);
  render();
  const since = initial.length ? initial[initial.length - 1].sequence : 0;
  stream(since, (c) => {
    add(c);
    render();
  }, setLive);
}

function setLive(state) {
  const el = document.getElementById('live');
  el.dataset.state = state;
  el.textContent = state === 'live' ? 'live' : state;
}

function add(c) {
  if (byId.has(c.requestId)) return;
  byId.set(c.requestId, c);
  let i = 0;
  while (i < calls.length && calls[i].sequence > c.sequence) i++;
  calls.splice(i, 0, c);
  while (calls.length > MAX_ROWS) byId.delete(calls.pop().requestId);
}

export function callById(id) {
  return byId.get(id);
}

function filters() {
  const f = new FormData(filtersForm());
  return {
    user: String(f.get('user') || '').trim().toLowerCase(),
    status: String(f.get('status') || '').trim(),
    route: String(f.get('route') || '').trim(),
    text: String(f.get('text') || '').trim().toLowerCase(),
  };
}

function matches(c, f) {
  if (f.user && !(String(c.user || '').toLowerCase() === f.user || String(c.identityId || '').toLowerCase() === f.user
      || String(c.user || '').toLowerCase().includes(f.user))) return false;
  if (f.status && !String(c.status).startsWith(f.status)) return false;
  if (f.route && c.operation !== f.route) return false;
  if (f.text) {
    const fields = [c.requestId, c.method, c.path, c.operation, c.verdict, c.reason, c.explanation, c.errorType,
      c.user, c.identityId, c.kind, String(c.status)];
    if (!fields.some((x) => x && String(x).toLowerCase().includes(f.text))) return false;
  }
  return true;
}

function render() {
  const f = filters();
  const shown = calls.filter((c) => matches(c, f));
  clear(tbody(), shown.map(row));
  document.getElementById('calls-empty').hidden = calls.length > 0;
  const users = new Set();
  const routes = new Set();
  for (const c of calls) {
    if (c.user) users.add(c.user);
    if (c.operation) routes.add(c.operation);
  }
  clear(document.getElementById('known-users'), [...users].sort().map((u) => h('option', { value: u })));
  clear(document.getElementById('known-routes'), [...routes].sort().map((r) => h('option', { value: r })));
}

function row(c) {
  const api = c.kind === 'api';
  const statusClass = c.status >= 500 ? 's5' : c.status >= 400 ? 's4' : 's2';
  return h('tr', { 'data-id': c.requestId, class: c.requestId === selected ? 'selected' : null,
    'aria-current': c.requestId === selected ? 'true' : null },
  h('td', { class: 'time', 'data-label': 'Time' }, h('a', { href: `#calls/${encodeURIComponent(c.requestId)}`,
    title: `open call ${c.requestId}` }, time(c.time))),
  h('td', { class: 'user', 'data-label': 'User' }, c.user ? h('span', { class: 'email' }, c.user) : h('span', { class: 'muted' }, '—'),
    c.identityId ? h('span', { class: 'identity' }, c.identityId) : null),
  h('td', { class: 'call', 'data-label': 'Call' }, api
    ? [h('span', { class: `method m-${c.method}` }, c.method), ' ', h('span', { class: 'path' }, c.path),
      h('span', { class: 'route' }, c.operation ? `route ${c.operation}` : 'no route matched')]
    : [h('span', { class: 'operation' }, camelWords(c.operation || '')), h('span', { class: 'route' }, c.kind)]),
  h('td', { class: `status ${statusClass}`, 'data-label': 'Status' }, String(c.status)),
  h('td', { class: 'verdict', 'data-label': 'Verdict' }, h('span', { class: `badge v-${c.verdict || 'unknown'}` }, c.verdict || '—'),
    c.reason ? h('span', { class: 'reason' }, words(c.reason)) : null),
  h('td', { class: 'num', 'data-label': 'ms' }, ms(c.durationMs)));
}

// A reason code (SIGNATURE_MISMATCH) may wrap after an underscore and an operation (GetCredentialsForIdentity) before
// a capital, never inside a word: the list keeps every column beside an opened call.
function words(code) {
  return code.split('_').map((part, i, all) => (i < all.length - 1 ? [part, '_', h('wbr')] : part));
}

function camelWords(name) {
  return name.split(/(?=[A-Z][a-z])/).map((part, i) => (i > 0 ? [h('wbr'), part] : part));
}

export function select(id) {
  selected = id;
  for (const tr of tbody().querySelectorAll('tr')) {
    const on = tr.dataset.id === id;
    tr.classList.toggle('selected', on);
    if (on) tr.setAttribute('aria-current', 'true'); else tr.removeAttribute('aria-current');
  }
  if (id) showCall(id);
  else document.getElementById('call-detail').hidden = true;
}
