"""The course in Chromium as a plain static site: a reader and a self-check that issues no certificate.

The provider service's behaviour in the browser (attendance, grading, the
certificate) is tested in ``tests/cle/test_browser.py``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from palermo.courses.load import load_course
from palermo.courses.model import Course

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "trafficking-jurisprudence"


@pytest.fixture(scope="module")
def course() -> Course:
    return load_course(ROOT / "courses" / COURSE_ID)


def _open(page: Any, url: str) -> None:
    page.goto(url)
    page.wait_for_selector('#pl-course[data-ready="true"]', state="attached")


def test_static_module_is_a_reader_and_self_check(page: Any, site_url: str, course: Course) -> None:
    module = course.modules[0]
    _open(page, f"{site_url}courses/{COURSE_ID}/{module.id}/")
    assert page.locator("#pl-course").get_attribute("data-mode") == "static"
    assert "only through the provider service" in page.locator(".pl-progress__text").first.text_content()
    assert page.locator(".pl-quiz .pl-question").count() == len(module.quiz)
    assert page.locator(".pl-quiz input").count() == 0  # nothing to grade here
    assert not page.locator(".pl-attendance__form").is_visible()
    assert "provider service" in page.locator(".pl-attendance__status").text_content()
    assert "shown here after minute" in page.locator(".pl-attendance-code__value").first.text_content()


def test_static_certificate_page_issues_nothing(page: Any, site_url: str) -> None:
    _open(page, f"{site_url}courses/{COURSE_ID}/certificate/")
    assert page.locator(".pl-cert-static").is_visible()
    assert "earns credit only through the provider service" in page.locator(".pl-cert-static").text_content()
    assert not page.locator(".pl-cert-make").is_visible()
    assert not page.locator(".pl-certificate").is_visible()


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
        _open(page, f"{site_url}courses/{COURSE_ID}/{course.modules[0].id}/")
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
