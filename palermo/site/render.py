"""Small rendering helpers shared by the page generators.

Every value that comes from a record goes through :func:`esc` (HTML) or
:func:`md` (Markdown text): records are data, never markup.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable

from mkdocs.utils import get_relative_url

from palermo.corpus.public import case_url
from palermo.model.schema import CaseRecord
from palermo.model.vocab import Vocabulary

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>-])")


def esc(value: object) -> str:
    """HTML-escape any value (quotes included) for use in text or attributes."""
    return html.escape(str(value), quote=True)


def md(value: object) -> str:
    """Escape a value for Markdown text: HTML-escaped, Markdown punctuation backslashed."""
    return _MD_SPECIAL.sub(r"\\\1", esc(value))


def front_matter(title: str, **meta: object) -> str:
    """YAML front matter for a generated page; the title is HTML-escaped (the theme prints it unescaped).

    Args:
        title: the page title as plain text.
        **meta: further keys (strings, numbers, booleans, or mappings of them), written as JSON values.
    """
    lines = ["---", f"title: {json.dumps(esc(title))}"]
    for key, value in meta.items():
        lines.append(f"{key}: {json.dumps(value)}")
    lines += ["---", ""]
    return "\n".join(lines)


HTML_MARK = "<!-- palermo:prerendered-html -->"
"""Separates a generated page's Markdown skeleton from its finished HTML (see :mod:`palermo.site.plugin`)."""


def html_page(front: str, body: str) -> str:
    """A generated page of finished HTML: front matter, a heading skeleton for the table of contents, then the HTML.

    Every ``<h2 id="…">`` and ``<h3 id="…">`` of ``body`` becomes a skeleton heading with the same id, so the
    theme's table of contents links to the headings of the finished HTML.

    Args:
        front: the page's front matter (:func:`front_matter`).
        body: the page's HTML; record values in it must already be escaped.
    """
    skeleton = []
    for level, ident, text in _HEADING.findall(body):
        plain = html.unescape(re.sub(r"<[^>]+>", "", text))
        skeleton.append(f"{'#' * int(level)} {md(plain)} {{#{ident}}}")
    return f"{front}\n" + "\n\n".join(skeleton) + f"\n\n{HTML_MARK}\n{body}\n"


_HEADING = re.compile(r'<h([23]) id="([A-Za-z0-9_-]+)">(.*?)</h\1>', re.S)


def heading(level: int, text: str, ident: str) -> str:
    """An ``<h2>``/``<h3>`` with an id (text escaped)."""
    return f'<h{level} id="{esc(ident)}">{esc(text)}</h{level}>'


def para(text: str | None) -> str:
    """Free text as HTML paragraphs (blank lines split paragraphs), escaped, with no blank line inside.

    Raw HTML blocks in Markdown end at a blank line, so none may appear in the output:
    otherwise the rest of the text would be parsed as Markdown.
    """
    if not text:
        return ""
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text.strip())]
    return "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs if p)


def html_list(items: Iterable[str], cls: str = "", ordered: bool = False) -> str:
    """A ``<ul>``/``<ol>`` of already-rendered HTML items, on one line per item."""
    tag = "ol" if ordered else "ul"
    attr = f' class="{esc(cls)}"' if cls else ""
    return f"<{tag}{attr}>\n" + "\n".join(f"<li>{item}</li>" for item in items) + f"\n</{tag}>"


def page_url(src_uri: str) -> str:
    """The site-relative URL of a generated page (``browse/offence/x.md`` → ``browse/offence/x/``), as mkdocs
    serves it with ``use_directory_urls``."""
    path = src_uri.removesuffix(".md")
    if path == "index" or path.endswith("/index"):
        return path.removesuffix("index")
    return f"{path}/"


def rel(from_url: str, target: str) -> str:
    """A relative link from the page at ``from_url`` to a site-relative target (mkdocs' own URL helper)."""
    link = get_relative_url(target or ".", from_url)
    return f"{link}/" if (not target or target.endswith("/")) and not link.endswith("/") else link


def badge(term: Vocabulary, href: str | None = None) -> str:
    """An offence/issue badge: the label, with the definition as its tooltip."""
    inner = f'<span class="pl-badge pl-badge--{esc(term.value)}" title="{esc(term.definition)}">{esc(term.label)}</span>'
    return f'<a class="pl-badge-link" href="{esc(href)}">{inner}</a>' if href else inner


def date_text(record: CaseRecord) -> str:
    """The decision date as ``7 January 2010``, the year alone, or ``undated``."""
    if record.decision_date is not None:
        d = record.decision_date
        return f"{d.day} {d.strftime('%B')} {d.year}"
    return str(record.year) if record.year else "undated"


def case_item(record: CaseRecord, from_url: str) -> str:
    """One case as a list item body: linked title, then court, jurisdiction and date."""
    court = f" — {esc(record.court.name)}" if record.court else f" — {esc(record.jurisdiction)}"
    status = ' <span class="pl-status-tag">index only</span>' if record.editorial_status.value == "index_only" else ""
    return (
        f'<a href="{esc(rel(from_url, case_url(record.id)))}">{esc(record.display_title)}</a>'
        f'<span class="pl-meta">{court}, {esc(date_text(record))}</span>{status}'
    )


def case_list_html(records: list[CaseRecord], from_url: str, limit: int | None = None) -> str:
    """An HTML list of case links with court and date, newest first as given."""
    rows = [f"<li>{case_item(record, from_url)}</li>" for record in (records[:limit] if limit else records)]
    return '<ul class="pl-case-list">\n' + "\n".join(rows) + "\n</ul>"
