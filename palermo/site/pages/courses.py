"""CLE course pages: the course list, each course's overview, module pages, certificate and accreditation packet.

Everything interactive is done by ``docs/assets/courses/courses.js`` from two
JSON files generated here: ``courses/<id>/course.json`` (modules, where the
attendance codes appear, questions and options) and ``courses/credit-rules.json``
(the credit hour by state). Nothing published here carries an answer, an
explanation or an attendance code: served by the provider service
(``palermo cle serve``) the same pages record attendance, grade quizzes and issue
certificates through its API; opened as a plain static site they are a reader
and a list of self-check questions, and issue no certificate. Pages carry no
inline script or style: the site's Content-Security-Policy forbids both.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from typing import Any

from palermo.corpus.public import case_url
from palermo.courses.credits import CreditRule, CreditRules, credit_hours, credit_rules_path, load_credit_rules, rules_json
from palermo.courses.load import CourseError, course_ids, default_courses_dir, load_course
from palermo.courses.model import Course, Module
from palermo.courses.packet import agenda, clock, packet_markdown, review_notice
from palermo.model.schema import CaseRecord
from palermo.site.context import SiteContext
from palermo.site.generate import GeneratedPage
from palermo.site.render import date_text, esc, front_matter, rel

log = logging.getLogger("mkdocs.hooks.palermo")

CODE_MARKER = re.compile(r"^\[\[attendance-code\]\]\s*$", re.MULTILINE)
"""Where a module's Markdown places an attendance code box: a line ``[[attendance-code]]``, one per attendance point, in order."""

ASSETS = "assets/courses/"


def generate(ctx: SiteContext) -> Iterator[GeneratedPage]:
    """Yield the course list and every page and data file of every valid course."""
    courses_dir = default_courses_dir()
    courses: list[Course] = []
    for course_id in course_ids(courses_dir):
        try:
            courses.append(load_course(courses_dir / course_id))
        except CourseError as exc:
            for problem in exc.problems:
                log.warning("palermo: course not published: %s", problem)
    rules: CreditRules | None = None
    rules_file = credit_rules_path(courses_dir)
    if rules_file.exists():
        try:
            rules = load_credit_rules(rules_file)
        except CourseError as exc:
            for problem in exc.problems:
                log.warning("palermo: credit rules not published: %s", problem)
    if rules is not None:
        yield GeneratedPage("courses/credit-rules.json", json.dumps(rules_json(rules), indent=1, ensure_ascii=False))
    yield GeneratedPage("courses/index.md", _index(courses))
    for course in courses:
        missing = [c for c in course.cited_cases if c not in ctx.by_id]
        if missing:
            log.info("palermo: course %s cites %d case(s) not in this corpus: %s", course.id, len(missing), ", ".join(missing))
        yield GeneratedPage(f"courses/{course.id}/course.json", json.dumps(course_data(course, ctx.by_id), indent=1, ensure_ascii=False))
        yield GeneratedPage(f"courses/{course.id}/index.md", _overview(course, rules, ctx))
        for i, module in enumerate(course.modules):
            yield GeneratedPage(f"courses/{course.id}/{module.id}.md", _module_page(course, i, ctx))
        yield GeneratedPage(f"courses/{course.id}/certificate.md", _certificate(course))
        yield GeneratedPage(f"courses/{course.id}/packet.md", _packet(course, rules, ctx))


def course_data(course: Course, records: dict[str, CaseRecord]) -> dict[str, Any]:
    """What the browser needs: modules, when their attendance codes appear, questions and options (no answers, no codes)."""
    return {
        "id": course.id,
        "title": course.title,
        "passing_score": course.passing_score,
        "attendance_share": course.attendance_share,
        "quiz_attempts": course.quiz_attempts,
        "provider": course.provider.name,
        "total_minutes": course.total_minutes,
        "ethics_minutes": course.ethics_minutes,
        "review": {"done": course.legal_review.done, "date": str(course.legal_review.date or ""), "reviewer": course.legal_review.reviewer},
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "minutes": m.minutes,
                "ethics": m.ethics,
                "attendance": [{"at_minute": c.at_minute} for c in m.attendance_codes],
                "questions": [{"id": q.id, "kind": q.kind, "prompt": q.prompt, "choices": q.choices} for q in m.quiz],
            }
            for m in course.modules
        ],
    }


def _hours(minutes: int, per_hour: int) -> str:
    return f"{credit_hours(minutes, per_hour):.2f}"


def _state_hours(minutes: int, rule: CreditRule) -> str:
    """Hours under a state's rule: rounded as a confirmed rule says, else to the hundredth."""
    hours = rule.hours(minutes)
    return f"{hours:.2f}" if hours is not None else _hours(minutes, rule.minutes_per_credit_hour)


def _root(here: str, course: Course, page: str, module: str = "") -> str:
    """The element the course script attaches to, with the URLs it needs relative to this page."""
    course_dir = rel(here, f"courses/{course.id}/")
    return (
        f'<div id="pl-course" class="pl-course" data-page="{esc(page)}" data-course="{esc(course.id)}" '
        f'data-module="{esc(module)}" data-course-json="{esc(course_dir)}course.json" '
        f'data-credit-json="{esc(rel(here, "courses/credit-rules.json"))}" data-site-root="{esc(rel(here, ""))}" '
        f'data-course-url="{esc(course_dir)}"></div>'
    )


def _assets(here: str) -> str:
    return (
        f'<link rel="stylesheet" href="{esc(rel(here, ASSETS + "courses.css"))}">\n'
        f'<script src="{esc(rel(here, ASSETS + "courses.js"))}" defer></script>'
    )


def _progress() -> str:
    return (
        '<div class="pl-progress" aria-live="polite">'
        '<progress class="pl-progress__bar" max="1" value="0" aria-label="Course progress"></progress>'
        '<p class="pl-progress__text">Credit for this course is earned only through the provider service; '
        "this copy of the site is a reader and a self-check.</p></div>"
    )


def _review_block(course: Course) -> str:
    kind = "note" if course.legal_review.done else "warning"
    title = "Legal review"
    return (
        f'<div class="admonition {kind} pl-course-review"><p class="admonition-title">{esc(title)}</p><p>{review_notice(course)}</p></div>'
    )


def _index(courses: list[Course]) -> str:
    parts = [front_matter("Courses"), "# Continuing legal education courses", ""]
    parts.append(
        "<p>Courses built on the case base, with readings from it and a quiz per module. Credit is earned only through the "
        "provider service (<code>palermo cle serve</code>), which records attendance, grades the quizzes and issues a "
        "certificate anyone can verify; without it these pages are a reader and a self-check.</p>"
    )
    if not courses:
        parts.append("<p>No course is published yet.</p>")
    items = []
    for c in courses:
        review = "" if c.legal_review.done else " Not yet reviewed by a qualified lawyer."
        items.append(
            f'<li><a href="{esc(c.id)}/">{esc(c.title)}</a> — {c.total_minutes} minutes in {len(c.modules)} modules '
            f"({c.ethics_minutes} minutes of ethics), {len(c.questions)} quiz questions.{esc(review)}</li>"
        )
    if items:
        parts.append('<ul class="pl-course-list">\n' + "\n".join(items) + "\n</ul>")
    return "\n\n".join(parts) + "\n"


def _credit_table(course: Course, rules: CreditRules | None) -> str:
    if rules is None:
        return "<p>No credit table is published.</p>"
    rows = []
    for r in sorted(rules.states, key=lambda r: r.name):
        sources = "; ".join(f'<a href="{esc(s.url)}">{esc(s.name)}</a>' for s in r.sources)
        rule = f"{esc(r.rule)}. " if r.rule else ""
        if not r.confirmed:
            rule += "Unconfirmed: rests on a secondary source only; certificates state no credits under it. "
        elif r.rounding is not None:
            rule += f"Rounding: {esc(r.rounding.basis)} "
        rows.append(
            f'<tr><td>{esc(r.name)} ({esc(r.state)})</td><td class="pl-num">{r.minutes_per_credit_hour}</td>'
            f'<td class="pl-num">{_state_hours(course.total_minutes, r)}</td>'
            f'<td class="pl-num">{_state_hours(course.ethics_minutes, r)}</td>'
            f'<td>{esc(r.board)}. {rule}<span class="pl-meta">Source: {sources}</span></td></tr>'
        )
    return (
        f"<p>{esc(rules.note)} Table checked {esc(rules.checked.isoformat())}; states not listed are not confirmed either way.</p>\n"
        '<table class="pl-table pl-credit-table">\n<thead><tr><th>State</th><th>Minutes per credit hour</th><th>Credit hours</th>'
        "<th>Ethics hours</th><th>Board, rule and source</th></tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>"
    )


def _overview(course: Course, rules: CreditRules | None, ctx: SiteContext) -> str:
    here = f"courses/{course.id}/"
    objectives = "\n".join(f"<li>{esc(o)}</li>" for o in course.learning_objectives)
    audience = "\n".join(f"<li>{esc(a)}</li>" for a in course.audience)
    faculty = "\n".join(
        f"<li><strong>{esc(f.name)}</strong>, {esc(f.role)}{(' — ' + esc(f.credentials)) if f.credentials else ''}</li>"
        for f in course.faculty
    )
    rows = []
    for item in agenda(course):
        m = item.module
        rows.append(
            f'<tr data-module-row="{esc(m.id)}"><td>{clock(item.start)}–{clock(item.end)}</td>'
            f'<td><a href="{esc(m.id)}/">{esc(m.title)}</a></td><td class="pl-num">{m.minutes}</td>'
            f'<td>{"Ethics" if m.ethics else ""}</td><td class="pl-num">{len(m.readings)}</td><td class="pl-num">{len(m.quiz)}</td>'
            f'<td class="pl-module-status" data-status-for="{esc(m.id)}">not started</td></tr>'
        )
    return f"""{front_matter(course.title)}
# {esc(course.title)}

{_assets(here)}

{_root(here, course, "overview")}

{_review_block(course)}

<p class="pl-course-lead">{esc(course.description)}</p>

{_progress()}

## Who it is for

<ul>
{audience}
</ul>

## Learning objectives

<ol>
{objectives}
</ol>

## Agenda

<p>{course.total_minutes} minutes of instruction, of which {course.ethics_minutes} minutes of ethics. Pass each module's quiz
(at least {course.passing_score}% correct, {course.quiz_attempts} attempts), spend at least {round(course.attendance_share * 100)}% of
each module's minutes on its page and enter the attendance codes that appear in it, then ask for your
<a href="certificate/">certificate of completion</a>. All of this happens through the provider service
({esc(course.provider.name)}); the static site issues no certificate. The <a href="packet/">accreditation packet</a> gives
the agenda, materials and questions for filing with a CLE board.</p>

<table class="pl-table pl-agenda">
<thead><tr><th>Time</th><th>Module</th><th>Minutes</th><th>Ethics</th><th>Readings</th><th>Questions</th><th>Your status</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>

## Credit hours by state

{_credit_table(course, rules)}

## Faculty

<ul>
{faculty}
</ul>
"""


def reading_card(case_id: str, ctx: SiteContext, here: str) -> str:
    """A reading: title linked to the case page, court and date, and the record's first holding or summary opening."""
    record = ctx.by_id.get(case_id)
    if record is None:
        return f'<div class="pl-reading-card pl-reading-card--missing"><p><code>{esc(case_id)}</code> is not in this corpus.</p></div>'
    court = esc(record.court.name) if record.court else ""
    gist = record.holdings[0] if record.holdings else (record.summary or "")
    if len(gist) > 400:
        gist = gist[:400].rsplit(" ", 1)[0] + "…"
    return (
        f'<div class="pl-reading-card"><p class="pl-reading-card__title">'
        f'<a href="{esc(rel(here, case_url(record.id)))}">{esc(record.display_title)}</a></p>'
        f'<p class="pl-meta">{court}{", " if court else ""}{esc(date_text(record))}</p>'
        f"<p>{esc(gist)}</p></div>"
    )


def _code_box(point: int, module: Module) -> str:
    minute = module.attendance_codes[point].at_minute
    return (
        f'\n<div class="pl-attendance-code" data-point="{point}" data-at-minute="{minute}"><p><strong>Attendance code:</strong> '
        f'<span class="pl-attendance-code__value">shown here after minute {minute} of the module, to learners enrolled '
        f'through the provider service.</span></p><p class="pl-meta">Note the code and enter it in the attendance box at '
        f"the end of the module ({esc(module.title)}).</p></div>\n"
    )


def module_body(module: Module) -> str:
    """The module's Markdown with each attendance-code marker replaced by an (empty) code box; unplaced boxes go at the end."""
    placed: list[int] = []

    def swap(match: re.Match[str]) -> str:
        if len(placed) >= len(module.attendance_codes):
            return ""
        placed.append(len(placed))
        return _code_box(placed[-1], module)

    body = CODE_MARKER.sub(swap, module.text)
    for point in range(len(placed), len(module.attendance_codes)):
        body += "\n" + _code_box(point, module)
    return body


def _module_page(course: Course, index: int, ctx: SiteContext) -> str:
    module = course.modules[index]
    here = f"courses/{course.id}/{module.id}/"
    objectives = "\n".join(f"<li>{esc(o)}</li>" for o in module.objectives)
    cards = "\n".join(reading_card(r, ctx, here) for r in module.readings)
    prev_link = f'<a href="../{esc(course.modules[index - 1].id)}/">← {esc(course.modules[index - 1].title)}</a>' if index > 0 else ""
    if index + 1 < len(course.modules):
        next_link = f'<a href="../{esc(course.modules[index + 1].id)}/">{esc(course.modules[index + 1].title)} →</a>'
    else:
        next_link = '<a href="../certificate/">Certificate of completion →</a>'
    ethics = " Counts as ethics / professional responsibility." if module.ethics else ""
    return f"""{front_matter(f"{module.title} — {course.title}")}
# {esc(module.title)}

{_assets(here)}

{_root(here, course, "module", module.id)}

<p class="pl-meta">Module {index + 1} of {len(course.modules)} of <a href="../">{esc(course.title)}</a> · {module.minutes} minutes.{esc(ethics)}</p>

{_progress()}

<div class="pl-module-objectives"><p><strong>Objectives</strong></p>
<ul>
{objectives}
</ul></div>

{module_body(module)}

## Readings

<div class="pl-reading-cards">
{cards}
</div>

## Attendance

<div class="pl-attendance" data-module="{esc(module.id)}">
<p>Enter the attendance code{"s" if len(module.attendance_codes) > 1 else ""} shown in this module.</p>
<form class="pl-attendance__form" autocomplete="off">
<label for="pl-code-input">Attendance code</label>
<input id="pl-code-input" class="pl-attendance__input" name="code" type="text" maxlength="12" spellcheck="false">
<button type="submit" class="md-button pl-attendance__submit">Record code</button>
</form>
<p class="pl-attendance__status" role="status"></p>
</div>

## Quiz

<div class="pl-quiz" data-module="{esc(module.id)}">
<p class="pl-quiz__noscript">The quiz is graded by the provider service and needs JavaScript. The questions are also in the
<a href="../packet/">accreditation packet</a>.</p>
</div>

<nav class="pl-module-nav"><span>{prev_link}</span><span>{next_link}</span></nav>
"""


def _certificate(course: Course) -> str:
    here = f"courses/{course.id}/certificate/"
    return f"""{front_matter(f"Certificate — {course.title}", search={"exclude": True})}
# Certificate of completion

{_assets(here)}

{_root(here, course, "certificate")}

<p class="pl-meta pl-no-print">Course: <a href="../">{esc(course.title)}</a>. Certificates are issued only by the provider service
({esc(course.provider.name)}), once it has recorded every module's time, attendance codes and passed quiz; each one carries a
verification id that anyone can check at the service's <code>/verify/</code> page.</p>

<div class="pl-cert-static admonition note pl-no-print"><p class="admonition-title">No certificate from this copy of the site</p>
<p>This course earns credit only through the provider service. Read the modules and try the questions here for self-study; to
earn credit, enrol with the provider and take the course through the link it gives you.</p></div>

{_progress()}

<div class="pl-cert-request pl-no-print" hidden>
<p><button type="button" class="md-button md-button--primary pl-cert-make">Request certificate</button></p>
</div>

<div class="pl-cert-refusal admonition warning" role="alert" hidden></div>

<div class="pl-certificate" hidden>
<p class="pl-certificate__kicker">Palermo — continuing legal education</p>
<h2 class="pl-certificate__title">Certificate of completion</h2>
<p>This certifies that</p>
<p class="pl-certificate__name" data-field="name"></p>
<p>Bar or registration number <span data-field="bar"></span>, <span data-field="state"></span></p>
<p>completed the course</p>
<p class="pl-certificate__course" data-field="course"></p>
<p>on <span data-field="date"></span> (date recorded by the provider), with attendance recorded and every module's quiz passed.</p>
<table class="pl-table pl-certificate__credits">
<tr><th scope="row">Provider</th><td data-field="provider"></td></tr>
<tr><th scope="row">Course approval</th><td data-field="approval"></td></tr>
<tr><th scope="row">Instruction</th><td data-field="minutes"></td></tr>
<tr><th scope="row">Credit hours</th><td data-field="hours"></td></tr>
<tr><th scope="row">of which ethics</th><td data-field="ethics"></td></tr>
<tr><th scope="row">Credit-hour rule</th><td data-field="rule"></td></tr>
<tr><th scope="row">Verification</th><td><span data-field="verify-id"></span> — <a data-field="verify-url" href="#"></a></td></tr>
</table>
<p class="pl-meta" data-field="review"></p>
<p class="pl-meta">On-demand course; report it to your CLE board under its own rules, which may limit on-demand credit.</p>
<p class="pl-no-print"><button type="button" class="md-button md-button--primary" data-pl-print>Print or save as PDF</button></p>
</div>
"""


def _packet(course: Course, rules: CreditRules | None, ctx: SiteContext) -> str:
    here = f"courses/{course.id}/packet/"
    body = packet_markdown(course, ctx.by_id, rules, link_prefix=rel(here, "cases/"))
    button = '<p class="pl-no-print"><button type="button" class="md-button" data-pl-print>Print or save as PDF</button></p>'
    head, _, rest = body.partition("\n")
    return f"{front_matter(f'Accreditation packet — {course.title}')}{head}\n\n{_assets(here)}\n\n{button}\n{rest}"
