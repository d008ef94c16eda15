// The Users view: every user pool user with their identity, last sign-in and credentials; disable/enable, expire
// credentials, copy the export line of fresh credentials, and a shortcut to their items.
import { get, post, enc } from './api.js';
import { h, clear, dateTime, copy, say } from './dom.js';

export async function showUsers() {
  const [users, tables] = await Promise.all([get('users'), get('tables').catch(() => [])]);
  const tbody = document.querySelector('#users tbody');
  const ownerTables = tables.filter((t) => t.partitionKey && /user|identity|owner/i.test(t.partitionKey.name));
  clear(tbody, users.map((u) => row(u, ownerTables.length ? ownerTables : tables.slice(0, 1))));
}

function row(u, tables) {
  const message = document.getElementById('users-message');
  const valid = (u.credentials || []).filter((c) => !c.expired);
  return h('tr', { 'data-email': u.email },
    h('th', { scope: 'row', class: 'user', 'data-label': 'User' }, h('span', { class: 'email' }, u.email),
      u.enabled ? null : h('span', { class: 'badge v-refused' }, 'disabled')),
    h('td', { 'data-label': 'Status' }, u.status),
    h('td', { 'data-label': 'sub' }, h('code', { class: 'sub' }, u.sub)),
    h('td', { 'data-label': 'Identity id' }, h('code', { class: 'identity-id' }, u.identityId),
      tables.map((t) => h('a', { class: 'items-link', href: `#dynamodb/${enc(t.name)}/${enc(u.identityId)}` },
        `${t.name} items`))),
    h('td', { 'data-label': 'Last sign-in' }, u.lastSignIn ? dateTime(u.lastSignIn) : h('span', { class: 'muted' }, 'not since start')),
    h('td', { 'data-label': 'Credentials' }, credentials(u.credentials || [], valid)),
    h('td', { 'data-label': 'Actions' }, h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => act(`users/${enc(u.email)}/${u.enabled ? 'disable' : 'enable'}`,
        `${u.email} ${u.enabled ? 'disabled' : 'enabled'}`, message) }, u.enabled ? 'Disable' : 'Enable'),
      h('button', { type: 'button', disabled: valid.length === 0,
        onclick: () => act(`users/${enc(u.email)}/expire-credentials`, `${u.email}'s credentials expired`, message) },
      'Expire credentials'),
      h('button', { type: 'button', onclick: () => copyExport(u.email, message) }, 'Copy export line'))));
}

function credentials(all, valid) {
  if (all.length === 0) return h('span', { class: 'muted' }, 'none');
  return h('ul', { class: 'plain' }, all.slice(0, 3).map((c) => h('li', {},
    h('code', {}, c.accessKeyId), ' ',
    c.issuedAt ? `issued ${dateTime(c.issuedAt)}, ` : '',
    h('span', { class: c.expired ? 'expired' : 'valid' }, `${c.expired ? 'expired' : 'expires'} ${dateTime(c.expiration)}`))),
  all.length > 3 ? h('li', { class: 'muted' }, `and ${all.length - 3} more (${valid.length} valid in all)`) : null);
}

async function act(path, done, message) {
  try {
    await post(path);
    say(message, done, 'ok');
  } catch (e) {
    say(message, e.message, 'error');
  }
  await showUsers();
}

async function copyExport(email, message) {
  try {
    const r = await post(`users/${enc(email)}/credentials`);
    const ok = await copy(r.export);
    say(message, ok ? `Copied the export line of fresh credentials for ${email} (${r.accessKeyId}, expires ${dateTime(r.expiration)}).`
      : `Fresh credentials ${r.accessKeyId} issued, but the browser refused to copy; use ./gatehouse credentials ${email}.`,
    ok ? 'ok' : 'warn');
  } catch (e) {
    say(message, e.message, 'error');
  }
  await showUsers();
}
