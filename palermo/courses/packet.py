"""The accreditation packet of a course: agenda with times, objectives, faculty, materials and the quiz.

One Markdown text serves both the ``palermo course packet`` export and the
printable packet page of the site; :func:`packet_html` wraps the same content
as a standalone HTML file for boards that want a single document. The published
packet carries no answers, explanations or attendance codes (codes are drawn per
learner by the provider service); ``answers=True`` adds the answers and
explanations for a copy filed privately with a board.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from palermo.courses.credits import CreditRules, credit_hours
from palermo.courses.model import Course, Module, Question
from palermo.model.schema import CaseRecord


@dataclass(frozen=True)
class AgendaItem:
    """A module's place in the running order, in minutes from the start of the course."""

    module: Module
    start: int
    end: int


def agenda(course: Course) -> list[AgendaItem]:
    """The modules back to back, with start and end minutes."""
    items, t = [], 0
    for module in course.modules:
        items.append(AgendaItem(module, t, t + module.minutes))
        t += module.minutes
    return items


def clock(minutes: int, start: int | None = None) -> str:
    """Elapsed time as ``h:mm`` (``1:05``), or the time of day ``HH:MM`` when the course starts ``start`` minutes after midnight."""
    if start is None:
        return f"{minutes // 60}:{minutes % 60:02d}"
    t = (start + minutes) % (24 * 60)
    return f"{t // 60:02d}:{t % 60:02d}"


def parse_start(text: str) -> int:
    """``HH:MM`` as minutes after midnight.

    Raises:
        ValueError: when the text is not a time of day.
    """
    hours, sep, minutes = text.partition(":")
    if (
        not sep
        or not hours.isdigit()
        or not minutes.isdigit()
        or len(minutes) != 2
        or not (0 <= int(hours) < 24 and 0 <= int(minutes) < 60)
    ):
        raise ValueError(f"start time must be HH:MM, got {text!r}")
    return int(hours) * 60 + int(minutes)


def provisions(course: Course) -> list[str]:
    """Every provision the quiz rests on, in order of first use."""
    return list(dict.fromkeys(p for q in course.questions for p in q.provisions))


def _e(text: object) -> str:
    """Escape record or course text for Markdown-with-HTML output."""
    return html.escape(str(text), quote=True).replace("|", "&#124;")


def case_line(case_id: str, records: Mapping[str, CaseRecord], link_prefix: str | None) -> str:
    """A reading as ``Title — court, year (id)``, linked when ``link_prefix`` is given and the case exists."""
    record = records.get(case_id)
    if record is None:
        return f"<code>{_e(case_id)}</code> (not in this corpus)"
    court = f" — {_e(record.court.name)}" if record.court else ""
    year = f", {record.year}" if record.year else ""
    title = _e(record.display_title)
    if link_prefix is not None:
        title = f'<a href="{_e(link_prefix)}{_e(case_id)}/">{title}</a>'
    return f"{title}{court}{year} <code>{_e(case_id)}</code>"


def answer_text(question: Question) -> str:
    """The correct option(s) as text."""
    choices = question.choices
    return "; ".join(choices[i] for i in question.correct)


def credit_summary(course: Course, rules: CreditRules | None) -> str:
    """Markdown lines giving the credit hours under the 50- and 60-minute rules."""
    lines = [
        f"- Instruction: **{course.total_minutes} minutes**, of which ethics: **{course.ethics_minutes} minutes**.",
        f"- In a 50-minute state: {credit_hours(course.total_minutes, 50):.2f} credit hours, "
        f"including {credit_hours(course.ethics_minutes, 50):.2f} ethics.",
        f"- In a 60-minute state: {credit_hours(course.total_minutes, 60):.2f} credit hours, "
        f"including {credit_hours(course.ethics_minutes, 60):.2f} ethics.",
    ]
    if rules is not None:
        fifty = ", ".join(r.state for r in rules.states if r.minutes_per_credit_hour == 50)
        sixty = ", ".join(r.state for r in rules.states if r.minutes_per_credit_hour == 60)
        lines.append(f"- 50-minute states in our table: {fifty}. 60-minute states: {sixty} (table checked {rules.checked.isoformat()}).")
    return "\n".join(lines)


def review_notice(course: Course) -> str:
    """A plain statement of the course's legal-review status."""
    review = course.legal_review
    if review.done and review.date is not None:
        return f"Legal content last reviewed on {review.date.isoformat()} by {_e(review.reviewer)}."
    return (
        "<strong>Not yet reviewed by a qualified lawyer.</strong> The course text, readings and quiz were written by the "
        "Palermo editorial team from the judgments and instruments cited; no qualified lawyer has reviewed them yet."
    )


def packet_markdown(
    course: Course,
    records: Mapping[str, CaseRecord],
    rules: CreditRules | None = None,
    link_prefix: str | None = None,
    start: int | None = None,
    answers: bool = False,
) -> str:
    """The packet as Markdown (with inline HTML).

    Args:
        course: the course.
        records: the corpus by id, for the titles of readings.
        rules: the credit rules, for the list of 50- and 60-minute states.
        link_prefix: when given, case titles link to ``link_prefix + id + '/'``.
        start: minutes after midnight at which the course starts; the agenda then gives times of day.
        answers: add each question's answer and explanation (for a board's private copy; never published).
    """
    out: list[str] = [f"# Accreditation packet: {_e(course.title)}", ""]
    out += [f'<p class="pl-course-review">{review_notice(course)}</p>', ""]
    out += ["## Course", "", _e(course.description), ""]
    out += ["**Audience:** " + "; ".join(_e(a) for a in course.audience), ""]
    out += ["## Credit", "", credit_summary(course, rules), ""]
    out += ["## Learning objectives", ""] + [f"{i}. {_e(o)}" for i, o in enumerate(course.learning_objectives, 1)] + [""]
    out += ["## Faculty", ""]
    for f in course.faculty:
        cred = f" — {_e(f.credentials)}" if f.credentials else ""
        out.append(f"- **{_e(f.name)}**, {_e(f.role)}{cred}")
    out += ["", "## Agenda", "", "| time | module | minutes | ethics | attendance codes shown at minute |", "|---|---|---|---|---|"]
    for item in agenda(course):
        codes = ", ".join(str(c.at_minute) for c in item.module.attendance_codes)
        out.append(
            f"| {clock(item.start, start)}–{clock(item.end, start)} | {_e(item.module.title)} | {item.module.minutes} | "
            f"{'yes' if item.module.ethics else ''} | {codes} |"
        )
    out += [f"| | **Total** | **{course.total_minutes}** | {course.ethics_minutes} min | |", ""]
    out += [
        f"Passing score: {course.passing_score}% of each module's quiz, graded by the provider service "
        f"({_e(course.provider.name)}), {course.quiz_attempts} attempts at most, {course.quiz_wait_minutes} minutes apart. "
        f"A module counts only after at least {round(course.attendance_share * 100)}% of its minutes spent active on its page "
        "(recorded by the service) and the entry of its attendance codes, which the service draws for each learner and shows "
        "only once the minute given above is reached. The service keeps the attendance record of every learner for audit.",
        "",
    ]
    out += ["## Materials", "", "Module texts (own words, in the course pages) and these readings from the Palermo case base:", ""]
    for module in course.modules:
        out += [f"**{_e(module.title)}**", ""]
        out += [f"- {case_line(r, records, link_prefix)}" for r in module.readings]
        out.append("")
    out += ["Provisions the quiz rests on:", ""] + [f"- {_e(p)}" for p in provisions(course)] + [""]
    out += ["## Module objectives", ""]
    for module in course.modules:
        out += [f"**{_e(module.title)}**", ""] + [f"- {_e(o)}" for o in module.objectives] + [""]
    out += ["## Quiz with answers" if answers else "## Quiz", ""]
    n = 0
    for module in course.modules:
        out += [f"### {_e(module.title)}", ""]
        for q in module.quiz:
            n += 1
            out.append(f"**{n}. {_e(q.prompt)}**")
            out.append("")
            for i, choice in enumerate(q.choices):
                mark = " ✔" if answers and i in q.correct else ""
                out.append(f"- {chr(65 + i)}. {_e(choice)}{mark}")
            out.append("")
            if answers:
                basis = [case_line(c, records, link_prefix) for c in q.cases] + [_e(p) for p in q.provisions]
                out += [f"*Answer:* {_e(answer_text(q))}. {_e(q.explanation)}", "", f"*Rests on:* {'; '.join(basis)}", ""]
    return "\n".join(out) + "\n"


PACKET_CSS = """
body { font-family: Georgia, 'Times New Roman', serif; max-width: 50em; margin: 2em auto; padding: 0 1em; color: #111; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 0.3em 0.5em; text-align: left; }
code { font-size: 0.85em; color: #444; } h1 { font-size: 1.6em; } h2 { border-bottom: 1px solid #999; margin-top: 1.6em; }
@media print { body { margin: 0; max-width: none; } h2 { break-after: avoid; } p, li { break-inside: avoid; } }
"""


def packet_html(
    course: Course, records: Mapping[str, CaseRecord], rules: CreditRules | None = None, start: int | None = None, answers: bool = False
) -> str:
    """The packet as one standalone, printable HTML file (no scripts)."""
    import markdown  # mkdocs' own dependency

    body = markdown.markdown(packet_markdown(course, records, rules, start=start, answers=answers), extensions=["tables"])
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f"<title>Accreditation packet: {_e(course.title)}</title><style>{PACKET_CSS}</style></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )
