// The classroom page of `gametheory serve`: plain JavaScript, no framework and no build step, so that the
// page works offline from the package's own files. Every number it shows comes from the server's exact
// JSON (strings such as "1/3"); the page only does exact arithmetic (BigInt fractions) to put a slider on
// its grid and to tell whether a value differs from its default (which decides what goes into the URL).
//
// Text that comes from a model file (titles, quotes, meanings, claims) is always set with textContent.
// The only markup inserted as HTML is what our own server renders from exact data: the payoff table
// (`/api/solve?format=html`) and the figures (SVG, parsed as XML and imported node by node).
'use strict';

(function () {
  const DEBOUNCE_MS = 150;  // a slider drag recomputes once it pauses this long
  const TYPING_MS = 600;    // a typed bimatrix is solved once the typing pauses this long
  const BUSY_RETRIES = 8;   // a 503 (the server's computations are all taken) is retried, for about 6 s in all
  const TYPED_EXAMPLE = 'Row: Cooperate Defect; Column: Cooperate Defect\n3,3 0,5\n5,0 1,1';
  // query keys the API reserves; every other key of the page's URL is a model parameter
  const RESERVED = new Set(['model', 'game', 'method', 'exact', 'float', 'format', 'max_cost', 'vary', 'margins',
    'prediction', 'no_assumptions', 'solution', 'disagreement', 'free_disposal', 'delta', 'first', 'kernel',
    'param']);

  // ---------------------------------------------------------------- exact fractions (BigInt)
  function gcd(a, b) {
    a = a < 0n ? -a : a;
    b = b < 0n ? -b : b;
    while (b) { [a, b] = [b, a % b]; }
    return a;
  }

  class Q {
    constructor(n, d = 1n) {
      if (d === 0n) throw new RangeError('zero denominator');
      if (d < 0n) { n = -n; d = -d; }
      const g = gcd(n, d) || 1n;
      this.n = n / g;
      this.d = d / g;
    }
    add(o) { return new Q(this.n * o.d + o.n * this.d, this.d * o.d); }
    sub(o) { return new Q(this.n * o.d - o.n * this.d, this.d * o.d); }
    mul(o) { return new Q(this.n * o.n, this.d * o.d); }
    div(o) { return new Q(this.n * o.d, this.d * o.n); }
    cmp(o) { const x = this.n * o.d - o.n * this.d; return x < 0n ? -1 : (x > 0n ? 1 : 0); }
    floor() { const q = this.n / this.d; return (this.n < 0n && q * this.d !== this.n) ? q - 1n : q; }
    toNumber() { return Number(this.n) / Number(this.d); }
    // the same text as Python's str(Fraction): "1/3", "-2", "0"
    toString() { return this.d === 1n ? String(this.n) : `${this.n}/${this.d}`; }
  }

  // An exact number as the toolkit reads one: an integer, a decimal (0.4, .5, 1e-3) or a fraction (1/2).
  // null when the text is none of these: the server is then the one that says what is wrong.
  function parseQ(text) {
    if (text === null || text === undefined) return null;
    const s = String(text).trim();
    let m = /^([+-]?\d+)\s*\/\s*([+-]?\d+)$/.exec(s);
    if (m) {
      const d = BigInt(m[2]);
      return d === 0n ? null : new Q(BigInt(m[1]), d);
    }
    m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(s);
    if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return null;
    const frac = m[3] || '';
    let q = new Q(BigInt((m[2] || '0') + frac), 10n ** BigInt(frac.length));
    if (m[4]) {
      const e = BigInt(m[4]);
      if (e > 400n || e < -400n) return null;
      q = e >= 0n ? q.mul(new Q(10n ** e)) : q.div(new Q(10n ** -e));
    }
    return m[1] === '-' ? new Q(-q.n, q.d) : q;
  }

  // The grid point lo + k*step nearest to x, kept inside [lo, hi] (hi itself when the grid stops short of it).
  function snap(x, lo, hi, step) {
    if (x.cmp(lo) <= 0) return lo;
    if (x.cmp(hi) >= 0) return hi;
    const k = x.sub(lo).div(step).add(new Q(1n, 2n)).floor();
    const v = lo.add(step.mul(new Q(k)));
    return v.cmp(hi) > 0 ? hi : v;
  }

  // ---------------------------------------------------------------- DOM helpers
  const $ = (id) => document.getElementById(id);

  function el(tag, props, children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props || {})) {
      if (v === undefined || v === null) continue;
      if (k === 'text') node.textContent = v;
      else if (k === 'class') node.className = v;
      else node.setAttribute(k, v);
    }
    for (const c of children || []) {
      if (c === null || c === undefined) continue;
      node.append(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return node;
  }

  function showCard(id, shown) { $(id).hidden = !shown; }

  // ---------------------------------------------------------------- the API
  class ApiError extends Error {
    constructor(message, status, hint) { super(message); this.status = status; this.hint = hint || ''; }
  }

  // Query text kept readable ("/", ",", ":" as they are, a space as "+"): a shared link reads
  // ?model=cfe_md_package&eps_a=1/2. encodeURIComponent has already written a "+" of the text as %2B.
  function queryString(pairs) {
    const encode = (text) => encodeURIComponent(text).replace(/%2F/gi, '/').replace(/%2C/gi, ',')
      .replace(/%3A/gi, ':').replace(/%20/g, '+');
    return pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join('&');
  }

  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  async function api(path, pairs, as = 'json', signal = undefined) {
    const url = pairs && pairs.length ? `${path}?${queryString(pairs)}` : path;
    for (let attempt = 0; ; attempt += 1) {
      const response = await fetch(url, { signal, headers: { Accept: as === 'json' ? 'application/json' : '*/*' } });
      if (response.status === 503 && attempt < BUSY_RETRIES) {
        await sleep(250 * Math.min(attempt + 1, 4));
        continue;
      }
      if (!response.ok) {
        let message = `${response.status} ${response.statusText}`;
        let hint = '';
        try {
          const doc = await response.json();
          if (doc && typeof doc.error === 'string') message = doc.error;
          if (doc && typeof doc.hint === 'string') hint = doc.hint;
        } catch (e) { /* not JSON: keep the status line */ }
        throw new ApiError(message, response.status, hint);
      }
      return as === 'json' ? response.json() : response.text();
    }
  }

  function errorLine(e) {
    const message = String(e && e.message ? e.message : e).split('\n')[0];
    if (e instanceof ApiError && e.hint) return `refused as too costly for this server: ${message} (${e.hint})`;
    if (e instanceof ApiError && e.status === 503) return `the server is busy; try again (${message})`;
    if (e instanceof TypeError) return `cannot reach the server: ${message}`;
    return message;
  }

  const isAbort = (e) => e && e.name === 'AbortError';

  // ---------------------------------------------------------------- state
  const S = {
    catalog: [],
    mode: 'model',      // 'model' or 'typed'
    model: '',          // the model's name (file stem)
    game: '',           // the typed bimatrix
    info: null,         // /api/info of the model
    params: [],         // [{name, def, lo, hi, step}] (Q or null), in the info document's order
    values: {},         // name -> exact text of the current value
    extra: [],          // [name, value] from the URL that the model does not list: the server judges them
    vary: '',           // the parameter the region map varies
    seq: 0,             // request counter: a response to an older request is dropped
    regionSeq: 0,
    controller: null,
    debounce: null,
  };

  // ---------------------------------------------------------------- status and error
  function setStatus(state, text) {
    const status = $('status');
    status.dataset.state = state;
    status.textContent = text || state;
  }

  function showError(e) {
    $('error').textContent = errorLine(e);
    setStatus('error', 'error');
  }

  function clearError() { $('error').textContent = ''; }

  // ---------------------------------------------------------------- URL
  function changedParameters() {
    const pairs = [];
    for (const p of S.params) {
      const text = S.values[p.name];
      if (text === undefined || text === '') continue;
      const q = parseQ(text);
      if (q && p.def && q.cmp(p.def) === 0) continue;
      pairs.push([p.name, text]);
    }
    return pairs.concat(S.extra);
  }

  // The request's own keys: the model and the parameters that differ from their defaults, or the typed game.
  function baseQuery() {
    if (S.mode === 'typed') return [['game', S.game]];
    return [['model', S.model]].concat(changedParameters());
  }

  function syncUrl() {
    const pairs = baseQuery();
    if (S.mode === 'model' && S.vary && S.params.length && S.vary !== S.params[0].name) pairs.push(['vary', S.vary]);
    const url = `${location.pathname}?${queryString(pairs)}`;
    history.replaceState(null, '', url);
    const link = $('share-link');
    link.href = url;
    link.textContent = location.href;
  }

  function readUrl() {
    const search = new URLSearchParams(location.search);
    const values = [];
    for (const [k, v] of search) {
      if (k === 'param') {
        const i = v.indexOf('=');
        if (i > 0) values.push([v.slice(0, i), v.slice(i + 1)]);
      } else if (!RESERVED.has(k)) {
        values.push([k, v]);
      }
    }
    return { model: search.get('model'), game: search.get('game'), vary: search.get('vary'), values };
  }

  // ---------------------------------------------------------------- model picker
  function fillPicker(entries) {
    const select = $('model-select');
    const typed = select.querySelector('option[value=""]');
    select.replaceChildren();
    let group = null;
    let section = null;
    for (const entry of entries) {
      if (entry.section !== section || group === null) {
        section = entry.section;
        group = el('optgroup', { label: section || 'other models' });
        select.append(group);
      }
      const label = entry.title ? `${entry.title} (${entry.name})` : entry.name;
      const option = el('option', { value: entry.name, text: label });
      if (entry.error) {
        option.disabled = true;
        option.textContent = `${entry.name}: ${entry.error}`;
      }
      group.append(option);
    }
    select.append(typed || el('option', { value: '', text: 'type a bimatrix' }));
  }

  // ---------------------------------------------------------------- the model's text
  function renderModelText(model) {
    $('model-title').textContent = model ? (model.title || model.name || '') : 'typed game';
    $('model-section').textContent = model && model.section ? model.section : '';
    $('model-description').textContent = model && model.description ? model.description : '';
    const quotes = $('quotes');
    quotes.replaceChildren();
    for (const quote of (model && model.quotes) || []) {
      quotes.append(el('blockquote', { class: 'quote', text: quote }));
    }
    const assumptions = $('assumptions');
    assumptions.replaceChildren();
    for (const a of (model && model.assumptions) || []) {
      assumptions.append(el('li', { 'data-assumption': a }, [el('code', { text: a })]));
    }
    showCard('assumptions-heading', Boolean(model && (model.assumptions || []).length));
    showCard('about-card', Boolean(model && (model.description || (model.quotes || []).length
      || (model.assumptions || []).length)));
  }

  function markAssumptions(violated) {
    const broken = new Set(violated || []);
    for (const li of $('assumptions').children) {
      const fails = broken.has(li.dataset.assumption);
      li.classList.toggle('violated', fails);
      const note = li.querySelector('.badge');
      if (fails && !note) li.append(' ', el('span', { class: 'badge fails', text: 'fails here' }));
      if (!fails && note) note.remove();
    }
    // an assumption the check names in another spelling (it normalises the expression) is still shown
    const listed = new Set([...$('assumptions').children].map((li) => li.dataset.assumption));
    for (const a of broken) {
      if (listed.has(a)) continue;
      const li = el('li', { class: 'violated', 'data-assumption': a, 'data-extra': '1' },
        [el('code', { text: a }), ' ', el('span', { class: 'badge fails', text: 'fails here' })]);
      $('assumptions').append(li);
    }
    for (const li of [...$('assumptions').querySelectorAll('li[data-extra]')]) {
      if (!broken.has(li.dataset.assumption)) li.remove();
    }
  }

  // ---------------------------------------------------------------- parameters
  function buildParameters(parameters, initial) {
    const box = $('parameters');
    box.replaceChildren();
    S.params = [];
    S.values = {};
    for (const p of parameters || []) {
      const def = parseQ(p.default);
      const range = Array.isArray(p.range) ? p.range : null;
      const lo = range ? parseQ(range[0]) : null;
      const hi = range ? parseQ(range[1]) : null;
      const step = parseQ(p.step);  // the server sends it: gametheory.explorer.slider_step
      const spec = { name: p.name, def, lo, hi, step };
      S.params.push(spec);
      const current = p.value !== undefined && p.value !== null ? p.value : p.default;
      if (current !== undefined && current !== null) S.values[p.name] = String(current);

      const slider = el('input', { type: 'range', id: `slider-${p.name}`, 'aria-label': `${p.name} slider` });
      if (lo && hi && step && lo.cmp(hi) < 0) {
        slider.min = String(lo.toNumber());
        slider.max = String(hi.toNumber());
        slider.step = String(step.toNumber());
      } else {
        slider.disabled = true;  // no range: only the exact field
      }
      const field = el('input', { type: 'text', id: `param-${p.name}`, inputmode: 'decimal', spellcheck: 'false',
        autocomplete: 'off', 'aria-label': `${p.name} exact value` });
      const head = el('div', { class: 'param-head' }, [
        el('label', { for: `param-${p.name}` }, [el('code', { text: p.name })]),
        p.status && p.status !== 'pinned' ? el('span', { class: `badge status-${p.status}`, text: p.status }) : null,
        p.default === null || p.default === undefined ? null
          : el('span', { class: 'default', text: range ? `default ${p.default}, range ${range[0]} to ${range[1]}`
            : `default ${p.default}` }),
      ]);
      const row = el('div', { class: 'parameter', 'data-name': p.name }, [
        head,
        el('div', { class: 'param-controls' }, [slider, field]),
        p.meaning ? el('p', { class: 'meaning', text: p.meaning }) : null,
        p.quote ? el('details', { class: 'param-quote' }, [el('summary', { text: 'quote' }),
          el('blockquote', { class: 'param-quote-text', text: p.quote })]) : null,
      ]);
      box.append(row);

      slider.addEventListener('input', () => onSlider(spec, slider, field));
      field.addEventListener('change', () => onField(spec, field, slider));
      field.addEventListener('keydown', (event) => {
        if (event.key === 'Enter') { event.preventDefault(); onField(spec, field, slider); }
      });
    }
    S.extra = [];
    const known = new Set(S.params.map((p) => p.name));
    for (const [name, value] of initial || []) {
      if (known.has(name)) S.values[name] = value;
      else S.extra.push([name, value]);
    }
    for (const spec of S.params) showValue(spec);
    showCard('parameters-card', S.params.length > 0);

    const regionParam = $('region-param');
    regionParam.replaceChildren(...S.params.map((p) => el('option', { value: p.name, text: p.name })));
  }

  // Put the exact value in the field (as a fraction) and the slider where it lies.
  function showValue(spec) {
    const field = $(`param-${spec.name}`);
    const slider = $(`slider-${spec.name}`);
    const text = S.values[spec.name];
    if (text === undefined) { field.value = ''; field.placeholder = 'default'; return; }
    const q = parseQ(text);
    field.value = q ? q.toString() : text;
    field.placeholder = field.value;
    field.classList.toggle('unread', !q);
    if (q && !slider.disabled) slider.value = String(q.toNumber());
  }

  function onSlider(spec, slider, field) {
    const x = parseQ(slider.value);
    if (!x || !spec.lo) return;
    const v = snap(x, spec.lo, spec.hi, spec.step).toString();
    field.value = v;
    field.placeholder = v;
    field.classList.remove('unread');
    if (S.values[spec.name] === v) return;
    S.values[spec.name] = v;
    syncUrl();
    clearTimeout(S.debounce);
    S.debounce = setTimeout(recompute, DEBOUNCE_MS);
  }

  function onField(spec, field, slider) {
    const raw = field.value.trim();
    // an emptied field is being retyped (the placeholder shows the value in force): nothing changes yet
    if (raw === '') return;
    const q = parseQ(raw);
    const text = q ? q.toString() : raw;
    field.value = text;
    field.placeholder = text;
    field.classList.toggle('unread', !q);
    if (q && !slider.disabled) slider.value = String(q.toNumber());
    if (S.values[spec.name] === text) return;
    S.values[spec.name] = text;
    clearTimeout(S.debounce);
    recompute();
  }

  function resetParameters() {
    for (const spec of S.params) {
      if (spec.def) S.values[spec.name] = spec.def.toString();
      else delete S.values[spec.name];
      showValue(spec);
    }
    S.extra = [];
    recompute();
  }

  // ---------------------------------------------------------------- a model's payoffs as a typed bimatrix
  // The server writes it (info's "typed": gametheory.io.bimatrix_text.format_bimatrix_text at the current
  // values); a game the text cannot hold has none, and the button stays hidden.
  async function editAsTyped() {
    const seq = S.seq;
    try {
      const info = await api('/api/info', baseQuery());
      if (seq !== S.seq || S.mode !== 'model') return;
      if (info.typed) openTyped(info.typed.replace(/\n$/, ''), true);
    } catch (e) {
      if (seq === S.seq) showError(e);
    }
  }

  // The payoffs as the model writes them (info's "formulas"), for a two-player game: what each cell is made of.
  function renderFormulas(info) {
    const box = $('formulas-table');
    box.replaceChildren();
    const ok = info && Array.isArray(info.formulas) && info.players && info.players.length === 2 && info.strategies;
    $('formulas').hidden = !ok;
    if (!ok) return;
    const [row, col] = info.players;
    const cell = new Map(info.formulas.map((p) => [JSON.stringify(p.profile), p.values]));
    const head = el('tr', {}, [el('th', { text: `${row} \\ ${col}` }),
      ...info.strategies[col].map((c) => el('th', { text: c }))]);
    const body = info.strategies[row].map((r) => el('tr', {}, [el('th', { text: r }),
      ...info.strategies[col].map((c) => el('td', { text: (cell.get(JSON.stringify([r, c])) || []).join('\n') }))]));
    box.append(el('table', { class: 'gametheory formulas' }, [el('thead', {}, [head]), el('tbody', {}, body)]));
  }

  // ---------------------------------------------------------------- equilibria
  // "Yes" for a pure choice, "1/3 Yes + 2/3 No" for a mixed one (only the actions played), as the CLI writes it.
  function mixture(dist) {
    if (dist === null || typeof dist !== 'object') return String(dist);
    const played = Object.entries(dist).filter(([, p]) => {
      const q = parseQ(p);
      return q ? q.n !== 0n : Number(p) !== 0;
    });
    if (played.length === 1) {
      const q = parseQ(played[0][1]);
      if (q ? q.cmp(new Q(1n)) === 0 : Number(played[0][1]) === 1) return played[0][0];
    }
    return played.map(([a, p]) => `${p} ${a}`).join(' + ');
  }

  function perPlayer(values) {
    return Object.entries(values || {}).map(([k, v]) => `${k} ${v}`).join(', ');
  }

  function isZero(v) {
    const q = parseQ(v);
    return q ? q.n === 0n : Math.abs(Number(v)) < 1e-9;
  }

  function line(label, content, cls) {
    return el('div', { class: `eq-line ${cls || ''}` }, [el('span', { class: 'eq-label', text: label }),
      typeof content === 'string' ? el('span', { class: 'eq-value', text: content }) : content]);
  }

  function regretLine(regret, certificate) {
    if (regret && typeof regret === 'object') {
      const zero = Object.values(regret).every(isZero);
      return line('regret', zero ? `0 for every player: certified` : perPlayer(regret), zero ? 'certified' : 'uncertified');
    }
    if (certificate !== undefined) {
      const zero = isZero(certificate);
      return line('certificate', zero ? '0: certified' : String(certificate), zero ? 'certified' : 'uncertified');
    }
    return null;
  }

  function renderNormalForm(eq, li, component) {
    const profile = el('div', { class: 'profile' });
    for (const [player, dist] of Object.entries(eq.profile)) {
      profile.append(el('span', { class: 'choice' }, [el('span', { class: 'player', text: `${player}: ` }),
        el('span', { class: 'strategy', text: mixture(dist) })]));
    }
    li.append(profile);
    if (eq.payoffs) li.append(line('payoffs', perPlayer(eq.payoffs)));
    li.append(regretLine(eq.regret, eq.certificate));
    if (component !== undefined) li.append(line('component', String(component + 1), 'minor'));
  }

  function behaviourDetails(behavior) {
    const details = el('details', { class: 'behaviour' }, [el('summary', { text: 'every choice (behaviour strategies)' })]);
    const list = el('ul');
    for (const [player, sets] of Object.entries(behavior || {})) {
      const parts = Object.entries(sets).map(([at, dist]) => `at ${at}: ${mixture(dist)}`);
      list.append(el('li', {}, [el('span', { class: 'player', text: `${player}: ` }), parts.join('; ')]));
    }
    details.append(list);
    return details;
  }

  function renderTree(eq, li) {
    if (Array.isArray(eq.path)) {
      li.append(el('div', { class: 'profile path' }, [el('span', { class: 'player', text: 'path: ' }),
        el('span', { class: 'strategy', text: eq.path.join(' → ') })]));
    }
    if (eq.payoffs) li.append(line('payoffs', perPlayer(eq.payoffs)));
    li.append(regretLine(eq.regret, eq.certificate));
    if (eq.behavior) li.append(behaviourDetails(eq.behavior));
  }

  function beliefText(b) {
    if (Array.isArray(b)) return `[${b.join(', ')}]`;
    return String(b);
  }

  function renderSignaling(eq, li, doc) {
    const sender = doc.game && doc.game.players ? doc.game.players[0] : Object.keys(eq.behavior || {})[0];
    const players = Object.keys(eq.behavior || {});
    const receiver = players.find((p) => p !== sender);
    li.append(el('div', { class: 'profile' }, [el('span', { class: 'kind', text: eq.kind || 'equilibrium' }),
      eq.intuitive !== undefined ? el('span', { class: `badge ${eq.intuitive ? 'holds' : 'fails'}`,
        text: `intuitive criterion ${eq.intuitive ? 'passed' : 'failed'}` }) : null,
      eq.d1 !== undefined ? el('span', { class: `badge ${eq.d1 ? 'holds' : 'fails'}`,
        text: `D1 ${eq.d1 ? 'passed' : 'failed'}` }) : null]));
    if (sender && eq.behavior[sender]) {
      const parts = Object.entries(eq.behavior[sender]).map(([type, dist]) => `${type}: ${mixture(dist)}`);
      li.append(line(`${sender} (by type)`, parts.join('; ')));
    }
    if (receiver && eq.behavior[receiver]) {
      const parts = Object.entries(eq.behavior[receiver]).map(([msg, dist]) => `after ${msg}: ${mixture(dist)}`);
      li.append(line(receiver, parts.join('; ')));
    }
    if (eq.beliefs) {
      const onPath = new Set(eq.on_path || []);
      const parts = Object.entries(eq.beliefs).filter(([msg]) => !eq.on_path || onPath.has(msg))
        .map(([msg, b]) => `after ${msg}: ${Object.entries(b).map(([t, p]) => `${t} ${beliefText(p)}`).join(', ')}`);
      if (parts.length) li.append(line('beliefs', parts.join('; ')));
    }
    if (eq.payoffs) li.append(line('payoffs', perPlayer(eq.payoffs)));
    if (eq.type_payoffs) li.append(line('by type', perPlayer(eq.type_payoffs), 'minor'));
    li.append(regretLine(undefined, eq.certificate));
    if (eq.off_path && Object.keys(eq.off_path).length) {
      const details = el('details', { class: 'behaviour' }, [el('summary', { text: 'off the path: beliefs and replies' })]);
      const list = el('ul');
      for (const [msg, pieces] of Object.entries(eq.off_path)) {
        for (const piece of pieces) {
          const ranges = Object.entries(piece.belief_ranges || {}).map(([t, r]) => `${t} in ${beliefText(r)}`);
          list.append(el('li', { text: `after ${msg}: ${(piece.actions || []).join(' or ')} when ${ranges.join(', ')}` }));
        }
      }
      details.append(list);
      li.append(details);
    }
    for (const key of ['intuitive_reason', 'd1_reason']) {
      if (eq[key]) li.append(line(key === 'd1_reason' ? 'D1' : 'intuitive', eq[key], 'minor'));
    }
  }

  // Every number of a nested document is zero (a regret per player and type, say).
  function allZero(v) {
    if (v && typeof v === 'object') return Object.values(v).every(allZero);
    return isZero(v);
  }

  // A Bayesian game's equilibrium: each player's action by type (the type left out when it has one type),
  // its payoffs by type and ex ante, and its regrets by type (the certificate).
  function renderBayesian(eq, li) {
    const byType = (values, show) => Object.entries(values).map(([type, v]) => {
      const single = Object.keys(values).length === 1;
      return single ? show(v) : `${type}: ${show(v)}`;
    }).join('; ');
    const profile = el('div', { class: 'profile' });
    for (const [player, types] of Object.entries(eq.strategies)) {
      profile.append(el('span', { class: 'choice' }, [el('span', { class: 'player', text: `${player}: ` }),
        el('span', { class: 'strategy', text: byType(types, mixture) })]));
    }
    li.append(profile);
    if (eq.ex_ante) li.append(line('payoffs', perPlayer(eq.ex_ante)));
    if (eq.payoffs) {
      const parts = Object.entries(eq.payoffs).map(([player, types]) => {
        if (!types || typeof types !== 'object') return `${player} ${types}`;
        const values = Object.entries(types);
        return values.length === 1 ? `${player} ${values[0][1]}`
          : `${player} (${values.map(([type, v]) => `${type} ${v}`).join(', ')})`;
      });
      li.append(line('by type', parts.join(', '), 'minor'));
    }
    if (eq.regret) {
      const zero = allZero(eq.regret);
      li.append(line('regret', zero ? '0 for every player and type: certified' : flat(eq.regret),
        zero ? 'certified' : 'uncertified'));
    }
  }

  function flat(v) {
    if (Array.isArray(v)) return v.map(flat).join(', ');
    if (v && typeof v === 'object') return Object.entries(v).map(([k, x]) => `${k}: ${flat(x)}`).join('; ');
    return String(v);
  }

  // A result of a kind the page has no layout for: its fields, one a line.
  function renderGeneric(eq, li) {
    for (const [k, v] of Object.entries(eq)) li.append(line(k, flat(v)));
  }

  function renderEquilibria(doc) {
    const list = $('equilibria');
    list.replaceChildren();
    const equilibria = doc.equilibria || [];
    const componentOf = {};
    (doc.components || []).forEach((members, c) => { for (const i of members) componentOf[i] = c; });
    const several = (doc.components || []).length > 1 && (doc.components || []).length < equilibria.length;
    equilibria.forEach((eq, i) => {
      const li = el('li', { class: 'equilibrium' });
      if (eq.profile) renderNormalForm(eq, li, several ? componentOf[i] : undefined);
      else if (doc.game && doc.game.kind === 'signaling') renderSignaling(eq, li, doc);
      else if (eq.behavior && (eq.path || (doc.game && doc.game.kind === 'tree'))) renderTree(eq, li);
      else if (eq.strategies && typeof eq.strategies === 'object' && doc.game && doc.game.types) renderBayesian(eq, li);
      else renderGeneric(eq, li);
      list.append(li);
    });
    list.dataset.count = String(equilibria.length);
    const bits = [`${equilibria.length}`];
    if (doc.complete !== undefined) bits.push(doc.complete ? 'every one listed' : 'not known to be all');
    if (doc.method) bits.push(`method ${doc.method}`);
    if (doc.exact !== undefined) bits.push(doc.exact ? 'exact' : 'floating point');
    $('solve-summary').textContent = `(${bits.join(' · ')})`;
    const diagnostics = $('diagnostics');
    diagnostics.replaceChildren(...(doc.diagnostics || []).map((d) => el('li', { text: d })));
    if (!equilibria.length) list.append(el('li', { class: 'none', text: 'no equilibrium found' }));
  }

  function hideFigures() {
    for (const id of ['game-figure-card', 'tree-figure-card', 'region-figure-card', 'bargain-figure-card']) showCard(id, false);
  }

  function clearResults() {
    $('equilibria').replaceChildren();
    $('equilibria').dataset.count = '0';
    $('solve-summary').textContent = '';
    $('diagnostics').replaceChildren();
    $('payoff-table').replaceChildren();
    $('predictions').replaceChildren();
    $('predictions-summary').textContent = '';
  }

  // ---------------------------------------------------------------- predictions
  function renderPredictions(doc) {
    const list = $('predictions');
    list.replaceChildren();
    const model = (doc.models || [])[0] || {};
    let hold = 0;
    let total = 0;
    for (const p of model.predictions || []) {
      total += 1;
      if (p.status === 'holds') hold += 1;
      // where a prediction is checked at other values than the page's, say so (the reason often does already)
      const at = p.at && Object.keys(p.at).length && !/^at /.test(p.reason || '')
        ? ` (at ${Object.entries(p.at).map(([k, v]) => `${k} = ${v}`).join(', ')})` : '';
      list.append(el('li', { class: `prediction ${p.status}`, 'data-status': p.status }, [
        el('span', { class: `badge ${p.status === 'holds' ? 'holds' : 'fails'}`, text: p.status }),
        el('span', { class: 'claim', text: p.claim || p.kind }),
        el('div', { class: 'reason', text: `${p.reason || ''}${at}${p.source ? ` · ${p.source}` : ''}` }),
      ]));
    }
    if (model.violated_assumptions && model.violated_assumptions.length) {
      list.prepend(el('li', { class: 'prediction broken' }, [el('span', { class: 'badge fails', text: 'assumption' }),
        el('span', { class: 'claim', text: `broken at these values: ${model.violated_assumptions.join('; ')}` })]));
    }
    $('predictions-summary').textContent = total ? `(${hold} of ${total} hold)` : '(none stated)';
    markAssumptions(model.violated_assumptions);
  }

  // ---------------------------------------------------------------- figures
  let svgCount = 0;

  // Parse the server's SVG as XML and import it, its ids made unique so that two figures' clip paths and
  // markers cannot clash in one page, its size left to the CSS.
  function insertSvg(container, text) {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    const svg = doc.documentElement;
    if (!svg || svg.localName !== 'svg' || doc.getElementsByTagName('parsererror').length) {
      throw new Error('the server sent a figure that is not SVG');
    }
    svgCount += 1;
    const prefix = `f${svgCount}-`;
    for (const node of [svg, ...svg.querySelectorAll('*')]) {
      if (node.localName === 'script' || node.localName === 'foreignObject') { node.remove(); continue; }
      for (const attr of [...node.attributes]) {
        if (attr.name.startsWith('on')) { node.removeAttribute(attr.name); continue; }
        if (attr.name === 'id') attr.value = prefix + attr.value;
        else if ((attr.localName === 'href') && attr.value.startsWith('#')) attr.value = `#${prefix}${attr.value.slice(1)}`;
        else if (attr.value.includes('url(#')) attr.value = attr.value.replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`);
      }
    }
    svg.id = `${prefix}svg`;
    // matplotlib's <style> starts with a "*" rule: keep it inside this figure
    for (const style of svg.querySelectorAll('style')) {
      style.textContent = style.textContent.replace(/(^|})\s*\*\s*\{/g, `$1 #${prefix}svg * {`);
    }
    svg.removeAttribute('width');
    svg.removeAttribute('height');
    container.replaceChildren(document.importNode(svg, true));
  }

  function figureNote(container, text) {
    container.replaceChildren(el('p', { class: 'figure-note', text }));
  }

  async function drawFigure(id, path, pairs, signal) {
    const container = $(id);
    try {
      insertSvg(container, await api(path, pairs, 'text', signal));
      return true;
    } catch (e) {
      if (isAbort(e)) throw e;
      figureNote(container, errorLine(e));
      return false;
    }
  }

  async function drawRegions(signal) {
    const seq = ++S.regionSeq;
    const container = $('region-figure');
    container.classList.add('stale');
    try {
      const text = await api('/api/figure/regions.svg', baseQuery().concat([['vary', S.vary]]), 'text', signal);
      if (seq !== S.regionSeq) return;
      insertSvg(container, text);
    } catch (e) {
      if (isAbort(e) || seq !== S.regionSeq) return;
      figureNote(container, errorLine(e));
    } finally {
      if (seq === S.regionSeq) container.classList.remove('stale');
    }
  }

  function bargainSummary(doc) {
    const bits = [];
    const names = { nash: 'Nash', ks: 'Kalai-Smorodinsky', kalai_smorodinsky: 'Kalai-Smorodinsky',
      rubinstein: 'Rubinstein', egalitarian: 'egalitarian', utilitarian: 'utilitarian' };
    if (doc.utilities) bits.push(`${names[doc.method] || doc.method || 'the'} solution: ${perPlayer(doc.utilities)}`);
    if (doc.agreement && typeof doc.agreement === 'object') bits.push(`agreement ${perPlayer(doc.agreement)}`);
    if (doc.disagreement) {
      const source = doc.disagreement_source ? ` (${doc.disagreement_source})` : '';
      bits.push(`disagreement ${perPlayer(doc.disagreement)}${source}`);
    }
    return bits.join(' · ');
  }

  // A tree is the picture of its game: it goes where the payoff table stands; a matrix game keeps it below.
  function placeTreeFigure(top) {
    const card = $('tree-figure-card');
    const results = document.querySelector('.results');
    if (top && card.parentElement !== results) results.prepend(card);
    if (!top && card.parentElement === results) $('game-figure-card').after(card);
  }

  // ---------------------------------------------------------------- the computation
  async function recompute() {
    clearTimeout(S.debounce);
    const seq = ++S.seq;
    if (S.controller) S.controller.abort();
    const controller = new AbortController();
    S.controller = controller;
    const signal = controller.signal;
    const stale = () => seq !== S.seq;
    syncUrl();
    clearError();
    setStatus('loading', 'computing…');
    document.body.classList.add('busy');
    const q = baseQuery();
    try {
      const [doc, table] = await Promise.all([
        api('/api/solve', q, 'json', signal),
        api('/api/solve', q.concat([['format', 'html']]), 'text', signal).catch((e) => {
          if (isAbort(e)) throw e;
          return e;  // a signaling game has no table: said in its place, not fatal
        }),
      ]);
      if (stale()) return;
      const kind = S.mode === 'typed' ? 'game' : ((S.info && S.info.model && S.info.model.kind)
        || (doc.game && doc.game.kind) || 'game');
      const players = doc.game && doc.game.players ? doc.game.players.length : 0;
      const normal2 = kind === 'game' && players === 2;
      const treeLike = kind === 'tree' || kind === 'signaling';
      const hasBargaining = Boolean(S.info && S.info.model && S.info.model.bargaining);
      const bargaining = normal2 || hasBargaining;
      placeTreeFigure(treeLike);

      renderEquilibria(doc);
      $('edit-typed').hidden = !(S.mode === 'model' && normal2 && S.info && S.info.typed);
      // a signaling or Bayesian game has no table (the server says so): its card is left out
      showCard('payoff-card', !(table instanceof Error) || kind === 'game');
      if (table instanceof Error) figureNote($('payoff-table'), errorLine(table));
      else $('payoff-table').innerHTML = table;  // our server's fragment, rendered from exact data
      document.body.classList.remove('busy');

      setStatus('loading', 'checking predictions…');
      const steps = [];
      if (S.mode === 'model') {
        steps.push(api('/api/check', q, 'json', signal).then((check) => {
          if (!stale()) renderPredictions(check);
        }, (e) => {
          if (isAbort(e) || stale()) return;
          figureNote($('predictions'), errorLine(e));
        }));
      }
      showCard('predictions-card', S.mode === 'model');
      showCard('game-figure-card', normal2);
      showCard('tree-figure-card', treeLike);
      if (normal2 || treeLike) steps.push(drawFigure(normal2 ? 'game-figure' : 'tree-figure', '/api/figure/game.svg', q, signal));
      await Promise.all(steps);
      if (stale()) return;

      setStatus('loading', 'drawing figures…');
      showCard('bargain-figure-card', bargaining);
      if (bargaining) {
        try {
          let bq = q;
          let deal;
          try {
            deal = await api('/api/bargain', bq, 'json', signal);
          } catch (e) {
            // A game without a [bargaining] table whose equilibria disagree has no default disagreement
            // point: the security levels (maximin) are the classic one for a bimatrix (Nash 1953).
            if (hasBargaining || isAbort(e) || !(e instanceof ApiError) || e.status !== 400) throw e;
            bq = q.concat([['disagreement', 'maximin']]);
            deal = await api('/api/bargain', bq, 'json', signal);
          }
          if (stale()) return;
          $('bargain-summary').textContent = bargainSummary(deal);
          await drawFigure('bargain-figure', '/api/figure/bargain.svg', bq, signal);
        } catch (e) {
          if (isAbort(e) || stale()) return;
          // a game without a bargaining problem: nothing to draw, and no error for the whole page
          showCard('bargain-figure-card', Boolean(S.info && S.info.model && S.info.model.bargaining));
          $('bargain-summary').textContent = '';
          figureNote($('bargain-figure'), errorLine(e));
        }
      }
      if (stale()) return;
      // regions are computed on a normal form (the server refuses a tree or a signaling model)
      const regions = S.mode === 'model' && kind === 'game' && S.params.length > 0;
      showCard('region-figure-card', regions);
      if (regions) {
        if (!S.vary) S.vary = S.params[0].name;
        $('region-param').value = S.vary;
        await drawRegions(signal);
      }
      if (stale()) return;
      setStatus('ready', 'ready');
    } catch (e) {
      if (isAbort(e) || stale()) return;
      document.body.classList.remove('busy');
      clearResults();
      hideFigures();
      showError(e);
    }
  }

  // ---------------------------------------------------------------- switching model / typed mode
  function hideModelOnly() {
    for (const id of ['parameters-card', 'about-card', 'predictions-card', 'region-figure-card']) showCard(id, false);
  }

  async function openModel(name, initial, vary) {
    const seq = ++S.seq;
    if (S.controller) S.controller.abort();
    S.mode = 'model';
    document.body.classList.remove('typed-mode');
    S.model = name;
    S.info = null;
    S.vary = vary || '';
    $('model-select').value = name;
    $('edit-typed').hidden = true;
    showCard('typed', false);
    clearError();
    setStatus('loading', 'reading the model…');
    let info;
    let infoError = null;
    try {
      info = await api('/api/info', [['model', name]]);
    } catch (e) {
      if (seq !== S.seq) return;
      const entry = S.catalog.find((m) => m.name === name);
      if (!entry || (e instanceof ApiError && e.status === 404) || !(e instanceof ApiError)) {
        modelFailed(name, e);
        return;
      }
      // the model's words could not be read (e.g. refused as too costly): its catalog entry still names
      // the parameters, so the game is solved and each parameter gets an exact field
      infoError = e;
      info = { model: { name, title: entry.title, section: entry.section, kind: entry.kind, bargaining: entry.bargaining,
        parameters: (entry.parameters || []).map((p) => ({ name: p, default: null })) } };
    }
    try {
      if (seq !== S.seq) return;
      S.info = info;
      const model = info.model || { name, title: name };
      renderModelText(model);
      buildParameters(model.parameters, initial);
      renderFormulas(info);
      if (!S.params.some((p) => p.name === S.vary)) S.vary = S.params.length ? S.params[0].name : '';
      clearResults();
      for (const id of ['game-figure', 'tree-figure', 'region-figure', 'bargain-figure']) $(id).replaceChildren();
      $('bargain-summary').textContent = '';
      if (infoError) {
        showCard('about-card', true);
        $('model-description').textContent = `The model's description could not be read: ${errorLine(infoError)}`;
      }
      await recompute();
    } catch (e) {
      if (seq === S.seq) modelFailed(name, e);
    }
  }

  // A model that cannot be shown: its name, the error line, and nothing left over from the model before.
  function modelFailed(name, e) {
    renderModelText({ name, title: name });
    buildParameters([], []);
    renderFormulas(null);
    $('edit-typed').hidden = true;
    hideModelOnly();
    hideFigures();
    clearResults();
    syncUrl();
    showError(e);
  }

  function openTyped(text, solve) {
    ++S.seq;
    if (S.controller) S.controller.abort();
    S.mode = 'typed';
    document.body.classList.add('typed-mode');
    S.info = null;
    S.params = [];
    S.values = {};
    S.extra = [];
    $('model-select').value = '';
    showCard('typed', true);
    const area = $('typed-game');
    area.value = text || area.value || TYPED_EXAMPLE;
    renderModelText(null);
    renderFormulas(null);
    $('edit-typed').hidden = true;
    hideModelOnly();
    clearResults();
    for (const id of ['game-figure', 'tree-figure', 'region-figure', 'bargain-figure']) $(id).replaceChildren();
    $('bargain-summary').textContent = '';
    if (solve) solveTyped();
    else { clearError(); setStatus('ready', 'type a game and press Solve'); }
  }

  function solveTyped() {
    clearTimeout(S.debounce);
    S.game = $('typed-game').value.trim();
    if (!S.game) { showError('type a bimatrix first'); return; }
    recompute();
  }

  // ---------------------------------------------------------------- start
  async function start() {
    $('model-select').addEventListener('change', (event) => {
      const name = event.target.value;
      if (name === '') openTyped('', false);
      else openModel(name, [], '');
    });
    $('typed-solve').addEventListener('click', solveTyped);
    // as Game Theory Explorer did: an edited payoff redraws without a button, once the typing pauses
    $('typed-game').addEventListener('input', () => {
      clearTimeout(S.debounce);
      S.debounce = setTimeout(() => {
        if (S.mode === 'typed' && $('typed-game').value.trim() && $('typed-game').value.trim() !== S.game) solveTyped();
      }, TYPING_MS);
    });
    $('typed-game').addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); solveTyped(); }
    });
    $('reset-parameters').addEventListener('click', resetParameters);
    $('edit-typed').addEventListener('click', editAsTyped);
    $('region-param').addEventListener('change', (event) => {
      S.vary = event.target.value;
      syncUrl();
      drawRegions(S.controller ? S.controller.signal : undefined);
    });

    const url = readUrl();
    setStatus('loading', 'loading the models…');
    try {
      const catalog = await api('/api/models');
      S.catalog = catalog.models || [];
      fillPicker(S.catalog);
    } catch (e) {
      showError(e);
      if (!url.game) { openTyped('', false); showError(e); return; }
    }
    if (url.game !== null) {
      openTyped(url.game, true);
    } else if (url.model) {
      openModel(url.model, url.values, url.vary);
    } else {
      const first = S.catalog.find((entry) => !entry.error);
      if (first) openModel(first.name, [], '');
      else openTyped('', false);
    }
  }

  // for the console and tests: the exact arithmetic the page uses
  window.gametheoryLab = { Q, parseQ, snap, state: S };
  document.addEventListener('DOMContentLoaded', start);
})();
