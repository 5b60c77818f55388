/* Palermo case search: loads the prebuilt lunr index (compact layout, see search_index/lunr_export.py),
 * filters by facets with live counts, keeps query and filters in the URL, exports the shown rows as CSV.
 * Every value from a record is inserted with textContent, never as HTML. */
(function () {
  "use strict";

  var app = document.getElementById("pl-search-app");
  if (!app || typeof lunr === "undefined") {
    return;
  }

  var PAGE = 50;
  var EMPTY = Object.freeze({});
  var FACETS = []; // from the index metadata (meta.facets), declared once in palermo/model/facets.py
  var TEXT_FIELDS = ["title", "summary", "holdings", "provisions"];

  var els = {
    form: document.getElementById("pl-search-form"),
    q: document.getElementById("pl-q"),
    from: document.getElementById("pl-from"),
    to: document.getElementById("pl-to"),
    facets: document.getElementById("pl-facets"),
    status: document.getElementById("pl-status"),
    error: document.getElementById("pl-error"),
    results: document.getElementById("pl-results"),
    more: document.getElementById("pl-more"),
    csv: document.getElementById("pl-csv"),
    clear: document.getElementById("pl-clear")
  };

  var data = null; // {index, docs, meta, values: {facet: [[value, label]]}, positions: {facet: {value: position}}}
  var state = emptyState();
  var shown = [];
  var limit = PAGE;
  var typingTimer = null;

  function emptyState() {
    var selected = {};
    FACETS.forEach(function (f) { selected[f.name] = []; });
    return { q: "", selected: selected, from: "", to: "", thesaurus: true };
  }

  /* ---- URL state ------------------------------------------------------------------------------ */

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    var s = emptyState();
    s.q = params.get("q") || "";
    FACETS.forEach(function (f) { s.selected[f.name] = params.getAll(f.param).filter(Boolean); });
    s.from = params.get("from") || "";
    s.to = params.get("to") || "";
    s.thesaurus = params.get("thesaurus") !== "off";
    return s;
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    if (state.q) { params.set("q", state.q); }
    FACETS.forEach(function (f) { state.selected[f.name].forEach(function (v) { params.append(f.param, v); }); });
    if (state.from) { params.set("from", state.from); }
    if (state.to) { params.set("to", state.to); }
    if (!state.thesaurus) { params.set("thesaurus", "off"); }
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "");
    if (url === window.location.pathname + window.location.search) { return; }
    if (push) { history.pushState(null, "", url); } else { history.replaceState(null, "", url); }
  }

  function syncControls() {
    els.q.value = state.q;
    els.from.value = state.from;
    els.to.value = state.to;
    els.facets.querySelectorAll("input[type=checkbox]").forEach(function (box) {
      box.checked = state.selected[box.dataset.facet].indexOf(box.value) >= 0;
    });
  }

  /* ---- Loading the index ------------------------------------------------------------------------ */

  function fold(folds) {
    var prefixes = Object.keys(folds.prefix).sort(function (a, b) { return b.length - a.length; });
    return function (token) {
      return token.update(function (word) {
        if (Object.prototype.hasOwnProperty.call(folds.word, word)) { return folds.word[word]; }
        for (var i = 0; i < prefixes.length; i++) {
          if (word.lastIndexOf(prefixes[i], 0) === 0) { return folds.prefix[prefixes[i]] + word.slice(prefixes[i].length); }
        }
        return word;
      });
    };
  }

  /* The index comes in shards (search_index/browser_shards.py): meta.json first, then the term shards a query
   * needs, the facet columns and the result rows, each fetched once and kept. For each query, lunr.js gets an
   * index of just the terms the query can match (every posting of those terms, and field vectors restricted to
   * them). lunr scores a document by the dot product of its field vectors with the query vector, divided by the
   * query vector's magnitude, so restricting the vectors to the query's terms gives the same scores as the whole
   * index; every term keeps its id in the whole index, so the shards change nothing in the scores. */
  function prepareIndex(meta) {
    var foldFn = fold(meta.folds);
    lunr.Pipeline.registerFunction(foldFn, "palermoFold");
    var pipeline = new lunr.Pipeline();
    pipeline.add(lunr.trimmer, foldFn, lunr.stemmer);
    return { terms: [], postings: [], fields: meta.fields, scale: meta.scale, termIndex: Object.create(null),
      shards: meta.shards, tokenSets: [], pipeline: pipeline };
  }

  /* The shards that can hold a term: the one whose range takes it, or for a wildcard every shard whose range
   * meets the terms starting with the part before the first "*". */
  function shardsFor(index, term) {
    var star = term.indexOf("*");
    var prefix = star >= 0 ? term.slice(0, star) : term;
    var firsts = index.shards, lo = 0, hi = firsts.length - 1;
    while (lo < hi) {
      var mid = (lo + hi + 1) >> 1;
      if (firsts[mid] <= prefix) { lo = mid; } else { hi = mid - 1; }
    }
    var out = [lo];
    if (star >= 0) {
      for (var i = lo + 1; i < firsts.length && firsts[i].lastIndexOf(prefix, 0) === 0; i++) { out.push(i); }
    }
    return out;
  }

  function clauseTerms(index, c) {
    return c.wildcard ? [c.term] : index.pipeline.runString(c.term);
  }

  function expandClauses(index, clauses) {
    var wanted = Object.create(null);
    clauses.forEach(function (c) {
      clauseTerms(index, c).forEach(function (term) {
        var pattern = lunr.TokenSet.fromString(term);
        shardsFor(index, term).forEach(function (n) {
          index.tokenSets[n].intersect(pattern).toArray().forEach(function (t) {
            if (index.termIndex[t] !== undefined) { wanted[index.termIndex[t]] = true; }
          });
        });
      });
    });
    return Object.keys(wanted).map(Number).sort(function (a, b) { return a - b; });
  }

  function queryIndex(index, ids) {
    var fields = index.fields, scale = index.scale;
    var invertedIndex = Object.create(null);
    var vectors = Object.create(null);
    ids.forEach(function (t) {
      var posting = { _index: t };
      var row = index.postings[t];
      for (var f = 0; f < fields.length; f++) {
        var entries = Object.create(null);
        var list = row[f];
        if (list) {
          var doc = 0;
          for (var k = 0; k < list.length; k += 2) {
            doc += list[k];
            entries[doc] = EMPTY;
            var key = fields[f] + "/" + doc;
            (vectors[key] || (vectors[key] = [])).push(t, list[k + 1] / scale);
          }
        }
        posting[fields[f]] = entries;
      }
      invertedIndex[index.terms[t]] = posting;
    });
    var fieldVectors = Object.create(null);
    Object.keys(vectors).forEach(function (key) { fieldVectors[key] = new lunr.Vector(vectors[key]); });
    return new lunr.Index({
      invertedIndex: invertedIndex,
      fieldVectors: fieldVectors,
      tokenSet: lunr.TokenSet.fromArray(ids.map(function (t) { return index.terms[t]; })),
      fields: fields,
      pipeline: index.pipeline
    });
  }

  var files = Object.create(null); // relative name -> promise of its JSON, fetched once

  function fetchJson(name) {
    if (!files[name]) {
      files[name] = fetch(new URL(name, data ? data.base : new URL(app.dataset.index, window.location.href))).then(function (r) {
        if (!r.ok) { throw new Error(name + " " + r.status); }
        return r.json();
      }).catch(function (err) {
        delete files[name]; // a later query tries again
        throw err;
      });
    }
    return files[name];
  }

  function loadShard(n) {
    var index = data.index;
    if (index.tokenSets[n]) { return null; }
    return fetchJson("terms/" + n + ".json").then(function (shard) {
      if (index.tokenSets[n]) { return; }
      shard.terms.forEach(function (term, j) {
        var t = shard.start + j;
        index.terms[t] = term;
        index.postings[t] = shard.postings[j];
        index.termIndex[term] = t;
      });
      index.tokenSets[n] = lunr.TokenSet.fromArray(shard.terms);
    });
  }

  /* The term shards a query can read: its clauses' terms and, for a plain question, its thesaurus equivalents. */
  function loadTerms(text) {
    var parsed;
    try { parsed = parseQuery(text); } catch (e) { return Promise.resolve(); } // update() reports the error
    var index = data.index, clauses = parsed.clauses.slice();
    var plan = isPlain(text) ? planQuestion(text, state.thesaurus) : null;
    if (plan) {
      plan.units.forEach(function (u) {
        u.words.concat.apply(u.words, u.alts.map(function (a) { return a.words; })).forEach(function (w) {
          clauses.push({ term: w, wildcard: false });
        });
      });
    }
    var wanted = {};
    clauses.forEach(function (c) {
      clauseTerms(index, c).forEach(function (term) { shardsFor(index, term).forEach(function (n) { wanted[n] = true; }); });
    });
    return Promise.all(Object.keys(wanted).map(function (n) { return loadShard(Number(n)); }));
  }

  /* The result-line columns of the given matches (rows are stored data.meta.rows to a file). */
  function loadRows(matches) {
    var docs = data.docs, per = data.meta.rows, wanted = {};
    matches.forEach(function (m) { if (docs.id[m.doc] === undefined) { wanted[Math.floor(m.doc / per)] = true; } });
    return Promise.all(Object.keys(wanted).map(function (k) {
      return fetchJson("rows/" + k + ".json").then(function (rows) {
        var start = Number(k) * per;
        rows.id.forEach(function (id, j) {
          var court = rows.court[j], c = data.courtPositions[court];
          if (c === undefined) { c = data.courtPositions[court] = docs.courts.push(court) - 1; }
          docs.id[start + j] = id;
          docs.title[start + j] = rows.title[j];
          docs.date[start + j] = rows.date[j];
          docs.c[start + j] = c;
          docs.s[start + j] = rows.s[j];
        });
      });
    }));
  }

  function load() {
    var base = new URL(app.dataset.index, window.location.href);
    var facetColumns = fetchJson("facets.json"); // needed by every query: fetched beside the metadata
    return fetchJson("meta.json").then(function (meta) {
      var values = {}, positions = {};
      FACETS = meta.facets;
      FACETS.forEach(function (f) {
        values[f.name] = f.values;
        positions[f.name] = {};
        values[f.name].forEach(function (pair, n) { positions[f.name][pair[0]] = n; });
      });
      var n = meta.count;
      var docs = { courts: [], id: new Array(n), title: new Array(n), date: new Array(n), year: null, c: new Array(n), s: new Array(n), facets: {} };
      data = { index: prepareIndex(meta), docs: docs, meta: meta, values: values, positions: positions, base: base, courtPositions: Object.create(null) };
      return facetColumns.then(function (columns) {
        docs.year = columns.year;
        FACETS.forEach(function (f) { docs.facets[f.name] = columns[f.name]; });
      });
    });
  }

  /* ---- The query ------------------------------------------------------------------------------ */

  function QueryError(message) { this.message = message; }

  function tokenize(text) {
    var tokens = [], re = /"([^"]*)("?)|(\S+)/g, m;
    while ((m = re.exec(text)) !== null) {
      if (m[1] !== undefined && m[0].charAt(0) === '"') {
        if (!m[2]) { throw new QueryError("unclosed quotation mark: close the phrase with another one"); }
        tokens.push({ phrase: m[1] });
      } else {
        tokens.push({ word: m[3] });
      }
    }
    return tokens;
  }

  function facetByAlias(name) {
    for (var i = 0; i < FACETS.length; i++) { if (FACETS[i].aliases.indexOf(name) >= 0) { return FACETS[i]; } }
    return null;
  }

  function fieldNames() {
    var names = TEXT_FIELDS.concat(FACETS.map(function (f) { return f.param; })).concat(["year"]);
    return names.slice(0, -1).join(", ") + " or " + names[names.length - 1];
  }

  function normaliseValue(facet, value) {
    var key = value.toLowerCase().replace(/[\s-]+/g, "_");
    var list = data.values[facet.name];
    for (var i = 0; i < list.length; i++) {
      if (list[i][0].toLowerCase() === key || list[i][1].toLowerCase().replace(/[\s-]+/g, "_") === key) { return list[i][0]; }
    }
    throw new QueryError("unknown " + facet.label.toLowerCase() + " '" + value + "'");
  }

  /* Turns the typed query into lunr clauses plus facet and year filters. Quoted phrases require each of their
   * words (lunr has no phrase search); "a OR b" makes both words optional; NOT and -word exclude. */
  /* Parentheses must pair up, as on the command line (lunr has no grouping: they only have to be well formed). */
  function checkParentheses(tokens) {
    var depth = 0;
    tokens.forEach(function (tok) {
      if (tok.word === undefined) { return; }
      for (var i = 0; i < tok.word.length; i++) {
        var c = tok.word.charAt(i);
        if (c === "(") { depth++; }
        if (c === ")") {
          depth--;
          if (depth < 0) { throw new QueryError("a closing parenthesis ')' has no matching '('"); }
        }
      }
    });
    if (depth > 0) { throw new QueryError("a parenthesis '(' is never closed: add ')'"); }
  }

  function parseQuery(text) {
    var out = { clauses: [], filters: {}, from: null, to: null };
    var tokens = tokenize(text);
    checkParentheses(tokens);
    var pendingNot = false, orNext = false;
    tokens.forEach(function (tok, n) {
      if (tok.word === "AND") { return; }
      if (tok.word === "NOT") { pendingNot = true; return; }
      if (tok.word === "OR") {
        if (!out.clauses.length || n === tokens.length - 1) { throw new QueryError("OR needs a word on each side"); }
        out.clauses[out.clauses.length - 1].presence = lunr.Query.presence.OPTIONAL;
        orNext = true;
        return;
      }
      var presence = pendingNot ? lunr.Query.presence.PROHIBITED : (orNext ? lunr.Query.presence.OPTIONAL : lunr.Query.presence.REQUIRED);
      pendingNot = false; orNext = false;
      var words, fields = null;
      if (tok.phrase !== undefined) {
        words = tok.phrase;
      } else {
        var w = tok.word;
        if (w.charAt(0) === "-" && w.length > 1) { presence = lunr.Query.presence.PROHIBITED; w = w.slice(1); }
        var m = /^([a-z_]+):(.*)$/.exec(w);
        if (m) {
          var value = m[2].replace(/^"|"$/g, "");
          if (m[1] === "year") {
            var range = /^(\d{4})?(?:\.\.(\d{4})?)?$/.exec(value);
            if (!range || (!range[1] && !range[2])) { throw new QueryError("year range '" + value + "' not understood: write 2015 or 2010..2020"); }
            out.from = range[1] || null;
            out.to = value.indexOf("..") >= 0 ? (range[2] || null) : range[1];
            return;
          }
          var facet = facetByAlias(m[1]);
          if (facet) {
            if (!value) { throw new QueryError(m[1] + ": needs a value, e.g. " + m[1] + ":something"); }
            var v = facet.name === "jurisdiction" ? value.toUpperCase() : value;
            (out.filters[facet.name] = out.filters[facet.name] || []).push(normaliseValue(facet, v));
            return;
          }
          if (TEXT_FIELDS.indexOf(m[1]) < 0) { throw new QueryError("unknown field '" + m[1] + "': use " + fieldNames()); }
          if (!value) { throw new QueryError(m[1] + ": needs a value, e.g. " + m[1] + ":something"); }
          fields = [m[1]];
          w = value;
        }
        words = w;
      }
      words.split(/[\s\-]+/).forEach(function (word) {
        var term = word.toLowerCase().replace(/^\W+/, "").replace(/\W+$/, "");
        if (word.indexOf("*") >= 0) { term = word.toLowerCase().replace(/[^\w*]/g, ""); }
        if (!term || lunr.stopWordFilter(new lunr.Token(term)) === undefined) { return; }
        out.clauses.push({ term: term, presence: presence, fields: fields, wildcard: term.indexOf("*") >= 0 });
      });
    });
    if (pendingNot) { throw new QueryError("NOT at the end of the query needs a word after it"); }
    return out;
  }

  function runQuery(parsed) {
    var docs = data.docs, n = docs.id.length;
    if (!parsed.clauses.length) {
      var all = [];
      for (var i = 0; i < n; i++) { all.push({ doc: i, score: 0 }); } // the store is already newest first
      return all;
    }
    var idx = queryIndex(data.index, expandClauses(data.index, parsed.clauses));
    var results = idx.query(function (q) {
      parsed.clauses.forEach(function (c) {
        var options = { presence: c.presence, usePipeline: !c.wildcard };
        if (c.fields) { options.fields = c.fields; }
        q.term(c.term, options);
      });
    });
    return results.map(function (r) { return { doc: Number(r.ref), score: r.score }; });
  }

  /* ---- Plain questions: the thesaurus and the closest matches (as search_index/natural.py) -------- */

  /* A query with none of the syntax (quotes, operators, parentheses, -word, wildcards, field:) is a plain
   * question: every word (or a thesaurus phrase or one of its equivalents) must match; when fewer than
   * meta.closest.few cases do, those matching at least meta.closest.share of the words are shown instead. */
  function isPlain(text) {
    var t = text.trim().replace(/\?+$/, "").trim();
    if (!t || /["()*?]/.test(t)) { return false; }
    return t.split(/\s+/).every(function (w) {
      return ["AND", "OR", "NOT"].indexOf(w) < 0 && w.charAt(0) !== "-" && !/^[A-Za-z_]+:\S/.test(w.replace(/[,.;:!]+$/, ""));
    });
  }

  function plainWords(text) {
    var out = [];
    text.split(/[\s\-]+/).forEach(function (word) {
      var term = word.toLowerCase().replace(/^\W+/, "").replace(/\W+$/, "");
      if (!term || lunr.stopWordFilter(new lunr.Token(term)) === undefined) { return; }
      var stem = data.index.pipeline.runString(term)[0];
      if (stem) { out.push({ raw: term, stem: stem }); }
    });
    return out;
  }

  function thesaurusEntries() {
    if (!data.thesaurus) {
      data.thesaurus = ((data.meta.thesaurus || {}).entries || []).map(function (e) {
        return e.terms.map(function (t) { return { label: t, words: plainWords(t) }; }).filter(function (t) { return t.words.length; });
      });
    }
    return data.thesaurus;
  }

  function samePhrase(words, start, key) {
    if (start + key.length > words.length) { return false; }
    for (var i = 0; i < key.length; i++) { if (words[start + i].stem !== key[i].stem) { return false; } }
    return true;
  }

  function planQuestion(text, useThesaurus) {
    var words = plainWords(text);
    if (!words.length) { return null; }
    var found = [];
    if (useThesaurus) {
      var candidates = [];
      thesaurusEntries().forEach(function (terms) {
        terms.forEach(function (term) {
          for (var i = 0; i < words.length; i++) {
            if (samePhrase(words, i, term.words)) { candidates.push({ start: i, end: i + term.words.length, terms: terms, term: term }); }
          }
        });
      });
      candidates.sort(function (a, b) { return (b.end - b.start) - (a.end - a.start) || a.start - b.start; });
      var taken = {};
      candidates.forEach(function (c) {
        for (var i = c.start; i < c.end; i++) { if (taken[i]) { return; } }
        var key = words.slice(c.start, c.end).map(function (w) { return w.stem; }).join(" ");
        var alts = c.terms.filter(function (t) { return t.words.map(function (w) { return w.stem; }).join(" ") !== key; });
        if (!alts.length) { return; }
        for (var j = c.start; j < c.end; j++) { taken[j] = true; }
        found.push({ start: c.start, end: c.end, alts: alts });
      });
      found.sort(function (a, b) { return a.start - b.start; });
    }
    var units = [], seen = {}, i = 0;
    found.concat([null]).forEach(function (f) {
      var stop = f ? f.start : words.length;
      words.slice(i, stop).forEach(function (w) {
        if (!seen[w.stem]) { seen[w.stem] = true; units.push({ words: [w.raw], alts: [] }); }
      });
      if (f) {
        units.push({ words: words.slice(f.start, f.end).map(function (w) { return w.raw; }), alts: f.alts.map(function (a) {
          return { label: a.label, words: a.words.map(function (w) { return w.raw; }) };
        }) });
        i = f.end;
      }
    });
    return { units: units, minMatch: Math.max(1, Math.ceil(data.meta.closest.share * units.length)) };
  }

  function docsWithAll(idx, words) {
    var out = {};
    idx.query(function (q) {
      words.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.REQUIRED }); });
    }).forEach(function (r) { out[r.ref] = true; });
    return out;
  }

  /* Every unit's documents, the all-words and closest lists (scored by lunr over the typed words and, at the
   * thesaurus weight, their equivalents; closest ones times the share of units matched, all-words first). */
  function runPlain(plan) {
    var clauses = [];
    plan.units.forEach(function (u) {
      u.words.forEach(function (w) { clauses.push({ term: w, wildcard: false }); });
      u.alts.forEach(function (a) { a.words.forEach(function (w) { clauses.push({ term: w, wildcard: false }); }); });
    });
    var idx = queryIndex(data.index, expandClauses(data.index, clauses));
    var weight = data.meta.thesaurus.weight;
    var scores = {};
    idx.query(function (q) {
      plan.units.forEach(function (u) {
        u.words.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.OPTIONAL }); });
        u.alts.forEach(function (a) { a.words.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.OPTIONAL, boost: weight }); }); });
      });
    }).forEach(function (r) { scores[r.ref] = r.score; });
    var altDocs = [];
    var unitDocs = plan.units.map(function (u) {
      var docs = docsWithAll(idx, u.words);
      u.alts.forEach(function (a) {
        var found = docsWithAll(idx, a.words);
        altDocs.push({ label: a.label, docs: found });
        Object.keys(found).forEach(function (d) { docs[d] = true; });
      });
      return docs;
    });
    var strict = [], closest = [];
    Object.keys(scores).forEach(function (ref) {
      var n = unitDocs.filter(function (docs) { return docs[ref]; }).length;
      var all = n === plan.units.length;
      if (all) { strict.push({ doc: Number(ref), score: scores[ref] }); }
      if (n >= plan.minMatch) {
        closest.push({ doc: Number(ref), score: scores[ref] * n / plan.units.length, all: all });
      }
    });
    strict.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    closest.sort(function (a, b) { return (b.all - a.all) || b.score - a.score || a.doc - b.doc; });
    return { strict: strict, closest: closest, altDocs: altDocs };
  }

  function alsoMatched(altDocs, kept) {
    var labels = [];
    var keptDocs = {};
    kept.forEach(function (m) { keptDocs[m.doc] = true; });
    altDocs.forEach(function (a) {
      if (labels.indexOf(a.label) < 0 && Object.keys(a.docs).some(function (d) { return keptDocs[d]; })) { labels.push(a.label); }
    });
    return labels;
  }

  /* ---- Filtering and facet counts --------------------------------------------------------------- */

  function docValues(facet, doc) {
    var v = data.docs.facets[facet.name][doc];
    return Array.isArray(v) ? v : (v < 0 ? [] : [v]);
  }

  function applyFilters(matches, selected, from, to) {
    var wanted = FACETS.map(function (f) {
      var set = null;
      if (selected[f.name] && selected[f.name].length) {
        set = {};
        selected[f.name].forEach(function (v) {
          var p = data.positions[f.name][v];
          if (p !== undefined) { set[p] = true; }
        });
      }
      return set;
    });
    var years = data.docs.year;
    var counts = FACETS.map(function () { return {}; });
    var kept = [];
    matches.forEach(function (m) {
      var y = years[m.doc];
      if ((from && (!y || y < from)) || (to && (!y || y > to))) { return; }
      var failed = -1, failures = 0;
      var vals = FACETS.map(function (f, k) {
        var vs = docValues(f, m.doc);
        if (wanted[k] && !vs.some(function (p) { return wanted[k][p]; })) { failed = k; failures++; }
        return vs;
      });
      if (failures > 1) { return; }
      FACETS.forEach(function (f, k) {
        if (failures === 0 || failed === k) {
          vals[k].forEach(function (p) { counts[k][p] = (counts[k][p] || 0) + 1; });
        }
      });
      if (failures === 0) { kept.push(m); }
    });
    return { kept: kept, counts: counts };
  }

  /* ---- Rendering -------------------------------------------------------------------------------- */

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function buildFacetControls() {
    els.facets.textContent = "";
    FACETS.forEach(function (f) {
      var fieldset = el("fieldset", "pl-facet");
      fieldset.appendChild(el("legend", null, f.label));
      var list = el("ul", "pl-facet__list");
      data.values[f.name].forEach(function (pair, p) {
        var li = el("li", "pl-facet__item");
        li.dataset.position = String(p);
        var id = "pl-f-" + f.param + "-" + pair[0].replace(/[^A-Za-z0-9_]/g, "_");
        var box = el("input");
        box.type = "checkbox";
        box.id = id;
        box.value = pair[0];
        box.dataset.facet = f.name;
        var label = el("label", null, pair[1]);
        label.htmlFor = id;
        var count = el("span", "pl-count", "");
        label.appendChild(document.createTextNode(" "));
        label.appendChild(count);
        li.appendChild(box);
        li.appendChild(label);
        list.appendChild(li);
      });
      fieldset.appendChild(list);
      els.facets.appendChild(fieldset);
    });
  }

  function updateFacetCounts(counts) {
    FACETS.forEach(function (f, k) {
      els.facets.querySelectorAll("input[data-facet=" + f.name + "]").forEach(function (box) {
        var li = box.parentNode;
        var c = counts[k][Number(li.dataset.position)] || 0;
        box.checked = state.selected[f.name].indexOf(box.value) >= 0;
        li.querySelector(".pl-count").textContent = "(" + c + ")";
        li.hidden = c === 0 && !box.checked;
      });
    });
  }

  function queryStems(parsed) {
    var stems = {};
    parsed.clauses.forEach(function (c) {
      if (c.presence !== lunr.Query.presence.PROHIBITED && !c.wildcard) {
        data.index.pipeline.runString(c.term).forEach(function (s) { stems[s] = true; });
      }
    });
    return stems;
  }

  function snippetNode(text, stems) {
    var p = el("p", "pl-result__snippet");
    text.split(/(\s+)/).forEach(function (part) {
      var term = part.toLowerCase().replace(/^\W+/, "").replace(/\W+$/, "");
      var stem = term ? data.index.pipeline.runString(term)[0] : null;
      if (stem && stems[stem]) {
        p.appendChild(el("mark", null, part));
      } else {
        p.appendChild(document.createTextNode(part));
      }
    });
    return p;
  }

  function resultNode(doc, stems) {
    var docs = data.docs;
    var li = el("li", "pl-result");
    li.dataset.caseId = docs.id[doc];
    var h = el("h2", "pl-result__title");
    var a = el("a", null, docs.title[doc]);
    a.href = app.dataset.cases + encodeURIComponent(docs.id[doc]) + "/";
    h.appendChild(a);
    li.appendChild(h);
    var court = docs.courts[docs.c[doc]];
    var jur = data.values.jurisdiction[docs.facets.jurisdiction[doc]];
    li.appendChild(el("p", "pl-meta", [court || jur[1], docs.date[doc] || docs.year[doc] || "undated"].join(" — ")));
    var badges = el("p", "pl-result__badges");
    docs.facets.offence_types[doc].forEach(function (p) {
      var pair = data.values.offence_types[p];
      badges.appendChild(el("span", "pl-badge pl-badge--" + pair[0], pair[1]));
    });
    var outcome = docs.facets.outcome[doc];
    if (outcome >= 0) { badges.appendChild(el("span", "pl-badge pl-badge--outcome", data.values.outcome[outcome][1])); }
    li.appendChild(badges);
    if (docs.s[doc]) { li.appendChild(snippetNode(docs.s[doc], stems)); }
    return li;
  }

  function renderResults(kept, stems, notes) {
    els.results.textContent = "";
    shown = kept.slice(0, limit).map(function (m) { return m.doc; });
    var frag = document.createDocumentFragment();
    shown.forEach(function (doc) { frag.appendChild(resultNode(doc, stems)); });
    els.results.appendChild(frag);
    els.more.hidden = kept.length <= limit;
    els.csv.disabled = shown.length === 0;
    var total = kept.length;
    els.status.textContent = total === 0 ? "No case matches." :
      (total === 1 ? "1 case matches." : total + " cases match" + (shown.length < total ? ", showing " + shown.length + "." : "."));
    if (notes && notes.length) { els.status.textContent += " " + notes.join(" "); }
  }

  function showError(message) {
    els.error.textContent = message;
    els.error.hidden = !message;
  }

  var updates = 0; // the latest update; an earlier one still waiting for its files renders nothing

  /* Fetches the term shards the query needs, then runs it (updateNow); returns a promise. */
  function update() {
    if (!data) { return Promise.resolve(); }
    var ticket = ++updates;
    els.status.textContent = ""; // no stale count while the query's files arrive
    return loadTerms(state.q).then(function () {
      if (ticket === updates) { return updateNow(ticket); }
    }).catch(function (err) {
      showError("The search index could not be loaded (" + err.message + "). Use the browse pages instead.");
    });
  }

  function updateNow(ticket) {
    var parsed;
    try {
      parsed = parseQuery(state.q);
      showError("");
    } catch (e) {
      if (!(e instanceof QueryError)) { throw e; }
      showError("Query not understood: " + e.message + ".");
      els.results.textContent = ""; // no stale results or count under an error
      els.status.textContent = "No case listed: the query was not understood.";
      els.more.hidden = true;
      return;
    }
    var selected = {};
    FACETS.forEach(function (f) { selected[f.name] = state.selected[f.name].concat(parsed.filters[f.name] || []); });
    // A year range typed in the query and one set in the form both apply.
    var froms = [parsed.from, state.from].map(Number).filter(Boolean);
    var tos = [parsed.to, state.to].map(Number).filter(Boolean);
    var from = froms.length ? Math.max.apply(null, froms) : null;
    var to = tos.length ? Math.min.apply(null, tos) : null;
    var matches, filtered, notes = [];
    var plan = isPlain(state.q) ? planQuestion(state.q, state.thesaurus) : null;
    try {
      if (plan) {
        var plain = runPlain(plan);
        filtered = applyFilters(plain.strict, selected, from, to);
        if (plan.units.length > 1 && filtered.kept.length < data.meta.closest.few) {
          var closest = applyFilters(plain.closest, selected, from, to);
          if (closest.kept.length > filtered.kept.length) {
            filtered = closest;
            notes.push("No case has every word; closest matches.");
          }
        }
        var also = alsoMatched(plain.altDocs, filtered.kept);
        if (also.length) { notes.push("Also matched: " + also.join(", ") + "."); }
      } else {
        matches = runQuery(parsed);
        filtered = applyFilters(matches, selected, from, to);
      }
    } catch (e) {
      if (e instanceof lunr.QueryParseError) { showError("Query not understood: " + e.message); return; }
      throw e;
    }
    return loadRows(filtered.kept.slice(0, limit)).then(function () {
      if (ticket !== updates) { return; }
      updateFacetCounts(filtered.counts);
      renderResults(filtered.kept, queryStems(parsed), notes);
    });
  }

  /* ---- CSV -------------------------------------------------------------------------------------- */

  function csvCell(value) {
    var s = String(value === undefined || value === null ? "" : value);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; } // keep spreadsheets from running a cell as a formula
    return /[",\r\n]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }

  function downloadCsv() {
    var docs = data.docs;
    var rows = [["id", "title", "decision_date", "jurisdiction", "court", "offence_types", "outcome", "url"]];
    shown.forEach(function (doc) {
      rows.push([
        docs.id[doc], docs.title[doc], docs.date[doc] || docs.year[doc] || "", data.values.jurisdiction[docs.facets.jurisdiction[doc]][0],
        docs.courts[docs.c[doc]],
        docs.facets.offence_types[doc].map(function (p) { return data.values.offence_types[p][0]; }).join("; "),
        docs.facets.outcome[doc] >= 0 ? data.values.outcome[docs.facets.outcome[doc]][0] : "",
        new URL(app.dataset.cases + docs.id[doc] + "/", window.location.href).href
      ]);
    });
    var text = rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
    var blob = new Blob([text], { type: "text/csv;charset=utf-8" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "palermo-search-results.csv";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  }

  /* ---- Events ----------------------------------------------------------------------------------- */

  function onChange(push) {
    limit = PAGE;
    writeUrl(push);
    update();
  }

  els.form.addEventListener("submit", function (e) {
    e.preventDefault();
    clearTimeout(typingTimer);
    state.q = els.q.value.trim();
    onChange(true);
  });
  els.q.addEventListener("input", function () {
    clearTimeout(typingTimer);
    typingTimer = setTimeout(function () { state.q = els.q.value.trim(); onChange(false); }, 200);
  });
  [els.from, els.to].forEach(function (input) {
    input.addEventListener("change", function () {
      state.from = els.from.value.trim();
      state.to = els.to.value.trim();
      onChange(true);
    });
  });
  els.facets.addEventListener("change", function (e) {
    var box = e.target;
    if (!box || box.type !== "checkbox") { return; }
    var list = state.selected[box.dataset.facet];
    var at = list.indexOf(box.value);
    if (box.checked && at < 0) { list.push(box.value); }
    if (!box.checked && at >= 0) { list.splice(at, 1); }
    onChange(true);
  });
  els.more.addEventListener("click", function () { limit += PAGE; update(); });
  els.csv.addEventListener("click", downloadCsv);
  els.clear.addEventListener("click", function () {
    var q = state.q;
    state = emptyState();
    state.q = q;
    syncControls();
    onChange(true);
  });
  window.addEventListener("popstate", function () {
    state = readUrl();
    limit = PAGE;
    update().then(syncControls); // the controls change with the results they describe
  });

  state = readUrl(); // facet selections are read again once the index has said which facets there are
  els.q.value = state.q;
  els.from.value = state.from;
  els.to.value = state.to;
  var started = performance.now();
  load().then(function () {
    state = readUrl();
    buildFacetControls();
    syncControls();
    return update();
  }).then(function () {
    app.dataset.ready = String(Math.round(performance.now() - started));
  }).catch(function (err) {
    els.facets.textContent = "";
    showError("The search index could not be loaded (" + err.message + "). Use the browse pages instead.");
  });
})();
