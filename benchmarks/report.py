"""What ``benchmarks.run`` found: medians, ratios, RSS curves and growth, projections, targets, markdown.

Pure functions of the runs and of the result dict ``benchmarks.run`` builds,
so a saved result JSON can be reported again::

    .venv/bin/python -m benchmarks.report benchmarks/out/result-….json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
from pathlib import Path
from typing import TYPE_CHECKING, Any

import scrapy
from scrapy.settings import Settings

from benchmarks.site import LIVE_SIZES

if TYPE_CHECKING:
    from benchmarks.run import Run

SUMMARISED = ("ours", "bare", "pages", "reference", "warc")
"""Tools with medians; the incremental run has figures of its own."""
CPU_RATIOS = (("ours", "bare"), ("pages", "bare"), ("ours", "pages"), ("ours", "reference"), ("warc", "ours"))
"""ours/bare is the issue's figure; pages/bare is the extraction, ours/pages everything else;
warc/ours what the WARC capture costs (issue 11)."""
RSS_PERCENTS = (10, 25, 50, 75, 100)
"""Where in each run's wall time its RSS curve is read for the summary."""

# Issue 10's targets.
REQUESTS_PER_POST_TARGETS = {"listing": 0.11, "articles": 1.12}
CPU_RATIO_TARGET = 1.3
BENCH_RATIO_TARGET = 0.8
INCREMENTAL_REQUESTS_PER_EDITION_TARGET = 1
RSS_RATIO_TARGET = 1.1
# Issue 11's: the WARC capture's cost over the same crawl without it.
WARC_CPU_RATIO_TARGET = 1.15
WARC_RSS_RATIO_TARGET = 1.1
POLITENESS_SETTINGS = (
    "DOWNLOAD_DELAY",
    "RANDOMIZE_DOWNLOAD_DELAY",
    "CONCURRENT_REQUESTS",
    "CONCURRENT_REQUESTS_PER_DOMAIN",
    "AUTOTHROTTLE_ENABLED",
    "AUTOTHROTTLE_START_DELAY",
    "AUTOTHROTTLE_MAX_DELAY",
    "AUTOTHROTTLE_TARGET_CONCURRENCY",
)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def rss_at(curve: list[tuple[float, float]], wall_s: float, percent: float) -> float | None:
    """The RSS sample nearest to ``percent`` % of the run's wall time."""
    moment = wall_s * percent / 100
    return min(curve, key=lambda point: abs(point[0] - moment))[1] if curve else None


def summarise(runs: list[Run]) -> dict[str, Any]:
    """Per mode: medians per tool, CPU ratios (of medians and paired by repeat), peak RSS ours/bare."""
    summary: dict[str, Any] = {}
    for mode in dict.fromkeys(run.mode for run in runs):
        by_tool = {tool: [r for r in runs if r.mode == mode and r.tool == tool] for tool in SUMMARISED}
        by_tool = {tool: chosen for tool, chosen in by_tool.items() if chosen}
        medians = {tool: _medians(chosen) for tool, chosen in by_tool.items()}
        ratios = {
            f"{a}/{b}": _cpu_ratio(medians, by_tool, a, b) for a, b in CPU_RATIOS if a in medians and b in medians
        }
        rss_ratio = _ratio(medians, "ours", "bare", "peak_rss_mb")
        summary[mode] = {"medians": medians, "cpu_ratios": ratios, "peak_rss_ratio_ours_bare": rss_ratio}
        if "warc" in medians:
            summary[mode]["peak_rss_ratio_warc_ours"] = _ratio(medians, "warc", "ours", "peak_rss_mb")
    return summary


def _medians(runs: list[Run]) -> dict[str, Any]:
    keys = ("wall_s", "cpu_s", "peak_rss_mb", "server_cpu_s", "requests", "pages", "items")
    values: dict[str, Any] = {key: median([float(getattr(run, key)) for run in runs]) for key in keys}
    rates = [run.rates() for run in runs]
    values |= {key: median([rate[key] for rate in rates]) for key in rates[0]}
    values["runs"] = len(runs)
    values["failed_runs"] = sum(run.returncode != 0 for run in runs)
    points = {
        p: [rss for run in runs if (rss := rss_at(run.rss_curve, run.wall_s, p)) is not None] for p in RSS_PERCENTS
    }
    values["rss_at_percent"] = {str(p): median(found) if found else None for p, found in points.items()}
    return values


def _ratio(medians: dict[str, Any], a: str, b: str, key: str) -> float | None:
    if a not in medians or b not in medians or not medians[b][key]:
        return None
    return round(medians[a][key] / medians[b][key], 2)


def _cpu_ratio(medians: dict[str, Any], by_tool: dict[str, list[Run]], a: str, b: str) -> dict[str, Any]:
    paired = [x.cpu_s / y.cpu_s for x in by_tool[a] for y in by_tool[b] if x.repeat == y.repeat and y.cpu_s]
    return {
        "of_medians": _ratio(medians, a, b, "cpu_s"),
        "paired_median": round(statistics.median(paired), 2) if paired else None,
    }


def growth(sizes: dict[str, Any]) -> dict[str, Any] | None:
    """Median peak RSS of each tool and mode from the smallest size to the largest; None with one size."""
    if len(sizes) < 2:
        return None
    ordered = sorted(sizes, key=int)
    small, large = sizes[ordered[0]], sizes[ordered[-1]]
    table: dict[str, Any] = {"from_posts": small["posts"], "to_posts": large["posts"], "modes": {}}
    for mode, entry in large["summary"].items():
        before = small["summary"].get(mode, {}).get("medians", {})
        rows = {}
        for tool, after in entry["medians"].items():
            if tool in before:
                start, end = before[tool]["peak_rss_mb"], after["peak_rss_mb"]
                rows[tool] = {"from_mb": start, "to_mb": end, "growth_mb": round(end - start, 1)}
                rows[tool]["ratio"] = round(end / start, 2)
        table["modes"][mode] = rows
    return table


def politeness() -> dict[str, Any]:
    """The project's default politeness settings, as ``scrapy crawl nejat`` gets them."""
    settings = Settings()
    settings.setmodule("nejat_crawler.settings", priority="project")
    return {name: settings[name] for name in POLITENESS_SETTINGS}


def projection(sizes: dict[str, Any]) -> dict[str, Any] | None:
    """A polite full crawl of the live site's size at ours' requests per post (largest size measured)."""
    if not sizes:
        return None
    largest = sizes[max(sizes, key=int)]
    defaults = politeness()
    # The whole site is one host, one download slot: with a delay, Scrapy sends one request per delay
    # whatever the concurrency.  AutoThrottle never goes below DOWNLOAD_DELAY and stays there while
    # latency / AUTOTHROTTLE_TARGET_CONCURRENCY is below it; RANDOMIZE_DOWNLOAD_DELAY (0.5-1.5x) averages 1x.
    seconds_per_request = float(defaults["DOWNLOAD_DELAY"])
    posts = sum(LIVE_SIZES.values())
    modes = {}
    for mode, entry in largest["summary"].items():
        per_post = entry["medians"].get("ours", {}).get("requests_per_post")
        if per_post is not None:
            requests = round(per_post * posts)
            modes[mode] = {"requests_per_post": per_post, "requests": requests}
            modes[mode]["hours"] = round(requests * seconds_per_request / 3600, 1)
    return {
        "live_posts": LIVE_SIZES,
        "measured_at_posts": largest["posts"],
        "settings": defaults,
        "seconds_per_request": seconds_per_request,
        "assumption": f"every response arrives within the delay ({seconds_per_request:g} s), so the delay alone "
        "paces the crawl: one request per DOWNLOAD_DELAY on the site's one host; parsing is not the bottleneck",
        "modes": modes,
    }


def _row(target: str, value: Any, met: bool | None) -> dict[str, Any]:
    return {"target": target, "value": value, "met": met}


def _at_most(target: str, value: float | None, limit: float) -> dict[str, Any]:
    return _row(target, value, None if value is None else value <= limit)


def targets(result: dict[str, Any]) -> list[dict[str, Any]]:
    """Issue 10's targets at the largest size (identical output: at every size), met, not met or not measured."""
    sizes = result["sizes"]
    largest = sizes[max(sizes, key=int)]
    label = f"@ {largest['posts']} posts"
    rows = []
    for mode, entry in largest["summary"].items():
        ours = entry["medians"].get("ours", {})
        limit = REQUESTS_PER_POST_TARGETS[mode]
        rows.append(_at_most(f"{mode}: requests/post <= {limit} {label}", ours.get("requests_per_post"), limit))
        cpu = entry["cpu_ratios"].get("ours/bare", {}).get("of_medians")
        rows.append(_at_most(f"{mode}: CPU ours/bare <= {CPU_RATIO_TARGET} {label}", cpu, CPU_RATIO_TARGET))
        rows.append(_bench_row(mode, ours, result.get("scrapy_bench"), label))
        incremental = largest["incremental"].get(mode, {}).get("requests_per_edition")
        limit = INCREMENTAL_REQUESTS_PER_EDITION_TARGET
        rows.append(_at_most(f"{mode}: incremental requests/edition <= {limit} {label}", incremental, limit))
        rss = entry.get("peak_rss_ratio_ours_bare")
        rows.append(_at_most(f"{mode}: peak RSS ours/bare <= {RSS_RATIO_TARGET} {label}", rss, RSS_RATIO_TARGET))
        rows.append(_growth_row(mode, result.get("growth")))
        rows.append(_reference_row(mode, sizes, result.get("reference")))
        if "warc" in entry["medians"]:
            cpu = entry["cpu_ratios"].get("warc/ours", {}).get("of_medians")
            rows.append(
                _at_most(f"{mode}: CPU warc/ours <= {WARC_CPU_RATIO_TARGET} {label}", cpu, WARC_CPU_RATIO_TARGET)
            )
            rss = entry.get("peak_rss_ratio_warc_ours")
            rows.append(
                _at_most(f"{mode}: peak RSS warc/ours <= {WARC_RSS_RATIO_TARGET} {label}", rss, WARC_RSS_RATIO_TARGET)
            )
            identical = largest["outputs"][mode].get("warc_identical")
            rows.append(_row(f"{mode}: items with the capture identical to ours {label}", identical, identical))
    return rows


def _bench_row(mode: str, ours: dict[str, Any], bench: dict[str, Any] | None, label: str) -> dict[str, Any]:
    target = f"{mode}: pages/min >= {BENCH_RATIO_TARGET} x scrapy bench {label}"
    if not (bench and bench.get("pages_per_min") and ours):
        return _row(target, None, None)
    value = round(ours["pages_per_s"] * 60 / bench["pages_per_min"], 2)
    return _row(target, value, value >= BENCH_RATIO_TARGET)


def _growth_row(mode: str, table: dict[str, Any] | None) -> dict[str, Any]:
    rows = (table or {}).get("modes", {}).get(mode, {})
    if not table or not {"ours", "bare"} <= rows.keys():
        return _row(f"{mode}: peak RSS growth ours <= bare (MB)", None, None)
    ours, bare = rows["ours"]["growth_mb"], rows["bare"]["growth_mb"]
    target = f"{mode}: peak RSS growth {table['from_posts']}->{table['to_posts']} ours <= bare (MB)"
    return _row(target, f"{ours} vs {bare}", ours <= bare)


def _reference_row(mode: str, sizes: dict[str, Any], reference: dict[str, Any] | None) -> dict[str, Any]:
    target = f"{mode}: output identical to reference" + (f" {reference['revision']}" if reference else "")
    compared = [c for size in sizes.values() for c in size["outputs"][mode]["reference"] or []]
    if not reference or not compared:
        return _row(target, None, None)
    identical = all(c["identical"] for c in compared)
    return _row(target, f"{sum(c['identical'] for c in compared)}/{len(compared)} runs", identical)


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if "model name" in line
        ),
        platform.processor(),
    )
    return {
        "nproc": os.cpu_count(),
        "cpu": model,
        "python": platform.python_version(),
        "scrapy": scrapy.__version__,
        "kernel": platform.release(),
    }


def _number(value: Any, digits: int = 2) -> str:
    if value is None:
        return "–"
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _megabytes(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def _table(header: list[str], rows: list[list[Any]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(map(_number, row)) + " |" for row in rows]
    return [*lines, ""]


def _target_value(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else _number(value)


def _size_section(size: dict[str, Any]) -> list[str]:
    lines = [f"## {size['posts']} posts ({size['server']})", ""]
    medians = [
        [
            mode,
            tool,
            f"{m['requests_per_post']:.3f}",
            f"{m['wall_s']:.1f}",
            f"{m['pages_per_s']:.0f}",
            m["cpu_s"],
            m["cpu_s_per_1k_pages"],
            f"{m['peak_rss_mb']:.0f}",
            m["server_cpu_s"],
            f"{m['failed_runs']}/{m['runs']}",
        ]
        for mode, entry in size["summary"].items()
        for tool, m in entry["medians"].items()
    ]
    header = ["mode", "tool", "requests/post", "wall s", "pages/s", "CPU s", "CPU s / 1k pages", "peak RSS MB"]
    lines += _table([*header, "nginx CPU s", "failed runs"], medians)
    ratios = [
        [mode, name, ratio["of_medians"], ratio["paired_median"]]
        for mode, entry in size["summary"].items()
        for name, ratio in entry["cpu_ratios"].items()
    ]
    lines += _table(["mode", "CPU ratio", "of medians", "median of paired"], ratios)
    curves = [
        [mode, tool, *(_megabytes(m["rss_at_percent"][str(p)]) for p in RSS_PERCENTS), _megabytes(m["peak_rss_mb"])]
        for mode, entry in size["summary"].items()
        for tool, m in entry["medians"].items()
    ]
    lines += _table(["mode", "tool", *(f"RSS MB @ {p} %" for p in RSS_PERCENTS), "peak"], curves)
    return lines + _incremental_section(size) + _outputs_section(size)


def _incremental_section(size: dict[str, Any]) -> list[str]:
    rows = [
        [
            mode,
            f["returncode"],
            f["requests_per_edition"],
            f["listing_pages_per_edition"],
            f["items"],
            f["stopped_early"],
            f["wall_s"],
            f["cpu_s"],
            f"{f['peak_rss_mb']:.0f}",
        ]
        for mode, f in size["incremental"].items()
    ]
    header = ["mode", "rc", "requests/edition", "listing pages/edition", "items", "chains stopped early", "wall s"]
    source = next(iter(size["incremental"].values()))["source"]
    return [
        "Incremental run of ours on the unchanged site, after its first full crawl:",
        "",
        *_table([*header, "CPU s", "peak RSS MB"], rows),
        f"({source}.)",
        "",
    ]


def _outputs_section(size: dict[str, Any]) -> list[str]:
    rows = []
    for mode, check in size["outputs"].items():
        urls = check["post_urls"]
        counts = f"{urls['ours']} / {urls['bare']} / {urls.get('pages', '–')}"
        reference = check["reference"]
        rows.append(
            [
                mode,
                counts,
                _yes(check["bare_same_urls"]),
                _yes(check["pages_same_urls"]),
                _yes(check["all_posts"]),
                _identical(check["repeats"]),
                _identical(reference) if reference is not None else "not run",
            ]
        )
    header = ["mode", "post URLs ours / bare / pages", "bare same", "pages same", "one per post"]
    differences = [
        f"- {mode}, ours #{c['repeat']} vs {name}: {_first_difference(c)}"
        for mode, check in size["outputs"].items()
        for name, compared in (("ours #1", check["repeats"]), ("reference", check["reference"] or []))
        for c in compared
        if not c["identical"]
    ]
    lines = _table([*header, "ours' repeats identical", "identical to reference"], rows)
    return lines + ([*differences, ""] if differences else [])


def _yes(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "–"}[value]


def _identical(compared: list[dict[str, Any]]) -> str:
    if not compared:
        return "– (one repeat)"
    return f"{_yes(all(c['identical'] for c in compared))} ({sum(c['identical'] for c in compared)}/{len(compared)})"


def _first_difference(compared: dict[str, Any]) -> str:
    if "error" in compared:
        return compared["error"]
    where = compared["first_difference"]
    return (
        f"first difference at sorted line {where['sorted_line']}, character {where['character']} "
        f"({where['urls'][0]} vs {where['urls'][1]}): `{where['first']}` vs `{where['second']}`"
    )


def _growth_section(table: dict[str, Any] | None) -> list[str]:
    if not table:
        return []
    rows = [
        [mode, tool, f"{g['from_mb']:.0f}", f"{g['to_mb']:.0f}", g["growth_mb"], g["ratio"]]
        for mode, tools in table["modes"].items()
        for tool, g in tools.items()
    ]
    title = f"## Peak RSS growth, {table['from_posts']} -> {table['to_posts']} posts (medians)"
    return [title, "", *_table(["mode", "tool", "from MB", "to MB", "growth MB", "ratio"], rows)]


def _projection_section(projection: dict[str, Any] | None) -> list[str]:
    if not projection:
        return []
    live = ", ".join(f"{count:,} {edition}" for edition, count in projection["live_posts"].items())
    settings = ", ".join(f"{name}={value}" for name, value in projection["settings"].items())
    rows = [
        [mode, f"{p['requests_per_post']:.3f}", f"{p['requests']:,}", f"{p['hours']:.1f}", f"{p['hours'] / 24:.1f}"]
        for mode, p in projection["modes"].items()
    ]
    return [
        f"## Projected polite full crawl of the live site ({live} posts)",
        "",
        f"Project defaults: {settings}.  Requests/post: ours' median at {projection['measured_at_posts']} posts.",
        f"Assumption: {projection['assumption']}.",
        "",
        *_table(["mode", "requests/post", "requests", "hours", "days"], rows),
    ]


def markdown(result: dict[str, Any]) -> str:
    machine = result["machine"]
    lines = [
        f"`{result['command']}`, started {result['started']}; {result['repeats']} repeat(s), seed {result['seed']}.",
        f"Machine: {machine['nproc']} × {machine['cpu']}; Python {machine['python']}, Scrapy {machine['scrapy']}, "
        f"kernel {machine['kernel']}.",
    ]
    if result.get("reference"):
        reference = result["reference"]
        lines.append(
            f"Reference: {reference['revision']} = {reference['commit'][:12]} "
            f"(nejat_crawler imported from {reference['nejat_crawler_file']})."
        )
    lines.append("")
    for size in result["sizes"].values():
        lines += _size_section(size)
    lines += _growth_section(result.get("growth"))
    lines += _projection_section(result.get("projection"))
    bench = result.get("scrapy_bench")
    if bench:
        lines += [f"`scrapy bench`: {bench['pages_per_min']} pages/min (median of its log lines after the first)", ""]
    met = {True: "met", False: "not met", None: "not measured"}
    lines += _table(
        ["target (issue 10)", "value", "met"],
        [[row["target"], _target_value(row["value"]), met[row["met"]]] for row in result["targets"]],
    )
    return "\n".join(lines).rstrip() + "\n"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("result", type=Path, help="a result JSON of benchmarks.run")
    args = parser.parse_args(argv)
    print(markdown(json.loads(args.result.read_text(encoding="utf-8"))), end="")


if __name__ == "__main__":
    main()
