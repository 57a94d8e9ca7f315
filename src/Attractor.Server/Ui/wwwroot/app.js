// Copyright (c) Attractor.Build contributors. Licensed under the MIT License.
// The attractor serve UI: plain JavaScript, no build step. Everything from the server is inserted as text
// (textContent), never as markup; the Graphviz SVG is parsed and stripped of anything active first.
'use strict';

const $ = (id) => document.getElementById(id);
const SVG_NS = 'http://www.w3.org/2000/svg';
const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'interrupted']);

const state = {
  runId: null,
  stream: null,        // AbortController of the open event stream
  lastEventId: null,
  status: null,
  nodes: {},           // node id -> state
  questions: new Map(),
  tab: 'timeline',
  refreshTimer: null,
};

// ---------- HTTP ----------

class HttpError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

async function api(path, options = {}) {
  const init = { credentials: 'same-origin', ...options, headers: { ...(options.headers || {}) } };
  if (options.json !== undefined) {
    init.method = init.method || 'POST';
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    showLogin();
    throw new HttpError(401, 'this server needs its token');
  }
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('application/json') ? await response.json() : await response.text();
  if (!response.ok) {
    throw new HttpError(response.status, (body && body.error) || `${response.status} ${response.statusText}`);
  }
  return body;
}

const runPath = (id, rest = '') => `/pipelines/${encodeURIComponent(id)}${rest}`;

// ---------- login (only when the server requires its token) ----------

function showLogin() { $('login').hidden = false; $('login-token').focus(); }

$('login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const token = $('login-token').value.trim();
  const response = await fetch('/session', { method: 'POST', headers: { Authorization: `Bearer ${token}` }, credentials: 'same-origin' });
  if (response.status === 204) {
    $('login-token').value = '';
    $('login').hidden = true;
    $('login-error').textContent = '';
    await loadBackends();
    await refreshRuns();
    route();
  } else {
    $('login-error').textContent = 'That is not the token of this server.';
  }
});

// ---------- runs list and submission ----------

async function refreshRuns() {
  let list;
  try { list = await api('/pipelines'); } catch { return; }
  const ul = $('runs');
  ul.replaceChildren(...list.pipelines.map((run) => {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = `#/runs/${encodeURIComponent(run.id)}`;
    a.dataset.runId = run.id;
    if (run.id === state.runId) a.classList.add('selected');
    const title = document.createElement('span');
    title.className = 'run-title';
    title.textContent = run.name;
    title.title = run.id;
    const status = document.createElement('span');
    status.className = `status ${run.status}`;
    status.textContent = run.status;
    a.append(title, status);
    li.append(a);
    return li;
  }));
}

$('submit-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const source = $('dot-source').value;
  const path = $('dot-path').value.trim();
  const body = { backend: $('backend').value, gates: $('gates').value };
  if (path) body.path = path; else body.source = source;
  $('submit-error').textContent = '';
  $('start').disabled = true;
  try {
    const created = await api('/pipelines', { json: body });
    location.hash = `#/runs/${encodeURIComponent(created.id)}`;
    refreshRuns();
  } catch (error) {
    $('submit-error').textContent = error.message;
  } finally {
    $('start').disabled = false;
  }
});

// ---------- one run ----------

function route() {
  const match = /^#\/runs\/(.+)$/.exec(location.hash);
  const id = match ? decodeURIComponent(match[1]) : null;
  if (id !== state.runId) openRun(id);
}

async function openRun(id) {
  if (state.stream) state.stream.abort();
  Object.assign(state, { runId: id, stream: null, lastEventId: null, status: null, nodes: {}, questions: new Map() });
  document.querySelectorAll('#runs a').forEach((a) => a.classList.toggle('selected', a.dataset.runId === id));
  $('empty').hidden = id !== null;
  $('run').hidden = id === null;
  if (id === null) return;

  $('timeline').replaceChildren();
  $('questions').replaceChildren();
  $('graph').replaceChildren();
  $('run-error').textContent = '';
  $('run-id').textContent = id;
  let detail;
  try {
    detail = await api(runPath(id));
  } catch (error) {
    $('run-name').textContent = 'Run not found';
    $('run-error').textContent = error.message;
    return;
  }
  if (state.runId !== id) return;
  $('run-name').textContent = detail.run.name;
  for (const node of detail.nodes) state.nodes[node.id] = node.state;
  renderStages(detail);
  setStatus(detail.run);
  await drawGraph(id, detail);
  connect(id);
  refreshTab();
}

function setStatus(run) {
  state.status = run.status;
  const badge = $('run-status');
  badge.textContent = run.status;
  badge.className = `status ${run.status}`;
  $('cancel').hidden = !(run.status === 'running' || run.status === 'waiting');
  $('resume').hidden = !(run.status === 'cancelled' || run.status === 'interrupted' || run.status === 'failed');
  $('run-error').textContent = run.error ? `failure: ${run.error}` : '';
}

$('cancel').addEventListener('click', () => post(runPath(state.runId, '/cancel')));
$('resume').addEventListener('click', () => post(runPath(state.runId, '/resume')));

async function post(path) {
  try { await api(path, { json: {} }); } catch (error) { $('run-error').textContent = error.message; }
}

// ---------- event stream (fetch-based: it carries the cookie, and reconnects with Last-Event-ID) ----------

function connect(id) {
  const controller = new AbortController();
  state.stream = controller;
  const run = async () => {
    let delay = 500;
    while (!controller.signal.aborted && state.runId === id) {
      try {
        const headers = state.lastEventId ? { 'Last-Event-ID': state.lastEventId } : {};
        const response = await fetch(runPath(id, '/events'), { headers, signal: controller.signal, credentials: 'same-origin' });
        if (response.status === 401) { showLogin(); return; }
        if (!response.ok) throw new Error(`${response.status}`);
        $('connection').className = 'connection live';
        delay = 500;
        await readStream(response.body, controller.signal);
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      $('connection').className = 'connection lost';
      await new Promise((resolve) => setTimeout(resolve, delay));
      delay = Math.min(delay * 2, 5000);
    }
  };
  run();
}

async function readStream(body, signal) {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  let frame = { id: null, event: 'message', data: [] };
  while (!signal.aborted) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += decoder.decode(value, { stream: true });
    let newline;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const line = buffer.slice(0, newline).replace(/\r$/, '');
      buffer = buffer.slice(newline + 1);
      if (line === '') {
        if (frame.data.length) dispatch(frame);
        frame = { id: null, event: 'message', data: [] };
      } else if (!line.startsWith(':')) {
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'id') frame.id = text;
        else if (field === 'event') frame.event = text;
        else if (field === 'data') frame.data.push(text);
      }
    }
  }
}

function dispatch(frame) {
  let data;
  try { data = JSON.parse(frame.data.join('\n')); } catch { return; }
  if (frame.id) state.lastEventId = frame.id;
  switch (frame.event) {
    case 'message': onEngineEvent(frame.id, data); break;
    case 'status': setStatus(data); refreshRuns(); if (TERMINAL.has(data.status)) scheduleRefresh(); break;
    case 'nodes': for (const [node, value] of Object.entries(data.nodes)) setNodeState(node, value); break;
    case 'node': setNodeState(data.node, data.state); break;
    case 'question': addQuestion(data); break;
    case 'question_closed': removeQuestion(data.id); break;
  }
}

function onEngineEvent(id, event) {
  const li = document.createElement('li');
  li.dataset.eventId = id;
  li.dataset.type = event.type;
  const time = document.createElement('span');
  time.className = 'time';
  time.textContent = event.timestamp ? new Date(event.timestamp).toLocaleTimeString() : '';
  const text = document.createElement('span');
  text.textContent = describe(event);
  if (event.type === 'pipeline_failed' || event.type === 'stage_failed') li.className = 'bad';
  if (event.type === 'pipeline_completed') li.className = 'good';
  li.append(time, text);
  const list = $('timeline');
  const atEnd = list.scrollTop + list.clientHeight >= list.scrollHeight - 4;
  list.append(li);
  if (atEnd) list.scrollTop = list.scrollHeight;
  if (['stage_completed', 'stage_failed', 'checkpoint_saved', 'pipeline_completed', 'pipeline_failed'].includes(event.type)) scheduleRefresh();
}

function seconds(duration) {
  // TimeSpan as .NET writes it: [d.]hh:mm:ss[.fffffff]
  const match = /^(?:(\d+)\.)?(\d+):(\d+):(\d+(?:\.\d+)?)$/.exec(duration || '');
  if (!match) return '';
  const total = (+(match[1] || 0)) * 86400 + (+match[2]) * 3600 + (+match[3]) * 60 + (+match[4]);
  return `${total.toFixed(1)}s`;
}

function describe(e) {
  switch (e.type) {
    case 'pipeline_started': return `Pipeline ${e.name} started`;
    case 'pipeline_completed': return `Pipeline completed in ${seconds(e.duration)}`;
    case 'pipeline_failed': return `Pipeline failed after ${seconds(e.duration)}: ${e.error}`;
    case 'stage_started': return `Stage ${e.name} started`;
    case 'stage_completed': return `Stage ${e.name} completed in ${seconds(e.duration)}`;
    case 'stage_failed': return `Stage ${e.name} failed: ${e.error}${e.will_retry ? ' (will retry)' : ''}`;
    case 'stage_retrying': return `Stage ${e.name} retrying (attempt ${e.attempt})`;
    case 'parallel_started': return `Parallel block started (${e.branch_count} branches)`;
    case 'parallel_branch_started': return `Branch ${e.branch} started`;
    case 'parallel_branch_completed': return `Branch ${e.branch} ${e.success ? 'succeeded' : 'failed'}`;
    case 'parallel_completed': return `Parallel block done: ${e.success_count} succeeded, ${e.failure_count} failed`;
    case 'interview_started': return `Waiting for a human at ${e.stage}: ${e.question}`;
    case 'interview_completed': return `Human answered "${e.answer}"`;
    case 'interview_timeout': return `Nobody answered at ${e.stage} in time`;
    case 'checkpoint_saved': return `Checkpoint saved after ${e.node_id}`;
    default: return e.type;
  }
}

// ---------- questions ----------

function addQuestion(q) {
  if (state.questions.has(q.id)) return;
  const card = document.createElement('div');
  card.className = 'question';
  card.dataset.questionId = q.id;
  const text = document.createElement('div');
  text.className = 'text';
  text.textContent = q.text;
  const meta = document.createElement('div');
  meta.className = 'muted';
  meta.textContent = `at ${q.stage}` + (q.timeout_seconds ? ` · times out after ${q.timeout_seconds}s` : '');
  const error = document.createElement('p');
  error.className = 'error';
  const send = async (answer) => {
    error.textContent = '';
    card.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      await api(runPath(state.runId, `/questions/${encodeURIComponent(q.id)}/answer`), { json: answer });
      removeQuestion(q.id);
    } catch (e) {
      error.textContent = e.message;
      card.querySelectorAll('button').forEach((b) => { b.disabled = false; });
    }
  };
  const choices = document.createElement('div');
  choices.className = 'choices';
  const button = (label, answer, cls) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    if (cls) b.className = cls;
    b.addEventListener('click', () => send(typeof answer === 'function' ? answer() : answer));
    return b;
  };
  card.append(text, meta);
  if (q.type === 'MULTIPLE_CHOICE') {
    for (const option of q.options) {
      const b = button(option.label, { option: option.key });
      b.dataset.optionKey = option.key;
      choices.append(b);
    }
  } else if (q.type === 'MULTI_SELECT') {
    const boxes = q.options.map((option) => {
      const label = document.createElement('label');
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = option.key;
      label.append(box, ` ${option.label}`);
      card.append(label);
      return box;
    });
    choices.append(button('Submit', () => ({ options: boxes.filter((b) => b.checked).map((b) => b.value) })));
  } else if (q.type === 'YES_NO' || q.type === 'CONFIRMATION') {
    choices.append(button(q.type === 'CONFIRMATION' ? 'Confirm' : 'Yes', { value: 'yes' }), button(q.type === 'CONFIRMATION' ? 'Decline' : 'No', { value: 'no' }, 'secondary'));
  } else {
    const input = document.createElement('textarea');
    input.rows = 3;
    input.setAttribute('aria-label', 'answer');
    card.append(input);
    choices.append(button('Send', () => ({ text: input.value })));
  }
  choices.append(button('Skip', { value: 'skip' }, 'secondary'));
  card.append(choices, error);
  state.questions.set(q.id, card);
  $('questions').append(card);
}

function removeQuestion(id) {
  const card = state.questions.get(id);
  if (card) card.remove();
  state.questions.delete(id);
}

// ---------- graph ----------

async function drawGraph(id, detail) {
  const holder = $('graph');
  try {
    const response = await fetch(runPath(id, '/graph'), { credentials: 'same-origin' });
    if (response.ok) {
      const svg = sanitizeSvg(await response.text());
      if (svg && state.runId === id) {
        holder.replaceChildren(svg);
        holder.dataset.renderer = 'graphviz';
        applyNodeStates();
        return;
      }
    }
  } catch { /* drawn below */ }
  if (state.runId !== id) return;
  holder.replaceChildren(drawLayered(detail.nodes, detail.edges));
  holder.dataset.renderer = 'browser';
  applyNodeStates();
}

function sanitizeSvg(text) {
  const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
  const root = doc.documentElement;
  if (!root || root.localName !== 'svg' || doc.querySelector('parsererror')) return null;
  root.querySelectorAll('script, foreignObject, iframe, object, embed').forEach((e) => e.remove());
  for (const element of [root, ...root.querySelectorAll('*')]) {
    for (const attribute of [...element.attributes]) {
      const name = attribute.name.toLowerCase();
      if (name.startsWith('on') || ((name === 'href' || name === 'xlink:href') && !attribute.value.startsWith('#'))) {
        element.removeAttribute(attribute.name);
      }
    }
  }
  return document.importNode(root, true);
}

function nodeGroups() {
  const groups = new Map();
  $('graph').querySelectorAll('g.node').forEach((g) => {
    const title = g.querySelector('title');
    if (title) groups.set(title.textContent, g);
  });
  return groups;
}

function setNodeState(node, value) {
  state.nodes[node] = value;
  const g = nodeGroups().get(node);
  if (g) applyClass(g, value);
  const cell = document.querySelector(`#stages td.state[data-node="${CSS.escape(node)}"]`);
  if (cell) cell.textContent = value;
}

function applyNodeStates() {
  for (const [node, g] of nodeGroups()) applyClass(g, state.nodes[node] || 'pending');
}

function applyClass(g, value) {
  for (const cls of [...g.classList]) if (cls.startsWith('state-')) g.classList.remove(cls);
  g.classList.add(`state-${value}`);
  g.dataset.state = value;
}

// Without Graphviz on the server: a layered drawing (rank = longest path from the start, ignoring back edges).
function drawLayered(nodes, edges) {
  const ids = nodes.map((n) => n.id);
  const outgoing = new Map(ids.map((id) => [id, []]));
  for (const e of edges) if (outgoing.has(e.from) && outgoing.has(e.to)) outgoing.get(e.from).push(e.to);
  const start = nodes.find((n) => n.shape === 'Mdiamond') || nodes[0];
  const rank = new Map();
  const visiting = new Set();
  const back = new Set();
  const visit = (id, depth) => {
    if (visiting.has(id)) return;
    if ((rank.get(id) ?? -1) >= depth) return;
    rank.set(id, depth);
    visiting.add(id);
    for (const to of outgoing.get(id) || []) {
      if (visiting.has(to)) back.add(`${id}->${to}`); else visit(to, depth + 1);
    }
    visiting.delete(id);
  };
  if (start) visit(start.id, 0);
  let extra = Math.max(0, ...rank.values()) + 1;
  for (const id of ids) if (!rank.has(id)) rank.set(id, extra++);
  const rows = new Map();
  for (const id of ids) { const r = rank.get(id); if (!rows.has(r)) rows.set(r, []); rows.get(r).push(id); }
  const W = 150, H = 40, GX = 30, GY = 50;
  const widest = Math.max(...[...rows.values()].map((r) => r.length));
  const width = widest * (W + GX) + GX;
  const pos = new Map();
  for (const [r, row] of rows) {
    const offset = (width - row.length * (W + GX) + GX) / 2;
    row.forEach((id, i) => pos.set(id, { x: offset + i * (W + GX), y: GY / 2 + r * (H + GY) }));
  }
  const height = Math.max(...[...pos.values()].map((p) => p.y)) + H + GY / 2;
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('width', width);
  svg.setAttribute('class', 'drawn');
  const el = (name, attrs, parent) => {
    const e = document.createElementNS(SVG_NS, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    parent.append(e);
    return e;
  };
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#555' }, marker);
  for (const e of edges) {
    const a = pos.get(e.from), b = pos.get(e.to);
    if (!a || !b) continue;
    const g = el('g', { class: 'edge' }, svg);
    const x1 = a.x + W / 2, y1 = a.y + H, x2 = b.x + W / 2, y2 = b.y;
    const d = back.has(`${e.from}->${e.to}`) || y2 <= y1
      ? `M${a.x + W},${a.y + H / 2} C${a.x + W + 60},${a.y + H / 2} ${b.x + W + 60},${b.y + H / 2} ${b.x + W},${b.y + H / 2}`
      : `M${x1},${y1} L${x2},${y2}`;
    el('path', { d, 'marker-end': 'url(#arrow)' }, g);
    if (e.label) {
      const t = el('text', { x: (x1 + x2) / 2 + 6, y: (y1 + y2) / 2 }, g);
      t.textContent = e.label;
    }
  }
  for (const n of nodes) {
    const p = pos.get(n.id);
    const g = el('g', { class: 'node' }, svg);
    el('title', {}, g).textContent = n.id;
    if (n.shape === 'ellipse' || n.shape === 'oval' || n.shape === 'circle') {
      el('ellipse', { cx: p.x + W / 2, cy: p.y + H / 2, rx: W / 2, ry: H / 2, stroke: '#333', fill: '#fff' }, g);
    } else {
      el('rect', { x: p.x, y: p.y, width: W, height: H, rx: n.shape === 'Mdiamond' || n.shape === 'Msquare' ? 14 : 4, stroke: '#333', fill: '#fff' }, g);
    }
    const t = el('text', { x: p.x + W / 2, y: p.y + H / 2 + 4, 'text-anchor': 'middle' }, g);
    t.textContent = n.label.length > 22 ? `${n.label.slice(0, 21)}…` : n.label;
  }
  return svg;
}

// ---------- stages, checkpoint, context ----------

function renderStages(detail) {
  const rows = detail.nodes.map((node) => {
    const tr = document.createElement('tr');
    const name = document.createElement('td');
    name.textContent = node.label === node.id ? node.id : `${node.label} (${node.id})`;
    const type = document.createElement('td');
    type.textContent = node.type;
    const st = document.createElement('td');
    st.className = 'state';
    st.dataset.node = node.id;
    st.textContent = state.nodes[node.id] || node.state;
    const files = document.createElement('td');
    for (const file of node.files) {
      const a = document.createElement('a');
      a.href = runPath(detail.run.id, `/files/${encodeURIComponent(node.id)}/${encodeURIComponent(file)}`);
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = file;
      files.append(a);
    }
    tr.append(name, type, st, files);
    return tr;
  });
  $('stages').replaceChildren(...rows);
}

function scheduleRefresh() {
  clearTimeout(state.refreshTimer);
  state.refreshTimer = setTimeout(async () => {
    const id = state.runId;
    if (!id) return;
    try {
      const detail = await api(runPath(id));
      if (state.runId === id) renderStages(detail);
    } catch { /* shown on the next refresh */ }
    refreshTab();
  }, 250);
}

async function refreshTab() {
  const id = state.runId;
  if (!id) return;
  if (state.tab === 'checkpoint') {
    try { $('checkpoint').textContent = JSON.stringify(await api(runPath(id, '/checkpoint')), null, 2); }
    catch (error) { $('checkpoint').textContent = error.message; }
  } else if (state.tab === 'context') {
    try { $('context').textContent = JSON.stringify((await api(runPath(id, '/context'))).context, null, 2); }
    catch (error) { $('context').textContent = error.message; }
  }
}

document.querySelectorAll('.tabs button').forEach((button) => button.addEventListener('click', () => {
  state.tab = button.dataset.tab;
  document.querySelectorAll('.tabs button').forEach((b) => b.setAttribute('aria-selected', String(b === button)));
  document.querySelectorAll('.tab').forEach((tab) => { tab.hidden = tab.id !== `tab-${state.tab}`; });
  refreshTab();
}));

// ---------- start ----------

async function loadBackends() {
  try {
    const { backends, default: chosen } = await api('/backends');
    $('backend').replaceChildren(...backends.map((name) => {
      const option = document.createElement('option');
      option.value = name;
      option.textContent = name;
      option.selected = name === chosen;
      return option;
    }));
  } catch { /* keeps the built-in 'simulate' */ }
}

window.addEventListener('hashchange', route);
loadBackends();
refreshRuns().then(route);
setInterval(refreshRuns, 5000);
