"""A raw document as a source sees it (fetched or read from disk), and the error a parser raises on bad input."""

from __future__ import annotations

import datetime
import hashlib
import pathlib
from dataclasses import dataclass, field


class ParseError(Exception):
    """Bad input: names the document, the field and what was wrong."""

    def __init__(self, document: str, field: str, message: str) -> None:
        super().__init__(f"{document}: {field}: {message}")
        self.document = document
        self.field = field
        self.message = message


@dataclass(frozen=True)
class RawDocument:
    """One raw document as fetched or read from disk, with what is needed to cite it."""

    source_id: str
    url: str
    """Where it came from; a ``file://`` URI when read from disk."""
    content: bytes = field(repr=False)
    retrieved_at: datetime.datetime
    content_type: str | None = None
    path: pathlib.Path | None = None
    """The local file, when read from disk."""

    @property
    def sha256(self) -> str:
        """Hex SHA-256 of the raw bytes."""
        return hashlib.sha256(self.content).hexdigest()

    @property
    def name(self) -> str:
        """How error messages name the document: its local path when there is one, else its URL."""
        return str(self.path) if self.path is not None else self.url

    def charset(self) -> str | None:
        """The charset declared in the content type, if any."""
        if not self.content_type:
            return None
        for part in self.content_type.split(";")[1:]:
            key, _, value = part.strip().partition("=")
            if key.lower() == "charset" and value:
                return value.strip("\"' ")
        return None

    def text(self) -> str:
        """The content decoded as UTF-8 (BOM stripped), falling back to the declared charset.

        Raises:
            ParseError: when the bytes decode neither way.
        """
        try:
            return self.content.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            declared = self.charset()
            if declared and declared.lower().replace("-", "") != "utf8":
                try:
                    return self.content.decode(declared)
                except (UnicodeDecodeError, LookupError):
                    pass
            raise ParseError(self.name, "(encoding)", f"not valid UTF-8 nor declared charset {declared!r}: {exc.reason}") from exc


def file_document(source_id: str, path: pathlib.Path, content_type: str | None = None) -> RawDocument:
    """Read a saved document from disk as a :class:`RawDocument` (url is its ``file://`` URI).

    The retrieval time is the file's modification time (UTC).
    """
    resolved = path.resolve()
    mtime = datetime.datetime.fromtimestamp(resolved.stat().st_mtime, tz=datetime.UTC)
    return RawDocument(
        source_id=source_id,
        url=resolved.as_uri(),
        content=resolved.read_bytes(),
        retrieved_at=mtime,
        content_type=content_type,
        path=path,
    )
