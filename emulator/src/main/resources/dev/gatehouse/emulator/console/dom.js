// Small DOM helpers: every text goes in as text (never as HTML), so recorded data cannot inject markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

export function time(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleTimeString([], { hour12: false }) + '.'
    + String(d.getMilliseconds()).padStart(3, '0');
}

export function dateTime(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

export function ms(n) {
  return typeof n === 'number' ? (n < 10 ? n.toFixed(1) : Math.round(n).toString()) : '';
}

// A JSON value as a tree of <details>: objects and arrays fold, the first levels open.
export function jsonTree(value, openDepth = 2, depth = 0) {
  if (value === null || typeof value !== 'object') {
    return h('span', { class: `json-${value === null ? 'null' : typeof value}` }, JSON.stringify(value));
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return h('span', { class: 'json-empty' }, open + close);
  const list = h('ul', { class: 'json' }, entries.map(([k, v]) => h('li', {},
    Array.isArray(value) ? null : h('span', { class: 'json-key' }, JSON.stringify(k), ': '),
    jsonTree(v, openDepth, depth + 1))));
  const summary = h('summary', {}, `${open} ${entries.length} ${Array.isArray(value) ? 'items' : 'fields'} ${close}`);
  return h('details', { class: 'json-node', open: depth < openDepth }, summary, list);
}

// Copies text without showing it (secrets stay off the screen); falls back to a hidden text area.
export async function copy(text) {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch (denied) {
    // fall through to the text area
  }
  const area = h('textarea', { class: 'visually-hidden', 'aria-hidden': 'true', readonly: true });
  area.value = text;
  document.body.append(area);
  area.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch (unsupported) {
    ok = false;
  }
  area.remove();
  return ok;
}

export function say(el, text, kind = 'info') {
  el.textContent = text;
  el.dataset.kind = kind;
}
