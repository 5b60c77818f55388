"""Loading courses from ``courses/<course-id>/course.yaml`` and checking them against the corpus.

Every problem names the file and the field it is in (``course.yaml: modules[elements].quiz[q3].cases: …``),
so an editor can go straight to it.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from palermo.corpus.store import read_yaml
from palermo.courses.model import Course

COURSES_ENV = "PALERMO_COURSES"
"""Environment variable naming the courses folder (default: ``courses/`` of the checkout)."""

COURSE_FILE = "course.yaml"
CREDIT_RULES_FILE = "credit-rules.yaml"


@dataclass(frozen=True, order=True)
class CourseProblem:
    """One problem in a course, located by file and field."""

    path: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.field}: {self.message}"


class CourseError(Exception):
    """A course that cannot be loaded; ``problems`` says where and why."""

    def __init__(self, problems: list[CourseProblem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


def default_courses_dir() -> Path:
    """``$PALERMO_COURSES``, else ``courses/`` in the working folder, else ``courses/`` of this checkout."""
    env = os.environ.get(COURSES_ENV)
    if env:
        return Path(env)
    here = Path.cwd() / "courses"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "courses"


def course_ids(courses_dir: Path) -> list[str]:
    """Ids of the courses in a folder: every sub-folder holding a ``course.yaml``."""
    if not courses_dir.is_dir():
        return []
    return sorted(p.parent.name for p in courses_dir.glob(f"*/{COURSE_FILE}"))


def _field_path(data: Any, loc: Iterable[str | int]) -> str:
    """A readable field path: list items of modules and quizzes named by their ids (``modules[ethics].quiz[q2]``)."""
    parts: list[str] = []
    node = data
    for key in loc:
        if isinstance(key, int):
            item = node[key] if isinstance(node, list) and 0 <= key < len(node) else None
            label = (item.get("id") or item.get("code")) if isinstance(item, dict) else None
            suffix = f"[{label if label is not None else key}]"
            if parts:
                parts[-1] += suffix
            else:
                parts.append(suffix)
            node = item
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts) or "(course)"


def validation_problems(path: Path, data: Any, exc: ValidationError) -> list[CourseProblem]:
    problems = []
    for err in exc.errors():
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith(("function-", "list[", "bool", "none")))]
        message = str(err["msg"]).removeprefix("Value error, ")
        problems.append(CourseProblem(str(path), _field_path(data, loc), message))
    return problems


def load_course(course_dir: Path) -> Course:
    """Load and validate one course folder, reading every module body.

    Raises:
        CourseError: when the YAML cannot be read, does not validate, or a module body is missing.
    """
    path = course_dir / COURSE_FILE
    try:
        data = read_yaml(path)
    except (OSError, yaml.YAMLError) as exc:
        raise CourseError([CourseProblem(str(path), "(file)", f"cannot read YAML: {exc}")]) from exc
    if not isinstance(data, dict):
        raise CourseError([CourseProblem(str(path), "(file)", "a course file must hold a mapping")])
    try:
        course = Course.model_validate(data)
    except ValidationError as exc:
        raise CourseError(validation_problems(path, data, exc)) from exc
    problems = []
    if course.id != course_dir.name:
        problems.append(CourseProblem(str(path), "id", f"id {course.id!r} does not match the folder name {course_dir.name!r}"))
    for module in course.modules:
        body = course_dir / module.body
        try:
            module.set_text(body.read_text(encoding="utf-8"))
        except OSError as exc:
            problems.append(CourseProblem(str(path), f"modules[{module.id}].body", f"cannot read {body}: {exc.strerror or exc}"))
    if problems:
        raise CourseError(problems)
    return course


def check_course(course: Course, case_ids: set[str], path: str) -> list[CourseProblem]:
    """Problems only the corpus can reveal: readings and question cases that are not in it."""
    problems = []
    for module in course.modules:
        for i, case_id in enumerate(module.readings):
            if case_id not in case_ids:
                problems.append(CourseProblem(path, f"modules[{module.id}].readings[{i}]", f"case {case_id!r} is not in the corpus"))
        for question in module.quiz:
            for i, case_id in enumerate(question.cases):
                if case_id not in case_ids:
                    problems.append(
                        CourseProblem(
                            path, f"modules[{module.id}].quiz[{question.id}].cases[{i}]", f"case {case_id!r} is not in the corpus"
                        )
                    )
    return problems


def validate_course_dir(course_dir: Path, case_ids: set[str]) -> tuple[Course | None, list[CourseProblem]]:
    """Load a course and check it against the corpus; return the course (None when it did not load) and every problem."""
    try:
        course = load_course(course_dir)
    except CourseError as exc:
        return None, exc.problems
    return course, check_course(course, case_ids, str(course_dir / COURSE_FILE))
