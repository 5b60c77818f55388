"""SVG charts drawn at build time: no JavaScript is needed to see them, and they print.

Each chart is an ``<svg role="img">`` labelled by its own ``<title>`` and
``<desc>``; every bar carries a ``<title>`` with its exact value, and the page
puts the data table beside the chart. Colours are set with presentation
attributes (``fill``), never ``style`` attributes, so the pages satisfy a
Content-Security-Policy without ``'unsafe-inline'``. Labels are escaped.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from palermo.corpus.stats import Spread
from palermo.site.render import esc

PALETTE = (
    "#332288",
    "#117733",
    "#44aa99",
    "#88ccee",
    "#ddcc77",
    "#cc6677",
    "#aa4499",
    "#882255",
    "#999933",
    "#661100",
    "#6699cc",
    "#888888",
)
"""Paul Tol's colour-blind-safe qualitative palette, extended to twelve."""

FONT = 12
LABEL_WIDTH = 190
"""Width kept for category labels of horizontal charts (longer labels are cut with an ellipsis)."""


@dataclass(frozen=True)
class Series:
    """One stacked series: its label, colour and one value per category."""

    label: str
    colour: str
    values: Sequence[float]


def _open(chart_id: str, width: int, height: int, title: str, desc: str) -> str:
    cid = esc(chart_id)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="pl-chart" id="{cid}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc" viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f'<title id="{cid}-title">{esc(title)}</title><desc id="{cid}-desc">{esc(desc)}</desc>'
    )


def nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 5 × a power of ten)."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * power:
            return float(step * power)
    return float(10 * power)  # pragma: no cover - the loop always returns


def _ticks(top: float, count: int = 5) -> list[float]:
    return [top * i / count for i in range(count + 1)]


def _fmt(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.1f}"


def _cut(label: str, chars: int = 30) -> str:
    return label if len(label) <= chars else label[: chars - 1] + "…"


def _legend(series: Sequence[Series], x: int, y: int, width: int) -> tuple[str, int]:
    """Legend items laid out in rows from (x, y); returns the markup and the height used."""
    parts, cx, cy = [], x, y
    for s in series:
        item_width = 22 + 7 * len(s.label)
        if cx + item_width > x + width and cx > x:
            cx, cy = x, cy + 18
        parts.append(
            f'<rect x="{cx}" y="{cy}" width="12" height="12" fill="{esc(s.colour)}" stroke="#424242" stroke-width="0.5"/>'
            f'<text x="{cx + 16}" y="{cy + 10}">{esc(s.label)}</text>'
        )
        cx += item_width
    return "".join(parts), (cy - y) + 22 if series else 0


def stacked_columns(chart_id: str, title: str, desc: str, categories: Sequence[str], series: Sequence[Series], y_label: str) -> str:
    """Vertical stacked columns, one per category (e.g. per year), with a legend above.

    Args:
        chart_id: unique id on the page (prefix of the title and description ids).
        title: the chart's accessible name.
        desc: the chart's description (what it shows, in a sentence or two).
        categories: the x-axis labels.
        series: the stacked series, each with one value per category.
        y_label: the y-axis label.
    """
    column, gap, left, plot_h = 16, 6, 46, 240
    width = max(520, left + len(categories) * (column + gap) + 20)
    legend, legend_h = _legend(series, left, 8, width - left - 10)
    top = 8 + legend_h + 10
    height = top + plot_h + 60
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    y_max = nice_max(max(totals, default=0))
    scale = plot_h / y_max
    out = [_open(chart_id, width, height, title, desc), legend]
    for tick in _ticks(y_max):
        y = top + plot_h - tick * scale
        out.append(f'<line class="pl-grid" x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">{_fmt(tick)}</text>')
    for i, category in enumerate(categories):
        x = left + 4 + i * (column + gap)
        base = float(top + plot_h)
        for s in series:
            value = s.values[i]
            if not value:
                continue
            h = value * scale
            base -= h
            out.append(
                f'<rect x="{x}" y="{base:.1f}" width="{column}" height="{h:.1f}" fill="{esc(s.colour)}">'
                f"<title>{esc(category)}, {esc(s.label)}: {_fmt(value)}</title></rect>"
            )
        out.append(
            f'<text x="{x + column / 2:.1f}" y="{top + plot_h + 12}" text-anchor="end" '
            f'transform="rotate(-60 {x + column / 2:.1f} {top + plot_h + 12})">{esc(category)}</text>'
        )
    out.append(f'<line class="pl-axis" x1="{left}" x2="{width - 10}" y1="{top + plot_h}" y2="{top + plot_h}"/>')
    out.append(
        f'<text x="12" y="{top + plot_h / 2:.0f}" text-anchor="middle" transform="rotate(-90 12 {top + plot_h / 2:.0f})">{esc(y_label)}</text>'
    )
    out.append("</svg>")
    return "".join(out)


def stacked_bars(chart_id: str, title: str, desc: str, categories: Sequence[str], series: Sequence[Series], x_label: str) -> str:
    """Horizontal stacked bars, one per category (e.g. per offence type), with a legend above.

    A single series draws plain bars with their value at the end. Arguments as :func:`stacked_columns`.
    """
    bar, gap, width = 16, 8, 720
    left, right = LABEL_WIDTH, 50
    plot_w = width - left - right
    legend, legend_h = _legend(series, 10, 8, width - 20) if len(series) > 1 else ("", 0)
    top = 8 + legend_h + 6
    height = top + len(categories) * (bar + gap) + 44
    totals = [sum(s.values[i] for s in series) for i in range(len(categories))]
    x_max = nice_max(max(totals, default=0))
    scale = plot_w / x_max
    out = [_open(chart_id, width, height, title, desc), legend]
    plot_bottom = top + len(categories) * (bar + gap)
    for tick in _ticks(x_max):
        x = left + tick * scale
        out.append(f'<line class="pl-grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{plot_bottom}"/>')
        out.append(f'<text x="{x:.1f}" y="{plot_bottom + 14}" text-anchor="middle">{_fmt(tick)}</text>')
    for i, category in enumerate(categories):
        y = top + i * (bar + gap)
        out.append(f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{esc(_cut(category))}<title>{esc(category)}</title></text>')
        x = float(left)
        for s in series:
            value = s.values[i]
            if not value:
                continue
            w = value * scale
            out.append(
                f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{esc(s.colour)}">'
                f"<title>{esc(category)}, {esc(s.label)}: {_fmt(value)}</title></rect>"
            )
            x += w
        out.append(f'<text x="{x + 4:.1f}" y="{y + bar - 4}">{_fmt(totals[i])}</text>')
    out.append(f'<line class="pl-axis" x1="{left}" x2="{left}" y1="{top}" y2="{plot_bottom}"/>')
    out.append(f'<text x="{left + plot_w / 2:.0f}" y="{plot_bottom + 32}" text-anchor="middle">{esc(x_label)}</text>')
    out.append("</svg>")
    return "".join(out)


def box_plot(chart_id: str, title: str, desc: str, rows: Sequence[tuple[str, Spread]], x_label: str) -> str:
    """Horizontal box plots: a line from minimum to maximum, a box from first to third quartile, a mark at the median."""
    bar, gap, width = 16, 10, 720
    left, right = LABEL_WIDTH, 30
    plot_w = width - left - right
    top = 10
    height = top + len(rows) * (bar + gap) + 44
    x_max = nice_max(max((s.maximum for _, s in rows), default=0))
    scale = plot_w / x_max
    out = [_open(chart_id, width, height, title, desc)]
    plot_bottom = top + len(rows) * (bar + gap)
    for tick in _ticks(x_max):
        x = left + tick * scale
        out.append(f'<line class="pl-grid" x1="{x:.1f}" x2="{x:.1f}" y1="{top}" y2="{plot_bottom}"/>')
        out.append(f'<text x="{x:.1f}" y="{plot_bottom + 14}" text-anchor="middle">{_fmt(tick)}</text>')
    for i, (label, s) in enumerate(rows):
        y = top + i * (bar + gap)
        mid = y + bar / 2
        colour = PALETTE[i % len(PALETTE)]
        summary = f"{label}: {s.count} sentence(s), median {_fmt(s.median)}, quartiles {_fmt(s.q1)}–{_fmt(s.q3)}, range {_fmt(s.minimum)}–{_fmt(s.maximum)}"
        out.append(f'<text x="{left - 6}" y="{y + bar - 4}" text-anchor="end">{esc(_cut(label))}</text>')
        out.append(f"<g><title>{esc(summary)}</title>")
        out.append(
            f'<line x1="{left + s.minimum * scale:.1f}" x2="{left + s.maximum * scale:.1f}" y1="{mid}" y2="{mid}" stroke="#424242"/>'
        )
        box_w = max((s.q3 - s.q1) * scale, 2)
        out.append(f'<rect x="{left + s.q1 * scale:.1f}" y="{y}" width="{box_w:.1f}" height="{bar}" fill="{colour}" stroke="#212121"/>')
        med = left + s.median * scale
        out.append(f'<line x1="{med:.1f}" x2="{med:.1f}" y1="{y - 2}" y2="{y + bar + 2}" stroke="#000" stroke-width="3"/>')
        out.append("</g>")
    out.append(f'<line class="pl-axis" x1="{left}" x2="{left}" y1="{top}" y2="{plot_bottom}"/>')
    out.append(f'<text x="{left + plot_w / 2:.0f}" y="{plot_bottom + 32}" text-anchor="middle">{esc(x_label)}</text>')
    out.append("</svg>")
    return "".join(out)
