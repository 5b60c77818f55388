"""The course in Chromium: quiz grading and retries, attendance codes, progress across reloads, the certificate."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from palermo.courses.credits import credit_hours
from palermo.courses.load import load_course
from palermo.courses.model import Course, Module

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "trafficking-jurisprudence"
STORE_KEY = f"palermo-course:{COURSE_ID}"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT / "courses" / COURSE_ID)


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('#pl-course[data-ready="true"]', state="attached")


def _answer(page: Any, module: Module, right: bool) -> None:
    for q in module.quiz:
        choices = q.correct if right else [i for i in range(len(q.choices)) if i not in q.correct][:1]
        for i in choices:
            page.check(f"#pl-q-{module.id}-{q.id}-{i}")
    page.click(".pl-quiz__submit")


def _progress_text(page: Any) -> str:
    return str(page.locator(".pl-progress__text").first.text_content())


def test_pass_a_module_quiz_and_progress_survives_reload(page: Any, site_url: str, course: Course) -> None:
    module = course.modules[0]
    url = f"{site_url}courses/{COURSE_ID}/{module.id}/"
    _open(page, url)
    assert _progress_text(page).startswith(f"0 of {len(course.modules)} module quizzes passed")

    _answer(page, module, right=False)
    result = page.locator(".pl-quiz__result")
    assert "Not passed" in result.text_content()
    assert page.locator(".pl-question--wrong").count() == len(module.quiz)
    assert page.locator(".pl-question__explanation").first.text_content() == module.quiz[0].explanation

    page.click(".pl-quiz__retry")
    _answer(page, module, right=True)
    assert "Passed" in result.text_content()
    assert f"{len(module.quiz)} of {len(module.quiz)} correct (100%)" in result.text_content()
    assert _progress_text(page).startswith(f"1 of {len(course.modules)} module quizzes passed")
    bar = page.locator(".pl-progress__bar").first
    assert bar.get_attribute("value") == "1"

    page.reload()
    page.wait_for_selector('#pl-course[data-ready="true"]', state="attached")
    assert _progress_text(page).startswith(f"1 of {len(course.modules)} module quizzes passed")

    _open(page, f"{site_url}courses/{COURSE_ID}/")
    status = page.locator(f'[data-status-for="{module.id}"]').text_content()
    assert "quiz passed (100%)" in status


def test_attendance_code(page: Any, site_url: str, course: Course) -> None:
    module = course.modules[1]
    code = module.attendance_codes[0].code
    _open(page, f"{site_url}courses/{COURSE_ID}/{module.id}/")
    assert page.locator(".pl-attendance-code__value").first.text_content() == code
    page.fill(".pl-attendance__input", "WRONG1")
    page.click(".pl-attendance__submit")
    assert "not an attendance code" in page.locator(".pl-attendance__status").text_content()
    page.fill(".pl-attendance__input", code.lower())
    page.click(".pl-attendance__submit")
    assert "All attendance codes for this module are recorded" in page.locator(".pl-attendance__status").text_content()
    page.reload()
    page.wait_for_selector('#pl-course[data-ready="true"]', state="attached")
    assert "1 of " in _progress_text(page).split("quizzes passed, ")[1]


def _state(course: Course, skip_module: str | None = None, skip_code: str | None = None) -> str:
    modules = {m.id: {"passed": True, "best": 100} for m in course.modules if m.id != skip_module}
    codes = {c.code: "2026-11-23T10:00:00Z" for m in course.modules for c in m.attendance_codes if c.code != skip_code}
    return json.dumps({"version": 1, "modules": modules, "codes": codes})


def _certificate(page: Any, site_url: str, state: str, us_state: str = "NY") -> None:
    url = f"{site_url}courses/{COURSE_ID}/certificate/"
    _open(page, url)
    page.evaluate("([k, v]) => window.localStorage.setItem(k, v)", [STORE_KEY, state])
    _open(page, url)
    page.fill("#pl-cert-name", "A. Lawyer")
    page.fill("#pl-cert-bar", "123456")
    page.select_option("#pl-cert-state", us_state)
    page.click(".pl-cert-make")


def test_certificate_refuses_while_a_module_is_missing(page: Any, site_url: str, course: Course) -> None:
    missing = course.modules[2]
    _certificate(page, site_url, _state(course, skip_module=missing.id))
    refusal = page.locator(".pl-cert-refusal")
    assert refusal.is_visible()
    assert missing.title in refusal.text_content()
    assert not page.locator(".pl-certificate").is_visible()


def test_certificate_refuses_while_a_code_is_missing(page: Any, site_url: str, course: Course) -> None:
    module = course.modules[-1]
    _certificate(page, site_url, _state(course, skip_code=module.attendance_codes[0].code))
    refusal = page.locator(".pl-cert-refusal")
    assert refusal.is_visible()
    assert "Attendance codes not yet entered" in refusal.text_content()
    assert module.title in refusal.text_content()
    assert not page.locator(".pl-certificate").is_visible()


@pytest.mark.parametrize(("us_state", "per_hour"), [("NY", 50), ("CA", 60)])
def test_certificate_shows_credits_once_complete(page: Any, site_url: str, course: Course, us_state: str, per_hour: int) -> None:
    _certificate(page, site_url, _state(course), us_state)
    cert = page.locator(".pl-certificate")
    assert cert.is_visible()
    assert not page.locator(".pl-cert-refusal").is_visible()
    field = lambda name: cert.locator(f'[data-field="{name}"]').first.text_content()  # noqa: E731
    assert field("name") == "A. Lawyer"
    assert field("bar") == "123456"
    assert field("course") == course.title
    assert field("hours") == f"{credit_hours(course.total_minutes, per_hour):.2f}"
    assert field("ethics") == f"{credit_hours(course.ethics_minutes, per_hour):.2f}"
    assert f"{per_hour} minutes" in field("rule")
    for module in course.modules:
        for code in module.attendance_codes:
            assert code.code in field("codes")
    assert "not yet been reviewed" in field("review")
    assert page.locator(".pl-certificate [data-pl-print]").is_visible()


AXE = ROOT / "tests" / "site" / "vendor" / "axe.min.js"
WATCH = """
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
"""
COURSE_PAGES = ["courses/", f"courses/{COURSE_ID}/", f"courses/{COURSE_ID}/packet/", f"courses/{COURSE_ID}/certificate/"]


@pytest.mark.parametrize("path", [*COURSE_PAGES, "module"])
def test_course_pages_are_accessible_and_keep_the_csp(page: Any, site_url: str, course: Course, path: str) -> None:
    page.add_init_script(WATCH)
    if path == "module":
        module = course.modules[0]
        _open(page, f"{site_url}courses/{COURSE_ID}/{module.id}/")
        _answer(page, module, right=False)  # feedback and explanations on screen too
    elif path.endswith("certificate/"):
        _certificate(page, site_url, _state(course))
    else:
        response = page.goto(site_url + path)
        assert response is not None and response.ok
        page.wait_for_load_state("load")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__csp") == []
    if not AXE.is_file():
        pytest.skip("axe-core not vendored at tests/site/vendor/axe.min.js")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [f"{v['id']}: {v['help']} {[n['target'] for n in v['nodes']][:5]}" for v in bad]
