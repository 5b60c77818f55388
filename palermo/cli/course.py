"""``palermo course validate|show|packet``: check a CLE course, print it with its totals, export its accreditation packet."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from palermo.cli.options import add_cases_argument
from palermo.corpus.store import load_corpus
from palermo.courses.credits import credit_rules_path, load_credit_rules
from palermo.courses.load import CourseError, course_ids, default_courses_dir, load_course, validate_course_dir
from palermo.courses.model import Course
from palermo.courses.packet import packet_html, packet_markdown, parse_start


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``course`` subcommand and its actions."""
    p = sub.add_parser("course", help="CLE courses: validate, show, export the accreditation packet", description=__doc__)
    p.add_argument("--courses", type=Path, default=None, help="courses folder (default: courses/)")
    add_cases_argument(p)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    v = actions.add_parser("validate", help="check a course (or every course) against its model and the corpus")
    v.add_argument("course_id", nargs="?", help="course id (default: every course)")
    v.set_defaults(func=run_validate)

    s = actions.add_parser("show", help="print a course with computed totals")
    s.add_argument("course_id")
    s.add_argument("--json", action="store_true", help="print JSON")
    s.set_defaults(func=run_show)

    k = actions.add_parser("packet", help="write the accreditation packet (Markdown and HTML)")
    k.add_argument("course_id")
    k.add_argument("--out", type=Path, required=True, help="output folder")
    k.add_argument("--start", default=None, metavar="HH:MM", help="time of day the course starts (default: agenda in elapsed time)")
    k.add_argument(
        "--with-answers", action="store_true", help="add answers and explanations (a private copy for a board; never publish it)"
    )
    k.set_defaults(func=run_packet)


def _courses_dir(args: argparse.Namespace) -> Path:
    return args.courses if args.courses is not None else default_courses_dir()


def _load(args: argparse.Namespace) -> Course | None:
    try:
        return load_course(_courses_dir(args) / args.course_id)
    except CourseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return None


def run_validate(args: argparse.Namespace) -> int:
    """Validate one course or all; print ``file: field: message`` per problem; exit 1 on any."""
    courses_dir = _courses_dir(args)
    ids = [args.course_id] if args.course_id else course_ids(courses_dir)
    if not ids:
        print(f"palermo course validate: no course found under {courses_dir}", file=sys.stderr)
        return 1
    corpus = load_corpus(args.cases)
    for error in corpus.errors:
        print(f"warning: {error}", file=sys.stderr)
    case_ids = {r.id for r in corpus.records}
    failed = 0
    for course_id in ids:
        course, problems = validate_course_dir(courses_dir / course_id, case_ids)
        for problem in problems:
            print(problem)
        if problems:
            failed += 1
        elif course is not None:
            print(
                f"{course_id}: valid — {len(course.modules)} modules, {course.total_minutes} minutes "
                f"({course.ethics_minutes} ethics), {len(course.questions)} questions, {len(course.readings)} readings"
            )
    rules_path = credit_rules_path(courses_dir)
    if rules_path.exists():
        try:
            load_credit_rules(rules_path)
        except CourseError as exc:
            for problem in exc.problems:
                print(problem)
            failed += 1
    return 1 if failed else 0


def course_summary(course: Course) -> dict[str, Any]:
    """The course with its computed totals, as ``palermo course show --json`` prints it."""
    return {
        "id": course.id,
        "title": course.title,
        "modules": [
            {
                "id": m.id,
                "title": m.title,
                "minutes": m.minutes,
                "ethics": m.ethics,
                "questions": len(m.quiz),
                "readings": list(m.readings),
                "attendance_codes": len(m.attendance_codes),
            }
            for m in course.modules
        ],
        "total_minutes": sum(m.minutes for m in course.modules),
        "ethics_minutes": sum(m.minutes for m in course.modules if m.ethics),
        "questions": len(course.questions),
        "readings": course.readings,
    }


def run_show(args: argparse.Namespace) -> int:
    """Print the course summary (JSON or text)."""
    course = _load(args)
    if course is None:
        return 1
    summary = course_summary(course)
    if args.json:
        print(json.dumps(summary, indent=2, ensure_ascii=False))
        return 0
    print(f"{course.title} ({course.id})")
    for m in summary["modules"]:
        flag = " [ethics]" if m["ethics"] else ""
        print(f"  {m['minutes']:>4} min  {m['title']}{flag} — {m['questions']} questions, {len(m['readings'])} readings")
    print(
        f"  {summary['total_minutes']:>4} min total, {summary['ethics_minutes']} ethics; "
        f"{summary['questions']} questions; {len(summary['readings'])} readings"
    )
    return 0


def run_packet(args: argparse.Namespace) -> int:
    """Write ``<id>-packet.md`` and ``<id>-packet.html`` to ``--out``."""
    try:
        start = parse_start(args.start) if args.start else None
    except ValueError as exc:
        print(f"palermo course packet: {exc}", file=sys.stderr)
        return 2
    course = _load(args)
    if course is None:
        return 1
    corpus = load_corpus(args.cases)
    records = corpus.by_id()
    rules_path = credit_rules_path(_courses_dir(args))
    rules = load_credit_rules(rules_path) if rules_path.exists() else None
    missing = [c for c in course.cited_cases if c not in records]
    if missing:
        print(f"warning: {len(missing)} cited case(s) not in {args.cases}: {', '.join(missing)}", file=sys.stderr)
    args.out.mkdir(parents=True, exist_ok=True)
    md_path = args.out / f"{course.id}-packet.md"
    html_path = args.out / f"{course.id}-packet.html"
    answers = bool(getattr(args, "with_answers", False))
    md_path.write_text(packet_markdown(course, records, rules, start=start, answers=answers), encoding="utf-8")
    html_path.write_text(packet_html(course, records, rules, start=start, answers=answers), encoding="utf-8")
    print(f"wrote {md_path} and {html_path}")
    return 0
