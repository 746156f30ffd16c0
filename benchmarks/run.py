"""Crawl a synthetic site on loopback with our crawler and a bare parsel spider, interleaved.

For each repeat and mode (``listing`` = ``-a articles=0``, ``articles`` = post
pages too) it runs ``scrapy crawl nejat`` and ``benchmarks/bare_spider.py``
one after the other (alternating which goes first), each as a child process
reaped with ``os.wait4``: its wall time, CPU seconds, peak RSS (``ru_maxrss``)
and an RSS curve sampled from /proc.  Requests come from each run's stats
file; nginx's CPU is read from /proc around each run.  Figures are medians;
ratios are ours over bare.  ``scrapy bench`` gives the throughput reference.

    .venv/bin/python -m benchmarks.run --posts 2000 --repeats 3
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import scrapy

from benchmarks.serve import Server
from benchmarks.site import SiteSpec, generate

PROJECT = Path(__file__).resolve().parent.parent
BARE_SPIDER = PROJECT / "benchmarks" / "bare_spider.py"
MODES = {"listing": "0", "articles": "1"}
LOOPBACK = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}
TARGETS = {"listing": 0.11, "articles": 1.12}  # requests per post, issue 10
CPU_RATIO_TARGET = 1.3
BENCH_RATIO_TARGET = 0.8


@dataclass
class Run:
    tool: str
    mode: str
    repeat: int
    returncode: int
    wall_s: float
    cpu_s: float
    user_s: float
    sys_s: float
    peak_rss_mb: float
    server_cpu_s: float
    requests: int
    pages: int
    items: int
    rss_curve: list[tuple[float, float]] = field(default_factory=list)
    """(seconds since start, RSS MB), sampled every ``--sample`` seconds."""

    def rates(self, posts: int) -> dict[str, float]:
        return {
            "requests_per_post": self.requests / posts,
            "pages_per_s": self.pages / self.wall_s,
            "cpu_s_per_1k_pages": 1000 * self.cpu_s / max(self.pages, 1),
        }


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def measured(command: list[str], cwd: Path, log: Path, sample: float) -> tuple[int, float, Any, list[Any]]:
    """Run ``command``; its exit code, wall seconds, rusage (of that child alone) and RSS curve."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT")}
    curve: list[tuple[float, float]] = []
    started = time.perf_counter()
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
    done = threading.Event()

    def sampler() -> None:
        while not done.wait(sample):
            rss = _rss_mb(process.pid)
            if rss:
                curve.append((round(time.perf_counter() - started, 2), round(rss, 1)))

    thread = threading.Thread(target=sampler, daemon=True)
    thread.start()
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - started
    done.set()
    thread.join()
    process.returncode = os.waitstatus_to_exitcode(status)
    return process.returncode, wall, usage, curve


@dataclass
class Bench:
    """One benchmark invocation: a site, a server, a work directory."""

    site: Path
    posts: int
    server: Server
    work: Path
    sample: float = 0.25
    runs: list[Run] = field(default_factory=list)

    def command(self, tool: str, mode: str, files: Path) -> tuple[list[str], Path]:
        settings = dict(LOOPBACK)
        if tool == "ours":
            settings |= {
                "NEJAT_OUTPUT_DIR": str(files / "output"),
                "NEJAT_STATE_DIR": str(files / "state"),
                "NEJAT_STATS_FILE": str(files / "stats.json"),
            }
            head = ["crawl", "nejat"]
            cwd = PROJECT
        else:
            settings["BARE_STATS_FILE"] = str(files / "stats.json")
            head = ["runspider", str(BARE_SPIDER)]
            cwd = files  # outside the project: Scrapy's defaults, not our settings
        command = [sys.executable, "-m", "scrapy", *head, "-a", f"mirror={self.server.origin}"]
        command += ["-a", f"articles={MODES[mode]}", "-O", str(files / "items.jsonl")]
        for name, value in settings.items():
            command += ["-s", f"{name}={value}"]
        return command, cwd

    def run(self, tool: str, mode: str, repeat: int) -> Run:
        files = self.work / f"{mode}-{tool}-{repeat}"
        files.mkdir(parents=True)
        command, cwd = self.command(tool, mode, files)
        server_before = self.server.cpu_seconds()
        code, wall, usage, curve = measured(command, cwd, files / "log.txt", self.sample)
        stats = _load(files / "stats.json")
        requests = int(stats.get("downloader/request_count", 0))
        pages = int(stats.get("downloader/response_count", 0)) - int(stats.get("robotstxt/response_count", 0))
        run = Run(
            tool=tool,
            mode=mode,
            repeat=repeat,
            returncode=code,
            wall_s=round(wall, 3),
            cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
            user_s=round(usage.ru_utime, 3),
            sys_s=round(usage.ru_stime, 3),
            peak_rss_mb=round(usage.ru_maxrss / 1024, 1),
            server_cpu_s=round(self.server.cpu_seconds() - server_before, 3),
            requests=requests,
            pages=pages,
            items=_count_lines(files / "items.jsonl"),
            rss_curve=_thin(curve, 120),
        )
        print(
            f"  {mode:8} {tool:4} #{repeat}: {run.wall_s:6.1f} s wall, {run.cpu_s:6.1f} s CPU, "
            f"{run.peak_rss_mb:5.0f} MB, {run.requests} requests, {run.items} items, rc {code}",
            flush=True,
        )
        self.runs.append(run)
        return run


def _load(path: Path) -> dict[str, Any]:
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return {}


def _count_lines(path: Path) -> int:
    try:
        with path.open("rb") as lines:
            return sum(1 for _ in lines)
    except OSError:
        return 0


def _urls(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as lines:
        return {json.loads(line)["url"] for line in lines if line.strip()}


def _thin(curve: list[Any], points: int) -> list[Any]:
    step = max(1, len(curve) // points)
    return curve[::step]


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3) if values else float("nan")


def summarise(runs: list[Run], posts: int) -> dict[str, Any]:
    """Medians per mode and tool, and the ours/bare ratios of the interleaved runs."""
    summary: dict[str, Any] = {}
    for mode in dict.fromkeys(run.mode for run in runs):
        by_tool = {tool: [r for r in runs if r.mode == mode and r.tool == tool] for tool in ("ours", "bare")}
        medians = {tool: _medians(chosen, posts) for tool, chosen in by_tool.items() if chosen}
        paired = [o.cpu_s / b.cpu_s for o, b in zip(by_tool["ours"], by_tool["bare"], strict=False) if b.cpu_s]
        entry: dict[str, Any] = {"medians": medians}
        if "ours" in medians and "bare" in medians:
            ours, bare = medians["ours"], medians["bare"]
            entry["cpu_ratio"] = round(ours["cpu_s"] / bare["cpu_s"], 2)
            entry["cpu_ratio_paired_median"] = round(statistics.median(paired), 2) if paired else None
            entry["rss_ratio"] = round(ours["peak_rss_mb"] / bare["peak_rss_mb"], 2)
        summary[mode] = entry
    return summary


def _medians(runs: list[Run], posts: int) -> dict[str, float]:
    keys = ("wall_s", "cpu_s", "peak_rss_mb", "server_cpu_s", "requests", "pages", "items")
    values = {key: median([float(getattr(run, key)) for run in runs]) for key in keys}
    rates = [run.rates(posts) for run in runs]
    values |= {key: median([rate[key] for rate in rates]) for key in rates[0]}
    values["failed_runs"] = sum(run.returncode != 0 for run in runs)
    return values


def scrapy_bench(work: Path, seconds: int = 10) -> dict[str, Any]:
    """``scrapy bench`` outside the project; pages/min from its periodic log lines (the first is start-up)."""
    log = work / "bench.log"
    command = [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"]
    code, wall, usage, _ = measured(command, work, log, 1.0)
    rates = [int(m) for m in re.findall(r"\(at (\d+) pages/min\)", log.read_text(errors="replace"))]
    steady = rates[1:] or rates
    return {
        "returncode": code,
        "wall_s": round(wall, 1),
        "cpu_s": round(usage.ru_utime + usage.ru_stime, 1),
        "pages_per_min_samples": rates,
        "pages_per_min": statistics.median(steady) if steady else None,
    }


def compare_outputs(work: Path, runs: list[Run], posts: int) -> dict[str, Any]:
    """Do both tools yield the same post URLs, one per post, in each mode (first repeat)?"""
    checks: dict[str, Any] = {}
    for mode in dict.fromkeys(run.mode for run in runs):
        ours, bare = (_urls(work / f"{mode}-{tool}-1" / "items.jsonl") for tool in ("ours", "bare"))
        checks[mode] = {
            "ours": len(ours),
            "bare": len(bare),
            "same_urls": ours == bare,
            "all_posts": len(ours) == posts,
        }
    return checks


def targets(summary: dict[str, Any], bench: dict[str, Any] | None) -> list[dict[str, Any]]:
    rows = []
    for mode, entry in summary.items():
        ours = entry["medians"].get("ours", {})
        rpp = ours.get("requests_per_post")
        rows.append({"target": f"{mode}: requests/post <= {TARGETS[mode]}", "value": rpp, "met": rpp <= TARGETS[mode]})
        ratio = entry.get("cpu_ratio")
        if ratio is not None:
            rows.append({"target": f"{mode}: CPU ours/bare <= {CPU_RATIO_TARGET}", "value": ratio, "met": ratio <= 1.3})
        if bench and bench.get("pages_per_min") and ours:
            value = round(ours["pages_per_s"] * 60 / bench["pages_per_min"], 2)
            rows.append({"target": f"{mode}: pages/min >= 0.8 x scrapy bench", "value": value, "met": value >= 0.8})
    return rows


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


def markdown(result: dict[str, Any]) -> str:
    lines = [
        "| mode | tool | requests/post | wall s | pages/s | CPU s | CPU s / 1k pages | peak RSS MB | nginx CPU s |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for mode, entry in result["summary"].items():
        for tool, m in entry["medians"].items():
            lines.append(
                f"| {mode} | {tool} | {m['requests_per_post']:.3f} | {m['wall_s']:.1f} | {m['pages_per_s']:.0f} "
                f"| {m['cpu_s']:.2f} | {m['cpu_s_per_1k_pages']:.2f} | {m['peak_rss_mb']:.0f} "
                f"| {m['server_cpu_s']:.2f} |"
            )
    lines += ["", "| mode | CPU ours/bare (of medians) | paired median | peak RSS ours/bare |", "|---|---|---|---|"]
    for mode, entry in result["summary"].items():
        lines.append(
            f"| {mode} | {entry.get('cpu_ratio')} | {entry.get('cpu_ratio_paired_median')} | {entry.get('rss_ratio')} |"
        )
    if result.get("scrapy_bench"):
        lines += ["", f"`scrapy bench`: {result['scrapy_bench']['pages_per_min']} pages/min (median of its log lines)"]
    lines += ["", "| target | value | met |", "|---|---|---|"]
    lines += [f"| {row['target']} | {row['value']} | {'yes' if row['met'] else 'no'} |" for row in result["targets"]]
    return "\n".join(lines)


def profile(bench: Bench, mode: str, out: Path, top: int = 10) -> str:
    """Our crawl once under cProfile; the top cumulative functions of nejat_crawler/ and of scrapy/."""
    files = bench.work / f"profile-{mode}"
    files.mkdir(parents=True)
    command, cwd = bench.command("ours", mode, files)
    command[1:3] = ["-m", "cProfile", "-o", str(out), "-m", "scrapy"]
    code, wall, _, _ = measured(command, cwd, files / "log.txt", 1.0)
    stats = pstats.Stats(str(out))
    total = max(row[3] for row in stats.stats.values())  # type: ignore[attr-defined]
    sections = [f"cProfile of one {mode} crawl (rc {code}, {wall:.1f} s wall under the profiler)"]
    for package in ("nejat_crawler/", "scrapy/"):
        rows = sorted(
            (
                (ct, cc, f"{Path(fn).name}:{line} {name}")
                for (fn, line, name), (_, cc, _, ct, _) in stats.stats.items()  # type: ignore[attr-defined]
                if f"/{package}" in fn
            ),
            reverse=True,
        )[:top]
        sections.append(f"\n{package}: cumulative s, % of the run, calls")
        sections += [f"  {ct:7.2f}  {100 * ct / total:5.1f}%  {cc:>9}  {where}" for ct, cc, where in rows]
    return "\n".join(sections)


def prepare_site(path: Path, posts: int, seed: int) -> Path:
    manifest = path / "site.json"
    spec = json.loads(manifest.read_text())["spec"] if manifest.exists() else {}
    if (spec.get("posts"), spec.get("seed")) == (posts, seed):
        print(f"reusing the site in {path}")
        return path
    print(f"generating {posts} posts (seed {seed}) in {path} ...", flush=True)
    written = generate(path, SiteSpec(posts, seed))
    print(f"  {written.seconds} s, {sum(written.listing_pages.values())} listing pages", flush=True)
    return path


def interleave(bench: Bench, modes: list[str], repeats: int) -> None:
    for repeat in range(1, repeats + 1):
        for mode in modes:
            order = ("ours", "bare") if repeat % 2 else ("bare", "ours")
            for tool in order:
                bench.run(tool, mode, repeat)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--modes", default="listing,articles", help="comma-separated: listing, articles")
    parser.add_argument("--site", type=Path, help="site folder (default: a temp folder per size and seed, reused)")
    parser.add_argument("--json", type=Path, help="where the result goes (default: benchmarks/out/)")
    parser.add_argument("--no-bench", action="store_true", help="skip scrapy bench")
    parser.add_argument("--profile", choices=sorted(MODES), help="also profile one crawl of ours in this mode")
    parser.add_argument("--python-server", action="store_true", help="serve with http.server instead of nginx")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, outputs, stats)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    modes = [mode for mode in args.modes.split(",") if mode]
    site = prepare_site(
        args.site or Path(tempfile.gettempdir()) / f"nejat-bench-site-{args.posts}-{args.seed}", args.posts, args.seed
    )
    work = Path(tempfile.mkdtemp(prefix="nejat-bench-"))
    started = datetime.now(UTC).isoformat(timespec="seconds")
    with Server(site, prefer_nginx=not args.python_server) as server:
        print(f"{server.kind} at {server.origin}; work folder {work}", flush=True)
        bench = Bench(site, args.posts, server, work)
        interleave(bench, modes, args.repeats)
        profile_text = profile(bench, args.profile, work / "profile.out") if args.profile else None
    bench_result = None if args.no_bench else scrapy_bench(work)
    summary = summarise(bench.runs, args.posts)
    result: dict[str, Any] = {
        "started": started,
        "command": " ".join([Path(sys.executable).name, "-m", "benchmarks.run", *(argv or sys.argv[1:])]),
        "machine": machine(),
        "site": {"posts": args.posts, "seed": args.seed, "path": str(site), "server": server.kind},
        "summary": summary,
        "outputs": compare_outputs(work, bench.runs, args.posts),
        "scrapy_bench": bench_result,
        "targets": targets(summary, bench_result),
        "profile": profile_text,
        "runs": [asdict(run) for run in bench.runs],
        "work": str(work),
    }
    out = args.json or PROJECT / "benchmarks" / "out" / f"result-{args.posts}-{started.replace(':', '')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    print(markdown(result))
    print(json.dumps(result["outputs"]))
    if profile_text:
        print(profile_text)
    print(f"result: {out}")
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


if __name__ == "__main__":
    main()
