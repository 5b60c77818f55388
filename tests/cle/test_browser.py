"""A learner takes the course in Chromium through the provider service, which also serves the built site.

Enrolment through the form, a refused certificate, attendance time and a code
shown only once its minute is reached, a wrong code and a wrong answer rejected,
a restart of the service mid-course, the certificate and its verification page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect

from palermo.courses.model import Module
from tests.cle.conftest import RunningService, make_settings
from tests.cle.helpers import COURSE_ID, Learner, course

pytestmark = pytest.mark.browser

COURSE = course()


@pytest.fixture
def site_service(built_site: Path, tmp_path: Path) -> Iterator[RunningService]:
    running = RunningService(make_settings(tmp_path, site_dir=built_site))
    running.start()
    yield running
    running.stop()


def _ready(page: Any) -> None:
    page.wait_for_selector('#pl-course[data-ready="true"]', state="attached")


def _choose(page: Any, module: Module, right: bool) -> None:
    """Tick the right (or a wrong) option of every question, by option text: the order is shuffled per attempt."""
    wanted = {q.id: [q.choices[i] for i in q.correct] for q in module.quiz}
    page.evaluate(
        """([wanted, right]) => {
          document.querySelectorAll('.pl-quiz fieldset[data-question]').forEach(fs => {
            const good = wanted[fs.getAttribute('data-question')];
            const rows = Array.from(fs.querySelectorAll('.pl-choice'));
            const pick = rows.filter(r => good.includes(r.querySelector('label').textContent) === right);
            (right ? pick : pick.slice(0, 1)).forEach(r => { r.querySelector('input').checked = true; });
          });
        }""",
        [wanted, right],
    )
    page.click(".pl-quiz__submit")


def test_a_learner_takes_the_course_through_the_service(page: Any, site_service: RunningService) -> None:
    base = site_service.url
    # enrolment, with a placeholder bar number refused first
    page.goto(f"{base}/enrol?course={COURSE_ID}")
    page.fill("#name", "Ada Lawyer")
    page.fill("#email", "ada@example.org")
    page.select_option("#jurisdiction", "NY")
    page.fill("#bar_number", "x")
    page.click("button[type=submit]")
    assert "not a placeholder" in page.locator("#err-bar_number").text_content()
    page.fill("#bar_number", "4512345")
    page.click("button[type=submit]")
    link = page.locator("#enrolment-link").get_attribute("href")
    assert link.startswith(f"{base}/learn/")
    page.goto(link)
    _ready(page)
    assert page.url == f"{base}/courses/{COURSE_ID}/"
    assert page.locator("#pl-course").get_attribute("data-mode") == "service"

    # the certificate is refused while modules are missing
    page.goto(f"{base}/courses/{COURSE_ID}/certificate/")
    _ready(page)
    assert not page.locator(".pl-cert-static").is_visible()
    page.click(".pl-cert-make")
    refusal = page.locator(".pl-cert-refusal")
    refusal.wait_for(state="visible")
    for m in COURSE.modules:
        assert m.title in refusal.text_content()
    assert not page.locator(".pl-certificate").is_visible()

    # module 1: the code appears only after its minute; a wrong code and a wrong answer are rejected
    module = COURSE.modules[0]
    page.goto(f"{base}/courses/{COURSE_ID}/{module.id}/")
    _ready(page)
    code_box = page.locator(".pl-attendance-code__value").first
    assert "appears here after minute" in code_box.text_content()
    page.fill(".pl-attendance__input", "WRONG123")
    page.click(".pl-attendance__submit")
    expect(page.locator(".pl-attendance__status")).to_contain_text("not an attendance code")
    expect(code_box).to_have_text(re.compile(r"^[A-Z2-7]{8}$"))
    code = code_box.text_content()
    page.fill(".pl-attendance__input", code)
    page.click(".pl-attendance__submit")
    expect(page.locator(".pl-attendance__status")).to_contain_text("All attendance codes")
    page.click(".pl-quiz__start")
    page.wait_for_selector(".pl-quiz fieldset[data-question]")
    _choose(page, module, right=False)
    result = page.locator(".pl-quiz__result")
    expect(page.locator(".pl-quiz__result")).to_contain_text("Not passed")
    assert page.locator(".pl-question__explanation").count() == 0  # no explanation while attempts remain

    # the service restarts mid-course: nothing is lost
    site_service.restart()
    page.wait_for_timeout(150)  # the quiz wait (shortened) passes too
    page.reload()
    _ready(page)
    expect(page.locator(".pl-attendance__status")).to_contain_text("All attendance codes")
    assert code_box.text_content() == code
    assert "Attempts used: 1 of" in page.locator(".pl-quiz__intro").text_content()
    page.click(".pl-quiz__start")
    page.wait_for_selector(".pl-quiz fieldset[data-question]")
    _choose(page, module, right=True)
    expect(page.locator(".pl-quiz__result")).to_contain_text("Passed")
    assert "100%" in result.text_content()
    assert page.locator(".pl-question__explanation").count() == len(module.quiz)
    expect(page.locator(".pl-attendance__time")).to_contain_text("(enough)")

    # the other modules through the API with the same private link: one without its code,
    # one without its quiz, one finished too fast; the certificate page names each
    no_code, no_quiz, too_fast, *rest = COURSE.modules[1:]
    with httpx.Client(base_url=base, timeout=10) as client:
        learner = Learner(client)
        learner.link = link
        learner.open_link()
        learner.attend(no_code)
        learner.pass_quiz(no_code)
        learner.enter_codes(no_quiz, learner.attend(no_quiz))
        learner.attend(too_fast, until_done=False, beats=2)
        learner.pass_quiz(too_fast)
        for m in rest:
            learner.complete(m)
        page.goto(f"{base}/courses/{COURSE_ID}/certificate/")
        _ready(page)
        page.click(".pl-cert-make")
        refusal.wait_for(state="visible")
        lines = refusal.locator("p").all_text_contents()[2:]
        assert lines == [
            f"{no_code.title}: attendance code not entered.",
            f"{no_quiz.title}: quiz not passed.",
            next(line for line in lines if line.startswith(f"{too_fast.title}: time on the module (")),
        ]
        learner.enter_codes(no_code, next(m for m in learner.refresh()["modules"] if m["id"] == no_code.id))
        learner.pass_quiz(no_quiz)
        learner.enter_codes(too_fast, learner.attend(too_fast))

    # the certificate, and its verification page agrees with it
    page.reload()
    _ready(page)
    page.click(".pl-cert-make")
    cert = page.locator(".pl-certificate")
    cert.wait_for(state="visible")

    def field(name: str) -> str:
        return str(cert.locator(f'[data-field="{name}"]').first.text_content())

    assert field("name") == "Ada Lawyer"
    assert field("bar") == "4512345"
    assert field("state") == "New York"
    assert field("hours") == "4.60"
    assert field("approval") == "Not approved in New York."
    assert field("provider") == COURSE.provider.name
    cert_id = field("verify-id")
    assert page.locator(".pl-certificate [data-pl-print]").is_visible()
    facts = {k: field(k) for k in ("name", "bar", "course", "date", "hours", "ethics", "approval", "provider")}
    page.goto(cert.locator('[data-field="verify-url"]').get_attribute("href"))
    verify = {
        k: page.locator(f'[data-field="{key}"]').text_content()
        for k, key in [
            ("name", "name"),
            ("bar", "bar_number"),
            ("course", "course_title"),
            ("date", "completed_on"),
            ("hours", "credits_text"),
            ("ethics", "ethics_text"),
            ("approval", "approval_text"),
            ("provider", "provider"),
        ]
    }
    assert verify == facts
    assert page.locator('[data-field="id"]').text_content() == cert_id
    assert page.locator('[data-status="valid"]').is_visible()
    tampered = cert_id[:-1] + ("A" if cert_id[-1] != "A" else "B")
    page.goto(f"{base}/verify/{tampered}")
    assert page.locator('[data-status="unknown"]').is_visible()
    assert "No certificate has the id" in page.locator("main").text_content()
