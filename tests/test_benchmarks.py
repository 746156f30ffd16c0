"""The benchmark harness (issue 10) runs end to end on a small site, in both modes, without nginx.

One run of ``python -m benchmarks.run`` in a subprocess, everything it writes
inside pytest's tmp_path (sites, work folder, result, and through TMPDIR the
server's and ``sort``'s scratch files).  Two repeats, so that ours' repeats
are compared with each other.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.report import INCREMENTAL_REQUESTS_PER_EDITION_TARGET, REQUESTS_PER_POST_TARGETS
from benchmarks.run import chosen_tools, parse_args

ROOT = Path(__file__).resolve().parent.parent
# Few posts, for speed, but enough that the listing pages stay under 0.11 requests per post
# (at 300 or 400 posts robots.txt and part-filled last pages make it exactly 0.11).
POSTS = 500
MODES = ("listing", "articles")


def test_harness_measures_both_modes(tmp_path: Path) -> None:
    result_file = tmp_path / "result.json"
    command = [sys.executable, "-m", "benchmarks.run", "--posts", str(POSTS), "--repeats", "2", "--no-bench"]
    command += ["--python-server", "--sites", str(tmp_path), "--work", str(tmp_path), "--json", str(result_file)]
    environment = os.environ | {"TMPDIR": str(tmp_path)}
    done = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]

    result = json.loads(result_file.read_text(encoding="utf-8"))
    size = result["sizes"][str(POSTS)]
    assert [run for run in result["runs"] if run["returncode"] != 0] == []
    for mode in MODES:
        runs = {(run["tool"], run["repeat"]) for run in result["runs"] if run["mode"] == mode}
        assert runs == {(tool, repeat) for tool in ("ours", "bare", "pages") for repeat in (1, 2)} | {
            ("incremental", 1)
        }
        medians = size["summary"][mode]["medians"]
        for tool in ("ours", "bare", "pages"):
            assert medians[tool]["requests_per_post"] <= REQUESTS_PER_POST_TARGETS[mode]
        assert set(size["summary"][mode]["cpu_ratios"]) == {"ours/bare", "pages/bare", "ours/pages"}

        outputs = size["outputs"][mode]
        assert outputs["post_urls"] == {"ours": POSTS, "bare": POSTS, "pages": POSTS}
        assert outputs["bare_same_urls"] and outputs["pages_same_urls"] and outputs["all_posts"]
        assert [compared["repeat"] for compared in outputs["repeats"]] == [2]
        assert outputs["repeats_identical"] is True

        incremental = size["incremental"][mode]
        assert incremental["returncode"] == 0
        assert incremental["requests_per_edition"] <= INCREMENTAL_REQUESTS_PER_EDITION_TARGET
        assert incremental["items"] == 0
    report = result_file.with_suffix(".md").read_text(encoding="utf-8")
    assert f"## {POSTS} posts" in report and "RSS MB @ 50 %" in report and "## Projected polite full crawl" in report


def test_a_long_run_can_leave_out_the_pages_tool() -> None:
    assert chosen_tools(parse_args([])) == ("ours", "bare", "pages")
    assert chosen_tools(parse_args(["--no-pages", "--warc"])) == ("ours", "bare", "warc")
