"""Quizzes graded by the server: questions and options shuffled per attempt, limited attempts with a wait between them.

The browser receives an attempt's questions and options only (in the attempt's
order); the answers and explanations stay here. Explanations are returned once
the module's quiz is passed or its attempts are used up.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, select

from palermo.cle import audit
from palermo.cle.db import as_utc, inserted_id, utcnow
from palermo.cle.models import quiz_attempts
from palermo.courses.model import Course, Module


class QuizRefused(Exception):
    """An attempt that cannot start or be graded; the message is for the learner."""


@dataclass(frozen=True)
class QuizState:
    """Where a learner stands with a module's quiz."""

    passed: bool
    best: int
    attempts_used: int
    attempts_allowed: int
    next_attempt_at: dt.datetime | None

    @property
    def exhausted(self) -> bool:
        """True when every attempt is used and the quiz is not passed."""
        return not self.passed and self.attempts_used >= self.attempts_allowed

    def as_json(self) -> dict[str, Any]:
        """For the API."""
        return {
            "passed": self.passed,
            "best": self.best,
            "attempts_used": self.attempts_used,
            "attempts_allowed": self.attempts_allowed,
            "next_attempt_at": self.next_attempt_at.isoformat(timespec="seconds") if self.next_attempt_at else None,
            "exhausted": self.exhausted,
        }


def wait_between(course: Course, seconds_per_minute: float) -> dt.timedelta:
    """The wait between two attempts."""
    return dt.timedelta(seconds=course.quiz_wait_minutes * seconds_per_minute)


def _submitted(conn: Connection, enrolment_id: int, module_id: str) -> list[Any]:
    return list(
        conn.execute(
            select(quiz_attempts)
            .where(
                and_(
                    quiz_attempts.c.enrolment_id == enrolment_id,
                    quiz_attempts.c.module_id == module_id,
                    quiz_attempts.c.submitted_at.is_not(None),
                )
            )
            .order_by(quiz_attempts.c.id)
        )
    )


def quiz_state(conn: Connection, course: Course, enrolment_id: int, module_id: str, seconds_per_minute: float) -> QuizState:
    """The learner's attempts at a module's quiz, summed up."""
    done = _submitted(conn, enrolment_id, module_id)
    passed = any(a.passed for a in done)
    nxt = None
    if done and not passed and len(done) < course.quiz_attempts:
        nxt = as_utc(done[-1].submitted_at) + wait_between(course, seconds_per_minute)
    return QuizState(passed, max((a.score or 0 for a in done), default=0), len(done), course.quiz_attempts, nxt)


def _layout(module: Module, rng: random.Random) -> list[dict[str, Any]]:
    """Questions in a random order, each with its options in a random order (true/false keeps True before False)."""
    questions = list(module.quiz)
    rng.shuffle(questions)
    layout = []
    for q in questions:
        order = list(range(len(q.choices)))
        if q.kind != "true_false":
            rng.shuffle(order)
        layout.append({"id": q.id, "order": order})
    return layout


def _public(module: Module, layout: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id = {q.id: q for q in module.quiz}
    return [
        {
            "id": item["id"],
            "kind": by_id[item["id"]].kind,
            "prompt": by_id[item["id"]].prompt,
            "choices": [by_id[item["id"]].choices[i] for i in item["order"]],
        }
        for item in layout
    ]


def start_attempt(conn: Connection, course: Course, module: Module, enrolment_id: int, seconds_per_minute: float) -> dict[str, Any]:
    """Start an attempt (or return the one still open): its id and its questions, without answers.

    Raises:
        QuizRefused: when the quiz is passed, the attempts are used up, or the wait is not over.
    """
    state = quiz_state(conn, course, enrolment_id, module.id, seconds_per_minute)
    if state.passed:
        raise QuizRefused("You have passed this quiz already.")
    if state.exhausted:
        raise QuizRefused(f"All {course.quiz_attempts} attempts at this quiz are used. Contact the provider.")
    if state.next_attempt_at is not None and utcnow() < state.next_attempt_at:
        raise QuizRefused(f"The next attempt opens at {state.next_attempt_at.isoformat(timespec='seconds')} (UTC).")
    open_attempt = conn.execute(
        select(quiz_attempts).where(
            and_(
                quiz_attempts.c.enrolment_id == enrolment_id, quiz_attempts.c.module_id == module.id, quiz_attempts.c.submitted_at.is_(None)
            )
        )
    ).first()
    if open_attempt is not None:
        attempt_id, layout = int(open_attempt.id), json.loads(open_attempt.layout)
    else:
        layout = _layout(module, random.SystemRandom())
        attempt_id = inserted_id(
            conn.execute(
                quiz_attempts.insert().values(
                    enrolment_id=enrolment_id, module_id=module.id, started_at=utcnow(), layout=json.dumps(layout)
                )
            )
        )
        audit.record(conn, f"learner:{enrolment_id}", "quiz.started", enrolment_id, module=module.id, attempt=attempt_id)
    return {"attempt": attempt_id, "questions": _public(module, layout), "attempts_left": course.quiz_attempts - state.attempts_used}


def _chosen(value: Any, size: int, question_id: str) -> list[int]:
    if not isinstance(value, list) or not all(isinstance(i, int) and not isinstance(i, bool) for i in value):
        raise QuizRefused(f"answer to {question_id}: give a list of option numbers")
    if any(not 0 <= i < size for i in value) or len(set(value)) != len(value):
        raise QuizRefused(f"answer to {question_id}: option numbers run from 0 to {size - 1}, each once")
    return value


def feedback(module: Module) -> list[dict[str, Any]]:
    """Every question's answer, explanation and legal basis (given once the quiz is passed or the attempts are used up)."""
    return [
        {
            "id": q.id,
            "prompt": q.prompt,
            "answer": [q.choices[i] for i in q.correct],
            "explanation": q.explanation,
            "basis": [*q.cases, *q.provisions],
        }
        for q in module.quiz
    ]


def submit_attempt(
    conn: Connection, course: Course, module: Module, enrolment_id: int, attempt_id: int, answers: dict[str, Any], seconds_per_minute: float
) -> dict[str, Any]:
    """Grade an attempt; record it; return the score, the verdict and (once passed or out of attempts) the explanations.

    Raises:
        QuizRefused: for an unknown or already graded attempt, or malformed answers.
    """
    row = conn.execute(
        select(quiz_attempts).where(
            and_(quiz_attempts.c.id == attempt_id, quiz_attempts.c.enrolment_id == enrolment_id, quiz_attempts.c.module_id == module.id)
        )
    ).first()
    if row is None:
        raise QuizRefused("unknown attempt: start the quiz again")
    if row.submitted_at is not None:
        raise QuizRefused("this attempt is already graded: start a new one")
    layout = json.loads(row.layout)
    known = {item["id"] for item in layout}
    unknown = sorted(set(answers) - known)
    if unknown:
        raise QuizRefused(f"question {unknown[0]!r} is not in this attempt")
    by_id = {q.id: q for q in module.quiz}
    correct = 0
    rights: dict[str, bool] = {}
    for item in layout:
        q = by_id[item["id"]]
        shown = _chosen(answers.get(q.id, []), len(item["order"]), q.id)
        original = sorted(item["order"][i] for i in shown)
        right = original == sorted(q.correct)
        rights[q.id] = right
        correct += right
    total = len(layout)
    score = round(100 * correct / total)
    passed = score >= course.passing_score
    conn.execute(
        quiz_attempts.update()
        .where(quiz_attempts.c.id == attempt_id)
        .values(
            submitted_at=utcnow(), answers=json.dumps(answers, sort_keys=True), correct=correct, total=total, score=score, passed=passed
        )
    )
    audit.record(
        conn, f"learner:{enrolment_id}", "quiz.submitted", enrolment_id, module=module.id, attempt=attempt_id, score=score, passed=passed
    )
    state = quiz_state(conn, course, enrolment_id, module.id, seconds_per_minute)
    result: dict[str, Any] = {
        "correct": correct,
        "total": total,
        "score": score,
        "passed": passed,
        "attempts_left": max(0, course.quiz_attempts - state.attempts_used) if not state.passed else 0,
        "next_attempt_at": state.next_attempt_at.isoformat(timespec="seconds") if state.next_attempt_at else None,
        "feedback": None,
    }
    if state.passed or state.exhausted:
        result["feedback"] = [{**f, "right": rights.get(f["id"], False)} for f in feedback(module)]
    return result
