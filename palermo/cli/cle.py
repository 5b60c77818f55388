"""``palermo cle serve|export|migrate``: run the CLE provider service, export a course's attendance record, upgrade the database."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from palermo.courses.load import default_courses_dir

if TYPE_CHECKING:
    from palermo.cle.config import Settings


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``cle`` subcommand and its actions."""
    p = sub.add_parser("cle", help="CLE provider service: serve, export the attendance record, migrate", description=__doc__)
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)

    s = actions.add_parser("serve", help="run the service: course pages, learner API, verification, admin")
    _common(s)
    s.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    s.add_argument("--port", type=int, default=8001, help="port (default 8001)")
    s.add_argument("--site", type=Path, default=Path("site"), help="the built site to serve (default: site/, from 'make site')")
    s.set_defaults(func=run_serve)

    e = actions.add_parser("export", help="a course's attendance record per learner and module")
    _common(e)
    e.add_argument("--course", required=True, help="course id")
    e.add_argument("--format", choices=["csv"], default="csv")
    e.add_argument("--out", type=Path, default=None, help="file to write (default: standard output)")
    e.set_defaults(func=run_export)

    m = actions.add_parser("migrate", help="bring the database to the newest schema (serve does this on start)")
    _common(m)
    m.set_defaults(func=run_migrate)


def _common(parser: argparse.ArgumentParser) -> None:
    """The options every action takes: the database, the config file and the courses folder."""
    parser.add_argument(
        "--db", default=None, metavar="URL", help="SQLAlchemy URL (default: $PALERMO_CLE_DB, else sqlite:///.palermo/cle.sqlite3)"
    )
    parser.add_argument("--config", type=Path, default=None, help="TOML config file (default: $PALERMO_CLE_CONFIG)")
    parser.add_argument("--courses", type=Path, default=None, help="courses folder (default: courses/)")


def _settings(args: argparse.Namespace, site: Path, require_secret: bool = True) -> Settings:
    from palermo.cle.config import load_settings

    courses = args.courses if args.courses is not None else default_courses_dir()
    return load_settings(db_url=args.db, site_dir=site, courses_dir=courses, config_file=args.config, require_secret=require_secret)


def run_serve(args: argparse.Namespace) -> int:
    """Start the service with uvicorn (access log off: request paths carry private links)."""
    import uvicorn

    from palermo.cle.app import create_app
    from palermo.cle.config import ConfigError

    try:
        settings = _settings(args, args.site)
    except ConfigError as exc:
        print(f"palermo cle serve: {exc}", file=sys.stderr)
        return 2
    app = create_app(settings)
    print(f"Palermo CLE provider service on http://{args.host}:{args.port}/ (enrol at /enrol, admin at /admin)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, access_log=False, log_level="warning")
    return 0


def run_export(args: argparse.Namespace) -> int:
    """Write the attendance record of one course as CSV."""
    from palermo.cle.attendance import Clock
    from palermo.cle.config import ConfigError
    from palermo.cle.db import make_engine, migrate
    from palermo.cle.export import to_csv
    from palermo.courses.load import CourseError, load_course

    try:
        settings = _settings(args, Path("site"), require_secret=False)
    except ConfigError as exc:
        print(f"palermo cle export: {exc}", file=sys.stderr)
        return 2
    try:
        course = load_course(settings.courses_dir / args.course)
    except CourseError as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return 1
    engine = make_engine(settings.db_url)
    migrate(engine)
    with engine.connect() as conn:
        text = to_csv(conn, course, Clock(settings.seconds_per_minute, settings.heartbeat_seconds))
    if args.out is None:
        sys.stdout.write(text)
    else:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    return 0


def run_migrate(args: argparse.Namespace) -> int:
    """Upgrade the database schema to the newest migration."""
    from palermo.cle.config import ConfigError
    from palermo.cle.db import make_engine, migrate

    try:
        settings = _settings(args, Path("site"), require_secret=False)
    except ConfigError as exc:
        print(f"palermo cle migrate: {exc}", file=sys.stderr)
        return 2
    migrate(make_engine(settings.db_url))
    print("database schema is current")
    return 0
