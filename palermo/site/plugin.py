"""The mkdocs plugin that publishes the corpus (``plugins: [palermo]`` in mkdocs.yml).

It loads the corpus once per build, adds every generated page to the build (never
written to ``docs/``, kept out of the navigation so the nav does not grow with the
corpus), and lets pages of finished HTML skip Markdown: a page made by
:func:`palermo.site.render.html_page` holds a Markdown skeleton (front matter and one
heading line per section, for the theme's table of contents) followed by
:data:`~palermo.site.render.HTML_MARK` and the finished HTML. Python-Markdown parses
raw HTML slowly (it was most of the build time for thousands of case pages), so the
plugin hands it only the skeleton and puts the finished HTML in place of its output.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from palermo.site.context import CorpusInvalid, SiteContext, public_base_url
from palermo.site.generate import generate_all
from palermo.site.render import HTML_MARK

log = logging.getLogger("mkdocs.plugins.palermo")


class PalermoPlugin(BasePlugin):
    """Generated pages from the corpus, and finished HTML that skips Markdown; all state lives on the plugin."""

    def __init__(self) -> None:
        self.ctx: SiteContext | None = None
        self.finished_html: dict[str, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Load the corpus once per build, and take the public base URL from the environment when it is set there."""
        site_url = public_base_url(config.site_url)
        if site_url:
            config.site_url = site_url
        try:
            self.ctx = SiteContext.load(Path(config.config_file_path).parent, site_url=site_url)
        except CorpusInvalid as exc:
            raise PluginError(str(exc)) from exc
        self.finished_html.clear()
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        """Add every generated page to the build, replacing a hand-written file of the same path."""
        if self.ctx is None:
            raise PluginError("palermo: the corpus was not loaded (on_config did not run)")
        pages = generate_all(self.ctx)
        for page in pages:
            existing = files.get_file_from_path(page.src_uri)
            if existing is not None:
                files.remove(existing)
            files.append(File.generated(config, page.src_uri, content=page.content))
        log.info("palermo: generated %d pages from %d records in %s", len(pages), len(self.ctx.records), self.ctx.cases_dir)
        return files

    def on_page_markdown(self, markdown: str, page: Any, **kwargs: Any) -> str:
        """Keep a page's finished HTML aside; give Markdown only the heading skeleton."""
        skeleton, mark, html = markdown.partition(HTML_MARK)
        if not mark:
            return markdown
        self.finished_html[page.file.src_uri] = html
        return skeleton

    def on_page_content(self, html: str, page: Any, **kwargs: Any) -> str:
        """Put the finished HTML in place of what Markdown made of the skeleton."""
        return self.finished_html.pop(page.file.src_uri, html)
