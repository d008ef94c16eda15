// The DynamoDB view (read-only): tables with key schema and item count; a table's items, all or one partition, each
// with its JSON.
import { get, query, enc } from './api.js';
import { h, clear, jsonTree } from './dom.js';

let current = null;

export async function showTables(table, partitionKey) {
  const tables = await get('tables');
  clear(document.querySelector('#tables tbody'), tables.map((t) => h('tr', { class: t.name === table ? 'selected' : null },
    h('th', { scope: 'row' }, h('a', { href: `#dynamodb/${enc(t.name)}` }, t.name)),
    h('td', {}, key(t.partitionKey)),
    h('td', {}, t.sortKey ? key(t.sortKey) : h('span', { class: 'muted' }, '—')),
    h('td', { class: 'num' }, String(t.itemCount)))));
  const chosen = tables.find((t) => t.name === table) || (table ? null : tables[0]);
  if (!chosen) {
    document.getElementById('items-section').hidden = true;
    return;
  }
  await showItems(chosen, partitionKey || '');
}

function key(k) {
  return k ? [h('code', {}, k.name), ' ', h('span', { class: 'muted' }, k.type)] : '';
}

async function showItems(table, partitionKey) {
  current = table;
  const section = document.getElementById('items-section');
  section.hidden = false;
  document.getElementById('items-title').textContent = `Items of ${table.name}`;
  const form = document.getElementById('item-filter');
  form.partitionKey.value = partitionKey;
  form.partitionKey.setAttribute('placeholder', `${table.partitionKey.name} value`);
  form.onsubmit = (e) => {
    e.preventDefault();
    location.hash = `#dynamodb/${enc(current.name)}/${enc(form.partitionKey.value.trim())}`;
  };
  document.getElementById('items-all').onclick = () => {
    location.hash = `#dynamodb/${enc(current.name)}`;
  };
  const page = await get(`tables/${enc(table.name)}/items` + query({ partitionKey, limit: 500 }));
  document.getElementById('items-summary').textContent = `${page.count} item${page.count === 1 ? '' : 's'}`
    + (partitionKey ? ` with ${table.partitionKey.name} = ${partitionKey}` : '') + (page.truncated ? ' (first ones only)' : '');
  const keys = [table.partitionKey.name, table.sortKey && table.sortKey.name].filter(Boolean);
  const others = [...new Set(page.items.flatMap((i) => Object.keys(i)))].filter((k) => !keys.includes(k)).slice(0, 4);
  const columns = [...keys, ...others];
  clear(document.querySelector('#items thead'), h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, c)),
    h('th', { scope: 'col' }, 'JSON')));
  clear(document.querySelector('#items tbody'), page.items.map((item) => h('tr', {},
    columns.map((c) => h('td', {}, cell(item[c]))),
    h('td', { class: 'json-cell' }, h('details', {}, h('summary', {}, 'JSON'), jsonTree(item, 3))))));
}

function cell(v) {
  if (v === undefined) return h('span', { class: 'muted' }, '—');
  const text = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return text.length > 80 ? text.slice(0, 77) + '…' : text;
}
