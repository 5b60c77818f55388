"""No published file and no API response before its time gives away an answer, an explanation or an attendance code."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import httpx

from palermo.cle.attendance import attendance_code
from tests.cle.helpers import COURSE_ID, ROOT, SECRET, Learner, course, right_answers

COURSE = course()
TEXT_SUFFIXES = {".html", ".json", ".js", ".md", ".xml", ".txt", ".csv", ".css", ".yaml"}
OLD_CODES = ["KQ7PALMA", "VX3MEANS", "HD4SERVE", "SX8CHILD", "ID2TRUST", "NP9ETHIC", "RS5REMED"]


def _snippets() -> list[str]:
    """A distinctive opening of every explanation, raw and as HTML would escape it."""
    out = []
    for q in COURSE.questions:
        text = " ".join((q.explanation or "").split())[:70]
        out += [text, html.escape(text, quote=True), json.dumps(text)[1:-1]]
    return out


def test_no_file_of_the_built_site_holds_an_answer_explanation_or_code(built_site: Path) -> None:
    snippets = _snippets()
    codes = [attendance_code(SECRET.encode(), COURSE_ID, e, m.id, p) for e in range(1, 6) for m in COURSE.modules for p in range(2)]
    offenders = []
    for path in built_site.rglob("*"):
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES:
            continue
        text = " ".join(path.read_text(encoding="utf-8", errors="replace").split())
        found = [s for s in snippets if s in text] + [c for c in [*codes, *OLD_CODES] if c in text]
        if "*Answer:*" in text or "✔" in text or re.search(r'"(correct|explanation|codes)"\s*:', text):
            found.append("answer marker")
        if found:
            offenders.append(f"{path.relative_to(built_site)}: {found[:2]}")
    assert not offenders, offenders[:10]


def test_the_course_sources_print_no_code() -> None:
    for folder in ("courses", "docs", "palermo"):
        for path in (ROOT / folder).rglob("*"):
            if path.is_file() and path.suffix in TEXT_SUFFIXES | {".py"}:
                text = path.read_text(encoding="utf-8", errors="replace")
                assert not [c for c in OLD_CODES if c in text], path
                assert not re.search(r"\[\[attendance-code:", text), path


def test_no_api_response_gives_away_what_is_not_yet_earned(http: httpx.Client) -> None:
    learner = Learner(http)
    learner.enrol()
    learner.open_link()
    responses: list[str] = [json.dumps(learner.refresh())]
    module = COURSE.modules[0]
    opened = learner.post(f"modules/{module.id}/open")
    responses.append(opened.text)
    for _ in range(2):  # well before minute 15
        responses.append(learner.post(f"modules/{module.id}/heartbeat", {"visit": opened.json()["visit"]}).text)
    responses.append(learner.post(f"modules/{module.id}/codes", {"code": "ABCDEFGH"}).text)
    attempt = learner.post(f"modules/{module.id}/quiz")
    responses.append(attempt.text)
    wrong = learner.post(
        f"modules/{module.id}/quiz/{attempt.json()['attempt']}", {"answers": right_answers(module, attempt.json(), right=False)}
    )
    responses.append(wrong.text)
    for m in COURSE.modules[1:]:
        responses.append(learner.post(f"modules/{m.id}/open").text)
    responses.append(learner.post("certificate").text)
    responses.append(json.dumps(learner.refresh()))
    everything = " ".join(" ".join(responses).split())
    enrolment_id = 1
    codes = [
        attendance_code(SECRET.encode(), COURSE_ID, enrolment_id, m.id, p) for m in COURSE.modules for p in range(len(m.attendance_codes))
    ]
    assert not [c for c in codes if c in everything]
    assert not [s for s in _snippets() if s in everything]
    assert not re.search(r'"correct"\s*:\s*\[', everything)  # a count of right answers, never the answer key
    assert '"answer"' not in everything and '"explanation"' not in everything
