// docker-debug's web page: a static bundle that talks to `docker-debug serve`, either the one
// that served it (its URL carries a one-time code, traded once for the token) or one at an
// address the user gives, with its token (another origin, allowed by `serve --allow-origin`).
// The token lives in this tab's sessionStorage and goes in a header: never in a cookie (a
// cookie of 127.0.0.1 goes to every port of it) nor in a URL. No framework, no build step.
'use strict';

(() => {
  const $ = (id) => document.getElementById(id);
  const api = { base: '', token: null };
  const state = { engine: null, containers: [], defaults: {}, poll: 0, watch: null };
  const terminals = new Map(); // tab id -> {term, ws, fit, sessionId, panel, tab}
  window.dockerDebug = { terminals, api }; // for the browser tests

  // ---- the server -------------------------------------------------------------------------
  async function call(method, path, body, signal) {
    const headers = {};
    if (api.token) headers['Authorization'] = 'token ' + api.token;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(api.base + '/api/v1' + path, {
      method, headers, signal, body: body === undefined ? undefined : JSON.stringify(body),
      credentials: 'omit', cache: 'no-store',
    });
    const data = await res.json().catch(() => ({ code: 125, message: res.statusText }));
    if (!res.ok) {
      const e = new Error(data.message || res.statusText);
      e.status = res.status;
      throw e;
    }
    return data;
  }

  function banner(message) {
    const b = $('banner');
    b.textContent = message || '';
    b.hidden = !message;
  }

  function status(text) { $('status').textContent = text; }

  // ---- connecting -------------------------------------------------------------------------
  async function start() {
    const saved = sessionStorage.getItem('docker-debug-server');
    if (saved) Object.assign(api, JSON.parse(saved));
    // serve's URL: #code=… (a fragment: no server ever receives it). Out of the address bar
    // (and so out of the history entry) at once, then traded once for the token.
    const code = new URLSearchParams(location.hash.slice(1)).get('code');
    if (code !== null) {
      history.replaceState(null, '', location.pathname);
      const previous = { ...api };
      Object.assign(api, { base: '', token: null }); // the server that served this page
      try {
        api.token = (await call('POST', '/auth/code', { code })).token;
        sessionStorage.setItem('docker-debug-server', JSON.stringify(api));
      } catch (e) {
        Object.assign(api, previous);
        banner(e.message);
      }
    }
    if (api.token) {
      try { await call('GET', '/version'); return connected(); } catch (e) { banner(e.message); }
    }
    askForServer();
  }

  function askForServer() {
    $('this-origin').textContent = location.origin;
    $('server').value = api.base || (location.protocol.startsWith('http') ? location.origin : '');
    $('connect').hidden = false;
    $('app').hidden = true;
    $('server').focus();
  }

  $('connect-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    api.base = $('server').value.trim().replace(/\/+$/, '');
    api.token = $('token').value.trim();
    try {
      await call('GET', '/version');
      sessionStorage.setItem('docker-debug-server', JSON.stringify(api));
      banner('');
      connected();
    } catch (e) {
      banner('cannot connect: ' + e.message);
    }
  });

  async function connected() {
    $('connect').hidden = true;
    $('app').hidden = false;
    $('engine-label').hidden = false;
    const [{ engines }, defaults, { version }] = await Promise.all([
      call('GET', '/engines'), call('GET', '/defaults'), call('GET', '/version')]);
    state.defaults = defaults;
    status('docker-debug ' + version);
    const sel = $('engine');
    sel.replaceChildren(...engines.map((e) => new Option(e.name + ' (' + e.host + ')', e.name)));
    sel.onchange = () => chooseEngine(sel.value);
    chooseEngine(engines[0].name);
    $('filter').focus();
  }

  function chooseEngine(name) {
    state.engine = name;
    state.poll++;
    if (state.watch) state.watch.abort(); // the previous engine's stream
    state.watch = new AbortController();
    watchContainers(state.poll);
    loadSidecars();
  }

  // ---- containers, refreshed live: the server pushes the list after each engine event -------
  // Server-sent events read with fetch (not EventSource), so that a page of another origin can
  // send its token in the Authorization header.
  async function watchContainers(generation) {
    while (generation === state.poll) {
      try {
        await followContainers(generation);
      } catch (e) {
        if (generation !== state.poll) return;
        banner(e.status === 401 ? 'the token is no longer valid: open a new URL of docker-debug serve (Enter on its terminal)'
          : 'engine unreachable: ' + e.message);
      }
      if (generation !== state.poll) return;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }

  async function followContainers(generation) {
    const headers = { Accept: 'text/event-stream' };
    if (api.token) headers['Authorization'] = 'token ' + api.token;
    const res = await fetch(api.base + '/api/v1/engines/' + encodeURIComponent(state.engine) + '/containers/events', {
      headers, credentials: 'omit', cache: 'no-store', signal: state.watch.signal,
    });
    if (!res.ok) {
      const data = await res.json().catch(() => ({ message: res.statusText }));
      const e = new Error(data.message || res.statusText);
      e.status = res.status;
      throw e;
    }
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new Error('the server ended the container list');
        if (generation !== state.poll) return;
        buffer += value;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          serverEvent(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } finally {
      reader.cancel().catch(() => {});
    }
  }

  /** One server-sent event: "event: NAME" and "data: JSON" lines; comments keep the stream open. */
  function serverEvent(text) {
    let name = 'message';
    let data = '';
    for (const line of text.split('\n')) {
      if (line.startsWith('event: ')) name = line.slice(7);
      else if (line.startsWith('data: ')) data += line.slice(6);
    }
    if (name === 'containers') {
      state.containers = JSON.parse(data).containers;
      banner('');
      renderContainers();
    } else if (name === 'error') {
      throw new Error(JSON.parse(data).message);
    }
  }

  function age(seconds) {
    const s = Math.max(0, Date.now() / 1000 - seconds);
    if (s < 60) return Math.floor(s) + ' s ago';
    if (s < 3600) return Math.floor(s / 60) + ' min ago';
    if (s < 86400) return Math.floor(s / 3600) + ' h ago';
    return Math.floor(s / 86400) + ' days ago';
  }

  function cell(text, cls) {
    const td = document.createElement('td');
    td.textContent = text;
    if (cls) td.className = cls;
    return td;
  }

  function renderContainers() {
    const words = $('filter').value.toLowerCase().split(/\s+/).filter(Boolean);
    const all = $('show-all').checked;
    const rows = state.containers
      .filter((c) => all || c.state === 'running')
      .filter((c) => words.every((w) => (c.name + ' ' + c.image + ' ' + c.id).toLowerCase().includes(w)))
      .sort((a, b) => (a.name || '').localeCompare(b.name || ''))
      .map((c) => {
        const tr = document.createElement('tr');
        tr.dataset.name = c.name;
        const b = document.createElement('button');
        b.textContent = 'Debug';
        b.disabled = c.state !== 'running';
        b.setAttribute('aria-label', 'Debug ' + c.name);
        b.onclick = () => openDialog(c.name);
        const actions = cell('', 'actions');
        actions.append(b);
        tr.append(cell(c.name), cell(c.image, 'muted'), cell(c.status), cell(age(c.created), 'muted'), actions);
        return tr;
      });
    $('containers').tBodies[0].replaceChildren(...rows);
  }
  $('filter').addEventListener('input', renderContainers);
  $('show-all').addEventListener('change', renderContainers);

  // ---- sidecars ---------------------------------------------------------------------------
  async function loadSidecars() {
    try {
      const { sidecars } = await call('GET', '/engines/' + encodeURIComponent(state.engine) + '/sidecars');
      const rows = sidecars.map((s) => {
        const tr = document.createElement('tr');
        tr.dataset.id = s.id;
        const b = document.createElement('button');
        b.textContent = 'Remove';
        b.setAttribute('aria-label', 'Remove sidecar ' + s.id.slice(0, 12));
        b.onclick = async () => {
          try {
            await call('DELETE', '/engines/' + encodeURIComponent(state.engine) + '/sidecars/' + s.id);
          } catch (e) { banner(e.message); }
          loadSidecars();
        };
        const actions = cell('', 'actions');
        actions.append(b);
        tr.append(cell(s.id.slice(0, 12)), cell(s.targetName), cell(s.image, 'muted'),
          cell(s.kept ? 'kept' : 'session'), cell(s.status), actions);
        return tr;
      });
      $('sidecars').tBodies[0].replaceChildren(...rows);
    } catch (e) { banner(e.message); }
  }
  $('refresh-sidecars').onclick = loadSidecars;
  $('prune').onclick = async () => {
    try {
      const { removed } = await call('POST', '/engines/' + encodeURIComponent(state.engine) + '/sidecars/prune', {});
      status('pruned ' + removed.length + ' sidecar(s)');
    } catch (e) { banner(e.message); }
    loadSidecars();
  };

  // ---- view tabs (arrow keys move between them) ---------------------------------------------
  function tabList(list, onSelect) {
    list.addEventListener('keydown', (ev) => {
      const tabs = [...list.querySelectorAll('[role=tab]')];
      const i = tabs.indexOf(document.activeElement);
      if (i < 0) return;
      let j = null;
      if (ev.key === 'ArrowRight') j = (i + 1) % tabs.length;
      if (ev.key === 'ArrowLeft') j = (i - 1 + tabs.length) % tabs.length;
      if (j !== null) { ev.preventDefault(); tabs[j].focus(); onSelect(tabs[j]); }
    });
  }
  function selectView(tab) {
    for (const t of document.querySelectorAll('nav[role=tablist] [role=tab]')) {
      const on = t === tab;
      t.setAttribute('aria-selected', on);
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    }
    if (tab.id === 'tab-sidecars') loadSidecars();
  }
  for (const t of document.querySelectorAll('nav[role=tablist] [role=tab]')) t.onclick = () => selectView(t);
  tabList($('tabs'), selectView);
  document.addEventListener('keydown', (ev) => {
    if (ev.key === '/' && !ev.target.closest('input, .xterm, dialog')) { ev.preventDefault(); $('filter').focus(); }
  });

  // ---- the debug dialog -------------------------------------------------------------------
  function openDialog(target) {
    $('debug-target').textContent = target;
    $('debug-dialog').dataset.target = target;
    $('opt-image').value = $('opt-image').value || state.defaults.image || '';
    $('opt-shell').value = $('opt-shell').value || state.defaults.command || '';
    $('debug-dialog').showModal();
    $('opt-image').focus();
  }
  $('debug-dialog').addEventListener('close', () => {
    if ($('debug-dialog').returnValue !== 'start') return;
    const caps = $('opt-caps').value.split(/[\s,]+/).filter(Boolean);
    const body = { target: $('debug-dialog').dataset.target, image: $('opt-image').value.trim(),
      privileged: $('opt-privileged').checked, keep: $('opt-keep').checked, capAdd: caps };
    if ($('opt-shell').value.trim()) body.shell = $('opt-shell').value.trim();
    if ($('opt-user').value.trim()) body.user = $('opt-user').value.trim();
    openTerminal(body);
  });

  // ---- terminals in tabs --------------------------------------------------------------------
  let nextTab = 1;
  const encoder = new TextEncoder();

  function termTheme() {
    const css = getComputedStyle(document.documentElement);
    return { background: css.getPropertyValue('--term-bg').trim(), foreground: css.getPropertyValue('--term-fg').trim(),
      cursor: css.getPropertyValue('--accent').trim() };
  }

  function selectTerminal(id) {
    for (const [tid, t] of terminals) {
      const on = tid === id;
      t.tab.setAttribute('aria-selected', on);
      t.tab.tabIndex = on ? 0 : -1;
      t.panel.hidden = !on;
      if (on) { t.fit.fit(); t.term.focus(); }
    }
  }

  async function openTerminal(body) {
    const id = 't' + nextTab++;
    $('terminals').hidden = false;
    $('app').classList.add('compact');
    const tab = document.createElement('button');
    tab.setAttribute('role', 'tab');
    tab.id = 'term-tab-' + id;
    tab.dataset.id = id;
    const label = document.createElement('span');
    label.textContent = body.target;
    const close = document.createElement('span');
    close.className = 'close';
    close.textContent = '×';
    close.setAttribute('role', 'button');
    close.setAttribute('aria-label', 'Close terminal ' + body.target);
    close.onclick = (ev) => { ev.stopPropagation(); closeTerminal(id); };
    tab.append(label, close);
    tab.onclick = () => selectTerminal(id);
    tab.addEventListener('keydown', (ev) => { if (ev.key === 'Delete') closeTerminal(id); });
    $('term-tabs').append(tab);
    const panel = document.createElement('div');
    panel.className = 'term-panel';
    panel.id = 'term-panel-' + id;
    panel.setAttribute('role', 'tabpanel');
    panel.dataset.state = 'starting';
    const info = document.createElement('div');
    info.className = 'term-state';
    info.textContent = 'starting a sidecar for ' + body.target + ' ...';
    const box = document.createElement('div');
    box.className = 'term-box';
    panel.append(info, box);
    $('term-panels').append(panel);
    const term = new Terminal({ cursorBlink: true, fontFamily: '"DejaVu Sans Mono", monospace', fontSize: 14,
      theme: termTheme(), scrollback: 5000 });
    const fit = new FitAddon.FitAddon();
    term.loadAddon(fit);
    term.open(box);
    const t = { term, fit, tab, panel, info, ws: null, sessionId: null, ended: false };
    terminals.set(id, t);
    selectTerminal(id);
    fit.fit();
    try {
      const s = await call('POST', '/engines/' + encodeURIComponent(state.engine) + '/sessions', body);
      t.sessionId = s.id;
      if (!terminals.has(id)) { call('DELETE', '/sessions/' + s.id).catch(() => {}); return; }
      connectTerminal(t, s);
    } catch (e) {
      t.ended = true;
      info.textContent = e.message;
      info.classList.add('bad');
    }
  }

  function connectTerminal(t, s) {
    const base = api.base || location.origin;
    const url = base.replace(/^http/, 'ws') + s.terminal + '?cols=' + t.term.cols + '&rows=' + t.term.rows;
    const protocols = ['docker-debug.v1'];
    if (api.token) protocols.push('docker-debug.token.' + api.token);
    const ws = new WebSocket(url, protocols);
    ws.binaryType = 'arraybuffer';
    t.ws = ws;
    ws.onopen = () => {
      t.panel.dataset.state = 'open';
      for (const d of early.splice(0)) ws.send(d);
      t.info.textContent = s.target + ' — sidecar ' + s.sidecar.slice(0, 12);
      t.term.focus();
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') {
        t.term.write(new Uint8Array(ev.data));
        return;
      }
      const m = JSON.parse(ev.data);
      if (m.type === 'exit') {
        t.ended = true;
        t.panel.dataset.state = 'ended';
        t.info.textContent = s.target + ' — exited with code ' + m.code;
        t.tab.classList.add('ended');
      } else if (m.type === 'error') {
        t.ended = true;
        t.panel.dataset.state = 'ended';
        t.info.textContent = m.message;
        t.info.classList.add('bad');
      }
    };
    ws.onclose = (ev) => {
      if (!t.ended) {
        t.info.textContent = 'disconnected' + (ev.reason ? ': ' + ev.reason : '') + ' (code ' + ev.code + ')';
        t.info.classList.add('bad');
      }
    };
    // Keys typed while the websocket opens are sent once it is open.
    const early = [];
    const send = (data) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(data);
      else if (ws.readyState === WebSocket.CONNECTING) early.push(data);
    };
    t.term.onData((d) => send(encoder.encode(d)));
    t.term.onBinary((d) => send(Uint8Array.from(d, (c) => c.charCodeAt(0))));
    t.term.onResize(({ cols, rows }) => send(JSON.stringify({ type: 'resize', cols, rows })));
  }

  function closeTerminal(id) {
    const t = terminals.get(id);
    if (!t) return;
    terminals.delete(id);
    if (t.ws) t.ws.close(1000, 'tab closed');
    else if (t.sessionId) call('DELETE', '/sessions/' + t.sessionId).catch(() => {});
    t.term.dispose();
    t.tab.remove();
    t.panel.remove();
    const rest = [...terminals.keys()];
    if (rest.length) selectTerminal(rest[rest.length - 1]);
    else { $('terminals').hidden = true; $('app').classList.remove('compact'); $('filter').focus(); }
  }

  tabList($('term-tabs'), (tab) => selectTerminal(tab.dataset.id));
  new ResizeObserver(() => {
    for (const t of terminals.values()) if (!t.panel.hidden) t.fit.fit();
  }).observe($('term-panels'));
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
    for (const t of terminals.values()) t.term.options.theme = termTheme();
  });

  start();
})();
