"""Live mode against a local server that injects faults: 429 with Retry-After, 500s, a timeout, a truncated
body, a wrong content type and a path robots.txt forbids. The run completes, retries what is transient,
reports what is broken by URL, and writes nothing half-done. Waits are shrunk through the CLI options.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from palermo.cli import main
from palermo.corpus.store import load_corpus
from palermo.model.vocab import EditorialStatus
from scraper.checkpoint import Checkpoint, default_state_dir
from scraper.fetch import Fetcher, FetchError, FetchPolicy, accepts, parse_retry_after
from scraper.run import ScrapeOptions
from tests.scraper.faultserver import Reply, Routes, serve

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = (ROOT / "tests" / "fixtures" / "sherloc" / "handwritten_case_page_structure.html").read_text(encoding="utf-8")
ORIGINAL_SLUG = "placeholder_prosecutor_v._example_defendants"
CASES = ["good_case", "flaky_case", "slow_case", "broken_case", "truncated_case", "pdf_case", "disallowed_case"]
FAST = [
    "--min-interval",
    "0",
    "--retries",
    "3",
    "--backoff",
    "0.01",
    "--backoff-cap",
    "0.05",
    "--retry-after-cap",
    "0.05",
    "--timeout",
    "0.5",
]


def uri(slug: str) -> str:
    return f"/case-law-doc/traffickingpersonscrimetype/nzl/2019/{slug}.html"


def page(slug: str) -> bytes:
    title = slug.replace("_", " ").title() + " v. Example"
    html = TEMPLATE.replace(ORIGINAL_SLUG, slug).replace("Placeholder Prosecutor v. Example Defendants", title)
    html = html.replace("CRI-0000-000-000000", f"CRI-0000-000-00000{CASES.index(slug)}")
    return html.replace("NZL9999", f"NZL{9000 + CASES.index(slug)}").encode()


def listing() -> bytes:
    results = [
        {
            "uri": uri(slug),
            "values": {
                "page_title": slug.replace("_", " ").title() + " v. Example",
                "en#caseLaw@country_label_s1": "New Zealand",
                "caseLaw@decisionVerdictDate_s1": "2019-03-14",
                "__el.caseLaw.crimeTypes_s": ["traffickingPersonsCrimeType"],
            },
        }
        for slug in CASES
    ]
    return json.dumps({"found": len(results), "results": results}).encode()


def fault_routes() -> Routes:
    ok = {slug: Reply(body=page(slug)) for slug in CASES}
    return Routes(
        replies={
            "/robots.txt": [Reply(body=f"User-agent: *\nDisallow: /cld{uri('disallowed_case')}\n".encode(), content_type="text/plain")],
            "/cld/v3/sherloc/cldb/data.json": [
                Reply(status=429, body=b"slow down", content_type="text/plain", headers={"Retry-After": "30"}),
                Reply(body=listing(), content_type="application/json"),
            ],
            f"/cld{uri('good_case')}": [ok["good_case"]],
            f"/cld{uri('flaky_case')}": [Reply(status=500, body=b"oops"), Reply(status=503, body=b"oops"), ok["flaky_case"]],
            f"/cld{uri('slow_case')}": [Reply(body=page("slow_case"), delay=1.5), ok["slow_case"]],
            f"/cld{uri('broken_case')}": [Reply(status=500, body=b"down for good")],
            f"/cld{uri('truncated_case')}": [Reply(body=page("truncated_case")[:300], truncate=True)],
            f"/cld{uri('pdf_case')}": [Reply(body=b"%PDF-1.4", content_type="application/pdf")],
            f"/cld{uri('disallowed_case')}": [ok["disallowed_case"]],
        }
    )


def test_live_run_survives_faults_and_reports_them_by_url(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    routes = fault_routes()
    cases = tmp_path / "cases"
    report_file = tmp_path / "report.json"
    saved = tmp_path / "responses"
    with serve(routes) as base:
        status = main(
            [
                "scrape",
                "sherloc",
                "--base-url",
                base,
                "--cases",
                str(cases),
                "--report",
                str(report_file),
                "--save-responses",
                str(saved),
                *FAST,
            ]
        )
    out = capsys.readouterr().out
    assert status == 2, out
    report = json.loads(report_file.read_text(encoding="utf-8"))
    failed = {e["document"].split("/cld", 1)[-1].split("?")[0]: e["message"] for e in report["errors"]}
    assert set(failed) == {uri("broken_case"), uri("truncated_case"), uri("pdf_case"), uri("disallowed_case")}
    assert "HTTP 500" in failed[uri("broken_case")] and "gave up after 4 attempts" in failed[uri("broken_case")]
    assert "truncated" in failed[uri("truncated_case")]
    assert "wrong content type 'application/pdf'" in failed[uri("pdf_case")]
    assert "robots.txt" in failed[uri("disallowed_case")]
    assert routes.hits[f"/cld{uri('flaky_case')}"] == 3, "500 and 503 are retried"
    assert routes.hits[f"/cld{uri('slow_case')}"] == 2, "a timeout is retried"
    assert routes.hits["/cld/v3/sherloc/cldb/data.json"] == 2, "429 is retried after Retry-After"
    assert routes.hits.get(f"/cld{uri('disallowed_case')}", 0) == 0, "robots.txt is honoured"
    assert report["retries"] >= 4

    corpus = load_corpus(cases)
    assert not corpus.errors
    status_by_slug = {r.sources[0].url.split("/")[-1].split(".html")[0]: r.editorial_status for r in corpus.records}
    assert {s for s, st in status_by_slug.items() if st is EditorialStatus.EXTRACTED} == {"good_case", "flaky_case", "slow_case"}
    assert {s for s, st in status_by_slug.items() if st is EditorialStatus.INDEX_ONLY} == {
        "broken_case",
        "truncated_case",
        "pdf_case",
        "disallowed_case",
    }
    assert not [p for p in cases.rglob("*") if p.name.endswith(".tmp")], "a temporary file was left behind"
    assert not (cases / ".palermo" / "scrape-sherloc.json").exists(), "a finished run leaves no checkpoint"

    metas = [json.loads(p.read_text(encoding="utf-8")) for p in saved.rglob("*.meta.json")]
    assert {m["url"].split("?")[0].rsplit("/", 1)[-1] for m in metas} >= {"data.json", "good_case.html", "flaky_case.html"}
    assert all(len(m["sha256"]) == 64 and m["retrieved_at"] for m in metas)

    # the saved responses replay offline into the same records
    replay = tmp_path / "replay"
    assert main(["scrape", "sherloc", "--from", str(saved), "--cases", str(replay)]) == 0
    assert sorted(r.id for r in load_corpus(replay).records) == sorted(r.id for r in corpus.records)


def test_uk_fcl_live_run_needs_the_licence_confirmation(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status = main(["scrape", "uk_fcl", "--cases", str(tmp_path / "cases"), "--base-url", "http://127.0.0.1:9"])
    out = capsys.readouterr().out
    assert status == 1
    assert "--licence-confirmed" in out and "computational analysis" in out
    assert not (tmp_path / "cases").exists()


def test_retry_after_is_honoured_up_to_the_cap() -> None:
    waits: list[float] = []
    routes = Routes(
        replies={
            "/robots.txt": [Reply(status=404, body=b"")],
            "/doc": [
                Reply(status=429, headers={"Retry-After": "7"}),
                Reply(status=429, headers={"Retry-After": "0"}),
                Reply(body=b"{}", content_type="application/json"),
            ],
        }
    )
    policy = FetchPolicy(min_interval=0, backoff_base=0.001, backoff_cap=0.002, retry_after_cap=5.0, timeout=2)
    with serve(routes) as base, Fetcher("test", policy=policy, sleep=waits.append) as fetcher:
        doc = fetcher.get(f"{base}/doc", accept="application/json")
    assert doc.content == b"{}"
    assert waits == [5.0, 0.002], "Retry-After 7 capped at 5; Retry-After 0 falls back to the backoff"


def test_rate_limit_spaces_requests_to_one_host() -> None:
    waits: list[float] = []
    now = [100.0]
    routes = Routes(replies={"/robots.txt": [Reply(status=404)], "/a": [Reply(body=b"a", content_type="text/plain")]})
    with serve(routes) as base, Fetcher("test", policy=FetchPolicy(min_interval=1.0), sleep=waits.append, clock=lambda: now[0]) as fetcher:
        fetcher.get(f"{base}/a")
        fetcher.get(f"{base}/a")
    assert waits == [1.0, 1.0], "robots.txt, then two documents, each a full interval apart on a frozen clock"


def test_permanent_4xx_is_not_retried() -> None:
    routes = Routes(replies={"/robots.txt": [Reply(status=404)], "/gone": [Reply(status=404, body=b"no")]})
    with (
        serve(routes) as base,
        Fetcher("test", policy=FetchPolicy(min_interval=0), sleep=lambda s: None) as fetcher,
        pytest.raises(FetchError, match="HTTP 404"),
    ):
        fetcher.get(f"{base}/gone")
    assert routes.hits["/gone"] == 1


@pytest.mark.parametrize(
    ("accept", "content_type", "ok"),
    [
        ("application/json", "application/json; charset=utf-8", True),
        ("application/xml", "application/atom+xml", True),
        ("application/xml", "text/xml", True),
        ("text/html", "application/pdf", False),
        ("text/csv, text/plain", "text/plain", True),
        ("text/*", "text/csv", True),
        ("application/json", None, False),
    ],
)
def test_accepts(accept: str, content_type: str | None, ok: bool) -> None:
    assert accepts(accept, content_type) is ok


def test_parse_retry_after() -> None:
    assert parse_retry_after("120") == 120
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("soon") is None


def test_resumed_live_run_skips_pages_the_interrupted_run_finished(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    routes = Routes(
        replies={
            "/robots.txt": [Reply(status=404)],
            "/cld/v3/sherloc/cldb/data.json": [Reply(body=listing(), content_type="application/json")],
            **{f"/cld{uri(slug)}": [Reply(body=page(slug))] for slug in ("good_case", "flaky_case")},
        }
    )
    cases = tmp_path / "cases"
    report_file = tmp_path / "report.json"
    with serve(routes) as base:
        options = ScrapeOptions(source_id="sherloc", base_url=base, cases=cases, limit=2)
        Checkpoint.open(default_state_dir(cases) / "scrape-sherloc.json", options.run_key()).mark_done(
            f"{base}/cld{uri('good_case')}?lng=en&tmpl=sherloc"
        )
        main(["scrape", "sherloc", "--base-url", base, "--cases", str(cases), "--limit", "2", "--report", str(report_file), *FAST])
    capsys.readouterr()
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["resumed"] and report["completed"]
    assert routes.hits.get(f"/cld{uri('good_case')}", 0) == 0, "a page the interrupted run finished was fetched again"
    assert routes.hits[f"/cld{uri('flaky_case')}"] == 1


def _feed(base: str, entries: list[tuple[str, str, str]]) -> bytes:
    items = "".join(
        f'<entry><title>{title}</title><link href="{base}/{uri}/data.xml" rel="alternate"/>'
        f"<published>2024-01-01T00:00:00+00:00</published><tna:uri>{uri}</tna:uri>"
        f'<tna:identifier type="ukncn">{cite}</tna:identifier></entry>'
        for title, uri, cite in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" '
        'xmlns:tna="https://caselaw.nationalarchives.gov.uk"><title>Find Case Law search results</title>'
        f'<link href="{base}/atom.xml?query=modern+slavery&amp;order=-date&amp;page=1" rel="self"/>{items}</feed>'
    ).encode()


def test_a_feed_of_judgments_the_corpus_holds_leaves_one_record_each_and_nothing_for_the_rest(
    shared_fixtures: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Find Case Law look-alike lists QSA and MN (curated records here), a judgment about something else, a truncated
    judgment and an HTML error page: no second record, nothing for the irrelevant or failed ones, a rerun changes nothing."""
    saved = shared_fixtures / "tna-find-case-law"
    cases = tmp_path / "cases"
    (cases / "gbr").mkdir(parents=True)
    for name in ("gbr-2020-qsa-v-sshd.yaml", "gbr-2020-mn-v-sshd.yaml"):
        (cases / "gbr" / name).write_bytes((ROOT / "cases" / "gbr" / name).read_bytes())
    xml = "application/xml"
    routes = Routes(
        replies={
            "/robots.txt": [Reply(body=b"User-agent: *\n", content_type="text/plain")],
            "/ewca/civ/2020/130/data.xml": [Reply(body=(saved / "ewca_civ_2020_130_QSA_v_SSHD.xml").read_bytes(), content_type=xml)],
            "/ewca/civ/2020/1746/data.xml": [Reply(body=(saved / "ewca_civ_2020_1746_MN_v_SSHD.xml").read_bytes(), content_type=xml)],
            "/uksc/2023/42/data.xml": [Reply(body=(saved / "uksc_2023_42_AAA_Rwanda.xml").read_bytes(), content_type=xml)],
            "/eat/2023/1/data.xml": [
                Reply(body=(saved / "eat_2023_1_Imperial_College_v_Matar.xml").read_bytes()[:4000], content_type=xml, truncate=True)
            ],
            "/ewca/civ/2025/673/data.xml": [Reply(body=b"<html><body>Service unavailable</body></html>", content_type="text/html")],
        }
    )
    entries = [
        ("QSA v SSHD", "ewca/civ/2020/130", "[2020] EWCA Civ 130"),
        ("MN v SSHD", "ewca/civ/2020/1746", "[2020] EWCA Civ 1746"),
        ("AAA v SSHD", "uksc/2023/42", "[2023] UKSC 42"),
        ("Imperial College v Matar", "eat/2023/1", "[2023] EAT 1"),
        ("Tortoise Media", "ewca/civ/2025/673", "[2025] EWCA Civ 673"),
    ]
    before = {p.name: p.read_bytes() for p in cases.rglob("*.yaml")}
    with serve(routes) as base:
        routes.replies["/atom.xml"] = [Reply(body=_feed(base, entries), content_type="application/atom+xml")]
        args = ["scrape", "uk_fcl", "--base-url", base, "--cases", str(cases), "--licence-confirmed", *FAST]
        first = main(args)  # every search query gets the same feed; each judgment is fetched once
        capsys.readouterr()
        after_first = {p.name: p.read_bytes() for p in cases.rglob("*.yaml")}
        second = main(args)
    assert first == 2 and second == 2  # the truncated and the HTML documents are reported as errors
    assert set(after_first) == set(before), "no second record, and none for an irrelevant or failed judgment"
    assert {p.name: p.read_bytes() for p in cases.rglob("*.yaml")} == after_first, "a rerun changes nothing"
    assert routes.hits["/uksc/2023/42/data.xml"] >= 1 and routes.hits["/eat/2023/1/data.xml"] >= 1
