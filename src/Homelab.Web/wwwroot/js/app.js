// The shell: client-side routing, the login form, theme, the alert line, and the live-update stream.
import { get, post, subscribe, ApiError } from './api.js';
import { renderOverview } from './overview.js';
import { renderApplication } from './application.js';
import { renderFlux } from './flux.js';

const main = document.getElementById('main');
const noticeBox = document.getElementById('notice');
const loginForm = document.getElementById('login');
const logoutButton = document.getElementById('logout');
const live = document.getElementById('live');
let page = null;
let session = { loggedIn: false, tokenConfigured: true };

export function notice(message, ok = false) {
  noticeBox.textContent = message;
  noticeBox.classList.toggle('ok', ok);
  noticeBox.hidden = !message;
}

// Runs a user action and reports its outcome in the alert line; 401 explains how to log in.
export async function act(label, action) {
  try {
    const result = await action();
    notice(`${label}: done`, true);
    return result;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      notice(`${label} refused (401): ${e.message}`);
      await refreshSession();
    } else {
      notice(`${label} failed${e.status ? ` (${e.status})` : ''}: ${e.message}`);
    }
    return null;
  }
}

async function refreshSession() {
  try { session = await get('/session'); } catch { /* keep the last known */ }
  loginForm.hidden = session.loggedIn;
  logoutButton.hidden = !session.loggedIn;
  document.body.dataset.loggedIn = String(session.loggedIn);
}

loginForm.addEventListener('submit', async (e) => {
  e.preventDefault();
  const input = loginForm.elements.token;
  try {
    await post('/login', { token: input.value });
    input.value = '';
    notice('Logged in', true);
    resubscribe();
  } catch (err) {
    notice(`Log in failed: ${err.message}`);
  }
  await refreshSession();
  route();
});

logoutButton.addEventListener('click', async () => {
  await act('Log out', () => post('/logout'));
  await refreshSession();
});

// Theme: follows the system unless the user picked one; the choice is remembered.
const themeButton = document.getElementById('theme');
function applyTheme(theme) {
  if (theme) document.documentElement.dataset.theme = theme; else delete document.documentElement.dataset.theme;
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  themeButton.textContent = dark ? 'Light theme' : 'Dark theme';
  themeButton.setAttribute('aria-pressed', String(dark));
}
themeButton.addEventListener('click', () => {
  const dark = document.documentElement.dataset.theme
    ? document.documentElement.dataset.theme === 'dark'
    : matchMedia('(prefers-color-scheme: dark)').matches;
  const next = dark ? 'light' : 'dark';
  localStorage.setItem('homelab-theme', next);
  applyTheme(next);
});
applyTheme(localStorage.getItem('homelab-theme'));

function route() {
  page?.dispose?.();
  const path = decodeURIComponent(location.pathname);
  const parts = path.replace(/^\/ui\/?/, '').split('/').filter(Boolean);
  main.replaceChildren();
  const ctx = { notice, act, session: () => session };
  if (parts[0] === 'apps' && parts.length === 3) page = renderApplication(main, parts[1], parts[2], ctx);
  else if (parts[0] === 'flux' && parts.length === 4) page = renderFlux(main, parts[1], parts[2], parts[3], ctx);
  else page = renderOverview(main);
}

// Internal links change the page without a reload; focus moves to the new content for keyboard users.
document.addEventListener('click', (e) => {
  const a = e.target.closest('a[data-link]');
  if (!a || e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
  e.preventDefault();
  if (a.getAttribute('href') !== location.pathname) history.pushState(null, '', a.getAttribute('href'));
  notice('');
  route();
  main.focus();
});
window.addEventListener('popstate', route);

let pending = [];
function onChange(change) {
  // Coalesce bursts (a sync touches many objects) into one refetch.
  pending.push(change);
  if (pending.length > 1) return;
  setTimeout(() => { const changes = pending; pending = []; page?.refresh?.(changes); }, 250);
}
function onStreamState(open) { live.textContent = open ? 'live' : 'reconnecting…'; }
let unsubscribe = subscribe(onChange, onStreamState);
// The browser does not retry a stream the server refused (401 before logging in): open it again after a login.
function resubscribe() { unsubscribe(); unsubscribe = subscribe(onChange, onStreamState); }

await refreshSession();
route();
