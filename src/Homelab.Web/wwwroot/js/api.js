// The JSON API under /ui/api. Mutations send the X-Homelab-UI header (the server's anti-CSRF check);
// the token itself lives in an HttpOnly cookie the server set at login, never in script.
export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function handle(response) {
  if (response.ok) {
    if (response.status === 204) return null;
    const type = response.headers.get('content-type') ?? '';
    return type.includes('json') ? response.json() : response.text();
  }
  let message = `${response.status} ${response.statusText}`;
  try { message = (await response.json()).error ?? message; } catch { /* not JSON */ }
  throw new ApiError(response.status, message);
}

export async function get(path) {
  return handle(await fetch(`/ui/api${path}`, { headers: { accept: 'application/json' }, credentials: 'same-origin' }));
}

export async function post(path, body = {}) {
  return handle(await fetch(`/ui/api${path}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', 'x-homelab-ui': '1' },
    body: JSON.stringify(body),
  }));
}

// Live updates: the server streams change notices; callers refetch what they show (debounced).
export function subscribe(onChange, onState) {
  const source = new EventSource('/ui/api/stream');
  source.addEventListener('open', () => onState(true));
  source.addEventListener('error', () => onState(false));
  source.addEventListener('change', (e) => onChange(JSON.parse(e.data)));
  return () => source.close();
}

export function appPath(ns, name) { return `/applications/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`; }
export function fluxPath(kind, ns, name) { return `/flux/${encodeURIComponent(kind)}/${encodeURIComponent(ns)}/${encodeURIComponent(name)}`; }
