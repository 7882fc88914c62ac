// The infrastructure layer as a DAG: each object in the column of its dependsOn depth, edges from a
// dependency to its dependents, drawn as SVG. HelmReleases join the graph through their own dependsOn.
import { svg, h } from './dom.js';

const W = 200, H = 58, GX = 60, GY = 16;

export function layers(objects) {
  const key = (r) => `${r.kind}/${r.namespace}/${r.name}`;
  const byKey = new Map(objects.map((o) => [key(o.ref), o]));
  const depth = new Map();
  const visit = (o, seen) => {
    const k = key(o.ref);
    if (depth.has(k)) return depth.get(k);
    if (seen.has(k)) return 0; // a cycle: the reconciler reports it; draw it flat
    seen.add(k);
    let d = 0;
    for (const dep of o.dependsOn ?? []) {
      const target = byKey.get(key({ ...dep, kind: dep.kind || o.ref.kind, namespace: dep.namespace || o.ref.namespace }));
      if (target) d = Math.max(d, visit(target, seen) + 1);
    }
    depth.set(k, d);
    return d;
  };
  objects.forEach((o) => visit(o, new Set()));
  return { depth, key, byKey };
}

function state(o) {
  if (o.suspended) return 'off';
  if (o.ready === 'True') return 'ok';
  if (o.ready === 'False') return 'bad';
  return 'warn';
}

export function renderDag(objects) {
  if (objects.length === 0) return h('p', { class: 'muted' }, 'No Kustomizations or HelmReleases.');
  const { depth, key, byKey } = layers(objects);
  const columns = [];
  for (const o of objects) {
    const d = depth.get(key(o.ref));
    (columns[d] ??= []).push(o);
  }
  columns.forEach((c) => c.sort((a, b) => a.ref.name.localeCompare(b.ref.name)));
  const pos = new Map();
  columns.forEach((column, x) => column.forEach((o, y) => pos.set(key(o.ref), { x: 10 + x * (W + GX), y: 10 + y * (H + GY) })));
  const width = 20 + columns.length * (W + GX) - GX;
  const height = 20 + Math.max(...columns.map((c) => c.length)) * (H + GY) - GY;
  const root = svg('svg', { class: 'dag', viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', 'aria-label': `Infrastructure dependency graph with ${objects.length} objects` });
  for (const o of objects) {
    for (const dep of o.dependsOn ?? []) {
      const from = pos.get(key({ ...dep, kind: dep.kind || o.ref.kind, namespace: dep.namespace || o.ref.namespace }));
      const to = pos.get(key(o.ref));
      if (!from || !to || !byKey.size) continue;
      const x1 = from.x + W, y1 = from.y + H / 2, x2 = to.x, y2 = to.y + H / 2;
      root.append(svg('path', { class: 'edge', d: `M${x1},${y1} C${x1 + GX / 2},${y1} ${x2 - GX / 2},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' }));
    }
  }
  root.prepend(svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: '9', refY: '5', markerWidth: '6', markerHeight: '6', orient: 'auto-start-reverse' },
    svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'edge' }))));
  for (const o of objects) {
    const p = pos.get(key(o.ref));
    const status = o.suspended ? 'Suspended' : o.ready === 'True' ? 'Ready' : o.ready === 'False' ? 'Not ready' : 'Unknown';
    const title = `${o.ref.kind} ${o.ref.namespace}/${o.ref.name}: ${status}. ${o.message}`;
    const anchor = svg('a', { href: `/ui/flux/${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`, 'data-link': '', 'aria-label': title },
      svg('g', { class: `node ${state(o)}`, transform: `translate(${p.x},${p.y})`, 'data-node': `${o.ref.kind}/${o.ref.namespace}/${o.ref.name}`, 'data-ready': o.ready, 'data-suspended': String(o.suspended) },
        svg('title', {}, title),
        svg('rect', { width: W, height: H, rx: 6 }),
        svg('text', { x: 8, y: 18 }, `${o.ref.kind === 'HelmRelease' ? '⎈ ' : ''}${o.ref.name}`),
        svg('text', { x: 8, y: 34, class: 'sub' }, `${status}${o.suspended ? '' : ` · ${o.reason || ''}`}`.slice(0, 34)),
        svg('text', { x: 8, y: 49, class: 'sub' }, (o.revision || o.lastAttemptedRevision || '').replace(/sha1:([0-9a-f]{7})[0-9a-f]*/, 'sha1:$1').slice(0, 34))));
    root.append(anchor);
  }
  return h('div', { class: 'dag-wrap' }, root);
}
