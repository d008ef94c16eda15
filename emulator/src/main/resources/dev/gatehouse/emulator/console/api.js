// Gatehouse's own JSON endpoints (the same ones the CLI calls). Same origin: the admin cookie goes with each call.
const BASE = '/_gatehouse/';

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function answer(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (notJson) {
    body = null;
  }
  if (!response.ok) {
    const message = body && body.message ? body.message : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, message);
  }
  return body;
}

export async function get(path) {
  return answer(await fetch(BASE + path, { credentials: 'same-origin', headers: { Accept: 'application/json' } }));
}

// State-changing calls are POSTs with a JSON body (the admin door refuses other content types).
export async function post(path, body = {}) {
  return answer(await fetch(BASE + path, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  }));
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && String(v).trim() !== '') {
      q.set(k, String(v).trim());
    }
  }
  const text = q.toString();
  return text ? `?${text}` : '';
}

export const enc = encodeURIComponent;

// The live call record over a WebSocket (one call record per message, as /requests gives it); it reconnects after a
// second and asks only for what it missed. (The same path also answers server-sent events, for curl -N.)
export function stream(since, onCall, onState) {
  let last = since;
  const connect = () => {
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const socket = new WebSocket(`${scheme}//${location.host}${BASE}requests/stream?since=${last}`);
    socket.addEventListener('open', () => onState('live'));
    socket.addEventListener('message', (e) => {
      const call = JSON.parse(e.data);
      last = Math.max(last, call.sequence);
      onCall(call);
    });
    socket.addEventListener('close', () => {
      onState('reconnecting');
      setTimeout(connect, 1000);
    });
  };
  connect();
}
