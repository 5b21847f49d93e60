/* coklit laporan.html: paging, sorting, filtering and drill-down over the embedded tables.
 *
 * Plain ES5-style JavaScript, no framework, no network. Data: one
 * <script type="application/json" id="data-NAME"> per finding table, column-wise
 * ({"columns": [...], "n": rows, "data": [column, ...]}; a column is an array of strings or
 * {"d": distinct values, "i": codes}). Only the current page of each table is in the DOM.
 *
 * View state lives in the URL fragment (shareable, survives reload):
 *   #kecamatan=KEMUNING&kelurahan=X     place filter for every table and the rekap
 *   &NAME.q=text                         name search in table NAME
 *   &NAME.kat=code                       category filter
 *   &NAME.sort=col | NAME.sort=-col      sort column (minus = descending)
 *   &NAME.page=3 & NAME.size=100         page and rows per page (50, 100, 200)
 * "filter-kecamatan" / "filter-kelurahan" are accepted as aliases.
 */
(function () {
  'use strict';
  var t0 = (window.performance && performance.now) ? performance.now() : Date.now();
  var cfg = JSON.parse(document.getElementById('config').textContent);
  var T = cfg.texts;
  var nf = new Intl.NumberFormat(cfg.lang === 'en' ? 'en-US' : 'id-ID');

  function fmt(s, vals) {
    return s.replace(/\{(\w+)\}/g, function (m, k) { return vals[k] != null ? String(vals[k]) : m; });
  }
  function num(n) { return nf.format(n); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  // A category value as words: a TMS/field category code, else the column's value label
  // (lokasi "beda_kecamatan" -> "beda kecamatan").
  function catLabel(v, c) { return (cfg.categories && cfg.categories[v]) || valueLabel(c, v); }
  function valueLabel(c, v) {
    var m = cfg.valueLabels && cfg.valueLabels[c];
    return (m && m[v]) || v;
  }

  // ---------------------------------------------------------------- review marks
  // Marks live in localStorage (per browser, shared by every report: finding ids are stable
  // across runs) as {id: {s: status, c: note, p: checker, w: time}}; exported as CSV for
  // coklit --tinjauan.
  var RV = cfg.review || { statuses: [], labels: {}, storageKey: 'coklit.tinjauan' };
  var marks = {}, memoryOnly = false;
  try { marks = JSON.parse(window.localStorage.getItem(RV.storageKey) || '{}') || {}; }
  catch (e) { marks = {}; memoryOnly = true; }
  function saveMarks() {
    if (memoryOnly) return;
    try { window.localStorage.setItem(RV.storageKey, JSON.stringify(marks)); } catch (e) { memoryOnly = true; }
  }
  function checker() {
    try { return window.localStorage.getItem(RV.storageKey + '.pemeriksa') || ''; } catch (e) { return ''; }
  }
  function nowText() {
    var d = new Date();
    function p2(n) { return (n < 10 ? '0' : '') + n; }
    return d.getFullYear() + '-' + p2(d.getMonth() + 1) + '-' + p2(d.getDate()) + ' ' +
      p2(d.getHours()) + ':' + p2(d.getMinutes()) + ':' + p2(d.getSeconds());
  }
  function markOf(id, fallback) { return marks[id] ? marks[id].s : fallback; }
  function setMark(id, status, note) {
    var old = marks[id] || {};
    marks[id] = { s: status, c: note != null ? note : (old.c || ''), p: checker(), w: nowText() };
    saveMarks();
  }
  function csvField(v) {
    v = String(v == null ? '' : v);
    if (/^[=+\-@\t\r]/.test(v)) v = "'" + v;
    return /[",\n\r]/.test(v) ? '"' + v.replace(/"/g, '""') + '"' : v;
  }
  function exportCsv() {
    var lines = ['id_temuan,status_cek,catatan,pemeriksa,waktu_cek'];
    Object.keys(marks).sort().forEach(function (id) {
      var m = marks[id];
      lines.push([id, m.s, m.c, m.p, m.w].map(csvField).join(','));
    });
    return lines.join('\r\n') + '\r\n';
  }

  // ---------------------------------------------------------------- URL state
  var state = { kec: '', kel: '', tps: '', t: {} };
  var printAll = false;
  var lastHash = null;

  function readHash() {
    var p = new URLSearchParams(location.hash.replace(/^#/, ''));
    state.kec = p.get('kecamatan') || p.get('filter-kecamatan') || '';
    state.kel = p.get('kelurahan') || p.get('filter-kelurahan') || '';
    state.tps = state.kel ? (p.get('tps') || '') : '';
    cfg.tables.forEach(function (spec) {
      var n = spec.name;
      var so = p.get(n + '.sort') || '';
      var size = parseInt(p.get(n + '.size'), 10);
      state.t[n] = {
        q: p.get(n + '.q') || '',
        kat: p.get(n + '.kat') || '',
        sort: so.replace(/^-/, ''),
        desc: so.charAt(0) === '-',
        page: Math.max(1, parseInt(p.get(n + '.page'), 10) || 1),
        size: cfg.pageSizes.indexOf(size) >= 0 ? size : cfg.pageSizes[0]
      };
    });
  }

  function writeHash() {
    var p = new URLSearchParams();
    if (state.kec) p.set('kecamatan', state.kec);
    if (state.kel) p.set('kelurahan', state.kel);
    if (state.tps) p.set('tps', state.tps);
    cfg.tables.forEach(function (spec) {
      var n = spec.name, s = state.t[n];
      if (s.q) p.set(n + '.q', s.q);
      if (s.kat) p.set(n + '.kat', s.kat);
      if (s.sort) p.set(n + '.sort', (s.desc ? '-' : '') + s.sort);
      if (s.page > 1) p.set(n + '.page', String(s.page));
      if (s.size !== cfg.pageSizes[0]) p.set(n + '.size', String(s.size));
    });
    var h = p.toString();
    lastHash = h ? '#' + h : '';
    try {
      history.replaceState(null, '', lastHash || (location.pathname + location.search));
    } catch (e) {
      location.replace(lastHash || '#');
    }
  }

  // ---------------------------------------------------------------- data
  function loadTable(spec) {
    var node = document.getElementById('data-' + spec.name);
    var raw = JSON.parse(node.textContent);
    var cols = {};
    raw.columns.forEach(function (c, j) {
      var d = raw.data[j];
      if (!Array.isArray(d)) {
        var dict = d.d;
        d = d.i.map(function (i) { return dict[i]; });
      }
      cols[c] = d;
    });
    return { n: raw.n, cols: cols };
  }

  // Character-level diff (LCS) of two short strings: which characters are not shared.
  function diffMarks(a, b) {
    var n = a.length, m = b.length, ma = [], mb = [], i, j;
    if (a === b) return [ma, mb];
    if (n * m > 40000) {
      for (i = 0; i < n; i++) ma[i] = true;
      for (j = 0; j < m; j++) mb[j] = true;
      return [ma, mb];
    }
    var w = m + 1, dp = new Uint16Array((n + 1) * w);
    for (i = n - 1; i >= 0; i--) {
      for (j = m - 1; j >= 0; j--) {
        dp[i * w + j] = a.charAt(i) === b.charAt(j) ? dp[(i + 1) * w + j + 1] + 1
          : Math.max(dp[(i + 1) * w + j], dp[i * w + j + 1]);
      }
    }
    i = 0; j = 0;
    while (i < n && j < m) {
      if (a.charAt(i) === b.charAt(j)) { i++; j++; }
      else if (dp[(i + 1) * w + j] >= dp[i * w + j + 1]) { ma[i++] = true; }
      else { mb[j++] = true; }
    }
    while (i < n) ma[i++] = true;
    while (j < m) mb[j++] = true;
    return [ma, mb];
  }

  function appendMarked(parent, s, marks) {
    var i = 0;
    while (i < s.length) {
      var on = !!marks[i], k = i;
      while (k < s.length && !!marks[k] === on) k++;
      var part = s.slice(i, k);
      parent.appendChild(on ? el('mark', null, part) : document.createTextNode(part));
      i = k;
    }
  }

  // ---------------------------------------------------------------- finding tables
  var tables = [];

  function Table(spec, root) {
    this.spec = spec;
    this.root = root;
    this.data = loadTable(spec);
    this.orderCache = {};
    this.hay = null;
    this.units = null;
    if (spec.group) {
      var idx = {}, units = [], g = this.data.cols[spec.group];
      for (var i = 0; i < this.data.n; i++) {
        var key = g[i];
        if (!(key in idx)) { idx[key] = units.length; units.push([]); }
        units[idx[key]].push(i);
      }
      this.units = units;
    }
    this.build();
  }

  Table.prototype.st = function () { return state.t[this.spec.name]; };
  // The category value a row is filtered and counted under (an age bucket, not each age).
  Table.prototype.bucket = function (v) {
    var m = this.spec.categoryMap;
    return (m && m[v]) || v;
  };

  Table.prototype.build = function () {
    var self = this, spec = this.spec, root = this.root;
    var bar = el('div', 'tcontrols no-print');
    // search
    var lab = el('label', 'ctl');
    lab.appendChild(el('span', null, T.search));
    var q = el('input');
    q.type = 'search';
    q.value = this.st().q;
    var timer = null;
    q.addEventListener('input', function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        self.st().q = q.value; self.st().page = 1; writeHash(); self.render();
      }, 200);
    });
    lab.appendChild(q);
    bar.appendChild(lab);
    this.qInput = q;
    // category
    if (spec.category) {
      var cl = el('label', 'ctl');
      cl.appendChild(el('span', null, spec.categoryLabel || T.category));
      var sel = el('select');
      var values = {}, col = this.data.cols[spec.category];
      for (var i = 0; i < this.data.n; i++) values[this.bucket(col[i])] = true;
      sel.appendChild(new Option(T.all, ''));
      Object.keys(values).sort().forEach(function (v) {
        if (v !== '') sel.appendChild(new Option(catLabel(v, spec.category), v));
      });
      sel.addEventListener('change', function () {
        self.st().kat = sel.value; self.st().page = 1; writeHash(); self.render();
      });
      cl.appendChild(sel);
      bar.appendChild(cl);
      this.katSelect = sel;
    }
    // page size
    var pl = el('label', 'ctl');
    pl.appendChild(el('span', null, T.per_page));
    var ps = el('select');
    cfg.pageSizes.forEach(function (n) { ps.appendChild(new Option(String(n), String(n))); });
    ps.addEventListener('change', function () {
      self.st().size = parseInt(ps.value, 10); self.st().page = 1; writeHash(); self.render();
    });
    pl.appendChild(ps);
    bar.appendChild(pl);
    this.sizeSelect = ps;
    root.appendChild(bar);

    this.chips = spec.category ? el('div', 'chips no-print') : null;
    if (this.chips) root.appendChild(this.chips);
    if (!spec.place) root.appendChild(el('p', 'note', T.no_place));
    this.pagerTop = el('div', 'pager no-print');
    root.appendChild(this.pagerTop);

    var wrap = el('div', 'scroll');
    var table = el('table', 'data' + (spec.group ? ' grouped' : ''));
    table.setAttribute('data-table', spec.name);
    var cap = el('caption', 'sr-only', spec.title);
    table.appendChild(cap);
    var thead = el('thead'), tr = el('tr');
    this.headers = [];
    spec.cells.forEach(function (cell) {
      var th = el('th', cell.num ? 'num' : null);
      th.scope = 'col';
      var b = el('button', 'sort no-print', cell.label);
      b.type = 'button';
      b.title = T.sort;
      b.addEventListener('click', function () {
        var s = self.st(), c = cell.cols[0];
        if (s.sort === c) s.desc = !s.desc; else { s.sort = c; s.desc = false; }
        s.page = 1; writeHash(); self.render();
      });
      th.appendChild(b);
      // Printed headers are plain text: chromium leaves buttons blank in the header it
      // repeats on every printed page.
      th.appendChild(el('span', 'print-only th-label', cell.label));
      tr.appendChild(th);
      self.headers.push([th, cell.cols[0]]);
    });
    thead.appendChild(tr);
    table.appendChild(thead);
    this.table = table;
    wrap.appendChild(table);
    root.appendChild(wrap);
    this.emptyNote = el('p', 'empty', T.none);
    this.emptyNote.hidden = true;
    root.appendChild(this.emptyNote);
    this.pagerBottom = el('div', 'pager no-print');
    root.appendChild(this.pagerBottom);
    this.printNote = el('p', 'print-only print-page');
    root.appendChild(this.printNote);
  };

  Table.prototype.isNumeric = function (c) {
    var cache = this.numCache || (this.numCache = {});
    if (c in cache) return cache[c];
    var v = this.data.cols[c], re = /^-?\d+(?:[.,]\d+)?$/, seen = false;
    for (var i = 0; i < v.length; i++) {
      if (v[i] === '') continue;
      if (!re.test(v[i])) { cache[c] = false; return false; }
      seen = true;
    }
    cache[c] = seen;
    return seen;
  };

  // All units (row indices or groups) in the current sort order; cached per sort key.
  Table.prototype.order = function () {
    var s = this.st(), key = s.sort + '|' + s.desc;
    if (this.orderCache[key]) return this.orderCache[key];
    var n = this.units ? this.units.length : this.data.n;
    var order = new Array(n);
    for (var i = 0; i < n; i++) order[i] = i;
    var col = s.sort && this.data.cols[s.sort];
    if (col) {
      var units = this.units, keys = new Array(n), numeric = this.isNumeric(s.sort);
      for (i = 0; i < n; i++) {
        var v = col[units ? units[i][0] : i];
        keys[i] = numeric ? (v === '' ? Infinity : parseFloat(v.replace(',', '.'))) : v.toUpperCase();
      }
      var dir = s.desc ? -1 : 1;
      order.sort(function (a, b) {
        var ka = keys[a], kb = keys[b];
        if (ka < kb) return -dir;
        if (ka > kb) return dir;
        return a - b;
      });
    }
    this.orderCache[key] = order;
    return order;
  };

  Table.prototype.haystack = function () {
    if (this.hay) return this.hay;
    var cols = this.spec.search.map(function (c) { return this.data.cols[c]; }, this);
    var hay = new Array(this.data.n);
    for (var i = 0; i < this.data.n; i++) {
      var parts = [];
      for (var k = 0; k < cols.length; k++) parts.push(cols[k][i]);
      hay[i] = parts.join('\u0001').toUpperCase();
    }
    this.hay = hay;
    return hay;
  };

  // Row filter for the place filter only (used by category counts) or all filters.
  Table.prototype.rowTest = function (withCategory) {
    var spec = this.spec, cols = this.data.cols, s = this.st();
    var kc = spec.place && state.kec ? cols[spec.place[0]] : null;
    var kl = spec.place && spec.place[1] && state.kel ? cols[spec.place[1]] : null;
    var kt = spec.place && spec.place[2] && state.tps ? cols[spec.place[2]] : null;
    var bucket = spec.categoryMap ? this.bucket.bind(this) : null;
    var cat = withCategory && spec.category && s.kat ? cols[spec.category] : null;
    var q = withCategory ? s.q.trim().toUpperCase() : '';
    var hay = q ? this.haystack() : null;
    var kec = state.kec, kel = state.kel, tps = state.tps, kat = s.kat;
    if (!kc && !kl && !kt && !cat && !q) return null;
    return function (i) {
      if (kc && kc[i] !== kec) return false;
      if (kl && kl[i] !== kel) return false;
      if (kt && kt[i] !== tps) return false;
      if (cat && (bucket ? bucket(cat[i]) : cat[i]) !== kat) return false;
      if (q && hay[i].indexOf(q) < 0) return false;
      return true;
    };
  };

  Table.prototype.filtered = function () {
    var order = this.order(), test = this.rowTest(true), units = this.units;
    if (!test) return order;
    var out = [];
    for (var k = 0; k < order.length; k++) {
      var u = order[k];
      if (units) {
        var rows = units[u];
        for (var r = 0; r < rows.length; r++) if (test(rows[r])) { out.push(u); break; }
      } else if (test(u)) out.push(u);
    }
    return out;
  };

  Table.prototype.renderChips = function () {
    if (!this.chips) return;
    var self = this, col = this.data.cols[this.spec.category], test = this.rowTest(false);
    var counts = {};
    for (var i = 0; i < this.data.n; i++) {
      if (test && !test(i)) continue;
      var bv = this.bucket(col[i]);
      counts[bv] = (counts[bv] || 0) + 1;
    }
    this.chips.textContent = '';
    Object.keys(counts).sort().forEach(function (v) {
      var b = el('button', 'chip' + (self.st().kat === v ? ' on' : ''));
      b.type = 'button';
      b.setAttribute('aria-pressed', self.st().kat === v ? 'true' : 'false');
      b.appendChild(document.createTextNode((v === '' ? '—' : catLabel(v, self.spec.category)) + ' '));
      b.appendChild(el('span', 'n', num(counts[v])));
      b.addEventListener('click', function () {
        var s = self.st();
        s.kat = s.kat === v ? '' : v; s.page = 1; writeHash(); self.render();
      });
      self.chips.appendChild(b);
    });
  };

  Table.prototype.cell = function (cell, i, groupHead) {
    var td = el('td', (cell.num ? 'num' : '') + (cell.nowrap ? ' nowrap' : '') + (cell.wide ? ' wide' : '')),
      cols = this.data.cols;
    var catCol = this.spec.category;
    var vals = cell.cols.map(function (c) {
      return c === catCol ? catLabel(cols[c][i], c) : valueLabel(c, cols[c][i]);
    });
    var pre = cell.pre || [];
    if (cell.kind === 'review') return this.reviewCell(td, cols[cell.cols[0]][i], cols[cell.cols[1]][i], cols[cell.cols[2]] ? cols[cell.cols[2]][i] : '');
    if (cell.kind === 'join') {
      td.textContent = vals.filter(function (v) { return v !== ''; }).join(' : ');
      return td;
    }
    if (cell.kind === 'diff') {
      var a = vals[0], b = vals[1];
      // no candidate (score 0 or none): nothing to compare
      if (cell.gate && !(parseFloat(String(cols[cell.gate][i]).replace(',', '.')) > 0)) b = '';
      var marks = diffMarks(a, b);
      var da = el('div', 'pri'), db = el('div', 'cand');
      if (a === '' || b === '') marks = [[], []];  // a missing value is not a difference
      // masked characters (*) are not differences
      [a, b].forEach(function (v, k) {
        for (var x = 0; x < v.length; x++) if (v.charAt(x) === '*') marks[k][x] = false;
      });
      appendMarked(da, a, marks[0]);
      appendMarked(db, b, marks[1]);
      td.appendChild(da);
      td.appendChild(db);
      return td;
    }
    vals.forEach(function (v, k) {
      if (v === '' && k > 0) return;
      var d = el('div', k === 0 ? 'pri' : 'sec');
      if (pre[k] && v !== '' && k > 0) d.appendChild(el('span', 'pre', pre[k]));
      if (cell.kind === 'gdiff' && groupHead != null && groupHead !== i) {
        var other = cols[cell.cols[k]][groupHead];
        if (cell.cols[k] === catCol) other = catLabel(other, catCol);
        appendMarked(d, v, diffMarks(v, other)[0]);
      } else {
        d.appendChild(document.createTextNode(v));
      }
      td.appendChild(d);
    });
    return td;
  };

  Table.prototype.reviewCell = function (td, id, status, note) {
    var current = markOf(id, status || 'belum dicek');
    td.className = 'review';
    if (!id) return td;  // a result folder from before finding ids
    td.appendChild(el('div', 'rid', id));
    var box = el('div', 'rbtns no-print');
    RV.statuses.forEach(function (st) {
      if (st === 'belum dicek') return;
      var b = el('button', 'rb rb-' + st.replace(/ /g, '-'), RV.labels[st] || st);
      b.type = 'button';
      b.setAttribute('data-id', id);
      b.setAttribute('data-status', st);
      b.setAttribute('aria-pressed', current === st ? 'true' : 'false');
      b.addEventListener('click', function () {
        setMark(id, markOf(id, status || 'belum dicek') === st ? 'belum dicek' : st);
        refreshReview();
      });
      box.appendChild(b);
    });
    td.appendChild(box);
    var shown = el('div', 'rstatus print-only', RV.labels[current] || current);
    td.appendChild(shown);
    var n = marks[id] && marks[id].c ? marks[id].c : note;
    if (n) td.appendChild(el('div', 'sec', n));
    td.setAttribute('data-status', current);
    return td;
  };

  Table.prototype.row = function (i, groupHead) {
    var tr = el('tr');
    for (var k = 0; k < this.spec.cells.length; k++) tr.appendChild(this.cell(this.spec.cells[k], i, groupHead));
    return tr;
  };

  Table.prototype.pager = function (box, page, pages) {
    var self = this;
    box.textContent = '';
    function btn(label, text, target, disabled) {
      var b = el('button', 'pg', text);
      b.type = 'button';
      b.title = label;
      b.setAttribute('aria-label', label);
      b.disabled = disabled;
      b.addEventListener('click', function () { self.st().page = target; writeHash(); self.render(); });
      box.appendChild(b);
    }
    btn(T.first, '«', 1, page <= 1);
    btn(T.prev, '‹', page - 1, page <= 1);
    box.appendChild(el('span', 'pageinfo', fmt(T.page, { p: num(page), n: num(pages) })));
    btn(T.next, '›', page + 1, page >= pages);
    btn(T.last, '»', pages, page >= pages);
    box.appendChild(el('span', 'showing', this.showing));
  };

  Table.prototype.render = function () {
    var s = this.st(), spec = this.spec, units = this.units;
    var list = this.filtered();
    var total = units ? units.length : this.data.n;
    var pages = Math.max(1, Math.ceil(list.length / s.size));
    if (s.page > pages) s.page = pages;
    var start = (s.page - 1) * s.size, end = Math.min(list.length, start + s.size);
    // A printout holds every filtered row; a long supporting table (spec.printLimit) is left
    // out of it, with its count and file named, unless the filters leave few enough rows.
    var skipped = printAll && spec.printLimit != null && list.length > spec.printLimit;
    if (printAll) { start = 0; end = skipped ? 0 : list.length; }
    this.root.classList.toggle('print-skipped', skipped);
    var self = this;

    // header sort indicators
    this.headers.forEach(function (h) {
      var on = s.sort && h[1] === s.sort;
      if (on) h[0].setAttribute('aria-sort', s.desc ? 'descending' : 'ascending');
      else h[0].removeAttribute('aria-sort');
    });

    var old = this.table.querySelectorAll('tbody');
    for (var k = 0; k < old.length; k++) this.table.removeChild(old[k]);
    var frag = document.createDocumentFragment();
    if (units) {
      for (var u = start; u < end; u++) {
        var rows = units[list[u]], tb = el('tbody', 'grp' + (u % 2 ? ' alt' : ''));
        for (var r = 0; r < rows.length; r++) tb.appendChild(this.row(rows[r], rows[0]));
        frag.appendChild(tb);
      }
    } else {
      var body = el('tbody');
      for (var x = start; x < end; x++) body.appendChild(this.row(list[x], null));
      frag.appendChild(body);
    }
    this.table.appendChild(frag);
    this.emptyNote.hidden = list.length > 0 || skipped;

    var tpl = units ? T.showing_groups : T.showing;
    this.showing = fmt(tpl, { a: num(list.length ? start + 1 : 0), b: num(end), m: num(list.length) }) +
      (list.length !== total ? ' ' + fmt(T.filtered, { n: num(total) }) : '');
    this.pager(this.pagerTop, s.page, pages);
    this.pager(this.pagerBottom, s.page, pages);

    var filters = [];
    if (state.kec && spec.place) filters.push(state.kec);
    if (state.kel && spec.place) filters.push(state.kel);
    if (state.tps && spec.place && spec.place[2]) filters.push(T.tps + ' ' + state.tps);
    if (s.kat) filters.push(catLabel(s.kat, spec.category));
    if (s.q) filters.push('"' + s.q + '"');
    this.printNote.textContent = fmt(skipped ? T.print_skipped : printAll ? T.print_all : T.print_page, {
      p: num(s.page), n: num(pages), m: num(list.length), u: units ? T.unit_groups : T.unit_rows,
      f: filters.length ? fmt(T.print_filter, { f: filters.join(', ') }) : '',
      limit: num(spec.printLimit || 0), file: spec.name + '.csv'
    });

    // controls reflect state (after a hash change)
    if (this.qInput.value !== s.q && document.activeElement !== this.qInput) this.qInput.value = s.q;
    if (this.katSelect) {
      if (s.kat && !Array.prototype.some.call(this.katSelect.options, function (o) { return o.value === s.kat; })) {
        this.katSelect.appendChild(new Option(catLabel(s.kat, spec.category), s.kat));
      }
      this.katSelect.value = s.kat;
    }
    this.sizeSelect.value = String(s.size);
    this.renderChips();
    self.root.setAttribute('data-shown', String(end - start));
    self.root.setAttribute('data-matching', String(list.length));
  };

  // ---------------------------------------------------------------- rekap + drill-down
  var rekap = document.getElementById('rekap');
  var tpsIndex = null;

  function buildTpsIndex() {
    // (kecamatan, kelurahan) -> tps -> {table: rows}
    var idx = {};
    tables.forEach(function (tb) {
      var spec = tb.spec;
      if (cfg.tpsCounted.indexOf(spec.name) < 0 || !spec.place || !spec.place[1]) return;
      var c = tb.data.cols, kc = c[spec.place[0]], kl = c[spec.place[1]];
      var tp = spec.place[2] ? c[spec.place[2]] : null;
      for (var i = 0; i < tb.data.n; i++) {
        var key = kc[i] + '\u0001' + kl[i], tps = tp ? tp[i] : '';
        var m = idx[key] || (idx[key] = {});
        var e = m[tps] || (m[tps] = {});
        e[spec.name] = (e[spec.name] || 0) + 1;
      }
    });
    return idx;
  }

  var REKAP_COL = { belum_terdaftar: 'belum_terdaftar', ganda: 'baris_ganda', tms: 'tms', tidak_valid: 'tidak_valid' };

  function toggleTps(tr, open) {
    var btn = tr.querySelector('button');
    btn.setAttribute('aria-expanded', open ? 'true' : 'false');
    var next = tr.nextElementSibling;
    while (next && next.classList.contains('tps')) {
      var n2 = next.nextElementSibling;
      next.parentNode.removeChild(next);
      next = n2;
    }
    if (!open) return;
    tpsIndex = tpsIndex || buildTpsIndex();
    var m = tpsIndex[tr.getAttribute('data-kec') + '\u0001' + tr.getAttribute('data-kel')] || {};
    var cols = Array.prototype.map.call(rekap.querySelectorAll('thead th[data-col]'), function (th) {
      return th.getAttribute('data-col');
    });
    var keys = Object.keys(m).sort(function (a, b) {
      var na = parseFloat(a), nb = parseFloat(b);
      if (!isNaN(na) && !isNaN(nb) && na !== nb) return na - nb;
      return a < b ? -1 : a > b ? 1 : 0;
    });
    var after = tr;
    if (!keys.length) {
      var none = el('tr', 'tps');
      none.appendChild(el('th', null, ''));
      var td = el('td', 'muted', T.tps_none);
      td.colSpan = cols.length;
      none.appendChild(td);
      after.parentNode.insertBefore(none, after.nextSibling);
      return;
    }
    keys.forEach(function (tps) {
      var row = el('tr', 'tps');
      row.setAttribute('data-kec', tr.getAttribute('data-kec'));
      row.setAttribute('data-kel', tr.getAttribute('data-kel'));
      row.setAttribute('data-tps', tps);
      var th = el('th', null, tps === '' ? T.tps_empty : T.tps + ' ' + tps);
      th.scope = 'row';
      if (tps !== '') {
        var show = el('button', 'show-tps no-print', T.tps_show);
        show.type = 'button';
        show.setAttribute('data-tps', tps);
        th.appendChild(document.createTextNode(' '));
        th.appendChild(show);
      }
      row.appendChild(th);
      cols.forEach(function (c) {
        var v = '';
        Object.keys(REKAP_COL).forEach(function (tname) {
          if (REKAP_COL[tname] === c && m[tps][tname] != null) v = num(m[tps][tname]);
        });
        row.appendChild(el('td', 'num', v));
      });
      after.parentNode.insertBefore(row, after.nextSibling);
      after = row;
    });
  }

  function setKecOpen(tr, open) {
    var btn = tr.querySelector('button.expand');
    if (btn) btn.setAttribute('aria-expanded', open ? 'true' : 'false');
    var kec = tr.getAttribute('data-kec');
    Array.prototype.forEach.call(rekap.querySelectorAll('tr.kel'), function (k) {
      if (k.getAttribute('data-kec') !== kec) return;
      var show = open && (!state.kel || k.getAttribute('data-kel') === state.kel);
      k.hidden = !show;
      if (!show && k.querySelector('button').getAttribute('aria-expanded') === 'true') toggleTps(k, false);
    });
  }

  function initRekap() {
    if (!rekap) return;
    Array.prototype.forEach.call(rekap.querySelectorAll('tr.kel'), function (k) { k.hidden = true; });
    rekap.addEventListener('click', function (ev) {
      var b = ev.target.closest('button');
      if (!b) return;
      var tr = b.closest('tr');
      if (b.classList.contains('show-tps')) {
        // drill down to the findings themselves: filter every table to this TPS
        setPlace(tr.getAttribute('data-kec'), tr.getAttribute('data-kel'), b.getAttribute('data-tps'));
        var first = document.querySelector('section.findings');
        if (first && first.scrollIntoView) first.scrollIntoView();
        return;
      }
      var open = b.getAttribute('aria-expanded') !== 'true';
      if (tr.classList.contains('kec')) setKecOpen(tr, open);
      else if (tr.classList.contains('kel')) toggleTps(tr, open);
    });
  }

  function applyRekap() {
    if (!rekap) return;
    Array.prototype.forEach.call(rekap.querySelectorAll('tr.kec'), function (tr) {
      var match = !state.kec || tr.getAttribute('data-kec') === state.kec;
      tr.hidden = !match;
      tr.classList.toggle('filtered-out', !match);
      if (state.kec) setKecOpen(tr, match);
    });
    Array.prototype.forEach.call(rekap.querySelectorAll('tr.kel'), function (tr) {
      tr.classList.toggle('filtered-out', !!state.kec && tr.getAttribute('data-kec') !== state.kec ||
        !!state.kel && tr.getAttribute('data-kel') !== state.kel);
    });
    var total = rekap.querySelector('tr.total');
    if (total) total.hidden = !!state.kec;  // a city-wide total beside one kecamatan misleads
    Array.prototype.forEach.call(document.querySelectorAll('figure.chart g.bar'), function (g) {
      g.classList.toggle('dim', !!state.kec && g.getAttribute('data-kec') !== state.kec);
    });
  }

  // ---------------------------------------------------------------- place filter bar
  var bar = document.getElementById('filterbar');
  var kecSel, kelSel, tpsSel;

  function fillKel() {
    kelSel.textContent = '';
    kelSel.appendChild(new Option(T.all, ''));
    var list = state.kec ? (cfg.places[state.kec] || []) : [];
    list.forEach(function (k) { kelSel.appendChild(new Option(k, k)); });
    if (state.kel && list.indexOf(state.kel) < 0) kelSel.appendChild(new Option(state.kel, state.kel));
    kelSel.value = state.kel;
    kelSel.disabled = !state.kec;
    if (!tpsSel) return;
    tpsSel.textContent = '';
    tpsSel.appendChild(new Option(T.tps_all, ''));
    var tl = state.kel ? (cfg.tpsPlaces[state.kec + '\u0001' + state.kel] || []) : [];
    tl.forEach(function (x) { tpsSel.appendChild(new Option(T.tps + ' ' + x, x)); });
    if (state.tps && tl.indexOf(state.tps) < 0) tpsSel.appendChild(new Option(T.tps + ' ' + state.tps, state.tps));
    tpsSel.value = state.tps;
    tpsSel.disabled = !state.kel;
  }

  function initFilterBar() {
    if (!bar) return;
    bar.hidden = false;
    function labelled(text, sel) {
      var l = el('label', 'ctl');
      l.appendChild(el('span', null, text));
      l.appendChild(sel);
      bar.appendChild(l);
    }
    kecSel = el('select');
    kecSel.id = 'filter-kecamatan';
    kecSel.appendChild(new Option(T.all, ''));
    Object.keys(cfg.places).forEach(function (k) { kecSel.appendChild(new Option(k, k)); });
    kelSel = el('select');
    kelSel.id = 'filter-kelurahan';
    labelled(cfg.kecLabel || 'Kecamatan', kecSel);
    labelled(cfg.kelLabel || 'Kelurahan', kelSel);
    tpsSel = el('select');
    tpsSel.id = 'filter-tps';
    labelled(T.tps, tpsSel);
    tpsSel.addEventListener('change', function () { setPlace(state.kec, state.kel, tpsSel.value); });
    var reset = el('button', 'reset', T.reset);
    reset.type = 'button';
    bar.appendChild(reset);
    kecSel.addEventListener('change', function () { setPlace(kecSel.value, ''); });
    kelSel.addEventListener('change', function () { setPlace(state.kec, kelSel.value); });
    reset.addEventListener('click', function () {
      cfg.tables.forEach(function (spec) {
        var s = state.t[spec.name];
        s.q = ''; s.kat = ''; s.page = 1;
      });
      setPlace('', '');
    });
    initReviewBar();
  }

  function initReviewBar() {
    if (!cfg.tables.some(function (spec) { return spec.review; })) return;
    var box = el('div', 'reviewbar');
    var l = el('label', 'ctl');
    l.appendChild(el('span', null, T.checker));
    var who = el('input');
    who.id = 'pemeriksa';
    who.value = checker();
    who.addEventListener('input', function () {
      try { window.localStorage.setItem(RV.storageKey + '.pemeriksa', who.value); } catch (e) { /* memory only */ }
    });
    l.appendChild(who);
    box.appendChild(l);
    var ex = el('button', 'export', T.export);
    ex.type = 'button';
    ex.id = 'ekspor-tinjauan';
    ex.addEventListener('click', function () {
      var text = exportCsv();
      document.getElementById('tinjauan-ekspor').textContent = text;
      try {
        var a = el('a');
        a.href = URL.createObjectURL(new Blob(['\ufeff' + text], { type: 'text/csv;charset=utf-8' }));
        a.download = 'tinjauan_' + nowText().replace(/[^0-9]/g, '').slice(0, 12) + '.csv';
        document.body.appendChild(a);
        a.click();
        document.body.removeChild(a);
      } catch (e) { /* the text stays in the page */ }
    });
    box.appendChild(ex);
    var count = el('span', 'muted marks-count');
    count.id = 'tinjauan-jumlah';
    box.appendChild(count);
    var out = el('pre', 'export-text');
    out.id = 'tinjauan-ekspor';
    out.hidden = true;
    box.appendChild(out);
    bar.appendChild(box);
    updateMarkCount();
  }

  function updateMarkCount() {
    var c = document.getElementById('tinjauan-jumlah');
    if (c) c.textContent = fmt(T.marks_saved, { n: num(Object.keys(marks).length) });
  }

  function refreshReview() {
    updateMarkCount();
    tables.forEach(function (tb) { if (tb.spec.review) tb.render(); });
  }

  function setPlace(kec, kel, tps) {
    state.kec = kec; state.kel = kel; state.tps = kel ? (tps || '') : '';
    cfg.tables.forEach(function (spec) { state.t[spec.name].page = 1; });
    writeHash();
    applyAll();
  }

  function syncFilterBar() {
    if (!kecSel) return;
    if (state.kec && !cfg.places[state.kec]) kecSel.appendChild(new Option(state.kec, state.kec));
    kecSel.value = state.kec;
    fillKel();
  }

  function applyAll() {
    syncFilterBar();
    applyRekap();
    tables.forEach(function (tb) { tb.render(); });
  }

  // ---------------------------------------------------------------- start
  readHash();
  lastHash = location.hash;
  initFilterBar();
  initRekap();
  cfg.tables.forEach(function (spec) {
    var root = document.querySelector('.table-ui[data-table="' + spec.name + '"]');
    if (root) tables.push(new Table(spec, root));
  });
  applyAll();

  // A printout holds every (filtered) row of every table, not only the page on screen.
  window.addEventListener('beforeprint', function () {
    printAll = true;
    tables.forEach(function (tb) { tb.render(); });
  });
  window.addEventListener('afterprint', function () {
    printAll = false;
    tables.forEach(function (tb) { tb.render(); });
  });

  window.addEventListener('hashchange', function () {
    if (location.hash === lastHash) return;
    lastHash = location.hash;
    readHash();
    applyAll();
  });
  // Contents links scroll without replacing the view state in the fragment.
  Array.prototype.forEach.call(document.querySelectorAll('nav.toc a[data-target]'), function (a) {
    a.addEventListener('click', function (ev) {
      var target = document.getElementById(a.getAttribute('data-target'));
      if (!target) return;
      ev.preventDefault();
      target.scrollIntoView();
    });
  });
  var t1 = (window.performance && performance.now) ? performance.now() : Date.now();
  // Resources fetched so far (the CSP blocks any; the browser test expects 0).
  var fetched = (window.performance && performance.getEntriesByType) ? performance.getEntriesByType('resource').length : -1;
  document.body.setAttribute('data-resources', String(fetched));
  document.body.setAttribute('data-ready', '1');
  document.body.setAttribute('data-render-ms', String(Math.round(t1 - t0)));
})();
