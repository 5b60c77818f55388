"""Finding sources by id: the ids registered in :data:`scraper.sources.__all__`, each a module with ``Source``."""

from __future__ import annotations

import importlib

from scraper import sources
from scraper.base import BaseSource


class UnknownSource(LookupError):
    """A source id that is not registered, or whose module cannot be loaded."""


def source_ids() -> list[str]:
    """Every registered source id, in registry order."""
    return list(sources.__all__)


def source_class(source_id: str) -> type[BaseSource]:
    """The ``Source`` class of a registered source.

    Raises:
        UnknownSource: when the id is not registered or its module lacks a ``Source`` class.
    """
    if source_id not in sources.__all__:
        raise UnknownSource(f"unknown source {source_id!r}; registered sources: {', '.join(sources.__all__)}")
    try:
        module = importlib.import_module(f"scraper.sources.{source_id}")
    except ModuleNotFoundError as exc:
        if exc.name == f"scraper.sources.{source_id}":
            raise UnknownSource(f"source {source_id!r} is registered but scraper/sources/{source_id}.py is missing") from exc
        raise
    cls = getattr(module, "Source", None)
    if not (isinstance(cls, type) and issubclass(cls, BaseSource)):
        raise UnknownSource(f"scraper/sources/{source_id}.py defines no Source(BaseSource) class")
    if cls.source_id != source_id:
        raise UnknownSource(f"scraper/sources/{source_id}.py declares source_id {cls.source_id!r}")
    return cls


def corpus_plan() -> list[tuple[str, str]]:
    """``(source id, saved-documents folder)`` of every source in a full corpus build, in build order."""
    classes = [source_class(source_id) for source_id in source_ids()]
    planned = [cls for cls in classes if cls.corpus_order is not None and cls.saved_documents]
    return [(cls.source_id, str(cls.saved_documents)) for cls in sorted(planned, key=lambda cls: (cls.corpus_order, cls.source_id))]


def saved_documents_folder(source_id: str) -> str | None:
    """The folder of a source's real saved documents, relative to the saved-documents root."""
    return source_class(source_id).saved_documents
