"""Corpus validation with ``path:line: field: message`` reports.

Each file is parsed with ruamel.yaml to keep the line of every node, validated
against :class:`palermo.model.schema.CaseRecord`, and then checked across the corpus:
the id matches the file name, the folder matches the jurisdiction, no two
records share an id or an identifier, and related cases exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError

from palermo.corpus.store import iter_case_files
from palermo.model.schema import PRIVACY_ERROR, CaseRecord


@dataclass(frozen=True, order=True)
class Problem:
    """One validation problem, located by file and line (1-based; 0 when unknown)."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field}: {self.message}"


def _line_of(node: Any, loc: Iterable[str | int]) -> int:
    """The 1-based line of the deepest YAML node reachable along ``loc``."""
    line = 1
    for key in loc:
        if isinstance(node, CommentedMap) and key in node:
            line = node.lc.key(key)[0] + 1
            node = node[key]
        elif isinstance(node, CommentedSeq) and isinstance(key, int) and 0 <= key < len(node):
            line = node.lc.item(key)[0] + 1
            node = node[key]
        else:
            break
    return line


def _plain(node: Any) -> Any:
    """Convert ruamel's round-trip containers and scalars to plain Python."""
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def check_file(path: Path, root: Path | None = None) -> tuple[CaseRecord | None, list[Problem]]:
    """Validate one case file; return the record (when valid) and its problems."""
    shown = str(path)
    yaml = YAML(typ="rt")
    # keep timestamps as text so an impossible date is reported by the schema, with its field and line
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", lambda c, node: c.construct_scalar(node))
    try:
        with path.open(encoding="utf-8") as handle:
            tree = yaml.load(handle)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        line = mark.line + 1 if mark is not None else 0
        return None, [Problem(shown, line, "(yaml)", str(exc.problem or exc).strip())]
    except (OSError, UnicodeDecodeError) as exc:
        return None, [Problem(shown, 0, "(file)", str(exc))]
    if not isinstance(tree, CommentedMap):
        return None, [Problem(shown, 1, "(record)", "a case file must hold a mapping of fields")]
    problems: list[Problem] = []
    record: CaseRecord | None = None
    try:
        record = CaseRecord.model_validate(_plain(tree))
    except ValidationError as exc:
        for err in exc.errors():
            loc: tuple[str | int, ...] = tuple(err["loc"])
            msg = err["msg"]
            if err["type"] == PRIVACY_ERROR:
                loc = tuple(int(p) if p.isdigit() else p for p in str(err["ctx"]["field"]).split("."))
            field = ".".join(str(p) for p in loc) or "(record)"
            problems.append(Problem(shown, _line_of(tree, loc), field, msg.removeprefix("Value error, ")))
    if record is not None:
        if path.stem != record.id:
            problems.append(Problem(shown, _line_of(tree, ["id"]), "id", f"id {record.id!r} does not match the file name {path.name!r}"))
        expected_dir = record.jurisdiction.lower()
        if root is not None and path.parent != root and path.parent.name != expected_dir:
            problems.append(
                Problem(
                    shown,
                    _line_of(tree, ["jurisdiction"]),
                    "jurisdiction",
                    f"record for {record.jurisdiction} is filed under {path.parent.name}/, expected {expected_dir}/",
                )
            )
    return record, problems


def validate_paths(paths: Iterable[Path], known_ids: set[str] | None = None) -> tuple[list[CaseRecord], list[Problem]]:
    """Validate files and folders of case records, and the corpus-wide rules across them.

    Args:
        paths: case files or folders holding them.
        known_ids: further ids that related-case links may point at.

    Returns:
        The valid records and every problem found, sorted by path and line.
    """
    records: list[tuple[Path, CaseRecord]] = []
    problems: list[Problem] = []
    for root in paths:
        if not root.exists():
            problems.append(Problem(str(root), 0, "(path)", "no such file or folder"))
            continue
        for path in iter_case_files(root):
            record, found = check_file(path, root if root.is_dir() else None)
            problems.extend(found)
            if record is not None:
                records.append((path, record))
    problems.extend(_cross_record(records, known_ids or set()))
    return [r for _, r in records], sorted(problems)


def _cross_record(records: list[tuple[Path, CaseRecord]], known_ids: set[str]) -> list[Problem]:
    problems = []
    first_by_id: dict[str, Path] = {}
    first_by_identifier: dict[tuple[str, str], tuple[Path, str]] = {}
    for path, record in records:
        if record.id in first_by_id:
            problems.append(Problem(str(path), 1, "id", f"duplicate id {record.id!r}, also in {first_by_id[record.id]}"))
        else:
            first_by_id[record.id] = path
        for ident in record.identifiers:
            key = (ident.type.value, ident.value)
            if key in first_by_identifier and first_by_identifier[key][1] != record.id:
                other_path, other_id = first_by_identifier[key]
                problems.append(
                    Problem(str(path), 1, "identifiers", f"{ident.type.value} {ident.value!r} is also held by {other_id} ({other_path})")
                )
            else:
                first_by_identifier.setdefault(key, (path, record.id))
    all_ids = set(first_by_id) | known_ids
    for path, record in records:
        for link in record.related:
            if link.case_id not in all_ids:
                problems.append(Problem(str(path), 1, "related", f"related case {link.case_id!r} is not in the corpus"))
    return problems
