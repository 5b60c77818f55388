"""The service's own HTML pages: enrolment, the private link, certificate verification, the admin view. No inline script."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from palermo.courses.model import Course


def e(value: object) -> str:
    """Escape for HTML text and attributes."""
    return escape("" if value is None else str(value), quote=True)


def page(title: str, body: str) -> str:
    """A complete page with the service's stylesheet and script."""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<title>{e(title)} — Palermo CLE</title><link rel="stylesheet" href="/cle-static/cle.css">'
        '<script src="/cle-static/cle.js" defer></script></head>\n'
        f"<body><main>\n{body}\n</main></body></html>\n"
    )


def enrol_form(
    courses: Sequence[Course],
    jurisdictions: Mapping[str, str],
    csrf: str,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
) -> str:
    """The enrolment form, with the learner's values and a message under each field that needs one."""
    values = values or {}
    errors = errors or {}

    def err(field: str) -> str:
        return f'<p class="error" id="err-{field}">{e(errors[field])}</p>' if field in errors else ""

    def described(field: str) -> str:
        return f' aria-invalid="true" aria-describedby="err-{field}"' if field in errors else ""

    course_opts = "".join(
        f'<option value="{e(c.id)}"{" selected" if values.get("course") == c.id else ""}>{e(c.title)}</option>' for c in courses
    )
    state_opts = '<option value="">Choose</option>' + "".join(
        f'<option value="{e(code)}"{" selected" if values.get("jurisdiction") == code else ""}>{e(name)}</option>'
        for code, name in jurisdictions.items()
    )
    summary = '<p class="error" role="alert">Please correct the fields marked below.</p>' if errors else ""
    return page(
        "Enrol",
        f"""<h1>Enrol in a CLE course</h1>
<p>Enrolment gives you a private link to the course. Through it the provider records the time you spend on each module,
the attendance codes you enter and your quiz attempts, and issues your certificate once every module is complete.
There is no password: keep the link to yourself.</p>
{summary}
<form method="post" action="/enrol" novalidate>
<input type="hidden" name="csrf" value="{e(csrf)}">
<label for="course">Course</label><select id="course" name="course"{described("course")}>{course_opts}</select>{err("course")}
<label for="name">Full name (as it should appear on the certificate)</label>
<input id="name" name="name" type="text" autocomplete="name" value="{e(values.get("name", ""))}"{described("name")}>{err("name")}
<label for="email">Email</label>
<input id="email" name="email" type="email" autocomplete="email" value="{e(values.get("email", ""))}"{described("email")}>{err("email")}
<label for="jurisdiction">Jurisdiction of admission</label>
<select id="jurisdiction" name="jurisdiction"{described("jurisdiction")}>{state_opts}</select>{err("jurisdiction")}
<label for="bar_number">Bar or registration number</label>
<input id="bar_number" name="bar_number" type="text" value="{e(values.get("bar_number", ""))}"{described("bar_number")}>{err("bar_number")}
<button type="submit">Enrol</button>
</form>""",
    )


def enrolled(name: str, course: Course, link: str) -> str:
    """The page that hands the learner their private link."""
    return page(
        "Enrolled",
        f"""<h1>You are enrolled</h1>
<p>{e(name)}, you are enrolled in <strong>{e(course.title)}</strong>.</p>
<div class="notice"><p>Your private enrolment link (bookmark it; it is the only key to your record):</p>
<p class="link"><a id="enrolment-link" href="{e(link)}">{e(link)}</a></p></div>
<p><a href="{e(link)}">Start the course</a></p>""",
    )


def message(title: str, text: str) -> str:
    """A page with one message (errors, unknown links)."""
    return page(title, f"<h1>{e(title)}</h1>\n<p>{e(text)}</p>")


VERIFY_FIELDS = [
    ("Certificate id", "id"),
    ("Name", "name"),
    ("Bar or registration number", "bar_number"),
    ("Jurisdiction of admission", "jurisdiction_name"),
    ("Course", "course_title"),
    ("Provider", "provider"),
    ("Completed on (provider's record)", "completed_on"),
    ("Course approval", "approval_text"),
    ("Instruction", "minutes_text"),
    ("Credit hours", "credits_text"),
    ("of which ethics", "ethics_text"),
    ("Credit-hour rule", "rule_text"),
    ("Legal review", "review"),
]


def verify(facts: Mapping[str, Any]) -> str:
    """The public verification page of a certificate."""
    data = {**facts, "minutes_text": f"{facts['total_minutes']} minutes ({facts['ethics_minutes']} minutes of ethics)"}
    rows = "\n".join(
        f'<tr><th scope="row">{e(label)}</th><td data-field="{key}">{e(data.get(key))}</td></tr>' for label, key in VERIFY_FIELDS
    )
    if facts.get("status") == "revoked":
        status = (
            f'<p class="revoked" data-status="revoked">This certificate was REVOKED on {e(facts["revoked_at"])}: '
            f"{e(facts.get('revoked_reason') or 'no reason recorded')}. It no longer attests completion.</p>"
        )
    else:
        status = (
            '<p class="notice" data-status="valid">This certificate is valid: it was issued by the provider and has not been revoked.</p>'
        )
    return page(
        f"Certificate {facts['id']}",
        f"""<h1>Certificate verification</h1>
{status}
<table>
{rows}
</table>
<p class="no-print"><button type="button" data-print>Print or save as PDF</button></p>""",
    )


def unknown_certificate(cert_id: str) -> str:
    """The page for an id that matches no certificate."""
    return page(
        "Unknown certificate",
        f"""<h1>Certificate verification</h1>
<p class="revoked" data-status="unknown">No certificate has the id {e(cert_id)}. It was not issued by this provider, or the id
was mistyped or altered. Check the id on the certificate and try again.</p>""",
    )


def admin_login(csrf: str, error: str = "") -> str:
    """The admin login form (the token comes from the service's configuration)."""
    err = f'<p class="error" role="alert">{e(error)}</p>' if error else ""
    return page(
        "Admin",
        f"""<h1>Provider admin</h1>{err}
<form method="post" action="/admin/login"><input type="hidden" name="csrf" value="{e(csrf)}">
<label for="token">Admin token</label><input id="token" name="token" type="password" autocomplete="off">
<button type="submit">Sign in</button></form>""",
    )


def admin(courses: Sequence[tuple[Course, list[dict[str, Any]]]]) -> str:
    """The admin view: learners of each course with their progress and certificate, and the CSV export."""
    parts = ["<h1>Provider admin</h1>"]
    for course, learners in courses:
        parts.append(f"<h2>{e(course.title)}</h2>")
        parts.append(
            f'<p><a href="/admin/export.csv?course={e(course.id)}">Attendance record (CSV)</a> · '
            f'<a href="/admin/audit.json?course={e(course.id)}">Audit log (JSON)</a></p>'
        )
        if not learners:
            parts.append("<p>No learner yet.</p>")
            continue
        rows = "\n".join(
            f"<tr><td>{e(r['enrolment_id'])}</td><td>{e(r['name'])}</td><td>{e(r['jurisdiction'])}</td><td>{e(r['bar_number'])}</td>"
            f"<td>{e(r['enrolled_at'])}</td><td>{e(r['complete'])} of {e(r['modules'])}</td><td>{e(r['certificate'])}</td></tr>"
            for r in learners
        )
        parts.append(
            "<table><thead><tr><th>#</th><th>Name</th><th>State</th><th>Bar number</th><th>Enrolled</th><th>Modules complete</th>"
            f"<th>Certificate</th></tr></thead><tbody>\n{rows}\n</tbody></table>"
        )
    return page("Admin", "\n".join(parts))
