"""Shared steps of the CLE service tests: enrol through the form, attend a module, answer a quiz from the course data."""

from __future__ import annotations

import re
import time
from pathlib import Path
from typing import Any

from palermo.courses.load import load_course
from palermo.courses.model import Course, Module

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "trafficking-jurisprudence"
SECRET = "test-secret-" + "s" * 40
ADMIN_TOKEN = "test-admin-token-0123456789"
SECONDS_PER_MINUTE = 0.01  # a 30-minute module needs 0.24 s active at the 80% floor
HEARTBEAT = 0.05


def course() -> Course:
    return load_course(ROOT / "courses" / COURSE_ID)


def right_answers(module: Module, attempt: dict[str, Any], right: bool = True) -> dict[str, list[int]]:
    """The answers to an attempt as shown (shuffled), right or wrong, worked out from the course data."""
    by_id = {q.id: q for q in module.quiz}
    answers = {}
    for shown in attempt["questions"]:
        q = by_id[shown["id"]]
        correct_texts = {q.choices[i] for i in q.correct}
        indexes = [i for i, text in enumerate(shown["choices"]) if text in correct_texts]
        if not right:
            indexes = [i for i in range(len(shown["choices"])) if i not in indexes][:1]
        answers[q.id] = indexes
    return answers


class Learner:
    """A learner driving the API through an httpx-like client (TestClient or httpx.Client)."""

    def __init__(self, client: Any, course_id: str = COURSE_ID) -> None:
        self.client = client
        self.course_id = course_id
        self.csrf = ""
        self.link = ""

    def enrol(self, name: str = "Ada Lawyer", state: str = "NY", bar: str = "4512345", email: str = "ada@example.org") -> Any:
        form = self.client.get("/enrol")
        csrf = re.search(r'name="csrf" value="([^"]+)"', form.text)
        assert csrf, form.text
        response = self.client.post(
            "/enrol",
            data={"csrf": csrf.group(1), "course": self.course_id, "name": name, "email": email, "jurisdiction": state, "bar_number": bar},
        )
        found = re.search(r'id="enrolment-link" href="([^"]+)"', response.text)
        if found:
            self.link = found.group(1)
        return response

    def open_link(self) -> None:
        path = "/" + self.link.split("/", 3)[3]
        response = self.client.get(path, follow_redirects=False)
        assert response.status_code == 303, response.text
        self.refresh()

    def refresh(self) -> dict[str, Any]:
        me = self.client.get(f"/api/cle/{self.course_id}/me")
        assert me.status_code == 200, me.text
        self.csrf = me.json()["csrf"]
        return dict(me.json())

    def post(self, path: str, body: Any = None) -> Any:
        return self.client.post(
            f"/api/cle/{self.course_id}/{path}", json=body if body is not None else {}, headers={"X-CSRF-Token": self.csrf}
        )

    def attend(self, module: Module, until_done: bool = True, beats: int = 0) -> dict[str, Any]:
        opened = self.post(f"modules/{module.id}/open")
        assert opened.status_code == 200, opened.text
        visit = opened.json()["visit"]
        state = opened.json()["module"]
        n = 0
        while (until_done and not state["time_done"]) or n < beats:
            time.sleep(HEARTBEAT * 0.9)
            beat = self.post(f"modules/{module.id}/heartbeat", {"visit": visit})
            assert beat.status_code == 200, beat.text
            state = beat.json()["module"]
            n += 1
            assert n < 400, "attendance never completed"
        return dict(state)

    def enter_codes(self, module: Module, state: dict[str, Any]) -> dict[str, Any]:
        for c in state["codes"]:
            assert c["code"], f"code of {module.id} point {c['point']} not shown yet"
            response = self.post(f"modules/{module.id}/codes", {"code": c["code"]})
            assert response.status_code == 200, response.text
            state = response.json()["module"]
        return state

    def pass_quiz(self, module: Module) -> dict[str, Any]:
        attempt = self.post(f"modules/{module.id}/quiz")
        assert attempt.status_code == 200, attempt.text
        data = attempt.json()
        result = self.post(f"modules/{module.id}/quiz/{data['attempt']}", {"answers": right_answers(module, data)})
        assert result.status_code == 200, result.text
        assert result.json()["passed"], result.json()
        return dict(result.json())

    def complete(self, module: Module) -> None:
        state = self.attend(module)
        self.enter_codes(module, state)
        self.pass_quiz(module)
