// The console: four views over Gatehouse's /_gatehouse/* endpoints, chosen by the address's #fragment so that the
// browser's back button, bookmarks and the keyboard (plain links) all work.
import { initCalls, select } from './calls.js';
import { showUsers } from './users.js';
import { showTables } from './tables.js';
import { showControls } from './controls.js';
import { h, clear } from './dom.js';

const VIEWS = ['calls', 'users', 'dynamodb', 'controls'];
let callsReady = null;

async function route() {
  const [name, ...rest] = location.hash.replace(/^#/, '').split('/');
  const view = VIEWS.includes(name) ? name : 'calls';
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  const args = rest.map(decodeURIComponent);
  try {
    if (view === 'calls') {
      await callsReady;
      select(args[0] || null);
    } else if (view === 'users') {
      await showUsers();
    } else if (view === 'dynamodb') {
      await showTables(args[0] || null, args[1] || '');
    } else {
      await showControls();
    }
  } catch (e) {
    problem(view, e);
  }
}

function problem(view, e) {
  const section = document.getElementById(`view-${view}`);
  let box = section.querySelector('.problem');
  if (!box) {
    box = h('p', { class: 'message problem', role: 'alert', 'data-kind': 'error' });
    section.prepend(box);
  }
  clear(box, e.status === 401 || e.status === 403
    ? 'Gatehouse refused the console: open it with the URL printed at start-up (it carries the admin token).'
    : `Cannot show this view: ${e.message}`);
}

callsReady = initCalls().catch((e) => problem('calls', e));
window.addEventListener('hashchange', route);
route();
