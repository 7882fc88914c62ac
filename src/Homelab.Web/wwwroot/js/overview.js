// Overview: the infrastructure DAG and the application grid, with filters, refreshed on every change notice.
import { get } from './api.js';
import { h, badge, when, shortRevision, link } from './dom.js';
import { renderDag } from './dag.js';

const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function renderOverview(main) {
  const filters = { project: '', namespace: '', status: '' };
  let data = null;
  const infra = h('section', { 'aria-labelledby': 'infra-title' });
  const apps = h('section', { 'aria-labelledby': 'apps-title' });
  main.append(h('h1', {}, 'Overview'), infra, apps);

  const select = (name, label, values) => {
    const el = h('select', { id: `filter-${name}`, name },
      h('option', { value: '' }, 'All'), values.map((v) => h('option', { value: v, selected: filters[name] === v }, v)));
    el.addEventListener('change', () => { filters[name] = el.value; draw(); });
    return h('label', { for: `filter-${name}` }, label, el);
  };

  function draw() {
    if (!data) return;
    const focused = document.activeElement?.id;
    const flux = [...data.kustomizations.items, ...data.helmReleases.items];
    infra.replaceChildren(
      h('h2', { id: 'infra-title' }, `Infrastructure (${plural(data.kustomizations.items.length, 'Kustomization')}, ${plural(data.helmReleases.items.length, 'HelmRelease')})`),
      data.infrastructureError ? h('p', { class: 'muted', role: 'status' }, data.infrastructureError) : renderDag(flux));

    const all = data.applications.items;
    const unique = (f) => [...new Set(all.map(f))].filter(Boolean).sort();
    const shown = all.filter((a) =>
      (!filters.project || a.project === filters.project)
      && (!filters.namespace || a.ref.namespace === filters.namespace || a.destNamespace === filters.namespace)
      && (!filters.status || a.syncStatus === filters.status || a.healthStatus === filters.status));
    apps.replaceChildren(
      h('h2', { id: 'apps-title' }, `Applications (${shown.length} of ${all.length})`),
      h('div', { class: 'filters', role: 'group', 'aria-label': 'Filter applications' },
        select('project', 'Project', unique((a) => a.project)),
        select('namespace', 'Namespace', unique((a) => a.ref.namespace).concat(unique((a) => a.destNamespace))
          .filter((v, i, s) => s.indexOf(v) === i).sort()),
        select('status', 'Status', ['Synced', 'OutOfSync', 'Unknown', 'Healthy', 'Progressing', 'Degraded', 'Suspended', 'Missing'])),
      shown.length === 0 ? h('p', { class: 'muted' }, 'No applications match.') : h('ul', { class: 'grid' }, shown.map(card)));
    // A live redraw must not steal the keyboard focus from a filter.
    if (focused) document.getElementById(focused)?.focus();
  }

  function card(a) {
    const name = `${a.ref.namespace}/${a.ref.name}`;
    const op = a.operationState?.phase;
    return h('li', { class: 'card', 'data-app': name, 'data-sync': a.syncStatus, 'data-health': a.healthStatus },
      h('h3', {}, link(`/ui/apps/${a.ref.namespace}/${a.ref.name}`, a.ref.name)),
      h('div', { class: 'badges' },
        badge(a.syncStatus, 'Sync'), badge(a.healthStatus, 'Health'),
        a.autoSync ? h('span', { class: 'badge b-info', title: `Automated sync${a.selfHeal ? ', self-heal' : ''}${a.autoPrune ? ', prune' : ''}`, 'data-auto': 'true' }, 'Auto-sync') : null,
        op === 'Running' ? badge('Running', 'Operation') : null,
        a.waitingFor ? h('span', { class: 'badge b-warn', title: a.waitingFor }, 'Waiting') : null),
      h('dl', {},
        h('dt', {}, 'Project'), h('dd', {}, a.project || 'default'),
        h('dt', {}, 'Namespace'), h('dd', {}, a.ref.namespace),
        h('dt', {}, 'Destination'), h('dd', {}, a.destNamespace || '—'),
        h('dt', {}, 'Revision'), h('dd', {}, shortRevision(a.syncRevision)),
        h('dt', {}, 'Last sync'), h('dd', {}, when(a.operationState?.finishedAt))));
  }

  async function load() {
    try {
      data = await get('/overview');
      draw();
    } catch (e) {
      main.replaceChildren(h('h1', {}, 'Overview'), h('p', { role: 'alert' }, `Could not load the overview: ${e.message}`));
    }
  }

  load();
  return { refresh: load };
}
