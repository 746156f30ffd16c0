"""The report: the real ``scrapy report`` on synthetic runs, its numbers read back from the page.

The per-month counts are checked against DuckDB on the corpus ``scrapy
corpus`` writes, the per-run numbers against the manifests, cell by cell.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest
from parsel import Selector

from nejat_crawler.corpus import find_run_files, open_corpus, read_manifest
from nejat_crawler.report import MAX_COVERAGE_RUNS, Run, build_report
from tests.history_runs import at, deletion_line, post_line, scrapy, write_run

SVG = re.compile(r"<svg\b.*?</svg>", re.DOTALL)
PROBLEM = '3 ERROR log lines, one <script>alert("x")</script> & more'


@dataclass
class Report:
    page: Selector
    html: str
    manifests: list[dict[str, Any]]
    """Of the runs the report reads, oldest first."""
    corpus: Path
    """The same runs' corpus, written by ``scrapy corpus``."""


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    """Three runs and a replay: edits, a deletion and a restore, an undated post, errors, an unhealthy end."""
    folder = tmp_path_factory.mktemp("report")
    output = folder / "output"
    first = [post_line("en", n, at(1), published=f"2024-0{5 + n % 2}-0{n}") for n in range(1, 5)]
    first += [post_line("ar", 10, at(1), published="2024-05-09"), post_line("fa", 20, at(1), published=None)]
    write_run(output, at(1), first, requests=120)
    second = [
        post_line("en", 1, at(2), "updated", published="2024-06-01", title="Edited"),
        post_line("en", 5, at(2), published="2024-08-15"),  # July stays a gap
        post_line("ar", 10, at(2), "unchanged", published="2024-05-09"),  # not drawn
        deletion_line("en", 2, at(2), at(1)),
    ]
    errors = {"log_errors": 2, "failed_post_pages": 1, "failed_listing_chains": 0}
    write_run(output, at(2), second, requests=340, errors=errors)
    write_run(output, at(3), [post_line("en", 3, at(3), "updated", title="Replayed")], source=["old.warc.gz"])
    third = [
        post_line("en", 2, at(4), "restored", published="2024-06-02"),
        post_line("sq", 30, at(4), published=None),
        deletion_line("en", 4, at(4), at(1)),  # deleted for good: not counted
    ]
    errors = {"log_errors": 3, "failed_post_pages": 0, "failed_listing_chains": 1}
    write_run(output, at(4), third, requests=95, errors=errors, healthy=False, problems=[PROBLEM, "en: listing cut"])

    target, corpus = folder / "report.html", folder / "corpus.parquet"
    for command, file in (("report", target), ("corpus", corpus)):
        result = scrapy(command, "-O", str(file), output=output)
        assert result.returncode == 0, result.stderr
    assert result.stdout
    html = target.read_text(encoding="utf-8")
    manifests = [manifest for path in find_run_files(output) if (manifest := read_manifest(path))]
    return Report(Selector(text=html), html, manifests, corpus)


def cells(page: Selector, selector: str, *names: str) -> dict[tuple[str, ...], str]:
    """The ``data-*`` values of the cells matching ``selector``: ``names`` -> ``data-count``."""
    found = {}
    for cell in page.css(selector):
        key = tuple(cell.attrib[f"data-{name}"] for name in names)
        assert key not in found, key
        found[key] = cell.attrib["data-count"]
    return found


# --- the numbers -------------------------------------------------------------------


def test_the_posts_per_month_are_the_corpus_counted_by_duckdb(report):
    drawn = {key: int(count) for key, count in cells(report.page, "td[data-month]", "edition", "month").items()}
    counted = duckdb.sql(
        f"SELECT edition, strftime(published, '%Y-%m'), count(*) FROM '{report.corpus}'"
        " WHERE deleted_at IS NULL AND published IS NOT NULL GROUP BY ALL"
    ).fetchall()

    assert {key: count for key, count in drawn.items() if count} == {(e, m): c for e, m, c in counted}
    # And by hand, so a wrong filter shared by the report and the query above still shows: en 1, 3 and
    # the restored 2 in June, en 5 in August, ar 10 in May; en 4 deleted, en 3's replayed edit not read.
    assert {key: count for key, count in drawn.items() if count} == {
        ("en", "2024-06"): 3,
        ("en", "2024-08"): 1,
        ("ar", "2024-05"): 1,
    }
    months = sorted({month for _, month in drawn})
    assert months == ["2024-05", "2024-06", "2024-07", "2024-08"]  # every month, the empty one too
    assert drawn["en", "2024-07"] == 0
    [(undated,)] = duckdb.sql(
        f"SELECT count(*) FROM '{report.corpus}' WHERE deleted_at IS NULL AND published IS NULL"
    ).fetchall()
    note = report.page.css("#posts p[data-undated]")
    assert int(note.attrib["data-undated"]) == undated == 2
    assert {span.attrib["data-edition"]: span.attrib["data-undated"] for span in note.css("span")} == {
        "fa": "1",
        "sq": "1",
    }


def test_the_changes_requests_and_errors_of_each_run_are_its_manifests(report):
    runs = [manifest["run_file"] for manifest in report.manifests]
    assert len(runs) == 3 and not any("Replayed" in line for line in report.html.splitlines())
    changes = cells(report.page, "td[data-change]", "run", "change")
    errors = cells(report.page, "td[data-error]", "run", "error")
    requests = {cell.attrib["data-run"]: cell.attrib["data-requests"] for cell in report.page.css("td[data-requests]")}

    expected_changes: dict[tuple[str, str], int] = defaultdict(int)
    for manifest in report.manifests:
        for counts in manifest["changes"].values():
            for change, count in counts.items():
                if change != "unchanged":
                    expected_changes[manifest["run_file"], change] += count
    assert {key: int(count) for key, count in changes.items() if int(count)} == expected_changes
    assert {run for run, _ in changes} == set(runs)
    assert {run: int(count) for run, count in requests.items()} == {
        m["run_file"]: m["requests"] for m in report.manifests
    }
    assert {key: int(count) for key, count in errors.items()} == {
        (manifest["run_file"], kind): count
        for manifest in report.manifests
        for kind, count in manifest["errors"].items()
    }


def test_the_coverage_is_the_manifests(report):
    shares = {
        (cell.attrib["data-run"], cell.attrib["data-edition"], cell.attrib["data-field"]): float(
            cell.attrib["data-share"]
        )
        for cell in report.page.css("td[data-share]")
    }
    assert shares == {
        (manifest["run_file"], edition, field): share
        for manifest in report.manifests
        for edition, fields in manifest["coverage"].items()
        for field, share in fields.items()
    }


def test_the_verdict_is_the_last_runs(report):
    last = report.manifests[-1]
    health = report.page.css("#health")
    assert health.attrib["data-run"] == last["run_file"]
    assert health.attrib["data-verdict"] == "unhealthy" and last["healthy"] is False
    assert health.css("li[data-problem]::text").getall() == last["problems"] == [PROBLEM, "en: listing cut"]
    # The problem's markup is text, not markup.
    assert not report.page.css("script") and "&lt;script&gt;" in report.html


def test_the_summary_counts_the_corpus(report):
    [(posts, deleted)] = duckdb.sql(f"SELECT count(*), count(deleted_at) FROM '{report.corpus}'").fetchall()
    summary = report.page.css("#summary")
    assert (int(summary.attrib["data-posts"]), int(summary.attrib["data-deleted"])) == (posts, deleted)
    assert int(summary.attrib["data-runs"]) == len(report.manifests)


# --- the page ----------------------------------------------------------------------


def test_the_page_fetches_nothing(report):
    links = report.page.xpath("//@src | //@href").getall()
    assert all(not re.match(r"\s*(https?:)?//", link) or "nejatngo.org" in link for link in links), links
    assert not report.page.css("script, link[rel~=stylesheet], iframe, object, embed, img")
    assert "@import" not in report.html and "url(" not in report.html


def test_each_chart_is_valid_svg_with_a_title_and_bars_in_view(report):
    charts = SVG.findall(report.html)
    assert len(charts) == 4
    for chart in charts:
        check_svg(chart)


def test_an_empty_history_still_renders(tmp_path):
    write_run(tmp_path, at(1), [], requests=0)  # a run that found nothing to report

    result = scrapy("report", "-O", str(tmp_path / "report.html"), output=tmp_path)

    assert result.returncode == 0, result.stderr
    html = (tmp_path / "report.html").read_text(encoding="utf-8")
    page = Selector(text=html)
    assert not page.css("td[data-month]") and page.css("#health").attrib["data-verdict"] == "healthy"
    for chart in SVG.findall(html):
        check_svg(chart)
    with open_corpus([]) as corpus:
        nothing = build_report(corpus, [])
    assert Selector(text=nothing).css("#summary").attrib["data-posts"] == "0"
    assert len(SVG.findall(nothing)) == 4
    for chart in SVG.findall(nothing):
        check_svg(chart)


def test_hundreds_of_runs_stay_readable(tmp_path):
    manifests = [
        {
            "run_file": f"run-{number}.jsonl",
            "started_at": f"2026-{1 + number // 28 % 12:02d}-{1 + number % 28:02d}T03:00:00+00:00",
            "changes": {"en": {"new": number % 7, "deleted": number % 2}},
            "coverage": {"en": {"published": 1.0}},
            "requests": 1000 + number,
            "errors": {"log_errors": number % 3, "failed_post_pages": number % 2, "failed_listing_chains": 1},
        }
        for number in range(300)
    ]
    with open_corpus([]) as corpus:
        html = build_report(corpus, manifests)

    page = Selector(text=html)
    assert len(page.css("td[data-change]")) == 300 * 4
    assert len({cell.attrib["data-run"] for cell in page.css("td[data-share]")}) == MAX_COVERAGE_RUNS
    for chart in SVG.findall(html):
        check_svg(chart)


def test_a_manifest_with_missing_or_odd_values_is_read_as_empty(tmp_path):
    old = {"run_file": "old.jsonl", "changes": {"en": {"new": "many"}}, "errors": None, "problems": "not a list"}
    odd = {"run_file": '<i>"odd"</i>.jsonl', "errors": {"<i>kind</i>": 2}, "coverage": {"<i>": {"<i>": 0.5}}}
    with open_corpus([]) as corpus:
        html = build_report(corpus, [odd, old])
    page = Selector(text=html)
    assert page.css("#health").attrib["data-verdict"] == "unknown"
    assert page.css('td[data-run="old.jsonl"][data-change="new"]').attrib["data-count"] == "0"
    assert page.css('td[data-run="old.jsonl"][data-requests]').attrib["data-requests"] == "0"
    # Names from the data are text everywhere: in the tables, the legends and the labels.
    assert not page.css("i") and page.css("td[data-error]").attrib["data-error"] == "<i>kind</i>"
    assert page.css("td[data-share]").attrib["data-run"] == '<i>"odd"</i>.jsonl'
    for chart in SVG.findall(html):
        check_svg(chart)


# --- the command -------------------------------------------------------------------


def test_no_finished_run_and_a_wrong_suffix_are_usage_errors(tmp_path):
    result = scrapy("report", "-O", str(tmp_path / "report.html"), output=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [
        f'scrapy: error: no finished runs in {tmp_path / "runs"}: run "scrapy crawl nejat" first'
    ]
    write_run(tmp_path, at(1), [post_line("en", 1, at(1))])
    result = scrapy("report", "-O", str(tmp_path / "report.pdf"), output=tmp_path)
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"scrapy: error: -O must name a .html file, not {tmp_path / 'report.pdf'}"]
    assert not list(tmp_path.glob("report.*"))


def test_a_broken_manifest_names_its_file(tmp_path):
    run = write_run(tmp_path, at(1), [post_line("en", 1, at(1))])
    manifest = run.with_name(run.stem + ".manifest.json")
    manifest.write_text(json.dumps(read_manifest(run))[:-10], encoding="utf-8")

    result = scrapy("report", "-O", str(tmp_path / "report.html"), output=tmp_path)

    assert result.returncode == 1
    [line] = result.stderr.splitlines()
    assert line.startswith(f"scrapy: error: cannot read {manifest}: ")
    assert not (tmp_path / "report.html").exists()


def check_svg(chart: str) -> None:
    """Well-formed XML with a title, every bar drawn inside the chart's view box."""
    root = ElementTree.fromstring(chart)
    namespace = "{http://www.w3.org/2000/svg}"
    assert root.tag == f"{namespace}svg" and root.find(f"{namespace}title") is not None
    width, height = (float(value) for value in root.attrib["viewBox"].split()[2:])
    assert 0 < width < 5000 and 0 < height < 1000
    plot = root.find(f"{namespace}g")
    assert plot is not None
    left, top = (float(value) for value in re.findall(r"[\d.]+", plot.attrib["transform"]))
    for bar in plot.iter(f"{namespace}rect"):
        x, y, w, h = (float(bar.attrib[name]) for name in ("x", "y", "width", "height"))
        assert h > 0 and 2 <= w <= 40  # neither a hairline nor a slab
        assert left + x >= 0 and top + y >= 0 and left + x + w <= width and top + y + h <= height


def test_runs_started_in_the_same_minute_have_labels_of_their_own():
    first = Run.of({"run_file": "a.jsonl", "started_at": "2026-12-02T05:10:03+00:00"}, 1)
    second = Run.of({"run_file": "b.jsonl", "started_at": "2026-12-02T05:10:41+00:00"}, 2)
    assert (first.label, second.label) == ("2026-12-02 05:10:03", "2026-12-02 05:10:41")
