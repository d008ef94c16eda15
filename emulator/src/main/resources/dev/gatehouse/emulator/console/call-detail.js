// One call opened: the verdict and its cause (explain's text), the signature comparison, the request (masked), the
// event, the function's log lines, the response, the timings, and replay.
import { get, post, enc } from './api.js';
import { h, clear, dateTime, ms, jsonTree } from './dom.js';
import { compare } from './diff.js';

export async function showCall(id) {
  const panel = document.getElementById('call-detail');
  panel.hidden = false;
  clear(panel, h('p', { class: 'muted' }, 'Loading…'));
  let record;
  let explanation;
  try {
    [record, explanation] = await Promise.all([get(`requests/${enc(id)}`), get(`requests/${enc(id)}/explain`)]);
  } catch (e) {
    clear(panel, h('p', { class: 'message', 'data-kind': 'error' }, `Cannot open call ${id}: ${e.message}`));
    return;
  }
  render(panel, record, explanation.text);
}

function render(panel, r, explainText) {
  const api = r.kind === 'api';
  const title = api ? `${r.method} ${r.path}` : `${r.kind} ${r.operation || ''}`;
  const replayResult = h('p', { class: 'message', role: 'status', 'aria-live': 'polite' });
  const d = r.diagnostics || {};
  clear(panel,
    h('div', { class: 'detail-head' },
      h('h3', { id: 'detail-title', tabindex: '-1' }, title, ' ', h('span', { class: `badge v-${r.verdict || 'unknown'}` },
        `${r.status} ${r.verdict || ''}`)),
      h('a', { href: '#calls', class: 'close', 'aria-label': 'Close the call' }, '×')),
    h('dl', { class: 'facts' },
      fact('Request id', h('code', {}, r.requestId)),
      fact('Time', dateTime(r.time)),
      r.user || r.identityId ? fact('Caller', [r.user || '', r.user && r.identityId ? ', ' : '',
        r.identityId ? h('code', {}, r.identityId) : '']) : null,
      api ? fact('Route', r.operation || 'no route matched') : null,
      r.reason ? fact('Reason', h('code', {}, r.reason)) : null),
    api ? h('div', { class: 'actions' },
      h('button', { type: 'button', onclick: () => replay(r.requestId, 'original', replayResult) }, 'Replay'),
      h('button', { type: 'button', onclick: () => replay(r.requestId, 'resign', replayResult) }, 'Replay re-signed'),
      replayResult) : null,
    section('Verdict and cause', h('pre', { class: 'explain' }, explainText)),
    d.expectedCanonicalRequest ? section('Signature: expected and declared', compare(d)) : null,
    section('Request (secrets masked)', request(r.request)),
    r.event ? section('Event the function received', jsonTree(r.event, 1)) : null,
    r.invoked ? section('Function log', logs(r.logs)) : null,
    r.response ? section('Response', jsonTree(r.response, 2)) : null,
    section('Timings', h('dl', { class: 'facts' },
      fact('Total in Gatehouse', `${ms(r.durationMs)} ms`),
      r.invoked ? fact('Function', `${ms(r.handlerMs)} ms`) : null,
      r.invoked ? fact('Gateway, authorizer, record', `${ms(Math.max(0, r.durationMs - r.handlerMs))} ms`) : null)));
  panel.querySelector('#detail-title').focus({ preventScroll: false });
}

function fact(label, value) {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function section(title, ...content) {
  return h('section', { class: 'part' }, h('h4', {}, title), ...content);
}

function request(req) {
  if (!req) return h('p', { class: 'muted' }, 'not recorded');
  const line = `${req.method} ${req.rawPath}${req.rawQuery ? '?' + req.rawQuery : ''}`;
  const headers = (req.headers || []).map(([k, v]) => `${k}: ${v}`).join('\n');
  const body = req.body === undefined ? '' : typeof req.body === 'string' ? req.body : JSON.stringify(req.body, null, 2);
  return h('pre', { class: 'http' }, `${line}\n${headers}${body ? '\n\n' + body : ''}`);
}

function logs(lines) {
  if (!lines || lines.length === 0) return h('p', { class: 'muted' }, 'The function logged nothing for this call.');
  return h('pre', { class: 'logs' }, lines.join('\n'));
}

async function replay(id, mode, out) {
  out.textContent = 'Replaying…';
  try {
    const r = await post(`replay/${enc(id)}?mode=${mode}`);
    clear(out, `${mode === 'resign' ? 'Re-signed replay' : 'Replay'} answered ${r.status}`,
      r.reason ? ` (${r.reason})` : '', ': ',
      h('a', { href: `#calls/${encodeURIComponent(r.requestId)}` }, 'open it'));
    out.dataset.kind = r.status < 400 ? 'ok' : 'warn';
  } catch (e) {
    out.textContent = `Replay failed: ${e.message}`;
    out.dataset.kind = 'error';
  }
}
