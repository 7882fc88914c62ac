// Small DOM helpers: everything is built with createElement/textContent, never innerHTML, so data from
// the cluster cannot inject markup (and the Content-Security-Policy forbids inline scripts anyway).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

export function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [key, value] of Object.entries(attrs)) el.setAttribute(key, value);
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

const tones = {
  Synced: 'ok', Healthy: 'ok', True: 'ok', Succeeded: 'ok',
  OutOfSync: 'warn', Progressing: 'info', Suspended: 'off', Missing: 'warn', Unknown: 'off', Running: 'info',
  Degraded: 'bad', False: 'bad', Failed: 'bad', Error: 'bad', SyncFailed: 'bad',
};

export function tone(value) { return tones[value] ?? 'off'; }

// A badge says its meaning in text (never by colour alone) and names what it is for screen readers.
export function badge(value, label) {
  const text = value || 'Unknown';
  return h('span', { class: `badge b-${tone(text)}`, title: label ? `${label}: ${text}` : text, 'data-badge': label ?? '' }, text);
}

export function when(timestamp) {
  if (!timestamp) return '—';
  const date = new Date(timestamp);
  if (Number.isNaN(date.getTime()) || date.getFullYear() < 1971) return '—';
  return date.toLocaleString();
}

export function shortRevision(revision) {
  if (!revision) return '—';
  const sha = revision.match(/[0-9a-f]{40}/);
  return sha ? revision.replace(sha[0], sha[0].slice(0, 7)) : revision;
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v ?? '—')]));
}

export function link(href, ...children) {
  return h('a', { href, 'data-link': true }, ...children);
}
