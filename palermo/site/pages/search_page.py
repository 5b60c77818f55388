"""The search page (``search/``): a form, facet lists and results, driven by docs/assets/search/search.js.

Results come first in the page; on a wide screen the facets stand in a column to their left, on a narrow one
they sit behind a "Filters" button (a disclosure) below the results. The space of what the script fills in
late (status line, results, buttons' labels) is reserved by search.css, so nothing moves as it arrives.

The page itself holds no case data and no script code: the lunr index and the
document store are generated next to it (``search/data/``, in small files the
script fetches as a query needs them: see search_index/browser_shards.py) and
the script inserts every record value as text.
"""

from __future__ import annotations

from collections.abc import Iterator

from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from search_index.lunr_export import browser_index_files
from search_index.phrase_pairs import phrase_pair_files

DATA_DIR = "search/data"

PAGE = """---
title: Search the case law
search:
  exclude: true
---

# Search the case law

<link rel="stylesheet" href="../assets/search/search.css">
<link rel="preload" href="data/meta.json" as="fetch" crossorigin="anonymous">
<link rel="preload" href="data/facets.json" as="fetch" crossorigin="anonymous">

<div class="pl-search" id="pl-search-app" data-index="data/meta.json" data-phrases="data/phrases/" data-cases="../cases/">
<form id="pl-search-form" role="search" class="pl-search__form" action="./" method="get">
<label for="pl-q">Search words</label>
<input type="search" id="pl-q" name="q" autocomplete="off" spellcheck="false"
  aria-describedby="pl-q-help" placeholder="e.g. forced labour passport">
<button type="submit" class="md-button md-button--primary">Search</button>
<p id="pl-q-help" class="pl-meta">All words must match. Use "quotes" for words together, OR, NOT or -word,
<code>title:</code> or <code>holdings:</code> to search one field, <code>offence:labour_trafficking</code> and
<code>year:2010..2020</code> to filter. British and American spellings match each other.</p>
<fieldset class="pl-search__years">
<legend>Decision year</legend>
<label for="pl-from">From</label> <input type="number" id="pl-from" name="from" min="1800" max="2100" step="1" inputmode="numeric">
<label for="pl-to">to</label> <input type="number" id="pl-to" name="to" min="1800" max="2100" step="1" inputmode="numeric">
</fieldset>
</form>
<p id="pl-error" class="pl-search__error" role="alert" hidden></p>
<div class="pl-search__layout">
<div class="pl-search__main">
<p class="pl-search__actions"><button type="button" id="pl-filters" class="md-button pl-search__filters-button"
  aria-expanded="false" aria-controls="pl-facets">Filters</button>
<button type="button" id="pl-clear" class="md-button">Clear filters</button>
<button type="button" id="pl-csv" class="md-button pl-search__csv" disabled>CSV: the rows shown</button>
<button type="button" id="pl-csv-all" class="md-button pl-search__csv" disabled>CSV: every match</button></p>
<p id="pl-status" class="pl-search__status" aria-live="polite" aria-atomic="true">Loading the search index…</p>
<ol id="pl-results" class="pl-search__results"></ol>
<p><button type="button" id="pl-more" class="md-button" hidden>Show more results</button></p>
</div>
<div id="pl-facets" class="pl-search__facets pl-search__facets--closed" role="group" aria-label="Filters"></div>
</div>
<noscript><p>The search page needs JavaScript. Without it, use the <a href="../browse/">browse pages</a>.</p></noscript>
</div>

<script src="../assets/search/lunr.min.js"></script>
<script src="../assets/search/search.js"></script>
"""


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield the search page and its index files (records in the site's newest-first order)."""
    yield GeneratedPage("search/index.md", PAGE)
    for name, content in browser_index_files(ctx.records).items():
        yield GeneratedPage(f"{DATA_DIR}/{name}", content)
    for name, content in phrase_pair_files(ctx.records).items():
        yield GeneratedPage(f"{DATA_DIR}/phrases/{name}", content)
