"""The CLE course model: ``courses/<course-id>/course.yaml`` plus Markdown modules.

The model is strict (unknown fields rejected, no type coercion) and checks what
can be checked without the corpus: declared minutes against the module sums,
ethics minutes against the ethics modules, one attendance point per started
50 minutes of every module, answers that point at real options, an explanation
and a legal basis for every question.

The course names *when* an attendance code appears in a module, never the code
itself: the provider service (:mod:`palermo.cle`) draws a code per learner and
module. Answers and explanations stay in ``course.yaml`` for the service to
grade with; nothing published (site pages, ``course.json``, the packet page)
carries them. Whether the cases it cites exist is
checked against the corpus by :func:`palermo.courses.load.check_course`.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Annotated, Literal, Self

from pydantic import Field, PrivateAttr, model_validator

from palermo.model.base import SLUG, StrictData

MINUTES_PER_CODE = 50
"""A module carries at least one attendance point for every started 50 minutes."""

Text = Annotated[str, Field(min_length=1)]
CaseId = Annotated[str, Field(pattern=SLUG, max_length=120)]


class Faculty(StrictData):
    """A person or team who wrote or teaches the course."""

    name: Text
    role: Text = Field(description="What they did for the course, e.g. 'course author'.")
    credentials: str | None = Field(default=None, description="Qualifications as the faculty member states them.")


class LegalReview(StrictData):
    """The last review of the course's legal content by a qualified lawyer; empty until one happens."""

    date: dt.date | None = Field(default=None, strict=False)
    reviewer: str | None = Field(default=None, description="Name and qualification of the reviewing lawyer.")

    @model_validator(mode="after")
    def _both_or_neither(self) -> Self:
        if (self.date is None) != (not self.reviewer):
            raise ValueError("a legal review needs both a date and a reviewer (or neither, until a lawyer reviews the course)")
        return self

    @property
    def done(self) -> bool:
        """True once a qualified lawyer has reviewed the course."""
        return self.date is not None and bool(self.reviewer)


class AttendanceCode(StrictData):
    """Where a module shows an attendance code; the provider service draws the code itself per learner."""

    at_minute: int = Field(ge=0, description="Minute of the module (time active on its page) after which the code is shown.")


class Provider(StrictData):
    """Who offers the course for credit: named on every certificate."""

    name: Text
    url: str | None = Field(default=None, pattern=r"^https?://\S+$")


class Approval(StrictData):
    """A course approval granted by a state's CLE board."""

    state: str = Field(pattern=r"^[A-Z]{2}$", description="USPS two-letter code.")
    number: Text = Field(description="The approval or activity number the board gave.")
    granted: dt.date | None = Field(default=None, strict=False)


QuestionKind = Literal["single", "multiple", "true_false"]


class Question(StrictData):
    """A quiz question: single or multiple choice, or true/false, with its answer, explanation and legal basis."""

    id: str = Field(pattern=SLUG)
    kind: QuestionKind
    prompt: Text
    options: list[Text] = Field(default_factory=list, description="Choices; left out for true/false.")
    answer: list[int] | bool | None = Field(
        default=None, description="Indexes (from 0) of the correct options, or true/false for a true/false question."
    )
    explanation: str | None = Field(default=None, description="Why the answer is right, in our own words.")
    cases: list[CaseId] = Field(default_factory=list, description="Case ids the answer rests on.")
    provisions: list[Text] = Field(default_factory=list, description="Provisions the answer rests on, e.g. 'Palermo Protocol Art. 3(b)'.")

    @model_validator(mode="after")
    def _answerable(self) -> Self:
        if self.answer is None:
            raise ValueError("every question needs an answer")
        if not (self.explanation or "").strip():
            raise ValueError("every question needs an explanation")
        if not self.cases and not self.provisions:
            raise ValueError("every question rests on a case (cases) or a provision (provisions)")
        if self.kind == "true_false":
            if not isinstance(self.answer, bool):
                raise ValueError("a true/false question's answer is true or false")
            if self.options:
                raise ValueError("a true/false question has no options")
            return self
        if isinstance(self.answer, bool):
            raise ValueError(f"a {self.kind}-choice question's answer is a list of option indexes")
        if len(self.options) < 2:
            raise ValueError("a choice question needs at least two options")
        if not self.answer:
            raise ValueError("every question needs an answer")
        if len(set(self.answer)) != len(self.answer):
            raise ValueError("answer lists an option twice")
        bad = [i for i in self.answer if not 0 <= i < len(self.options)]
        if bad:
            raise ValueError(f"answer index {bad[0]} is not an option (0 to {len(self.options) - 1})")
        if self.kind == "single" and len(self.answer) != 1:
            raise ValueError("a single-choice question has exactly one correct option")
        return self

    @property
    def correct(self) -> list[int]:
        """Indexes of the correct options (true/false: 0 = true, 1 = false)."""
        if isinstance(self.answer, bool):
            return [0 if self.answer else 1]
        return list(self.answer or [])

    @property
    def choices(self) -> list[str]:
        """The options as shown to the learner (``True``/``False`` for a true/false question)."""
        return ["True", "False"] if self.kind == "true_false" else list(self.options)


class Module(StrictData):
    """One module: minutes, objectives, a Markdown body, readings from the corpus, attendance codes and a quiz."""

    id: str = Field(pattern=SLUG)
    title: Text
    minutes: int = Field(gt=0)
    ethics: bool = Field(default=False, description="True when the whole module counts as ethics / professional responsibility.")
    objectives: list[Text] = Field(min_length=1)
    body: str = Field(pattern=r"^[\w-]+(?:/[\w-]+)*\.md$", description="Markdown file, relative to the course folder.")
    readings: list[CaseId] = Field(min_length=1, description="Case ids from the corpus.")
    attendance_codes: list[AttendanceCode] = Field(default_factory=list)
    quiz: list[Question] = Field(min_length=1)
    _text: str = PrivateAttr(default="")

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        needed = math.ceil(self.minutes / MINUTES_PER_CODE)
        if len(self.attendance_codes) < needed:
            raise ValueError(
                f"a {self.minutes}-minute module needs at least {needed} attendance code(s) "
                f"(one per {MINUTES_PER_CODE} minutes), found {len(self.attendance_codes)}"
            )
        late = [c.at_minute for c in self.attendance_codes if c.at_minute > self.minutes]
        if late:
            raise ValueError(f"an attendance code at minute {late[0]} is placed after the module's {self.minutes} minutes")
        ids = [q.id for q in self.quiz]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"question id {dupes[0]} is used twice")
        if len(set(self.readings)) != len(self.readings):
            raise ValueError("a reading is listed twice")
        return self

    @property
    def text(self) -> str:
        """The module body (Markdown), once the loader has read it."""
        return self._text

    def set_text(self, text: str) -> None:
        """Attach the body read from :attr:`body`."""
        self._text = text


class Course(StrictData):
    """A CLE course: who it is for, what it teaches, its modules and how it is credited."""

    id: str = Field(pattern=SLUG)
    title: Text
    audience: list[Text] = Field(min_length=1)
    description: Text
    learning_objectives: list[Text] = Field(min_length=1)
    faculty: list[Faculty] = Field(min_length=1)
    total_minutes: int = Field(gt=0, description="Declared length of instruction; must equal the sum of the modules.")
    ethics_minutes: int = Field(ge=0, description="Declared ethics minutes; must equal the sum of the ethics modules.")
    passing_score: int = Field(ge=1, le=100, description="Percentage of a module's quiz to answer correctly to pass it.")
    legal_review: LegalReview = Field(default_factory=LegalReview)
    attendance_share: float = Field(
        default=0.8, gt=0, le=1, strict=False, description="Share of a module's minutes a learner must spend active on it."
    )
    quiz_attempts: int = Field(default=3, ge=1, description="Attempts allowed at each module's quiz.")
    quiz_wait_minutes: int = Field(default=10, ge=0, description="Minutes to wait between two attempts at a module's quiz.")
    provider: Provider
    approvals: list[Approval] = Field(default_factory=list, description="Course approvals granted by state boards (empty until granted).")
    modules: list[Module] = Field(min_length=1)

    @model_validator(mode="after")
    def _totals(self) -> Self:
        module_sum = sum(m.minutes for m in self.modules)
        if module_sum != self.total_minutes:
            raise ValueError(f"total_minutes is {self.total_minutes} but the modules add up to {module_sum}")
        ethics_sum = sum(m.minutes for m in self.modules if m.ethics)
        if ethics_sum != self.ethics_minutes:
            raise ValueError(f"ethics_minutes is {self.ethics_minutes} but the ethics modules add up to {ethics_sum}")
        ids = [m.id for m in self.modules]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"module id {dupes[0]} is used twice")
        states = [a.state for a in self.approvals]
        dupe_states = sorted({s for s in states if states.count(s) > 1})
        if dupe_states:
            raise ValueError(f"approval for {dupe_states[0]} is listed twice")
        return self

    def approval(self, state: str) -> Approval | None:
        """The approval a state's board granted this course, or None."""
        return next((a for a in self.approvals if a.state == state), None)

    @property
    def questions(self) -> list[Question]:
        """Every quiz question, module by module."""
        return [q for m in self.modules for q in m.quiz]

    @property
    def readings(self) -> list[str]:
        """Every reading (case id), in module order, without repeats."""
        return list(dict.fromkeys(r for m in self.modules for r in m.readings))

    @property
    def cited_cases(self) -> list[str]:
        """Every case id the course refers to: readings and the cases questions rest on."""
        return list(dict.fromkeys([*self.readings, *(c for q in self.questions for c in q.cases)]))

    def module(self, module_id: str) -> Module:
        """The module with this id.

        Raises:
            KeyError: when the course has no such module.
        """
        for m in self.modules:
            if m.id == module_id:
                return m
        raise KeyError(module_id)
