"""``palermo classify [FILE…|-] [--jsonl FILE] [--out FILE] [--json]``: code a text's acts, means, purposes and more, with evidence.

A FILE is plain text, or a document a source reads (HTML, XML, JSON: its text is taken
out first); ``-`` reads standard input. ``--jsonl FILE`` reads lines ``{"id": …, "text": …}``
(``-`` for standard input) and writes one JSON line per input to ``--out`` (default standard
output) with ``id``, ``acts``, ``means``, ``purposes``, ``offence_types``, ``ilo_indicators``,
``legal_issues``, ``amp`` (the SHERLOC benchmark's label ids), ``evidence`` and
``confidence``. Phrase and provision rules code first; the AMP model adds the acts, means
and purposes it finds, each with its confidence and the passage it weighted most. Bad
input (empty, binary, not UTF-8, a line that is not JSON) is reported on one line naming
the input and the line; the rest goes on, and the exit status is 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

_MARKUP = {".html", ".htm", ".xml", ".xhtml", ".akn"}


class InputError(ValueError):
    """Input that cannot be coded: the message names the input and the line."""


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``classify`` subcommand."""
    p = sub.add_parser("classify", help="code a text's acts, means, purposes and offence types, with evidence", description=__doc__)
    p.add_argument("files", nargs="*", metavar="FILE", help="text or saved document to code ('-' for standard input)")
    p.add_argument("--jsonl", metavar="FILE", help="read JSON lines {id, text} ('-' for standard input); write one JSON line each")
    p.add_argument("--out", type=Path, help="with --jsonl: write the lines here (default: standard output)")
    p.add_argument("--json", action="store_true", help="print each FILE's coding as one JSON object")
    p.set_defaults(func=run)


def decode(raw: bytes, where: str) -> str:
    """The bytes as text, or an :class:`InputError` naming ``where`` (empty, binary, not UTF-8)."""
    if not raw.strip():
        raise InputError(f"{where}: empty input")
    if b"\x00" in raw[:8192]:
        raise InputError(f"{where}: binary input (NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{where}: not UTF-8 (byte {exc.start}: {exc.reason})") from None
    return text


def document_text(text: str, name: str) -> str:
    """The plain text of a saved document: markup stripped from HTML/XML, the string values of JSON, else as is."""
    suffix = Path(name).suffix.lower()
    stripped = text.lstrip()
    if suffix == ".json" or (suffix not in _MARKUP and stripped[:1] in "{[" and suffix != ".txt"):
        try:
            return "\n".join(_strings(json.loads(text)))
        except json.JSONDecodeError:
            return text
    if suffix in _MARKUP or stripped.startswith("<"):
        from bs4 import BeautifulSoup

        parser = "lxml-xml" if suffix in {".xml", ".akn"} or stripped.startswith("<?xml") else "lxml"
        soup = BeautifulSoup(text, parser)
        for tag in soup(["script", "style"]):
            tag.decompose()
        return soup.get_text("\n")
    return text


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if len(value.split()) >= 5:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _read(name: str) -> bytes:
    if name == "-":
        return sys.stdin.buffer.read()
    try:
        return Path(name).read_bytes()
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def _jsonl_lines(name: str) -> Iterator[tuple[int, bytes]]:
    if name == "-":
        yield from enumerate(sys.stdin.buffer, start=1)
        return
    try:
        with Path(name).open("rb") as handle:
            yield from enumerate(handle, start=1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror})") from None


def parse_line(raw: bytes, where: str) -> tuple[Any, str]:
    """``(id, text)`` from one JSON line, or an :class:`InputError` naming ``where``."""
    line = decode(raw, where)
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{where}: not JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(data, dict):
        raise InputError(f'{where}: expected an object {{"id": …, "text": …}}')
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(f"{where}: field 'text' is missing or empty")
    return data.get("id"), text


def run(args: argparse.Namespace) -> int:
    """Code every input; exit 2 when some input was bad, 1 when there was nothing to code or the model is missing."""
    from scraper.amp.coding import code_text
    from scraper.amp.model import ModelError, load_model

    if not args.files and not args.jsonl:
        print("palermo classify: give a FILE (or '-') or --jsonl FILE", file=sys.stderr)
        return 1
    try:
        load_model()
    except ModelError as exc:
        print(f"palermo classify: {exc}", file=sys.stderr)
        return 1
    failed = 0
    if args.jsonl:
        out: IO[str] = args.out.open("w", encoding="utf-8") if args.out else sys.stdout
        try:
            failed += _run_jsonl(args.jsonl, out, code_text)
        finally:
            if args.out:
                out.close()
    for name in args.files:
        try:
            text = document_text(decode(_read(name), name), name)
            if not text.strip():
                raise InputError(f"{name}: no text in the document")
        except InputError as exc:
            print(f"palermo classify: {exc}", file=sys.stderr)
            failed += 1
            continue
        coding = code_text(text)
        if args.json:
            print(json.dumps(coding.as_json(name), ensure_ascii=False))
        else:
            print(_describe(name, coding.as_json(name)))
    return 2 if failed else 0


def _run_jsonl(name: str, out: IO[str], code_text: Any) -> int:
    failed = 0
    try:
        for number, raw in _jsonl_lines(name):
            if not raw.strip():
                continue
            try:
                identifier, text = parse_line(raw, f"{name}:{number}")
            except InputError as exc:
                print(f"palermo classify: {exc}", file=sys.stderr)
                failed += 1
                continue
            out.write(json.dumps(code_text(text).as_json(identifier), ensure_ascii=False) + "\n")
    except InputError as exc:
        print(f"palermo classify: {exc}", file=sys.stderr)
        failed += 1
    return failed


def _describe(name: str, data: dict[str, Any]) -> str:
    lines = [name]
    evidence = [e for e in data["evidence"] if e["field"] != "amp"]
    for field in ("acts", "means", "purposes", "offence_types", "ilo_indicators", "legal_issues"):
        values = data[field]
        if not values:
            continue
        parts = []
        for value in values:
            found = next((e for e in evidence if e["field"].split(".")[-1] == field and e["value"] == value), None)
            how = "" if found is None else (f" (model {found['confidence']:.2f})" if "confidence" in found else f" (rule {found['rule']})")
            parts.append(value + how)
        lines.append(f"  {field}: " + ", ".join(parts))
    if data["amp"]:
        lines.append("  SHERLOC AMP labels: " + ", ".join(f"{label} {data['confidence'][label]:.2f}" for label in data["amp"]))
    lines.append("  evidence:")
    for e in evidence:
        lines.append(f"    {e['field']}={e['value']} [{e['rule']}]: {e.get('passage') or ''}")
    return "\n".join(lines)
