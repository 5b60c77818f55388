"""The course model and loader: a valid course passes, each kind of mistake is caught and named by file and field."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import ValidationError

from palermo.corpus.store import load_corpus
from palermo.courses.load import CourseError, check_course, load_course, validate_course_dir
from palermo.courses.model import Course

ROOT = Path(__file__).resolve().parents[2]
REAL_COURSE = ROOT / "courses" / "trafficking-jurisprudence"


def question(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "q1",
        "kind": "single",
        "prompt": "Which?",
        "options": ["a", "b"],
        "answer": [0],
        "explanation": "Because a.",
        "cases": ["case-one"],
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not None}


def course_data() -> dict[str, Any]:
    """A small valid course: two modules (30 + 50 minutes, the second ethics), one code each."""
    return {
        "id": "test-course",
        "title": "Test course",
        "audience": ["Lawyers"],
        "description": "A course for tests.",
        "learning_objectives": ["Learn"],
        "faculty": [{"name": "Team", "role": "Authors"}],
        "total_minutes": 80,
        "ethics_minutes": 50,
        "passing_score": 80,
        "provider": {"name": "Test provider"},
        "modules": [
            {
                "id": "one",
                "title": "One",
                "minutes": 30,
                "objectives": ["o"],
                "body": "modules/one.md",
                "readings": ["case-one"],
                "attendance_codes": [{"at_minute": 10}],
                "quiz": [question()],
            },
            {
                "id": "two",
                "title": "Two",
                "minutes": 50,
                "ethics": True,
                "objectives": ["o"],
                "body": "modules/two.md",
                "readings": ["case-two"],
                "attendance_codes": [{"at_minute": 20}],
                "quiz": [question(id="q2", kind="true_false", options=None, answer=True, cases=None, provisions=["ECHR Art. 4"])],
            },
        ],
    }


def test_valid_course_passes() -> None:
    course = Course.model_validate(course_data())
    assert course.total_minutes == 80
    assert course.readings == ["case-one", "case-two"]
    assert len(course.questions) == 2
    assert course.questions[1].correct == [0]
    assert (course.attendance_share, course.quiz_attempts, course.quiz_wait_minutes) == (0.8, 3, 10)
    assert course.provider.name == "Test provider"
    assert course.approval("NY") is None


def _set(path: tuple[Any, ...], value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        node: Any = data
        for key in path[:-1]:
            node = node[key]
        if value is _DELETE:
            del node[path[-1]]
        else:
            node[path[-1]] = value

    return apply


_DELETE = object()
Q0 = ("modules", 0, "quiz", 0)

INVALID: list[tuple[str, Callable[[dict[str, Any]], None], str]] = [
    ("question without explanation", _set((*Q0, "explanation"), _DELETE), "every question needs an explanation"),
    ("blank explanation", _set((*Q0, "explanation"), "   "), "every question needs an explanation"),
    ("question without answer", _set((*Q0, "answer"), _DELETE), "every question needs an answer"),
    ("empty answer list", _set((*Q0, "answer"), []), "every question needs an answer"),
    ("answer not an option", _set((*Q0, "answer"), [5]), "answer index 5 is not an option"),
    ("single choice with two answers", _set((*Q0, "answer"), [0, 1]), "exactly one correct option"),
    ("question with no legal basis", _set((*Q0, "cases"), []), "rests on a case"),
    ("true/false with options", _set(("modules", 1, "quiz", 0, "options"), ["x", "y"]), "has no options"),
    ("declared total does not add up", _set(("total_minutes",), 90), "total_minutes is 90 but the modules add up to 80"),
    ("ethics minutes do not add up", _set(("ethics_minutes",), 30), "ethics_minutes is 30 but the ethics modules add up to 50"),
    ("too few attendance codes", _set(("modules", 1, "minutes"), 60), "needs at least 2 attendance code"),
    ("code after the module ends", _set(("modules", 0, "attendance_codes", 0, "at_minute"), 45), "placed after"),
    ("a code printed in the course", _set(("modules", 1, "attendance_codes", 0, "code"), "ABCD1"), "Extra inputs are not permitted"),
    ("no provider", _set(("provider",), _DELETE), "provider"),
    ("attendance share above 1", _set(("attendance_share",), 1.5), "less than or equal to 1"),
    ("no quiz attempt allowed", _set(("quiz_attempts",), 0), "greater than or equal to 1"),
    (
        "approval listed twice",
        _set(("approvals",), [{"state": "NY", "number": "1"}, {"state": "NY", "number": "2"}]),
        "approval for NY is listed twice",
    ),
    ("review with date but no reviewer", _set(("legal_review",), {"date": "2026-01-01"}), "both a date and a reviewer"),
    ("unknown field", _set(("credits",), 3), "Extra inputs are not permitted"),
    ("minutes as text", _set(("modules", 0, "minutes"), "30"), "valid integer"),
]


@pytest.mark.parametrize(("name", "mutate", "message"), INVALID, ids=[c[0] for c in INVALID])
def test_invalid_courses_are_rejected(name: str, mutate: Callable[[dict[str, Any]], None], message: str) -> None:
    data = copy.deepcopy(course_data())
    mutate(data)
    with pytest.raises(ValidationError) as info:
        Course.model_validate(data)
    assert message in str(info.value)


def _write_course(tmp_path: Path, data: dict[str, Any], bodies: bool = True) -> Path:
    folder = tmp_path / data["id"]
    (folder / "modules").mkdir(parents=True)
    (folder / "course.yaml").write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    if bodies:
        for m in data["modules"]:
            (folder / m["body"]).write_text(f"Body of {m['id']}\n", encoding="utf-8")
    return folder


def test_loader_names_file_and_field(tmp_path: Path) -> None:
    data = course_data()
    del data["modules"][1]["quiz"][0]["explanation"]
    folder = _write_course(tmp_path, data)
    with pytest.raises(CourseError) as info:
        load_course(folder)
    (problem,) = info.value.problems
    assert problem.path == str(folder / "course.yaml")
    assert problem.field == "modules[two].quiz[q2]"
    assert "explanation" in problem.message


def test_loader_reports_missing_body(tmp_path: Path) -> None:
    folder = _write_course(tmp_path, course_data(), bodies=False)
    with pytest.raises(CourseError) as info:
        load_course(folder)
    assert {p.field for p in info.value.problems} == {"modules[one].body", "modules[two].body"}


def test_loader_reads_bodies(tmp_path: Path) -> None:
    course = load_course(_write_course(tmp_path, course_data()))
    assert course.module("one").text == "Body of one\n"


def test_missing_case_ids_are_named(tmp_path: Path) -> None:
    data = course_data()
    data["modules"][0]["quiz"][0]["cases"] = ["case-one", "no-such-case"]
    folder = _write_course(tmp_path, data)
    course, problems = validate_course_dir(folder, {"case-one"})
    assert course is not None
    fields = {(p.field, p.message) for p in problems}
    assert ("modules[one].quiz[q1].cases[1]", "case 'no-such-case' is not in the corpus") in fields
    assert ("modules[two].readings[0]", "case 'case-two' is not in the corpus") in fields
    assert all(p.path == str(folder / "course.yaml") for p in problems)


def test_folder_name_must_match_id(tmp_path: Path) -> None:
    data = course_data()
    folder = _write_course(tmp_path, data)
    moved = folder.rename(tmp_path / "other-name")
    with pytest.raises(CourseError) as info:
        load_course(moved)
    assert info.value.problems[0].field == "id"


def test_the_published_course_is_complete_and_cites_only_existing_cases() -> None:
    course = load_course(REAL_COURSE)
    ids = {r.id for r in load_corpus(ROOT / "cases").records}
    assert check_course(course, ids, "course.yaml") == []
    assert course.total_minutes >= 180
    assert len(course.modules) >= 6
    assert any(m.ethics and m.minutes >= 50 for m in course.modules)
    assert len(course.questions) >= 40
    for module in course.modules:
        assert len(module.readings) >= 3, module.id
        assert len(module.quiz) >= 6, module.id
        # one code box per attendance point, and no code printed anywhere in the course
        assert module.text.count("[[attendance-code]]") == len(module.attendance_codes), module.id
    text = (REAL_COURSE / "course.yaml").read_text(encoding="utf-8")
    assert "code:" not in text
