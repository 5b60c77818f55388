"""mkdocs hooks (listed under ``hooks:`` in mkdocs.yml): add the generated pages to the build.

Generated pages are never written to ``docs/``; they exist only in the build.
They are kept out of the navigation, so the nav does not grow with the corpus.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from palermo.site.context import CorpusInvalid, SiteContext
from palermo.site.generate import generate_all

log = logging.getLogger("mkdocs.hooks.palermo")
_STATE: dict[str, Any] = {}


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load the corpus once per build."""
    try:
        _STATE["ctx"] = SiteContext.load(Path(config.config_file_path).parent)
    except CorpusInvalid as exc:
        raise PluginError(str(exc)) from exc
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page to the build, replacing a hand-written file of the same path."""
    ctx: SiteContext = _STATE["ctx"]
    pages = generate_all(ctx)
    for page in pages:
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        files.append(File.generated(config, page.src_uri, content=page.content))
    log.info("palermo: generated %d pages from %d records in %s", len(pages), len(ctx.records), ctx.cases_dir)
    return files
