// Application page: state, sync/refresh actions, resource tree, diff (secrets masked by the server),
// live manifests, history with rollback, and events.
import { get, post, appPath } from './api.js';
import { h, badge, when, shortRevision, facts, link } from './dom.js';

const refKey = (r) => `${r.group}/${r.kind}/${r.namespace}/${r.name}`;
const refText = (r) => `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;

export function renderApplication(main, ns, name, ctx) {
  const base = appPath(ns, name);
  let app = null;
  let tab = 'tree';
  const options = { prune: false, dryRun: false };
  // The live manifest the user opened stays open (and is fetched again) when live updates redraw the tree.
  let shownResource = null;
  const header = h('div');
  const body = h('div', { class: 'panel', id: 'tab-panel', role: 'tabpanel' });
  const tabs = h('div', { class: 'tabs', role: 'tablist', 'aria-label': 'Application views' });
  main.append(h('p', {}, link('/ui/', '← Overview')), header, tabs, body);

  const tabNames = [['tree', 'Resources'], ['diff', 'Diff'], ['history', 'History'], ['events', 'Events']];
  function drawTabs() {
    tabs.replaceChildren(...tabNames.map(([id, label]) => h('button', {
      type: 'button', role: 'tab', id: `tab-${id}`, 'aria-selected': String(tab === id), 'aria-controls': 'tab-panel',
      onclick: () => { tab = id; drawTabs(); drawBody(); },
    }, label)));
  }

  function drawHeader() {
    const a = app;
    const prune = h('input', { type: 'checkbox', id: 'opt-prune', checked: options.prune, onchange: (e) => { options.prune = e.target.checked; } });
    const dry = h('input', { type: 'checkbox', id: 'opt-dry', checked: options.dryRun, onchange: (e) => { options.dryRun = e.target.checked; } });
    const sync = async () => {
      const selected = [...body.querySelectorAll('input[data-select]:checked')].map((c) => JSON.parse(c.dataset.select));
      const result = await ctx.act('Sync', () => post(`${base}/sync`, { prune: prune.checked, dryRun: dry.checked, resources: selected }));
      if (result) load();
    };
    header.replaceChildren(
      h('h1', {}, `Application ${a.ref.name}`),
      h('div', { class: 'actions' },
        badge(a.syncStatus, 'Sync'), badge(a.healthStatus, 'Health'),
        a.autoSync ? h('span', { class: 'badge b-info' }, 'Auto-sync') : h('span', { class: 'badge b-off' }, 'Manual sync'),
        a.operationState?.phase ? badge(a.operationState.phase, 'Operation') : null),
      facts([
        ['Namespace', a.ref.namespace], ['Project', a.project || 'default'],
        ['Source', a.sources.map((s) => `${s.repoUrl} ${s.path || s.chart} @ ${s.targetRevision || 'HEAD'}`).join(', ')],
        ['Destination', `${a.destServer || a.destName} / ${a.destNamespace}`],
        ['Revision', shortRevision(a.syncRevision)], ['Health', a.healthMessage || a.healthStatus],
        ['Last operation', a.operationState?.phase ? `${a.operationState.phase}: ${a.operationState.message} (${when(a.operationState.finishedAt || a.operationState.startedAt)})` : '—'],
        ['Waiting for', a.waitingFor || '—'],
        ['Conditions', a.conditions.length ? a.conditions.map((c) => `${c.type}: ${c.message}`).join('; ') : '—'],
      ]),
      h('div', { class: 'actions' },
        h('button', { type: 'button', id: 'sync', onclick: sync }, 'Sync'),
        h('fieldset', {}, h('legend', { class: 'muted' }, 'Sync options'),
          h('label', {}, prune, ' Prune'), h('label', {}, dry, ' Dry run'),
          h('span', { class: 'muted' }, 'Tick resources in the tree to sync only those.')),
        h('button', { type: 'button', class: 'ghost', id: 'refresh', onclick: async () => { if (await ctx.act('Refresh', () => post(`${base}/refresh`, { hard: false }))) load(); } }, 'Refresh'),
        h('button', { type: 'button', class: 'ghost', onclick: async () => { if (await ctx.act('Hard refresh', () => post(`${base}/refresh`, { hard: true }))) load(); } }, 'Hard refresh')));
  }

  function treeView() {
    const a = app;
    const status = new Map(a.resources.map((r) => [refKey(r.resource), r]));
    const nodes = a.tree.length ? a.tree : a.resources.map((r) => ({ resource: r.resource, parents: [], healthStatus: r.healthStatus }));
    const children = new Map();
    const roots = [];
    for (const n of nodes) {
      if (n.parents.length === 0) roots.push(n);
      for (const p of n.parents) (children.get(refKey(p)) ?? children.set(refKey(p), []).get(refKey(p))).push(n);
    }
    const item = (n, depth) => {
      const r = n.resource;
      const s = status.get(refKey(r));
      const id = `sel-${refKey(r).replace(/[^a-zA-Z0-9-]/g, '_')}`;
      return h('li', { 'data-resource': refKey(r) },
        h('div', { class: 'row' },
          depth === 0 && s ? h('input', { type: 'checkbox', id, 'data-select': JSON.stringify({ group: r.group, kind: r.kind, namespace: r.namespace, name: r.name }), 'aria-label': `Select ${refText(r)} for sync` }) : null,
          h('button', { type: 'button', class: 'linkish', onclick: () => showManifest(r), 'aria-label': `Show live manifest of ${refText(r)}` }, refText(r)),
          s ? badge(s.status, 'Sync') : null,
          // Kinds without a health rule (ConfigMap, Secret) have no health: show none rather than "Unknown".
          (s?.healthStatus || n.healthStatus) ? badge(s?.healthStatus || n.healthStatus, 'Health') : null,
          s?.requiresPruning ? h('span', { class: 'badge b-warn' }, 'Requires pruning') : null,
          s?.healthMessage ? h('span', { class: 'muted' }, s.healthMessage) : null),
        (children.get(refKey(r)) ?? []).length ? h('ul', { class: 'tree' }, children.get(refKey(r)).map((c) => item(c, depth + 1))) : null);
    };
    const manifest = h('div', { id: 'manifest' });
    async function showManifest(r, scroll = true) {
      shownResource = r;
      manifest.replaceChildren(h('p', { class: 'muted' }, `Loading ${refText(r)}…`));
      const q = new URLSearchParams({ group: r.group, version: r.version || 'v1', kind: r.kind, namespace: r.namespace, name: r.name });
      try {
        const yaml = await get(`${base}/manifest?${q}`);
        manifest.replaceChildren(h('h2', {}, `Live manifest: ${refText(r)}`), h('pre', { tabindex: '0' }, yaml));
      } catch (e) {
        manifest.replaceChildren(h('p', { role: 'alert' }, e.message));
      }
      if (scroll) manifest.scrollIntoView({ block: 'nearest' });
    }
    if (shownResource) showManifest(shownResource, false);
    return [
      h('h2', {}, 'Resource tree'),
      h('ul', { class: 'tree', 'aria-label': 'Resources' }, h('li', {}, h('div', { class: 'row' }, h('strong', {}, `Application ${a.ref.name}`), badge(a.syncStatus, 'Sync'), badge(a.healthStatus, 'Health')),
        h('ul', { class: 'tree' }, roots.map((n) => item(n, 0))))),
      manifest,
    ];
  }

  async function diffView() {
    const diff = await get(`${base}/diff`);
    const changed = diff.resources.filter((r) => r.modified || r.requiresPruning || r.diff);
    if (changed.length === 0) return [h('h2', {}, 'Diff'), h('p', {}, 'No differences between Git and the cluster.')];
    return [h('h2', {}, 'Diff (live → desired; Secret values masked)'), ...changed.map((r) => h('section', { class: 'diff', 'data-diff': refKey(r.resource) },
      h('h3', {}, refText(r.resource), ' ', r.requiresPruning ? h('span', { class: 'badge b-warn' }, 'Requires pruning') : badge('OutOfSync', 'Sync')),
      h('pre', { tabindex: '0' }, (r.diff || '(to be pruned)').split('\n').map((line) =>
        h('span', { class: line.startsWith('@@') ? 'hunk' : line.startsWith('+') && !line.startsWith('+++') ? 'add' : line.startsWith('-') && !line.startsWith('---') ? 'del' : '' }, `${line}\n`)))))];
  }

  async function historyView() {
    const history = await get(`${base}/history`);
    const rows = [...history.items].reverse();
    return [h('h2', {}, 'History'),
      app.autoSync ? h('p', { class: 'muted' }, 'Rollback is disabled while automated sync is on.') : null,
      rows.length === 0 ? h('p', {}, 'No history yet.') : h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'ID'), h('th', { scope: 'col' }, 'Revision'), h('th', { scope: 'col' }, 'Deployed'), h('th', { scope: 'col' }, 'Action'))),
        h('tbody', {}, rows.map((e) => h('tr', { 'data-history': e.id },
          h('td', {}, e.id), h('td', {}, shortRevision(e.revision || e.revisions.join(', '))), h('td', {}, when(e.deployedAt)),
          h('td', {}, h('button', {
            type: 'button', class: 'ghost', disabled: app.autoSync, 'aria-label': `Roll back to history ${e.id}`,
            onclick: async () => { if (await ctx.act(`Rollback to ${e.id}`, () => post(`${base}/rollback`, { id: Number(e.id) }))) load(); },
          }, 'Rollback')))))))];
  }

  async function eventsView() {
    const events = await get(`${base}/events`);
    return [h('h2', {}, 'Recent events'), events.length === 0 ? h('p', {}, 'No events.') : h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Time', 'Type', 'Reason', 'Message', 'Count'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, events.map((e) => h('tr', {}, h('td', {}, when(e.time)), h('td', {}, e.type), h('td', {}, e.reason), h('td', {}, e.message), h('td', {}, e.count))))))];
  }

  async function drawBody() {
    const views = { tree: async () => treeView(), diff: diffView, history: historyView, events: eventsView };
    const selected = [...body.querySelectorAll('input[data-select]:checked')].map((c) => c.id);
    try {
      const content = await views[tab]();
      body.replaceChildren(...content.filter(Boolean));
      selected.forEach((id) => { const c = document.getElementById(id); if (c) c.checked = true; });
    } catch (e) {
      body.replaceChildren(h('p', { role: 'alert' }, e.message));
    }
  }

  async function load() {
    try {
      app = await get(base);
    } catch (e) {
      header.replaceChildren(h('h1', {}, `Application ${name}`), h('p', { role: 'alert' }, e.message));
      return;
    }
    const first = !tabs.hasChildNodes();
    drawHeader();
    if (first) drawTabs();
    // The diff re-renders from Git: only on demand or when this application changed.
    await drawBody();
  }

  load();
  return {
    refresh: (changes) => { if (changes.some((c) => c.scope === 'applications' && c.namespace === ns && c.name === name)) load(); },
  };
}
