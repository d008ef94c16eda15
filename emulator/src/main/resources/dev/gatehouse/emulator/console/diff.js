// A refused signature: the CanonicalRequest and StringToSign Gatehouse expected beside what the client declared, with
// the first difference marked.
import { h } from './dom.js';

export function compare(d) {
  const declared = d.declared || {};
  const client = d.clientCanonicalRequest;
  const rows = [];
  rows.push(pair('CanonicalRequest', d.expectedCanonicalRequest, client,
    client ? (d.clientSignatureMatches ? 'the client signed this (its signature matches it)'
      : 'the request as the client sent it, in canonical form') : null));
  rows.push(pair('StringToSign', d.expectedStringToSign, d.clientStringToSign, null));
  return h('div', { class: 'compare' },
    h('dl', { class: 'facts' },
      fact('Signature in', declared.location),
      fact('Access key', declared.accessKeyId),
      fact('Scope', declared.credentialScope),
      fact('Date', declared.requestDate),
      fact('SignedHeaders', (declared.signedHeaders || []).join(';'))),
    rows);
}

function fact(label, value) {
  return value ? [h('dt', {}, label), h('dd', {}, h('code', {}, value))] : null;
}

function pair(name, expected, declared, note) {
  if (declared === undefined || declared === null) {
    return h('div', { class: 'pair one' }, h('figure', {}, h('figcaption', {}, `${name} Gatehouse expected`),
      h('pre', {}, expected || '')));
  }
  const at = firstDifference(expected || '', declared);
  return h('div', { class: 'pair' },
    h('figure', {}, h('figcaption', {}, `${name} Gatehouse expected`), marked(expected || '', at)),
    h('figure', {}, h('figcaption', {}, `${name} of the client`, note ? h('small', {}, ` (${note})`) : null),
      marked(declared, at)),
    at < 0 ? h('p', { class: 'muted' }, 'Identical.')
      : h('p', { class: 'first-diff' }, `First difference: line ${lineOf(expected || '', at)}, column ${columnOf(expected || '', at)}.`));
}

export function firstDifference(a, b) {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

function lineOf(text, at) {
  return text.slice(0, at).split('\n').length;
}

function columnOf(text, at) {
  return at - text.lastIndexOf('\n', at - 1);
}

function marked(text, at) {
  if (at < 0) return h('pre', {}, text);
  const lineEnd = text.indexOf('\n', at);
  const end = lineEnd < 0 ? text.length : Math.max(lineEnd, at + 1);
  return h('pre', {}, text.slice(0, at), h('mark', { title: 'first difference' }, text.slice(at, end) || '⏎'),
    text.slice(end));
}
