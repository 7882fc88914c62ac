// Kustomization / HelmRelease page: state, conditions, revisions, inventory tree, events, and
// reconcile / suspend / resume.
import { get, post, fluxPath } from './api.js';
import { h, badge, when, shortRevision, facts, link } from './dom.js';

export function renderFlux(main, kind, ns, name, ctx) {
  const base = fluxPath(kind, ns, name);
  const content = h('div');
  main.append(h('p', {}, link('/ui/', '← Overview')), content);

  const tree = (node) => h('li', {},
    h('span', {}, `${node.resource.kind} ${node.resource.namespace ? `${node.resource.namespace}/` : ''}${node.resource.name}`),
    node.children.length ? h('ul', { class: 'tree' }, node.children.map(tree)) : null);

  async function load() {
    let data, events;
    try {
      [data, events] = await Promise.all([get(base), get(`${base}/events`).catch(() => [])]);
    } catch (e) {
      content.replaceChildren(h('h1', {}, `${kind} ${name}`), h('p', { role: 'alert' }, e.message));
      return;
    }
    const o = data.object;
    const action = (label, path) => h('button', {
      type: 'button', class: path === 'reconcile' ? '' : 'ghost', id: path,
      onclick: async () => { if (await ctx.act(label, () => post(`${base}/${path}`))) load(); },
    }, label);
    content.replaceChildren(
      h('h1', {}, `${kind} ${o.ref.namespace}/${o.ref.name}`),
      h('div', { class: 'actions' },
        badge(o.ready, 'Ready'), o.suspended ? h('span', { class: 'badge b-off' }, 'Suspended') : null,
        action('Reconcile', 'reconcile'), o.suspended ? action('Resume', 'resume') : action('Suspend', 'suspend')),
      facts([
        ['Ready', `${o.ready} ${o.reason ? `(${o.reason})` : ''}`], ['Message', o.message],
        ['Last applied revision', shortRevision(o.revision)], ['Last attempted revision', shortRevision(o.lastAttemptedRevision)],
        ['Source', o.source ? `${o.source.kind} ${o.source.namespace}/${o.source.name}` : '—'], ['Path / chart', o.path],
        ['Depends on', o.dependsOn.length ? o.dependsOn.map((d) => `${d.namespace || o.ref.namespace}/${d.name}`).join(', ') : '—'],
        ['Generation', `${o.observedGeneration} of ${o.generation}`], ['Last handled reconcile', o.lastHandledReconcileAt || '—'],
      ]),
      h('h2', {}, 'Conditions'),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Type', 'Status', 'Reason', 'Message', 'Changed'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, o.conditions.map((c) => h('tr', {}, h('td', {}, c.type), h('td', {}, badge(c.status, c.type)), h('td', {}, c.reason), h('td', {}, c.message), h('td', {}, when(c.lastTransitionTime))))))),
      ...(o.history.length ? [h('h2', {}, 'Helm history'), h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, ['Version', 'Chart', 'Status', 'Deployed'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, o.history.map((r) => h('tr', {}, h('td', {}, r.version), h('td', {}, `${r.chartName} ${r.chartVersion}`), h('td', {}, r.status), h('td', {}, when(r.lastDeployed)))))))] : []),
      h('h2', {}, 'Inventory'),
      data.tree && data.tree.children.length ? h('ul', { class: 'tree' }, data.tree.children.map(tree)) : h('p', { class: 'muted' }, 'No inventory.'),
      h('h2', {}, 'Recent events'),
      events.length ? h('ul', {}, events.map((e) => h('li', {}, `${when(e.time)} ${e.type} ${e.reason}: ${e.message}`))) : h('p', { class: 'muted' }, 'No events.'));
  }

  load();
  return { refresh: (changes) => { if (changes.some((c) => c.scope === 'infrastructure' && c.name === name)) load(); } };
}
