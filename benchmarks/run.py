"""Crawl a synthetic site on loopback with our crawler and two bare spiders, interleaved, at one or more sizes.

For each size, repeat and mode (``listing`` = ``-a articles=0``, ``articles``
= post pages too) it runs three tools one after the other, rotating which goes
first: ``scrapy crawl nejat`` (ours), ``benchmarks/bare_spider.py`` (bare:
parsel, ``{url, title}``) and ``benchmarks/pages_spider.py`` (pages: the bare
walk parsed by the project's page functions).  Each is a child process reaped
with ``os.wait4``: its wall time, CPU seconds, peak RSS (``ru_maxrss``) and an
RSS curve sampled from /proc.  Requests come from each run's stats file;
nginx's CPU is read from /proc around each run.  After the repeats, one
incremental run of ours on the unchanged site per mode, and with
``--reference REV`` one crawl per mode by that revision, whose output ours
must match.  ``scrapy bench`` gives the throughput reference.  The report
(``benchmarks.report``) gives medians, ratios, RSS growth over the sizes and
the issue's targets.

    .venv/bin/python -m benchmarks.run --posts 10000,100000 --repeats 3 --reference main
"""

from __future__ import annotations

import argparse
import json
import os
import pstats
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.compare import post_urls, same_output
from benchmarks.serve import Server
from benchmarks.site import EDITIONS, SiteSpec, generate

PROJECT = Path(__file__).resolve().parent.parent
SPIDER_FILES = {"bare": PROJECT / "benchmarks" / "bare_spider.py", "pages": PROJECT / "benchmarks" / "pages_spider.py"}
MODES = {"listing": "0", "articles": "1"}
TOOLS = ("ours", "bare", "pages")
"""The tools of the interleaved repeats; ``incremental`` and ``reference`` run once per size and mode."""
WARC_TOOL = "warc"
"""With ``--warc``: ours with the WARC capture on (issue 11), in the rotation too."""
LOOPBACK = {
    "DOWNLOAD_DELAY": "0",
    "AUTOTHROTTLE_ENABLED": "0",
    "CONCURRENT_REQUESTS": "16",
    "CONCURRENT_REQUESTS_PER_DOMAIN": "16",
    "LOG_LEVEL": "INFO",
}


@dataclass
class Run:
    tool: str
    """ours, bare, pages, incremental (ours on the unchanged site) or reference (``--reference``'s crawler)."""
    mode: str
    posts: int
    repeat: int
    returncode: int
    wall_s: float
    cpu_s: float
    user_s: float
    sys_s: float
    peak_rss_mb: float
    server_cpu_s: float
    requests: int
    """All requests, robots.txt included (``downloader/request_count``)."""
    pages: int
    """Responses but robots.txt's."""
    items: int
    counters: dict[str, int] = field(default_factory=dict)
    """The stats file's ``nejat/*`` and ``robotstxt/*`` counts."""
    rss_curve: list[tuple[float, float]] = field(default_factory=list)
    """(seconds since start, RSS MB), sampled every ``Bench.sample`` seconds."""

    def rates(self) -> dict[str, float]:
        return {
            "requests_per_post": self.requests / self.posts,
            "pages_per_s": self.pages / self.wall_s,
            "cpu_s_per_1k_pages": 1000 * self.cpu_s / max(self.pages, 1),
        }


@dataclass
class Measured:
    returncode: int
    wall_s: float
    usage: Any
    """The child's ``resource.struct_rusage`` from ``os.wait4``."""
    rss_curve: list[tuple[float, float]]


def _rss_mb(pid: int) -> float | None:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def measured(
    command: list[str], cwd: Path, log: Path, sample: float, extra_env: dict[str, str] | None = None
) -> Measured:
    """Run ``command``: its exit code, wall seconds, rusage (of that child alone) and RSS curve."""
    env = {k: v for k, v in os.environ.items() if k not in ("SCRAPY_SETTINGS_MODULE", "SCRAPY_PROJECT", "PYTHONPATH")}
    env |= extra_env or {}
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
    return Measured(process.returncode, wall, usage, curve)


@dataclass
class Launch:
    command: list[str]
    cwd: Path
    env: dict[str, str] = field(default_factory=dict)


@dataclass
class Bench:
    """One size: its site, its server, its work folder and its runs."""

    site: Path
    posts: int
    server: Server
    work: Path
    reference: Path | None = None
    """The ``--reference`` revision's worktree."""
    tools: tuple[str, ...] = TOOLS
    sample: float = 0.25
    runs: list[Run] = field(default_factory=list)

    def folder(self, tool: str, mode: str, repeat: int) -> Path:
        return self.work / f"{mode}-{tool}-{repeat}"

    def launch(self, tool: str, mode: str, files: Path) -> Launch:
        settings = dict(LOOPBACK)
        arguments = ["-a", f"mirror={self.server.origin}", "-a", f"articles={MODES[mode]}"]
        if tool in SPIDER_FILES:
            settings["BARE_STATS_FILE"] = str(files / "stats.json")
            head = ["runspider", str(SPIDER_FILES[tool])]
            # Outside the project, so Scrapy's defaults apply, not our settings; pages imports
            # nejat_crawler and benchmarks from the project.
            launch = Launch([], files, {"PYTHONPATH": str(PROJECT)} if tool == "pages" else {})
        else:
            # The incremental run continues the state and output folders of ours' first full crawl.
            home = self.folder("ours", mode, 1) if tool == "incremental" else files
            settings |= {
                "NEJAT_OUTPUT_DIR": str(home / "output"),
                "NEJAT_STATE_DIR": str(home / "state"),
                "NEJAT_STATS_FILE": str(files / "stats.json"),
            }
            head = ["crawl", "nejat"]
            arguments += ["-a", "incremental=1"] if tool == "incremental" else []
            settings |= {"NEJAT_WARC_ENABLED": "1"} if tool == WARC_TOOL else {}
            # The reference's package comes first on sys.path: its cwd (python -m) and PYTHONPATH.
            launch = Launch([], PROJECT, {})
            if tool == "reference":
                assert self.reference is not None
                launch = Launch([], self.reference, {"PYTHONPATH": str(self.reference)})
        launch.command = [sys.executable, "-m", "scrapy", *head, *arguments, "-O", str(files / "items.jsonl")]
        for name, value in settings.items():
            launch.command += ["-s", f"{name}={value}"]
        return launch

    def run(self, tool: str, mode: str, repeat: int) -> Run:
        files = self.folder(tool, mode, repeat)
        files.mkdir(parents=True)
        launch = self.launch(tool, mode, files)
        server_before = self.server.cpu_seconds()
        child = measured(launch.command, launch.cwd, files / "log.txt", self.sample, launch.env)
        stats = _load(files / "stats.json")
        requests = int(stats.get("downloader/request_count", 0))
        pages = int(stats.get("downloader/response_count", 0)) - int(stats.get("robotstxt/response_count", 0))
        run = Run(
            tool=tool,
            mode=mode,
            posts=self.posts,
            repeat=repeat,
            returncode=child.returncode,
            wall_s=round(child.wall_s, 3),
            cpu_s=round(child.usage.ru_utime + child.usage.ru_stime, 3),
            user_s=round(child.usage.ru_utime, 3),
            sys_s=round(child.usage.ru_stime, 3),
            peak_rss_mb=round(child.usage.ru_maxrss / 1024, 1),
            server_cpu_s=round(self.server.cpu_seconds() - server_before, 3),
            requests=requests,
            pages=pages,
            items=_count_lines(files / "items.jsonl"),
            counters={
                key: value
                for key, value in stats.items()
                if key.startswith(("nejat/", "robotstxt/")) and isinstance(value, int)
            },
            rss_curve=child.rss_curve,
        )
        print(
            f"  {self.posts:>7} {mode:8} {tool:11} #{repeat}: {run.wall_s:6.1f} s wall, {run.cpu_s:6.1f} s CPU, "
            f"{run.peak_rss_mb:5.0f} MB, {run.requests} requests, {run.items} items, rc {run.returncode}",
            flush=True,
        )
        self.runs.append(run)
        return run

    def outputs(self, mode: str, repeats: int) -> dict[str, Any]:
        """Post URLs of the tools run (first repeat); ours' repeats and the reference against ours' first."""
        items = {tool: self.folder(tool, mode, 1) / "items.jsonl" for tool in TOOLS if tool in self.tools}
        urls = {tool: post_urls(path) for tool, path in items.items()}
        ours = items["ours"]
        repeats_compared = [
            {"repeat": repeat} | same_output(ours, self.folder("ours", mode, repeat) / "items.jsonl")
            for repeat in range(2, repeats + 1)
        ]
        reference = self.folder("reference", mode, 1) / "items.jsonl"
        return {
            "post_urls": {tool: len(found) for tool, found in urls.items()},
            "bare_same_urls": urls["ours"] == urls["bare"],
            "pages_same_urls": urls["ours"] == urls["pages"] if "pages" in urls else None,
            "all_posts": len(urls["ours"]) == self.posts,
            "repeats": repeats_compared,
            "repeats_identical": all(c["identical"] for c in repeats_compared) if repeats_compared else None,
            # Every repeat of ours against the reference's one crawl.
            "reference": [
                {"repeat": repeat} | same_output(self.folder("ours", mode, repeat) / "items.jsonl", reference)
                for repeat in range(1, repeats + 1)
            ]
            if self.reference
            else None,
            # The capture must not change a byte of the items.
            "warc_identical": same_output(ours, self.folder(WARC_TOOL, mode, 1) / "items.jsonl")["identical"]
            if WARC_TOOL in self.tools
            else None,
        }


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


def incremental_figures(run: Run) -> dict[str, Any]:
    """What the incremental run on the unchanged site fetched, per edition."""
    robots = run.counters.get("robotstxt/request_count", 0)
    return {
        "returncode": run.returncode,
        "requests": run.requests,
        "requests_per_edition": round((run.requests - robots) / len(EDITIONS), 2),
        "listing_pages_per_edition": round(run.counters.get("nejat/listings/pages", 0) / len(EDITIONS), 2),
        "items": run.items,
        "stopped_early": run.counters.get("nejat/incremental/stopped_early", 0),
        "unchanged_skipped": run.counters.get("nejat/incremental/unchanged_skipped", 0),
        "wall_s": run.wall_s,
        "cpu_s": run.cpu_s,
        "peak_rss_mb": run.peak_rss_mb,
        "source": "requests_per_edition = (downloader/request_count - robotstxt/request_count) / "
        f"{len(EDITIONS)} editions; listing_pages_per_edition = nejat/listings/pages / {len(EDITIONS)}",
    }


def scrapy_bench(work: Path, seconds: int = 10) -> dict[str, Any]:
    """``scrapy bench`` outside the project; pages/min from its periodic log lines (the first is start-up)."""
    log = work / "bench.log"
    command = [sys.executable, "-m", "scrapy", "bench", "-s", f"CLOSESPIDER_TIMEOUT={seconds}"]
    child = measured(command, work, log, 1.0)
    rates = [int(m) for m in re.findall(r"\(at (\d+) pages/min\)", log.read_text(errors="replace"))]
    steady = rates[1:] or rates
    return {
        "returncode": child.returncode,
        "wall_s": round(child.wall_s, 1),
        "cpu_s": round(child.usage.ru_utime + child.usage.ru_stime, 1),
        "pages_per_min_samples": rates,
        "pages_per_min": statistics.median(steady) if steady else None,
    }


def profile(bench: Bench, mode: str, out: Path, top: int = 10) -> str:
    """Our crawl once under cProfile; the top cumulative functions of nejat_crawler/ and of scrapy/."""
    files = bench.work / f"profile-{mode}"
    files.mkdir(parents=True)
    launch = bench.launch("ours", mode, files)
    launch.command[1:3] = ["-m", "cProfile", "-o", str(out), "-m", "scrapy"]
    child = measured(launch.command, launch.cwd, files / "log.txt", 1.0, launch.env)
    stats = pstats.Stats(str(out))
    total = max(row[3] for row in stats.stats.values())  # type: ignore[attr-defined]
    sections = [
        f"cProfile of one {mode} crawl of {bench.posts} posts "
        f"(rc {child.returncode}, {child.wall_s:.1f} s wall under the profiler)"
    ]
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


def prepare_site(root: Path, posts: int, seed: int, post_pages: bool) -> Path:
    """A generated site of ``posts`` posts under ``root``, reused when there; listing pages only if so asked."""
    full = root / f"nejat-bench-site-{posts}-{seed}"
    candidates = [full] if post_pages else [full, root / f"nejat-bench-site-{posts}-{seed}-listings"]
    for path in candidates:
        manifest = json.loads((path / "site.json").read_text()) if (path / "site.json").exists() else {}
        spec = manifest.get("spec", {})
        has_posts = bool(manifest.get("written", {}).get("posts"))
        if (spec.get("posts"), spec.get("seed")) == (posts, seed) and (has_posts or not post_pages):
            print(f"reusing the site in {path}")
            return path
    path = candidates[-1]
    what = "posts" if post_pages else "posts, listing pages only,"
    print(f"generating {posts} {what} (seed {seed}) in {path} ...", flush=True)
    written = generate(path, SiteSpec(posts, seed), post_pages=post_pages)
    print(f"  {written.seconds} s, {sum(written.listing_pages.values())} listing pages", flush=True)
    return path


def rotated(tools: tuple[str, ...], repeat: int) -> tuple[str, ...]:
    """The tools in the order of this repeat: each goes first, second, third… in turn."""
    shift = (repeat - 1) % len(tools)
    return tools[shift:] + tools[:shift]


def measure_size(bench: Bench, modes: list[str], repeats: int) -> dict[str, Any]:
    """The interleaved repeats, then per mode the incremental run and the reference's crawl."""
    for repeat in range(1, repeats + 1):
        for mode in modes:
            for tool in rotated(bench.tools, repeat):
                bench.run(tool, mode, repeat)
    incremental = {mode: incremental_figures(bench.run("incremental", mode, 1)) for mode in modes}
    if bench.reference:
        for mode in modes:
            bench.run("reference", mode, 1)
    return {
        "posts": bench.posts,
        "site": str(bench.site),
        "summary": report.summarise(bench.runs),
        "incremental": incremental,
        "outputs": {mode: bench.outputs(mode, repeats) for mode in modes},
    }


@contextmanager
def reference_worktree(revision: str | None, work: Path) -> Iterator[dict[str, Any] | None]:
    """A detached worktree of ``revision`` for the reference crawls, removed afterwards."""
    if revision is None:
        yield None
        return
    path = work / "reference"
    commit = _git("rev-parse", "--verify", f"{revision}^{{commit}}").strip()
    _git("worktree", "add", "--detach", str(path), commit)
    try:
        # What `python -m scrapy` in the worktree imports: it must be the worktree's package.
        probe = [sys.executable, "-c", "import nejat_crawler; print(nejat_crawler.__file__)"]
        env = os.environ | {"PYTHONPATH": str(path)}
        imported = subprocess.run(probe, cwd=path, env=env, capture_output=True, text=True, check=True).stdout.strip()
        if not Path(imported).resolve().is_relative_to(path.resolve()):
            raise SystemExit(f"the reference crawl would import {imported}, not the worktree's package")
        print(f"reference {revision} = {commit[:12]} in {path}; nejat_crawler from {imported}", flush=True)
        yield {"revision": revision, "commit": commit, "worktree": str(path), "nejat_crawler_file": imported}
    finally:
        _git("worktree", "remove", "--force", str(path))


def _git(*arguments: str) -> str:
    done = subprocess.run(["git", *arguments], cwd=PROJECT, capture_output=True, text=True, check=False)
    if done.returncode:
        raise SystemExit(f"git {' '.join(arguments)}: {done.stderr.strip()}")
    return done.stdout


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--posts", default="2000", help="comma-separated sizes, e.g. 10000,100000")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--modes", default="listing,articles", help="comma-separated: listing, articles")
    parser.add_argument(
        "--sites", type=Path, default=Path(tempfile.gettempdir()), help="where sites are generated and reused"
    )
    parser.add_argument("--work", type=Path, help="parent of the run's work folder (default: the temp folder)")
    parser.add_argument("--json", type=Path, help="where the result goes (default: benchmarks/out/); .md beside it")
    parser.add_argument("--reference", metavar="REV", help="also crawl with this git revision; compare outputs")
    parser.add_argument("--no-bench", action="store_true", help="skip scrapy bench")
    parser.add_argument(
        "--no-pages", action="store_true", help="skip the pages tool (extraction alone), which a long run can spare"
    )
    parser.add_argument("--warc", action="store_true", help="also run ours with the WARC capture on, interleaved")
    parser.add_argument("--profile", choices=sorted(MODES), help="also profile ours in this mode, at the first size")
    parser.add_argument("--python-server", action="store_true", help="serve with http.server instead of nginx")
    parser.add_argument("--keep", action="store_true", help="keep the work folder (logs, outputs, stats)")
    args = parser.parse_args(argv)
    args.posts = sorted({int(size) for size in args.posts.split(",") if size.strip()})
    args.modes = [mode for mode in args.modes.split(",") if mode]
    unknown = set(args.modes) - set(MODES)
    if unknown or not args.modes or not args.posts:
        parser.error(f"--modes takes {', '.join(MODES)} and --posts at least one size (unknown: {unknown or '-'})")
    return args


def chosen_tools(args: argparse.Namespace) -> tuple[str, ...]:
    tools = tuple(tool for tool in TOOLS if not (args.no_pages and tool == "pages"))
    return (*tools, WARC_TOOL) if args.warc else tools


def work_folder(parent: Path | None) -> Path:
    parent = (parent or Path(tempfile.gettempdir())).resolve()
    # Scrapy looks for scrapy.cfg upwards from the working directory: inside the
    # project, the bare spiders would run with the project's settings.
    if parent.is_relative_to(PROJECT):
        raise SystemExit(f"--work must be outside the project ({PROJECT}): the bare spiders run there")
    parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix="nejat-bench-", dir=parent))


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse_args(argv)
    work = work_folder(args.work)
    started = datetime.now(UTC).isoformat(timespec="seconds")
    sizes: dict[str, Any] = {}
    profile_text = None
    runs: list[Run] = []
    try:
        with reference_worktree(args.reference, work) as reference:
            for posts in args.posts:
                site = prepare_site(args.sites, posts, args.seed, post_pages="articles" in args.modes)
                with Server(site, prefer_nginx=not args.python_server) as server:
                    print(f"{posts} posts: {server.kind} at {server.origin}; work folder {work}", flush=True)
                    bench = Bench(
                        site,
                        posts,
                        server,
                        work / str(posts),
                        Path(reference["worktree"]) if reference else None,
                        tools=chosen_tools(args),
                    )
                    sizes[str(posts)] = measure_size(bench, args.modes, args.repeats) | {"server": server.kind}
                    if args.profile and posts == args.posts[0]:
                        profile_text = profile(bench, args.profile, work / "profile.out")
                runs += bench.runs
        bench_result = None if args.no_bench else scrapy_bench(work)
        result: dict[str, Any] = {
            "started": started,
            "command": " ".join([Path(sys.executable).name, "-m", "benchmarks.run", *(argv or sys.argv[1:])]),
            "machine": report.machine(),
            "seed": args.seed,
            "repeats": args.repeats,
            "reference": reference,
            "sizes": sizes,
            "growth": report.growth(sizes),
            "projection": report.projection(sizes),
            "scrapy_bench": bench_result,
            "profile": profile_text,
            "runs": [asdict(run) for run in runs],
            "work": str(work),
        }
        result["targets"] = report.targets(result)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    stem = "_".join(map(str, args.posts))
    out = args.json or PROJECT / "benchmarks" / "out" / f"result-{stem}-{started.replace(':', '')}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    text = report.markdown(result)
    out.with_suffix(".md").write_text(text, encoding="utf-8")
    print(text, end="")
    if profile_text:
        print(profile_text)
    print(f"result: {out} (and {out.with_suffix('.md').name})")
    return result


if __name__ == "__main__":
    main()
