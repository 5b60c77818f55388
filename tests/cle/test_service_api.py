"""The provider service over HTTP: enrolment, attendance, server grading, certificates, verification, records and bad input."""

from __future__ import annotations

import csv
import html
import io
import json
import sqlite3
import time
from pathlib import Path

import httpx
import pytest

from palermo.cli import main
from tests.cle.conftest import RunningService
from tests.cle.helpers import ADMIN_TOKEN, COURSE_ID, SECONDS_PER_MINUTE, SECRET, Learner, course, right_answers

COURSE = course()


def enrolled(http: httpx.Client) -> Learner:
    learner = Learner(http)
    response = learner.enrol()
    assert response.status_code == 200, response.text
    learner.open_link()
    return learner


# ---------- enrolment ----------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("bar", "x", "not a placeholder"),
        ("bar", "n/a", "not a placeholder"),
        ("bar", "1234", "not a placeholder"),
        ("bar", "", "enter your bar or registration number"),
        ("email", "nobody", "enter an email address"),
        ("name", "x", "enter your full name"),
        ("state", "ZZ", "choose the jurisdiction"),
    ],
)
def test_enrolment_rejects_bad_input_with_a_clear_message(http: httpx.Client, field: str, value: str, message: str) -> None:
    learner = Learner(http)
    kwargs = {"bar": "4512345", "email": "ada@example.org", "name": "Ada Lawyer", "state": "NY"} | {field: value}
    response = learner.enrol(**kwargs)
    assert response.status_code == 400
    assert message in response.text
    assert not learner.link


def test_a_known_state_format_is_enforced(http: httpx.Client) -> None:
    response = Learner(http).enrol(state="CA", bar="AB-1234567")
    assert response.status_code == 400
    assert "not a California bar number" in response.text
    assert Learner(http).enrol(state="CA", bar="271828").status_code == 200


def test_enrolment_form_needs_its_csrf_token(http: httpx.Client) -> None:
    http.get("/enrol")
    data = {
        "csrf": "forged",
        "course": COURSE_ID,
        "name": "Ada Lawyer",
        "email": "a@example.org",
        "jurisdiction": "NY",
        "bar_number": "4512345",
    }
    response = http.post("/enrol", data=data)
    assert response.status_code == 400
    assert "the form expired" in response.text
    assert "enrolment-link" not in response.text


def test_unknown_link_and_not_enrolled(http: httpx.Client) -> None:
    assert http.get("/learn/not-a-real-token", follow_redirects=False).status_code == 404
    me = http.get(f"/api/cle/{COURSE_ID}/me")
    assert me.status_code == 401
    assert me.json()["service"] == "palermo-cle"
    assert "not enrolled" in me.json()["detail"]


# ---------- bad requests ----------


def test_bad_requests_get_a_4xx_with_a_reason(http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[0]
    headers = {"X-CSRF-Token": learner.csrf, "Content-Type": "application/json"}
    broken = http.post(f"/api/cle/{COURSE_ID}/modules/{module.id}/codes", content=b"{not json", headers=headers)
    assert broken.status_code == 422
    assert "JSON" in json.dumps(broken.json())
    wrong_type = learner.post(f"modules/{module.id}/heartbeat", {"visit": "one"})
    assert wrong_type.status_code == 422
    assert learner.post("modules/no-such-module/open").status_code == 404
    assert "unknown module" in learner.post("modules/no-such-module/open").json()["detail"]
    assert http.get("/api/cle/no-such-course/me").status_code == 404
    assert learner.post(f"modules/{module.id}/heartbeat", {"visit": 999999}).status_code == 404
    assert learner.post(f"modules/{module.id}/quiz/999999", {"answers": {}}).status_code == 400
    no_csrf = http.post(f"/api/cle/{COURSE_ID}/modules/{module.id}/open", json={})
    assert no_csrf.status_code == 403
    assert "CSRF" in no_csrf.json()["detail"]
    cross_site = http.post(
        f"/api/cle/{COURSE_ID}/modules/{module.id}/open", json={}, headers={"X-CSRF-Token": learner.csrf, "Origin": "https://evil.example"}
    )
    assert cross_site.status_code == 403


# ---------- attendance ----------


def test_codes_appear_only_after_their_minute_and_wrong_codes_are_rejected(http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[0]
    opened = learner.post(f"modules/{module.id}/open").json()
    assert all(c["code"] is None for c in opened["module"]["codes"])
    wrong = learner.post(f"modules/{module.id}/codes", {"code": "AAAAAAAA"})
    assert wrong.status_code == 400
    assert "not an attendance code" in wrong.json()["detail"]
    state = learner.attend(module)
    code = state["codes"][0]["code"]
    assert code and len(code) == 8
    assert learner.post(f"modules/{module.id}/codes", {"code": code.lower()}).status_code == 200
    # another learner's code for the same module is different, and not accepted here
    with httpx.Client(base_url=str(http.base_url)) as other_client:
        other = Learner(other_client)
        other.enrol(name="Bob Counsel", bar="7604321")
        other.open_link()
        other_state = other.attend(module)
        assert other_state["codes"][0]["code"] != code
        assert other.post(f"modules/{module.id}/codes", {"code": code}).status_code == 400


def test_wrong_code_guesses_are_rate_limited(http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[1]
    learner.post(f"modules/{module.id}/open")
    statuses = [learner.post(f"modules/{module.id}/codes", {"code": f"GUESS{i:03d}"}).status_code for i in range(7)]
    assert statuses[:5] == [400] * 5
    assert statuses[5:] == [429, 429]


def test_hidden_time_does_not_count(http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[0]
    opened = learner.post(f"modules/{module.id}/open").json()
    learner.post(f"modules/{module.id}/heartbeat", {"visit": opened["visit"]})
    time.sleep(0.3)  # the tab was hidden: no beats for longer than two intervals
    state = learner.post(f"modules/{module.id}/heartbeat", {"visit": opened["visit"]}).json()["module"]
    assert state["active_seconds"] == 0


# ---------- quizzes ----------


def test_quiz_is_graded_by_the_server_with_limited_attempts(http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[0]
    attempt = learner.post(f"modules/{module.id}/quiz").json()
    text = json.dumps(attempt)
    for q in module.quiz:
        assert q.explanation not in text
    assert "correct" not in text and "answer" not in text
    assert {q["id"] for q in attempt["questions"]} == {q.id for q in module.quiz}
    wrong = learner.post(f"modules/{module.id}/quiz/{attempt['attempt']}", {"answers": right_answers(module, attempt, right=False)}).json()
    assert not wrong["passed"] and wrong["score"] == 0
    assert wrong["feedback"] is None  # no explanation while attempts remain
    assert wrong["attempts_left"] == COURSE.quiz_attempts - 1
    too_soon = learner.post(f"modules/{module.id}/quiz")
    assert too_soon.status_code == 409
    assert "next attempt opens" in too_soon.json()["detail"]
    time.sleep(COURSE.quiz_wait_minutes * SECONDS_PER_MINUTE + 0.05)
    second = learner.post(f"modules/{module.id}/quiz").json()
    assert second["attempt"] != attempt["attempt"]
    graded = learner.post(f"modules/{module.id}/quiz/{second['attempt']}", {"answers": right_answers(module, second)}).json()
    assert graded["passed"] and graded["score"] == 100
    assert {f["explanation"] for f in graded["feedback"]} == {q.explanation for q in module.quiz}
    assert learner.post(f"modules/{module.id}/quiz/{second['attempt']}", {"answers": {}}).status_code == 400  # graded already
    assert learner.post(f"modules/{module.id}/quiz").status_code == 409  # passed already


def test_explanations_come_once_attempts_are_used_up(http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[2]
    result: dict[str, object] = {}
    for i in range(COURSE.quiz_attempts):
        if i:
            time.sleep(COURSE.quiz_wait_minutes * SECONDS_PER_MINUTE + 0.05)
        attempt = learner.post(f"modules/{module.id}/quiz").json()
        result = learner.post(f"modules/{module.id}/quiz/{attempt['attempt']}", {"answers": {}}).json()
    assert result["feedback"]
    exhausted = learner.post(f"modules/{module.id}/quiz")
    assert exhausted.status_code == 409 and "attempts" in exhausted.json()["detail"]


# ---------- certificates ----------


def test_certificate_refused_until_every_module_is_complete_then_verifiable(service: RunningService, http: httpx.Client) -> None:
    learner = enrolled(http)
    too_fast, no_code, no_quiz, *rest = COURSE.modules
    state = learner.attend(too_fast, until_done=False, beats=2)  # finished too fast: its code never showed
    assert not state["time_done"] and state["codes"][0]["code"] is None
    learner.pass_quiz(too_fast)
    learner.attend(no_code)
    learner.pass_quiz(no_code)
    learner.enter_codes(no_quiz, learner.attend(no_quiz))
    for m in rest:
        learner.complete(m)
    refused = learner.post("certificate")
    assert refused.status_code == 409
    missing = refused.json()["missing"]
    assert len(missing) == 3
    assert missing[0].startswith(f"{too_fast.title}: time on the module (")
    assert missing[1] == f"{no_code.title}: attendance code not entered."
    assert missing[2] == f"{no_quiz.title}: quiz not passed."
    assert learner.refresh()["certificate"] is None
    # finish what is missing: the certificate is issued
    learner.enter_codes(too_fast, learner.attend(too_fast))
    learner.enter_codes(no_code, learner.refresh()["modules"][1])
    learner.pass_quiz(no_quiz)
    issued = learner.post("certificate")
    assert issued.status_code == 201, issued.text
    cert = issued.json()["certificate"]
    assert cert["completed_on"] == time.strftime("%Y-%m-%d", time.gmtime())
    assert cert["provider"] == COURSE.provider.name
    assert cert["approval_text"] == "Not approved in New York."
    assert (cert["credits_text"], cert["ethics_text"]) == ("4.60", "1.00")
    assert cert["verify_url"] == f"{service.url}/verify/{cert['id']}"
    assert learner.post("certificate").json()["certificate"]["id"] == cert["id"]  # one certificate per enrolment
    page = http.get(f"/verify/{cert['id']}")
    assert page.status_code == 200
    for key in ("name", "bar_number", "course_title", "completed_on", "credits_text", "approval_text", "provider"):
        assert html.escape(str(cert[key])) in page.text, key
    assert 'data-status="valid"' in page.text
    tampered = cert["id"][:-1] + ("A" if cert["id"][-1] != "A" else "B")
    unknown = http.get(f"/verify/{tampered}")
    assert unknown.status_code == 404 and "No certificate has the id" in unknown.text
    assert http.get("/verify/..%2F..%2Fetc").status_code == 404
    assert http.get(f"/api/cle/verify/{tampered}").status_code == 404
    # revocation by the admin shows on the verification page
    assert http.post(f"/admin/api/certificates/{cert['id']}/revoke", json={"reason": "issued in error"}).status_code == 401
    revoked = http.post(
        f"/admin/api/certificates/{cert['id']}/revoke",
        json={"reason": "issued in error"},
        headers={"Authorization": f"Bearer {ADMIN_TOKEN}"},
    )
    assert revoked.status_code == 200
    page = http.get(f"/verify/{cert['id']}")
    assert 'data-status="revoked"' in page.text and "issued in error" in page.text


# ---------- records for the board ----------


def test_admin_record_export_and_audit(service: RunningService, http: httpx.Client, tmp_path: Path) -> None:
    learner = enrolled(http)
    module = COURSE.modules[0]
    learner.complete(module)
    learner.post(f"modules/{COURSE.modules[1].id}/codes", {"code": "WRONG123"})
    assert http.get(f"/admin/export.csv?course={COURSE_ID}").status_code == 401
    auth = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
    response = http.get(f"/admin/export.csv?course={COURSE_ID}", headers=auth)
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert len(rows) == len(COURSE.modules)
    first = rows[0]
    assert first["name"] == "Ada Lawyer" and first["module_id"] == module.id
    assert first["module_complete"] == "True" and first["quiz_passed"] == "True"
    assert "point 0 at " in first["codes_entered"] and "100% " in first["quiz_attempts"]
    assert rows[1]["wrong_code_entries"] == "1"
    # the CLI gives the same record from the database
    out = tmp_path / "record.csv"
    db = service.settings.db_url
    assert main(["cle", "export", "--db", db, "--course", COURSE_ID, "--format", "csv", "--out", str(out)]) == 0
    assert next(iter(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8")))))["codes_entered"] == first["codes_entered"]
    # admin view: token login page without it, the learner list with it
    assert "Admin token" in http.get("/admin").text
    assert "Ada Lawyer" in http.get("/admin", headers=auth).text
    actions = {e["action"] for e in http.get("/admin/audit.json", headers=auth).json()}
    assert {"enrolment.created", "module.opened", "attendance.heartbeat", "code.entered", "code.rejected", "quiz.submitted"} <= actions
    # the audit table refuses to be rewritten
    with sqlite3.connect(db.removeprefix("sqlite:///")) as conn, pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM audit")


def test_admin_is_off_without_a_token(tmp_path: Path) -> None:
    from dataclasses import replace

    from tests.cle.conftest import make_settings

    running = RunningService(replace(make_settings(tmp_path), admin_token=None))
    running.start()
    try:
        response = httpx.get(f"{running.url}/admin/export.csv?course={COURSE_ID}", headers={"Authorization": "Bearer anything-at-all"})
        assert response.status_code == 503
    finally:
        running.stop()


def test_restart_keeps_progress(service: RunningService, http: httpx.Client) -> None:
    learner = enrolled(http)
    module = COURSE.modules[0]
    state = learner.attend(module)
    learner.enter_codes(module, state)
    service.restart()
    me = learner.refresh()
    kept = next(m for m in me["modules"] if m["id"] == module.id)
    assert kept["time_done"] and kept["codes_done"]
    assert kept["codes"][0]["code"] == state["codes"][0]["code"]


def test_service_refuses_to_start_without_a_secret(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PALERMO_CLE_SECRET", raising=False)
    monkeypatch.delenv("PALERMO_CLE_CONFIG", raising=False)
    assert main(["cle", "serve", "--db", f"sqlite:///{tmp_path / 'x.db'}", "--port", "1"]) == 2
    assert "PALERMO_CLE_SECRET" in capsys.readouterr().err
    assert len(SECRET) >= 32
