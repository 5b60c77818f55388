"""Site build benchmark: time and peak memory of ``palermo build`` for the bundled and synthetic corpora.

Run by hand (never in the test suite)::

    .venv/bin/python benchmarks/site.py            # bundled corpus, 2,000 and 10,000 synthetic records
    .venv/bin/python benchmarks/site.py --sizes 2000

For each corpus it measures a full build, the rebuild after editing one record
(mkdocs has no incremental build, so this is a second full build with one file
changed), the largest case page, and, for the synthetic corpora, a baseline:
the same number of plain generated Markdown pages (a title and a paragraph,
kept out of the navigation) built by mkdocs-material alone. The ratio of our
build time to the baseline is what the site's own work costs. Peak memory is
the maximum resident set size of the build process.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.synthetic import synthetic_records  # noqa: E402
from palermo.corpus.store import write_case  # noqa: E402

PLAIN_HOOK = """
from mkdocs.structure.files import File

def on_files(files, config):
    for i in range({count}):
        files.append(File.generated(config, f"cases/plain-{{i}}.md", content=f"# Plain page {{i}}\\n\\nA paragraph of text for page {{i}}.\\n"))
    return files
"""
PLAIN_CONFIG = """site_name: Plain pages
docs_dir: docs
site_dir: {site}
theme:
  name: material
  font: false
hooks:
  - plain_hook.py
plugins: []
validation:
  nav:
    omitted_files: ignore
nav:
  - Home: index.md
"""


@dataclass
class Run:
    """One measured build."""

    seconds: float
    peak_mb: float


def measure(cmd: list[str], cwd: Path) -> Run:
    """Run a command to completion; return its wall time and the peak RSS of the process."""
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"command failed: {' '.join(cmd)}\n{proc.stderr.read().decode() if proc.stderr else ''}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def build_site(cases: Path, out: Path) -> Run:
    """Build the Palermo site from a corpus."""
    return measure([sys.executable, "-m", "palermo.cli", "build", "--cases", str(cases), "--out", str(out)], ROOT)


def build_plain(count: int, work: Path) -> Run:
    """Build ``count`` plain generated pages with mkdocs-material and nothing else."""
    project = work / "plain"
    (project / "docs").mkdir(parents=True, exist_ok=True)
    (project / "docs" / "index.md").write_text("# Plain pages\n", encoding="utf-8")
    (project / "plain_hook.py").write_text(PLAIN_HOOK.format(count=count), encoding="utf-8")
    (project / "mkdocs.yml").write_text(PLAIN_CONFIG.format(site=work / "plain-site"), encoding="utf-8")
    return measure([sys.executable, "-m", "mkdocs", "build", "--quiet"], project)


def breakdown(cases: Path) -> dict[str, float]:
    """Seconds spent loading the corpus and in each page generator (in this process), to see who costs what."""
    from palermo.site.context import CASES_ENV, SiteContext
    from palermo.site.generate import _registry
    from palermo.site.pages import case

    os.environ[CASES_ENV] = str(cases)
    started = time.perf_counter()
    ctx = SiteContext.load(ROOT)
    times = {"load corpus": time.perf_counter() - started}
    started = time.perf_counter()
    case.similar_cases(ctx)
    times["similar cases (search_index.similar)"] = time.perf_counter() - started
    for generator in _registry():
        started = time.perf_counter()
        for _ in generator(ctx):
            pass
        name = generator.__module__.rsplit(".", 1)[-1]
        times[f"generator {name}" + (" (includes similar cases)" if name == "case" else "")] = time.perf_counter() - started
    return times


def largest_case_page(site: Path) -> tuple[int, str]:
    """Size in bytes and id of the biggest case page."""
    sizes = [(p.stat().st_size, p.parent.name) for p in (site / "cases").glob("*/index.html")]
    return max(sizes) if sizes else (0, "")


def synthetic_corpus(n: int, dest: Path) -> Path:
    """Write ``n`` synthetic records under ``dest``; return the folder."""
    for record in synthetic_records(n):
        write_case(dest, record)
    return dest


def bench(label: str, cases: Path, work: Path, baseline_count: int | None) -> dict[str, str]:
    """Full build, one-record rebuild, largest page and (optionally) the plain-page baseline."""
    out = work / f"site-{label}"
    first = build_site(cases, out)
    size, biggest = largest_case_page(out)
    files = sorted(cases.rglob("*.yaml"))
    edited = files[len(files) // 2]
    edited.write_text(
        edited.read_text(encoding="utf-8").replace("editorial_status:", "updated_at: 2026-11-23\neditorial_status:", 1), encoding="utf-8"
    )
    again = build_site(cases, out)
    row = {
        "corpus": label,
        "records": str(len(files)),
        "build_s": f"{first.seconds:.1f}",
        "peak_mb": f"{first.peak_mb:.0f}",
        "rebuild_s": f"{again.seconds:.1f}",
        "largest_case_kb": f"{size / 1024:.1f}",
        "largest_case": biggest,
        "plain_s": "",
        "ratio": "",
    }
    if baseline_count:
        plain = build_plain(baseline_count, work)
        row["plain_s"] = f"{plain.seconds:.1f}"
        row["ratio"] = f"{first.seconds / plain.seconds:.2f}"
    return row


def main() -> None:
    """Run the benchmark and print a Markdown table for the README."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[2000, 10000], help="synthetic corpus sizes")
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled corpus")
    rows = []
    parser.add_argument("--breakdown", action="store_true", help="also time the corpus load and each page generator")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}", flush=True)
    with tempfile.TemporaryDirectory(prefix="palermo-bench-") as tmp:
        work = Path(tmp)
        if not args.no_bundled:
            bundled = work / "bundled"
            subprocess.run(["cp", "-r", str(ROOT / "cases"), str(bundled)], check=True)
            count = len(list(bundled.rglob("*.yaml")))
            rows.append(bench("bundled", bundled, work, count))
            print(rows[-1], flush=True)
        for n in args.sizes:
            corpus = synthetic_corpus(n, work / f"syn-{n}")
            rows.append(bench(f"synthetic {n:,}", corpus, work, n))
            print(rows[-1], flush=True)
            if args.breakdown:
                for part, seconds in breakdown(corpus).items():
                    print(f"  {n:,} records: {part}: {seconds:.1f} s", flush=True)
    print(f"\nCPU cores: {os.cpu_count()}; load average at the end: {os.getloadavg()}\n")
    print(
        "| corpus | records | build (s) | peak memory (MB) | rebuild after one edit (s) | largest case page (KB) | plain pages (s) | ratio |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['corpus']} | {r['records']} | {r['build_s']} | {r['peak_mb']} | {r['rebuild_s']} | {r['largest_case_kb']} | {r['plain_s']} | {r['ratio']} |"
        )


if __name__ == "__main__":
    main()
