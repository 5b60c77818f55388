"""The registry of page generators and the page type they produce."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from palermo.site.context import SiteContext


@dataclass(frozen=True)
class GeneratedPage:
    """A page made at build time: its path under ``docs/`` and its content.

    Markdown pages (``.md``) go through mkdocs and the theme; any other file
    (``.json``, ``.csv``, ``.xml``…) is copied to the site as it is.
    """

    src_uri: str
    content: str | bytes


Generator = Callable[[SiteContext], Iterable[GeneratedPage]]


def _registry() -> list[Generator]:
    from palermo.site.pages import browse, case, courses, downloads, feeds, home, search_page, stats

    return [
        home.generate,
        case.generate,
        browse.generate,
        feeds.generate,
        stats.generate,
        downloads.generate,
        search_page.generate,
        courses.generate,
    ]


def generate_all(ctx: SiteContext) -> list[GeneratedPage]:
    """Run every registered generator over the corpus."""
    pages: list[GeneratedPage] = []
    for generator in _registry():
        pages.extend(generator(ctx))
    return pages
