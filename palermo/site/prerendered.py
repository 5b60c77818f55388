"""mkdocs hooks for pages whose HTML we render ourselves: skip Markdown conversion for them.

A generated page made by :func:`palermo.site.render.html_page` holds a Markdown
skeleton (front matter and one heading line per section, for the theme's table
of contents) followed by :data:`~palermo.site.render.HTML_MARK` and the finished
HTML. Python-Markdown parses raw HTML slowly (it was most of the build time for
thousands of case pages), so these hooks hand it only the skeleton and put the
finished HTML in place of its output. Pages without the mark are untouched.
"""

from __future__ import annotations

from typing import Any

from palermo.site.render import HTML_MARK

_HTML: dict[str, str] = {}


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    """Keep the finished HTML aside; give Markdown only the heading skeleton."""
    skeleton, mark, html = markdown.partition(HTML_MARK)
    if not mark:
        return markdown
    _HTML[page.file.src_uri] = html
    return skeleton


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    """Put the finished HTML in place of what Markdown made of the skeleton."""
    return _HTML.pop(page.file.src_uri, html)
