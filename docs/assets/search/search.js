/* Palermo case search: loads the prebuilt lunr index (compact layout, see search_index/lunr_export.py),
 * filters by facets with live counts, keeps query and filters in the URL, exports the rows shown or every match as CSV.
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
    csvAll: document.getElementById("pl-csv-all"),
    filters: document.getElementById("pl-filters"),
    clear: document.getElementById("pl-clear")
  };

  var data = null; // {index, docs, meta, values: {facet: [[value, label]]}, positions: {facet: {value: position}}}
  var state = emptyState();
  var shown = [];
  var matched = []; // every match of the query and filters, in order (what "CSV: all" exports)
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

  /* The term shards a query can read: the words of its tree's text leaves and, for a plain question, the words of
   * its units and their thesaurus equivalents (the clauses runQuery and runPlain look up). */
  function loadTerms(text) {
    var parsed;
    try { parsed = parseQuery(text); } catch (e) { return Promise.resolve(); } // update() reports the error
    var index = data.index, clauses = treeClauses(parsed);
    var plan = isPlain(text) ? planQuestion(text, state.thesaurus) : null;
    if (plan) { clauses = clauses.concat(planClauses(plan)); }
    var wanted = {};
    clauses.forEach(function (c) {
      clauseTerms(index, c).forEach(function (term) { shardsFor(index, term).forEach(function (n) { wanted[n] = true; }); });
    });
    var pairs = fetchPairFiles(missingPairFiles(phraseLeavesOf(parsed, plan))).catch(function (err) {
      throw new Error("phrase index: " + err.message);
    });
    return Promise.all(Object.keys(wanted).map(function (n) { return loadShard(Number(n)); }).concat([pairs]));
  }

  /* The phrases a query checks against the word-pair files: its quoted phrases, or a plain question's multi-word
   * thesaurus equivalents. */
  function phraseLeavesOf(parsed, plan) {
    if (!plan) { return parsed.leaves; }
    var leaves = [];
    plan.units.forEach(function (u) { u.alts.forEach(function (a) { leaves.push(a.leaf); }); });
    return leaves;
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

  /* ---- The query (as search_index/query.py: the same syntax, the same tree, the same error messages) ----- */

  function QueryError(message) { this.message = message; }

  var OPERATORS = ["AND", "OR", "NOT"];
  /* The command line's fields: labels there also hold the court and the jurisdiction, the page keeps them apart. */
  var FIELD_GROUPS = { title: ["title"], summary: ["summary"], holdings: ["holdings"], provisions: ["provisions"],
    labels: ["labels", "court", "jurisdiction"], full_text: [] };
  var TEXT_FIELDS = Object.keys(FIELD_GROUPS);
  var TOKEN_RE = /\s+|"[^"]*"?|\(|\)|[^\s()"]+(?:"[^"]*"?)?/g;
  var PLAIN_WORD = /^[\p{L}\p{N}\p{M}_*?.'’§\/-]+$/u;
  var FIELD_RE = /^([a-z_]+):([\s\S]*)$/;
  var WORD_RE = /[\p{L}\p{N}\p{M}_]+(?:[.'’][\p{L}\p{N}\p{M}_]+)*/gu; // search_index.analysis.TOKEN_PATTERN
  /* search_index.analysis.STOP_WORDS: the command line indexes none of these (tests/search_index/test_agreement.py
   * keeps the list in step). lunr's own stop words are kept there; the page's index drops them. */
  var COMMAND_LINE_STOP_WORDS = ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "if", "in",
    "into", "is", "it", "its", "no", "not", "of", "on", "or", "such", "than", "that", "the", "their", "then", "there", "these",
    "this", "those", "to", "was", "were", "when", "where", "which", "who", "whom", "whose", "will", "with", "would"];

  /* Python's repr() of a string, so messages quote values as the command line does. */
  function pyRepr(s) {
    var q = s.indexOf("'") >= 0 && s.indexOf('"') < 0 ? '"' : "'";
    return q + s.replace(/\\/g, "\\\\").replace(q === "'" ? /'/g : /"/g, "\\" + q) + q;
  }

  /* A word as the index holds it. The index is stemmed by lunr.py, whose Porter step 1c turns a final "y" into "i"
   * when the stem before it has a vowel ("pay" → "pai", "boys" → "boi", "money" → "monei"), where lunr.js's
   * stemmer only does so after a consonant ("try" → "tri"): the page's stem is corrected to the index's. */
  function stemOf(word) {
    var stem = data.index.pipeline.runString(word)[0] || "";
    if (/[aeiou]y$/.test(stem)) { return stem.slice(0, -1) + "i"; }
    if (/^[^aeiouy]+i$/.test(stem) && /y$/.test(word)) { return stem.slice(0, -1) + "y"; }
    return stem;
  }

  /* Query terms go to lunr already analysed (the "wildcard" flag tells expandClauses not to analyse them again). */
  function clause(term) { return { term: term, wildcard: true }; }

  /* The index look-ups of a parsed query: every searched word of its text leaves. */
  function treeClauses(parsed) {
    var clauses = [];
    parsed.leaves.forEach(function (leaf) {
      if (leaf.leaf === "text") { leaf.words.forEach(function (w) { if (!w.stop) { clauses.push(clause(w.term)); } }); }
    });
    return clauses;
  }

  /* The index look-ups of a plain question: the words of its units and of their thesaurus equivalents. */
  function planClauses(plan) {
    var clauses = [];
    plan.units.forEach(function (u) {
      u.words.forEach(function (w) { clauses.push(clause(w)); });
      u.alts.forEach(function (a) { a.words.forEach(function (w) { clauses.push(clause(w)); }); });
    });
    return clauses;
  }

  /* A word the command line never indexes (a stop word or a single character). */
  function commandLineStop(word) {
    return word.length < 2 || COMMAND_LINE_STOP_WORDS.indexOf(word) >= 0;
  }

  /* A word the page's index leaves out (one of lunr's stop words). */
  function pageStop(word) {
    return lunr.stopWordFilter(new lunr.Token(word)) === undefined;
  }

  function tokenize(text) {
    var tokens = [], m;
    TOKEN_RE.lastIndex = 0;
    while ((m = TOKEN_RE.exec(text)) !== null) {
      var token = m[0];
      if (!token.trim()) { continue; }
      if ((token.match(/"/g) || []).length % 2) {
        var where = m.index + token.indexOf('"') + 1;
        throw new QueryError("unclosed quotation mark at character " + where + ": close the phrase with another one");
      }
      tokens.push(token);
    }
    return tokens;
  }

  function facetByAlias(name) {
    for (var i = 0; i < FACETS.length; i++) { if (FACETS[i].aliases.indexOf(name) >= 0) { return FACETS[i]; } }
    return null;
  }

  function knownFieldNames() {
    var names = {};
    TEXT_FIELDS.concat(["year"]).forEach(function (n) { names[n] = true; });
    FACETS.forEach(function (f) { f.aliases.forEach(function (a) { names[a] = true; }); });
    return Object.keys(names).sort();
  }

  /* search_index.facets.Facet.normalise: a value as typed, as stored (or the command line's error). */
  function normaliseValue(facet, value) {
    var text = value.trim();
    var list = data.values[facet.name];
    if (facet.name === "jurisdiction") {
      var code = text.toUpperCase();
      if (data.positions.jurisdiction[code] === undefined) {
        throw new QueryError("unknown jurisdiction " + pyRepr(value) + ": use an ISO 3166 alpha-3 code (GBR, USA) or a body (ECHR, IACHR, ECOWAS)");
      }
      return code;
    }
    var key = text.toLowerCase().replace(/-/g, "_").replace(/ /g, "_");
    for (var i = 0; i < list.length; i++) {
      if (list[i][0] === key || list[i][1].toLowerCase().replace(/ /g, "_").replace(/-/g, "_") === key) { return list[i][0]; }
    }
    throw new QueryError("unknown " + facet.label.toLowerCase() + " " + pyRepr(value) + "; known values: " +
      list.map(function (pair) { return pair[0]; }).join(", "));
  }

  function parseYearRange(text) {
    var m = /^(\d{4})?(?:\.\.(\d{4})?)?$/.exec(text.trim());
    if (!m || (!m[1] && !m[2])) {
      throw new QueryError("year range " + pyRepr(text) + " not understood: write 2015, 2010..2020, ..2005 or 2019..");
    }
    var start = m[1] ? Number(m[1]) : null, end = m[2] ? Number(m[2]) : null;
    if (text.indexOf("..") < 0) { end = start; }
    if (start !== null && end !== null && start > end) {
      throw new QueryError("year range " + pyRepr(text) + " runs backwards: write " + end + ".." + start);
    }
    return { leaf: "year", from: start, to: end };
  }

  /* A run of words (a word, or a phrase's text) as a leaf: the engines' word list, and whether they form a phrase. */
  function textLeaf(text, field, phrase) {
    var words = [];
    if (!phrase && /[*?]/.test(text)) {
      var pattern = text.toLowerCase().replace(/[^\p{L}\p{N}_*?]/gu, "").replace(/\?/g, "*");
      if (pattern.replace(/[*]/g, "")) { words.push({ term: pattern, wildcard: true, stop: false }); }
    } else {
      (text.match(WORD_RE) || []).forEach(function (w) {
        var lower = w.toLowerCase();
        if (commandLineStop(lower)) { return; }
        words.push({ term: stemOf(lower), wildcard: false, stop: pageStop(lower) });
      });
    }
    if (!words.some(function (w) { return !w.stop; })) { return null; }
    return { leaf: "text", words: words, groups: field ? [field] : TEXT_FIELDS, phrase: phrase && words.length > 1 };
  }

  /* search_index.query.rewrite: each token as an operator, a parenthesis or a leaf (null: nothing to search). */
  function rewriteTokens(tokens) {
    var out = [];
    tokens.forEach(function (token) {
      if (token.charAt(0) === "-" && token.length > 1) {
        out.push("NOT");
        token = token.slice(1);
      }
      var field = FIELD_RE.exec(token);
      if (token === "(" || token === ")" || OPERATORS.indexOf(token) >= 0) {
        out.push(token);
      } else if (token.charAt(0) === '"') {
        out.push({ item: textLeaf(token.replace(/"/g, " "), null, true) });
      } else if (field) {
        out.push({ item: fieldLeaf(field[1], field[2]) });
      } else if (PLAIN_WORD.test(token)) {
        out.push({ item: textLeaf(token, null, false) });
      } else {
        out.push({ item: textLeaf(token.replace(/"/g, " "), null, true) });
      }
    });
    checkStructure(out.map(function (t) { return typeof t === "string" ? t : "w"; }));
    return out;
  }

  function fieldLeaf(name, value) {
    var bare = value.replace(/^"+|"+$/g, "");
    if (!bare) { throw new QueryError(name + ": needs a value, e.g. " + name + ":something"); }
    if (name === "year") { return parseYearRange(bare); }
    var facet = facetByAlias(name);
    if (facet) { return { leaf: "facet", facet: facet, value: normaliseValue(facet, bare) }; }
    if (FIELD_GROUPS[name]) {
      var phrase = value.charAt(0) === '"' || !PLAIN_WORD.test(value);
      return textLeaf(phrase ? bare : value, name, phrase);
    }
    throw new QueryError("unknown field " + pyRepr(name) + ": use one of " + knownFieldNames().join(", "));
  }

  function checkStructure(items) {
    var depth = 0, previous = null;
    items.forEach(function (item) {
      if (item === "(") {
        depth++;
      } else if (item === ")") {
        depth--;
        if (depth < 0) { throw new QueryError("a closing parenthesis ')' has no matching '('"); }
        if (previous === "(") { throw new QueryError("empty parentheses '()': put words inside or remove them"); }
        if (OPERATORS.indexOf(previous) >= 0) { throw new QueryError(previous + " needs a word after it, before ')'"); }
      } else if ((item === "AND" || item === "OR") && (previous === null || OPERATORS.indexOf(previous) >= 0 || previous === "(")) {
        throw new QueryError(item + " needs a word on each side");
      }
      previous = item;
    });
    if (depth > 0) { throw new QueryError("a parenthesis '(' is never closed: add ')'"); }
    if (OPERATORS.indexOf(previous) >= 0) { throw new QueryError(previous + " at the end of the query needs a word after it"); }
  }

  /* The tree whoosh's parser makes: words side by side are ANDed last, OR binds them closer, AND closer still,
   * NOT closest; a leaf with nothing to search drops out (and an operator with it). */
  function buildTree(items) {
    var at = 0;
    function seq() {
      var parts = [];
      while (at < items.length && items[at] !== ")") { parts.push(orExpr()); }
      return combine("and", parts);
    }
    function orExpr() {
      var parts = [andExpr()];
      while (items[at] === "OR") { at++; parts.push(andExpr()); }
      return combine("or", parts);
    }
    function andExpr() {
      var parts = [unary()];
      while (items[at] === "AND") { at++; parts.push(unary()); }
      return combine("and", parts);
    }
    function unary() {
      var item = items[at++];
      if (item === "NOT") { var inner = unary(); return inner ? { op: "not", items: [inner] } : null; }
      if (item === "(") { var group = seq(); at++; return group; }
      return item.item;
    }
    return seq();
  }

  function combine(op, parts) {
    var kept = parts.filter(Boolean);
    if (!kept.length) { return null; }
    return kept.length === 1 ? kept[0] : { op: op, items: kept };
  }

  /* Parses a typed query into its tree; null for an empty query (every case, newest first). */
  function parseQuery(text) {
    if (!text.trim()) { return { tree: null, leaves: [] }; }
    var tree = buildTree(rewriteTokens(tokenize(text)));
    if (!tree) { throw new QueryError("nothing to search for in " + pyRepr(text) + ": every word is too common to index"); }
    var leaves = [];
    (function walk(node, negated) {
      if (node.op) { node.items.forEach(function (n) { walk(n, negated !== (node.op === "not")); }); return; }
      node.negated = negated;
      leaves.push(node);
    })(tree, false);
    return { tree: tree, leaves: leaves };
  }

  function lunrFields(groups) {
    var fields = [];
    groups.forEach(function (g) { fields = fields.concat(FIELD_GROUPS[g]); });
    return fields;
  }

  function textDocs(idx, leaf, cache) {
    var searchable = leaf.words.filter(function (w) { return !w.stop; });
    var out = {};
    leaf.groups.forEach(function (group) {
      var fields = FIELD_GROUPS[group];
      if (!fields.length || !searchable.length) { return; }
      var docs = null;
      searchable.forEach(function (w) {
        var key = w.term + "\u0000" + group;
        if (!cache[key]) {
          var found = {};
          idx.query(function (q) {
            q.term(w.term, { presence: lunr.Query.presence.REQUIRED, usePipeline: false, fields: fields });
          }).forEach(function (r) { found[r.ref] = true; });
          cache[key] = found;
        }
        if (docs === null) {
          docs = Object.assign({}, cache[key]);
        } else {
          Object.keys(docs).forEach(function (d) { if (!cache[key][d]) { delete docs[d]; } });
        }
      });
      if (leaf.phrase) { docs = phraseFilter(docs, leaf, group); }
      Object.keys(docs).forEach(function (d) { out[d] = true; });
    });
    return out;
  }

  /* ---- Phrases: word pairs side by side (search_index/phrase_pairs.py), fetched when a query has a phrase ---- */

  var PAIR_BITS = { title: 1, summary: 2, holdings: 4, provisions: 8, labels: 16 };
  var pairFiles = {}; // shard -> {"first second": [position delta, field mask, ...]}, once fetched

  function phraseStems(leaf) {
    if (!leaf.stems) {
      leaf.stems = leaf.words.map(function (w) { return w.term; });
    }
    return leaf.stems;
  }

  function shardOf(stem) {
    var key = stem.slice(0, 2);
    return /^[a-z0-9]{1,2}$/.test(key) ? key : "_";
  }

  /* The pair files the phrase leaves need and the page has not fetched yet. */
  function missingPairFiles(leaves) {
    var wanted = {};
    leaves.forEach(function (leaf) {
      if (!leaf || !leaf.phrase) { return; }
      phraseStems(leaf).slice(0, -1).forEach(function (stem) {
        var shard = shardOf(stem);
        if (!pairFiles[shard]) { wanted[shard] = true; }
      });
    });
    return Object.keys(wanted);
  }

  function fetchPairFiles(shards) {
    return Promise.all(shards.map(function (shard) {
      return fetch(new URL(app.dataset.phrases + shard + ".json", window.location.href)).then(function (r) {
        if (r.status === 404) { return {}; } // no pair starts with these letters
        if (!r.ok) { throw new Error("phrases " + r.status); }
        return r.json();
      }).then(function (pairs) { pairFiles[shard] = pairs; });
    }));
  }

  /* Keeps the cases where every consecutive pair of the phrase stands side by side in the field group. */
  function phraseFilter(docs, leaf, group) {
    var bit = PAIR_BITS[group];
    if (!bit) { return {}; }
    var stems = phraseStems(leaf);
    for (var i = 0; i + 1 < stems.length; i++) {
      var list = (pairFiles[shardOf(stems[i])] || {})[stems[i] + " " + stems[i + 1]];
      var here = {}, doc = 0;
      for (var k = 0; list && k < list.length; k += 2) {
        doc += list[k];
        if (list[k + 1] & bit) { here[doc] = true; }
      }
      var kept = {};
      Object.keys(docs).forEach(function (d) { if (here[d]) { kept[d] = true; } });
      docs = kept;
    }
    return docs;
  }

  function leafDocs(idx, leaf, cache) {
    var out = {}, n = data.docs.id.length, doc;
    if (leaf.leaf === "text") { return textDocs(idx, leaf, cache); }
    if (leaf.leaf === "year") {
      for (doc = 0; doc < n; doc++) {
        var y = data.docs.year[doc];
        if (y && (leaf.from === null || y >= leaf.from) && (leaf.to === null || y <= leaf.to)) { out[doc] = true; }
      }
      return out;
    }
    var p = data.positions[leaf.facet.name][leaf.value];
    for (doc = 0; doc < n; doc++) { if (docValues(leaf.facet, doc).indexOf(p) >= 0) { out[doc] = true; } }
    return out;
  }

  function evaluate(node, idx, cache) {
    if (!node.op) { return leafDocs(idx, node, cache); }
    var sets = node.items.map(function (n) { return evaluate(n, idx, cache); });
    var out = {};
    if (node.op === "not") {
      for (var doc = 0; doc < data.docs.id.length; doc++) { if (!sets[0][doc]) { out[doc] = true; } }
    } else if (node.op === "or") {
      sets.forEach(function (s) { Object.keys(s).forEach(function (d) { out[d] = true; }); });
    } else {
      Object.keys(sets[0]).forEach(function (d) { if (sets.every(function (s) { return s[d]; })) { out[d] = true; } });
    }
    return out;
  }

  /* Every case the query's tree matches, ranked by lunr over its searched words (newest first without any). */
  function runQuery(parsed) {
    var docs = data.docs, n = docs.id.length, i;
    if (!parsed.tree) {
      var all = [];
      for (i = 0; i < n; i++) { all.push({ doc: i, score: 0 }); } // the store is already newest first
      return all;
    }
    var idx = queryIndex(data.index, expandClauses(data.index, treeClauses(parsed)));
    var matched = evaluate(parsed.tree, idx, {});
    var scores = {};
    var positive = parsed.leaves.filter(function (leaf) { return leaf.leaf === "text" && !leaf.negated; });
    if (positive.length) {
      idx.query(function (q) {
        positive.forEach(function (leaf) {
          var fields = lunrFields(leaf.groups);
          leaf.words.forEach(function (w) {
            if (w.stop || !fields.length) { return; }
            q.term(w.term, { presence: lunr.Query.presence.OPTIONAL, usePipeline: false, fields: fields });
          });
        });
      }).forEach(function (r) { scores[r.ref] = r.score; });
    }
    var out = Object.keys(matched).map(function (d) { return { doc: Number(d), score: scores[d] || 0 }; });
    out.sort(function (a, b) { return b.score - a.score || a.doc - b.doc; });
    return out;
  }

  /* ---- Plain questions: the thesaurus and the closest matches (as search_index/natural.py) -------- */

  /* A query with none of the syntax (quotes, operators, parentheses, -word, wildcards, field:) is a plain
   * question: every word (or a thesaurus phrase or one of its equivalents) must match; when fewer than
   * meta.closest.few cases do, those matching at least meta.closest.share of the words are shown instead. */
  function isPlain(text) {
    var t = text.trim().replace(/\?+$/, "").trim();
    if (!t || /["()*?]/.test(t)) { return false; }
    return t.split(/\s+/).every(function (w) {
      var empty = /^([a-z_]+):$/.exec(w.replace(/[,.;!]+$/, ""));
      if (empty && knownFieldNames().indexOf(empty[1]) >= 0) { return false; } // "title:" alone: the syntax, unfinished
      return ["AND", "OR", "NOT"].indexOf(w) < 0 && w.charAt(0) !== "-" && !/^[A-Za-z_]+:\S/.test(w.replace(/[,.;:!]+$/, ""));
    });
  }

  /* The words of a question as search_index.analysis.question_terms takes them: no stop word of either engine. */
  function plainWords(text) {
    var out = [];
    (text.match(WORD_RE) || []).forEach(function (word) {
      var term = word.toLowerCase();
      if (commandLineStop(term) || pageStop(term)) { return; }
      var stem = stemOf(term);
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
        if (!seen[w.stem]) { seen[w.stem] = true; units.push({ words: [w.stem], alts: [] }); }
      });
      if (f) {
        units.push({ words: words.slice(f.start, f.end).map(function (w) { return w.stem; }), alts: f.alts.map(function (a) {
          return { label: a.label, words: a.words.map(function (w) { return w.stem; }), leaf: textLeaf(a.label, null, true) };
        }) });
        i = f.end;
      }
    });
    return { units: units, minMatch: Math.max(1, Math.ceil(data.meta.closest.share * units.length)) };
  }

  function docsWithAll(idx, words) {
    var out = {};
    idx.query(function (q) {
      words.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.REQUIRED, usePipeline: false }); });
    }).forEach(function (r) { out[r.ref] = true; });
    return out;
  }

  /* Every unit's documents, the all-words and closest lists (scored by lunr over the typed words and, at the
   * thesaurus weight, their equivalents; closest ones times the share of units matched, all-words first). */
  function runPlain(plan) {
    var idx = queryIndex(data.index, expandClauses(data.index, planClauses(plan)));
    var weight = data.meta.thesaurus.weight;
    var scores = {};
    idx.query(function (q) {
      plan.units.forEach(function (u) {
        u.words.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.OPTIONAL, usePipeline: false }); });
        u.alts.forEach(function (a) {
          a.words.forEach(function (w) { q.term(w, { presence: lunr.Query.presence.OPTIONAL, boost: weight, usePipeline: false }); });
        });
      });
    }).forEach(function (r) { scores[r.ref] = r.score; });
    var altDocs = [], cache = {};
    var unitDocs = plan.units.map(function (u) {
      var docs = docsWithAll(idx, u.words);
      u.alts.forEach(function (a) {
        var found = a.leaf ? textDocs(idx, a.leaf, cache) : {}; // an equivalent is searched as a phrase
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
    parsed.leaves.forEach(function (leaf) {
      if (leaf.leaf !== "text" || leaf.negated) { return; }
      leaf.words.forEach(function (w) {
        if (!w.wildcard && !w.stop) { stems[w.term] = true; }
      });
    });
    return stems;
  }

  function snippetNode(text, stems) {
    var p = el("p", "pl-result__snippet");
    text.split(/(\s+)/).forEach(function (part) {
      var term = part.toLowerCase().replace(/^\W+/, "").replace(/\W+$/, "");
      var stem = term ? stemOf(term) : null;
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
    matched = kept.map(function (m) { return m.doc; });
    var total = kept.length;
    els.csv.disabled = shown.length === 0;
    els.csvAll.disabled = total === 0;
    els.csv.textContent = "CSV: " + shown.length + " shown";
    els.csvAll.textContent = total === 1 ? "CSV: the 1 match" : "CSV: all " + total + " matches";
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
    els.status.textContent = "Searching…"; // no stale count while the query's files arrive
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
      els.facets.querySelectorAll(".pl-count").forEach(function (c) { c.textContent = ""; });
      els.more.hidden = true;
      els.csv.disabled = true;
      els.csvAll.disabled = true;
      return;
    }
    var selected = state.selected;
    var from = Number(state.from) || null, to = Number(state.to) || null;
    var matches, filtered, notes = [];
    var plan = isPlain(state.q) ? planQuestion(state.q, state.thesaurus) : null;
    if (missingPairFiles(phraseLeavesOf(parsed, plan)).length) { return update(); } // loadTerms fetches them first
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

  /* Downloads the given cases (positions in the store) as CSV, one row each. */
  function downloadCsv(list) {
    var docs = data.docs;
    var rows = [["id", "title", "decision_date", "jurisdiction", "court", "offence_types", "outcome", "url"]];
    list.forEach(function (doc) {
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
  els.csv.addEventListener("click", function () { downloadCsv(shown); });
  els.csvAll.addEventListener("click", function () {
    var all = matched.slice();
    // the rows beyond those on screen are fetched first: the store comes in small files
    loadRows(all.map(function (doc) { return { doc: doc }; })).then(function () { downloadCsv(all); }, function (e) {
      showError("The rows for the CSV could not be loaded (" + e.message + "); try again.");
    });
  });

  /* The Filters button (shown on narrow screens) opens and closes the facets: a disclosure. */
  function setFiltersOpen(open) {
    els.filters.setAttribute("aria-expanded", String(open));
    els.facets.classList.toggle("pl-search__facets--closed", !open);
  }
  els.filters.addEventListener("click", function () {
    var open = els.filters.getAttribute("aria-expanded") !== "true";
    setFiltersOpen(open);
    if (open) { els.facets.scrollIntoView({ block: "nearest" }); }
  });
  els.facets.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && els.filters.getAttribute("aria-expanded") === "true" && els.filters.offsetParent !== null) {
      setFiltersOpen(false);
      els.filters.focus();
    }
  });
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
    els.status.textContent = "";
    showError("The search index could not be loaded (" + err.message + "). Use the browse pages instead.");
  });
})();
