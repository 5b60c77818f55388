"""The course as built into the site: pages, data files, links to case pages, and a broken course stopping the build."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html

from palermo.courses.credits import load_credit_rules
from palermo.courses.load import load_course

ROOT = Path(__file__).resolve().parents[2]
COURSE_ID = "trafficking-jurisprudence"


def test_course_pages_and_data_are_built(built_site: Path) -> None:
    course = load_course(ROOT / "courses" / COURSE_ID)
    base = built_site / "courses" / COURSE_ID
    for page in ["", "certificate/", "packet/", *(f"{m.id}/" for m in course.modules)]:
        assert (base / page / "index.html").is_file(), page
    data = json.loads((base / "course.json").read_text(encoding="utf-8"))
    assert [m["id"] for m in data["modules"]] == [m.id for m in course.modules]
    assert sum(len(m["questions"]) for m in data["modules"]) == len(course.questions)
    for m in data["modules"]:
        assert set(m) == {"id", "title", "minutes", "ethics", "attendance", "questions"}
        for q in m["questions"]:
            assert set(q) == {"id", "kind", "prompt", "choices"}  # no answer, no explanation
    rules = json.loads((built_site / "courses" / "credit-rules.json").read_text(encoding="utf-8"))
    expected = load_credit_rules(ROOT / "courses" / "credit-rules.yaml")
    assert {r["state"]: r["minutes_per_credit_hour"] for r in rules["states"]} == {
        r.state: r.minutes_per_credit_hour for r in expected.states
    }


def test_reading_cards_link_to_existing_case_pages(built_site: Path) -> None:
    course = load_course(ROOT / "courses" / COURSE_ID)
    for module in course.modules:
        page = built_site / "courses" / COURSE_ID / module.id / "index.html"
        tree = lxml.html.fromstring(page.read_bytes())
        links = tree.xpath('//div[@class="pl-reading-card"]//a/@href')
        assert len(links) == len(module.readings), module.id
        for href in links:
            assert (page.parent / href / "index.html").resolve().is_file(), href
        # no inline script or inline event handler on course pages
        assert not tree.xpath("//article//script[not(@src)]")
        assert not tree.xpath("//*[@onclick or @onload or @onsubmit]")
        boxes = tree.xpath('//div[@class="pl-attendance-code"]/@data-at-minute')
        assert boxes == [str(c.at_minute) for c in module.attendance_codes]


def test_overview_shows_review_status_and_credit_table(built_site: Path) -> None:
    tree = lxml.html.fromstring((built_site / "courses" / COURSE_ID / "index.html").read_bytes())
    text = tree.text_content()
    assert "Not yet reviewed by a qualified lawyer" in text
    rows = tree.xpath('//table[contains(@class, "pl-credit-table")]//tbody/tr')
    ny = next(r for r in rows if "New York" in r.text_content())
    cells = [c.text_content() for c in ny.xpath("td")]
    assert cells[1:4] == ["50", "4.60", "1.00"]
    ca = next(r for r in rows if "California" in r.text_content())
    assert [c.text_content() for c in ca.xpath("td")][1:4] == ["60", "3.75", "0.75"]  # to the nearest quarter hour
    il = next(r for r in rows if "Illinois" in r.text_content())
    assert [c.text_content() for c in il.xpath("td")][1:4] == ["60", "3.83", "0.83"]
    assert "Unconfirmed" in il.text_content()
    pa = next(r for r in rows if "Pennsylvania" in r.text_content())
    assert [c.text_content() for c in pa.xpath("td")][1:4] == ["60", "3.50", "0.50"]  # the board's half-hour rounding


def test_a_broken_course_stops_the_build_naming_file_and_field(tmp_path: Path, test_corpus: Path) -> None:
    courses = tmp_path / "courses"
    shutil.copytree(ROOT / "courses", courses)
    path = courses / COURSE_ID / "course.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("passing_score: 80", "passing_score: 180", 1), encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "palermo.cli", "build", "--cases", str(test_corpus), "--out", str(tmp_path / "site")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PALERMO_COURSES": str(courses)},
    )
    assert proc.returncode == 1
    assert f"{path}: passing_score: Input should be less than or equal to 100" in proc.stdout + proc.stderr
