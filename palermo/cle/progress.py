"""A learner's standing in each module: time, codes and quiz, and whether the module is complete."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection

from palermo.cle.attendance import Clock, active_seconds, codes_state, entered_points, required_seconds
from palermo.cle.grading import quiz_state
from palermo.courses.model import Course, Module


def module_state(conn: Connection, secret: bytes, course: Course, module: Module, enrolment_id: int, clock: Clock) -> dict[str, Any]:
    """One module as the API reports it (codes appear only once their minute is reached)."""
    seconds = active_seconds(conn, enrolment_id, module.id)
    needed = required_seconds(course, module, clock)
    entered = entered_points(conn, enrolment_id, module.id)
    codes = codes_state(secret, course, module, enrolment_id, seconds, entered, clock)
    quiz = quiz_state(conn, course, enrolment_id, module.id, clock.seconds_per_minute)
    time_done = seconds >= needed
    codes_done = all(c["entered"] for c in codes)
    return {
        "id": module.id,
        "title": module.title,
        "minutes": module.minutes,
        "active_seconds": round(seconds, 3),
        "required_seconds": round(needed, 3),
        "time_done": time_done,
        "codes": codes,
        "codes_done": codes_done,
        "quiz": quiz.as_json(),
        "complete": time_done and codes_done and quiz.passed,
    }


def missing(states: list[dict[str, Any]], seconds_per_minute: float) -> list[str]:
    """What each incomplete module still lacks, in words."""
    lines = []
    for m in states:
        parts = []
        if not m["time_done"]:
            have = int(m["active_seconds"] // seconds_per_minute)
            need = int(-(-m["required_seconds"] // seconds_per_minute))
            parts.append(f"time on the module ({have} of {need} minutes)")
        if not m["codes_done"]:
            parts.append("attendance code not entered")
        if not m["quiz"]["passed"]:
            parts.append("quiz not passed")
        if parts:
            lines.append(f"{m['title']}: {', '.join(parts)}.")
    return lines
