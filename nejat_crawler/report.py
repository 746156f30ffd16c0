"""The report: one HTML page on the posts and the runs, read offline (pure, no Scrapy).

From the corpus (``nejat_crawler.corpus``) it draws the posts per month of
publication and edition; from the runs' manifests, oldest first, the field
coverage of the last runs, the changes, requests and errors of each run, and
the health verdict of the last one.

The page is one file: CSS inline, charts as inline SVG, no script and no
URL to fetch, so it opens from an archive or a mail attachment years later.
Each chart comes with a plain table of the numbers it draws, every number
cell naming what it counts in ``data-*`` attributes (``data-edition``,
``data-month``, ``data-run``, ``data-change``…), so a program reads the page
as well as a person, and a test checks it against the corpus.

Every string from the data goes through ``html.escape``; charts scale to
0, 1 or hundreds of bars.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any

import duckdb

from nejat_crawler.schema import post_schema
from nejat_crawler.text import plural

MAX_COVERAGE_RUNS = 10
"""Runs whose field coverage the report shows: the last ones, enough to see a trend."""

# Okabe–Ito: told apart with every common colour-vision deficiency.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")

# Chart geometry, in SVG user units (CSS pixels).
PLOT_WIDTH, PLOT_HEIGHT = 720, 220
MIN_SLOT, MAX_SLOT = 3, 48
"""Room per bar (per group of bars side by side): hundreds of bars widen the chart (it scrolls), a few stay narrow."""
LEFT, RIGHT, TOP, BOTTOM = 104, 16, 12, 128
"""Margins around the plot: a run label (19 characters at 45°) under the first bar needs the room on the left."""
LABEL_ROOM = 20
"""Horizontal room an x label needs: the labels are thinned out to fit."""
LEGEND_ROW = 20

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 64em; padding: 0 1em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.25em; margin-top: 2em; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05em; margin-bottom: .2em; }
.chart { overflow-x: auto; } svg { display: block; }
svg text { font: 12px system-ui, sans-serif; fill: #333; }
table { border-collapse: collapse; margin: .5em 0; font-variant-numeric: tabular-nums; }
th, td { border: 1px solid #ddd; padding: .2em .6em; text-align: right; }
th:first-child, td:first-child { text-align: left; }
.healthy { color: #006b3c; } .unhealthy { color: #b00020; }
.note { color: #555; }
"""


@dataclass(frozen=True)
class Run:
    """What the report reads from one manifest; a missing or malformed value reads as empty or 0."""

    key: str
    """The run's file name, the ``data-run`` of its cells."""
    label: str
    """Its start, to the second: the x label of its bars.  Runs a few seconds apart (a run
    started again at once) happen, and two bars under the same label would read as one run."""
    manifest: Mapping[str, Any]

    @classmethod
    def of(cls, manifest: Mapping[str, Any], position: int) -> Run:
        key = _text(manifest.get("run_file")) or f"run {position}"
        started = _text(manifest.get("started_at"))
        return cls(key=key, label=started[:19].replace("T", " ") or key, manifest=manifest)

    def changes(self) -> dict[str, int]:
        """Items per change, summed over the editions."""
        totals: dict[str, int] = {}
        for counts in _mapping(self.manifest.get("changes")).values():
            for change, count in _mapping(counts).items():
                totals[change] = totals.get(change, 0) + _count(count)
        return totals

    def coverage(self) -> Mapping[str, Mapping[str, Any]]:
        return {edition: _mapping(shares) for edition, shares in _mapping(self.manifest.get("coverage")).items()}

    def requests(self) -> int:
        return _count(self.manifest.get("requests"))

    def errors(self) -> dict[str, int]:
        return {kind: _count(count) for kind, count in _mapping(self.manifest.get("errors")).items()}


@dataclass(frozen=True)
class Chart:
    """Bars: one bar per category, one segment per series; or, not ``stacked``, one bar per series side by side."""

    title: str
    x_label: str
    y_label: str
    categories: Sequence[str]
    series: Sequence[str]
    values: Sequence[Sequence[int]]
    """``values[category][series]``."""
    stacked: bool = True
    """False for series that overlap (a failed post page is also an error logged): a sum would count twice."""


def build_report(corpus: duckdb.DuckDBPyConnection, manifests: Sequence[Mapping[str, Any]]) -> str:
    """The report page of the table ``corpus`` and of the ``manifests`` of its runs, oldest first."""
    runs = [Run.of(manifest, position) for position, manifest in enumerate(manifests, start=1)]
    body = "\n".join(
        (
            _summary_section(corpus, runs),
            _health_section(runs[-1] if runs else None),
            _posts_section(corpus),
            _coverage_section(runs[-MAX_COVERAGE_RUNS:]),
            _changes_section(runs),
            _requests_section(runs),
        )
    )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>nejat-crawler report</title>\n<style>{STYLE}</style>\n</head>\n"
        f"<body>\n<h1>nejat-crawler report</h1>\n{body}\n</body>\n</html>\n"
    )


# --- sections ------------------------------------------------------------------


def _summary_section(corpus: duckdb.DuckDBPyConnection, runs: Sequence[Run]) -> str:
    posts, deleted = corpus.execute("SELECT count(*), count(deleted_at) FROM corpus").fetchone() or (0, 0)
    span = f", started {escape(runs[0].label)} to {escape(runs[-1].label)}" if runs else ""
    return (
        f'<p id="summary" data-posts="{posts}" data-deleted="{deleted}" data-runs="{len(runs)}">'
        f"{posts:,} posts known, {deleted:,} of them deleted; {plural(len(runs), 'run manifest')} read{span}.</p>"
    )


def _health_section(last: Run | None) -> str:
    heading = "<h2>Health of the last run</h2>"
    if last is None:
        return f'<section id="health">{heading}<p class="note">No run manifest was read.</p></section>'
    healthy = last.manifest.get("healthy")
    verdict = "healthy" if healthy is True else "unhealthy" if healthy is False else "unknown"
    problems = last.manifest.get("problems")
    listed = "".join(
        f"<li data-problem>{escape(problem)}</li>"
        for problem in (problems if isinstance(problems, list) else [])
        if isinstance(problem, str)
    )
    finish = _text(last.manifest.get("finish_reason")) or "unknown"
    return (
        f'<section id="health" data-run="{escape(last.key)}" data-verdict="{verdict}">{heading}'
        f"<p>Run {escape(last.key)} (started {escape(last.label)}, finish reason {escape(finish)}): "
        f'<strong class="{verdict}">{verdict}</strong>.</p>'
        + (f'<ul class="problems">{listed}</ul>' if listed else "")
        + "</section>"
    )


def _posts_section(corpus: duckdb.DuckDBPyConnection) -> str:
    counted = corpus.execute(
        "SELECT edition, strftime(published, '%Y-%m') AS month, count(*) FROM corpus"
        " WHERE deleted_at IS NULL AND published IS NOT NULL GROUP BY ALL"
    ).fetchall()
    undated = corpus.execute(
        "SELECT edition, count(*) FROM corpus WHERE deleted_at IS NULL AND published IS NULL GROUP BY ALL"
    ).fetchall()
    counts = {(edition, month): count for edition, month, count in counted}
    editions = _editions(edition for edition, _ in counts)
    months = _month_range(month for _, month in counts)
    chart = Chart(
        title="Posts per month of publication",
        x_label="month published",
        y_label="posts",
        categories=months,
        series=editions,
        values=[[counts.get((edition, month), 0) for edition in editions] for month in months],
    )
    rows = [
        [escape(month)] + [_cell(counts.get((edition, month), 0), edition=edition, month=month) for edition in editions]
        for month in months
    ]
    return (
        '<section id="posts"><h2>Posts per month</h2>'
        "<p>Posts not deleted, by edition and by the month of their <code>published</code> date.</p>"
        + _figure(chart, ["month", *editions], rows)
        + _undated_note(sorted(undated, key=lambda pair: _edition_rank(pair[0])))
        + "</section>"
    )


def _undated_note(undated: Sequence[tuple[str, int]]) -> str:
    if not undated:
        return '<p class="note" data-undated="0">Every post has a published date.</p>'
    total = sum(count for _, count in undated)
    parts = ", ".join(
        f'<span data-edition="{escape(edition)}" data-undated="{count}">{escape(edition)} {count:,}</span>'
        for edition, count in undated
    )
    return (
        f'<p class="note" data-undated="{total}">{total:,} posts without a published date are not counted: {parts}.</p>'
    )


def _coverage_section(runs: Sequence[Run]) -> str:
    heading = "<h2>Field coverage of the last runs</h2>"
    coverages = [(run, run.coverage()) for run in runs]
    fields = _union(shares for _, coverage in coverages for shares in coverage.values())
    rows = [
        [escape(run.label), escape(edition)]
        + [_share_cell(shares.get(field), run=run.key, edition=edition, field=field) for field in fields]
        for run, coverage in coverages
        for edition, shares in sorted(coverage.items(), key=lambda pair: _edition_rank(pair[0]))
    ]
    if not rows:
        return f'<section id="coverage">{heading}<p class="note">No run recorded any post.</p></section>'
    return (
        f'<section id="coverage">{heading}'
        f"<p>Of the last {plural(len(runs), 'run')}, the share of each edition's posts with the field filled.</p>"
        + _table(["run", "edition", *fields], rows)
        + "</section>"
    )


def _changes_section(runs: Sequence[Run]) -> str:
    kinds = [change for change in post_schema()["properties"]["change"]["enum"] if change != "unchanged"]
    totals = [run.changes() for run in runs]
    chart = Chart(
        title="Changes per run",
        x_label="run (start, UTC)",
        y_label="posts",
        categories=[run.label for run in runs],
        series=kinds,
        values=[[changes.get(kind, 0) for kind in kinds] for changes in totals],
    )
    rows = [
        [escape(run.label)] + [_cell(changes.get(kind, 0), run=run.key, change=kind) for kind in kinds]
        for run, changes in zip(runs, totals, strict=True)
    ]
    return (
        '<section id="changes"><h2>Changes per run</h2>'
        "<p>Posts each run found new, updated, restored or deleted, all editions together.</p>"
        + _figure(chart, ["run", *kinds], rows)
        + "</section>"
    )


def _requests_section(runs: Sequence[Run]) -> str:
    labels = [run.label for run in runs]
    errors = [run.errors() for run in runs]
    kinds = _union(errors)
    requests_chart = Chart(
        "Requests per run", "run (start, UTC)", "requests", labels, ["requests"], [[run.requests()] for run in runs]
    )
    errors_chart = Chart(
        "Errors per run",
        "run (start, UTC)",
        "errors",
        labels,
        kinds,
        [[counts.get(kind, 0) for kind in kinds] for counts in errors],
        stacked=False,
    )
    rows = [
        [
            escape(run.label),
            f'<td data-run="{escape(run.key)}" data-requests="{run.requests()}">{run.requests():,}</td>',
        ]
        + [_cell(counts.get(kind, 0), run=run.key, error=kind) for kind in kinds]
        for run, counts in zip(runs, errors, strict=True)
    ]
    return (
        '<section id="requests"><h2>Requests and errors per run</h2>'
        f'<h3>{requests_chart.title}</h3><div class="chart">{bar_chart(requests_chart)}</div>'
        f"<h3>{errors_chart.title}</h3>"
        "<p>Error log lines, post pages that failed for good and listing chains cut short; one may cause another.</p>"
        + _figure(errors_chart, ["run", "requests", *kinds], rows)
        + "</section>"
    )


# --- charts ----------------------------------------------------------------------


def bar_chart(chart: Chart) -> str:
    """``chart`` as an SVG element: its bars, a y axis with round ticks, x labels thinned out to fit, a legend."""
    count = len(chart.categories)
    bars_per_slot = 1 if chart.stacked else max(1, len(chart.series))
    slot = min(MAX_SLOT, max(MIN_SLOT * bars_per_slot, PLOT_WIDTH / count)) if count else MAX_SLOT
    plot_width = max(slot * count, PLOT_WIDTH / 2)  # a few bars keep room for the legend and the labels
    width = LEFT + plot_width + RIGHT
    legend, legend_height = _legend(chart.series, width - RIGHT)
    top = TOP + legend_height
    height = top + PLOT_HEIGHT + BOTTOM
    heights = (sum(values) if chart.stacked else max(values, default=0) for values in chart.values)
    axis_top, step = _axis_top(max(heights, default=0))
    scale = PLOT_HEIGHT / axis_top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height}" '
        f'viewBox="0 0 {width:.0f} {height}" role="img"><title>{escape(chart.title)}</title>',
        legend,
        f'<g transform="translate({LEFT},{top})">',
        _y_axis(axis_top, step, scale, plot_width, chart.y_label),
        *_bars(chart, slot, scale),
        _x_axis(chart, slot, plot_width),
        "</g></svg>",
    ]
    return "".join(parts)


def _legend(series: Sequence[str], right: float) -> tuple[str, int]:
    """The legend's swatches, wrapped before ``right``; and the height it takes."""
    items, x, row = [], 0.0, 0
    for index, name in enumerate(series):
        item_width = 28 + 7 * len(name)
        if x and LEFT + x + item_width > right:
            x, row = 0.0, row + 1
        y = TOP + row * LEGEND_ROW
        items.append(
            f'<rect x="{LEFT + x:.0f}" y="{y}" width="12" height="12" fill="{_colour(index)}"/>'
            f'<text x="{LEFT + x + 16:.0f}" y="{y + 10}">{escape(name)}</text>'
        )
        x += item_width
    height = (row + 1) * LEGEND_ROW + 8 if series else 0
    return "".join(items), height


def _y_axis(axis_top: int, step: int, scale: float, plot_width: float, label: str) -> str:
    ticks = []
    for value in range(0, axis_top + 1, step):
        y = PLOT_HEIGHT - value * scale
        ticks.append(
            f'<line x1="0" x2="{plot_width:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="#e5e5e5"/>'
            f'<text x="-6" y="{y + 4:.1f}" text-anchor="end">{value:,}</text>'
        )
    return (
        "".join(ticks)
        + f'<line x1="0" x2="0" y1="0" y2="{PLOT_HEIGHT}" stroke="#444"/>'
        + f'<text transform="translate({-LEFT + 14},{PLOT_HEIGHT / 2:.0f}) rotate(-90)" text-anchor="middle">'
        + f"{escape(label)}</text>"
    )


def _bars(chart: Chart, slot: float, scale: float) -> Iterable[str]:
    group_width = slot * 0.8
    bar_width = group_width if chart.stacked else group_width / max(1, len(chart.series))
    for position, (category, values) in enumerate(zip(chart.categories, chart.values, strict=True)):
        left = position * slot + (slot - group_width) / 2
        base = float(PLOT_HEIGHT)
        for index, value in enumerate(values):
            height = max(0, value) * scale
            x, y = (left, base - height) if chart.stacked else (left + index * bar_width, PLOT_HEIGHT - height)
            if chart.stacked:
                base = y
            if height:
                name = f"{category} {chart.series[index]}: {value:,}"
                yield (
                    f'<rect x="{x:.2f}" y="{y:.1f}" width="{bar_width:.2f}" height="{height:.1f}" '
                    f'fill="{_colour(index)}"><title>{escape(name)}</title></rect>'
                )


def _x_axis(chart: Chart, slot: float, plot_width: float) -> str:
    parts = [f'<line x1="0" x2="{plot_width:.1f}" y1="{PLOT_HEIGHT}" y2="{PLOT_HEIGHT}" stroke="#444"/>']
    count = len(chart.categories)
    if not count:
        parts.append(f'<text x="{plot_width / 2:.0f}" y="{PLOT_HEIGHT / 2:.0f}" text-anchor="middle">no data</text>')
    every = max(1, math.ceil(LABEL_ROOM / slot)) if count else 1
    for position in range(0, count, every):
        x = position * slot + slot / 2
        parts.append(
            f'<text transform="translate({x:.1f},{PLOT_HEIGHT + 12}) rotate(-45)" text-anchor="end">'
            f"{escape(chart.categories[position])}</text>"
        )
    parts.append(
        f'<text x="{plot_width / 2:.0f}" y="{PLOT_HEIGHT + BOTTOM - 8}" text-anchor="middle">'
        f"{escape(chart.x_label)}</text>"
    )
    return "".join(parts)


def _axis_top(maximum: int) -> tuple[int, int]:
    """A round top for the y axis at or above ``maximum``, and its tick step (1 or 2, 5 times a power of ten)."""
    if maximum <= 0:
        return 1, 1  # an empty chart keeps an axis: no division by zero
    rough = maximum / 4
    magnitude = 10 ** math.floor(math.log10(rough))
    step = max(1, math.ceil(next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)))
    return step * math.ceil(maximum / step), step


# --- tables and cells ------------------------------------------------------------


def _figure(chart: Chart, header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """The chart, then its numbers in a table folded under it."""
    return (
        f'<div class="chart">{bar_chart(chart)}</div>'
        f"<details><summary>The numbers of “{escape(chart.title)}”</summary>{_table(header, rows)}</details>"
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A table; row cells that are not ``<td>`` already are the row's escaped label."""
    head = "".join(f"<th>{escape(name)}</th>" for name in header)
    body = "".join(
        "<tr>" + "".join(cell if cell.startswith("<td") else f"<td>{cell}</td>" for cell in row) + "</tr>"
        for row in rows
    )
    if not rows:
        body = f'<tr><td colspan="{len(header)}">no data</td></tr>'
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _cell(count: int, **names: str) -> str:
    attributes = "".join(f' data-{key}="{escape(value)}"' for key, value in names.items())
    return f'<td{attributes} data-count="{count}">{count:,}</td>'


def _share_cell(share: Any, **names: str) -> str:
    attributes = "".join(f' data-{key}="{escape(value)}"' for key, value in names.items())
    if not isinstance(share, int | float) or isinstance(share, bool):
        return f"<td{attributes}>–</td>"
    # Red at 0 through yellow to green at 1: a gap in coverage shows at a glance.
    hue = round(max(0.0, min(1.0, share)) * 120)
    return f'<td{attributes} data-share="{share}" style="background: hsl({hue}, 70%, 85%)">{share:.0%}</td>'


# --- values ------------------------------------------------------------------------


def _editions(codes: Iterable[str]) -> list[str]:
    return sorted(set(codes), key=_edition_rank)


def _edition_rank(code: str) -> tuple[int, str]:
    """The schema's order of the editions (en, ar, fa, sq); anything else after them."""
    known = post_schema()["properties"]["edition"]["enum"]
    return (known.index(code), code) if code in known else (len(known), str(code))


def _month_range(months: Iterable[str]) -> list[str]:
    """Every month from the first to the last of ``months`` (``YYYY-MM``): an empty month shows as a gap."""
    present = sorted(set(months))
    if not present:
        return []
    first_year, first_month = map(int, present[0].split("-"))
    last_year, last_month = map(int, present[-1].split("-"))
    return [
        f"{index // 12:04d}-{index % 12 + 1:02d}"
        for index in range(first_year * 12 + first_month - 1, last_year * 12 + last_month)
    ]


def _union(mappings: Iterable[Mapping[str, Any]]) -> list[str]:
    """The keys of ``mappings``, each once, in the order first met."""
    return list(dict.fromkeys(key for mapping in mappings for key in mapping))


def _colour(index: int) -> str:
    return PALETTE[index % len(PALETTE)]


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, Mapping) else {}


def _count(value: Any) -> int:
    """A count from a manifest: a number, or 0 for anything missing or not a number."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return 0
    return int(value)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""
