"""``scrapy report -O FILE.html``: one HTML page on the posts and the runs (``nejat_crawler.report``).

It reads what ``scrapy corpus`` reads (the finished runs of ``<output>/runs``,
or the run files named) and builds the corpus in memory; the manifests
beside the run files give the per-run charts.  Options, exit statuses and
error lines are ``scrapy corpus``'s (``nejat_crawler.commands.corpus``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from nejat_crawler.commands import corpus
from nejat_crawler.corpus import open_corpus, read_manifest
from nejat_crawler.files import write_atomically
from nejat_crawler.report import build_report
from nejat_crawler.text import plural


class Command(corpus.Command):
    suffixes: ClassVar[tuple[str, ...]] = (".html",)

    def syntax(self) -> str:
        return "-O FILE.html [RUN_FILE ...]"

    def short_desc(self) -> str:
        return "Write an HTML report of the posts and the runs: one file, no script, nothing to fetch"

    def long_desc(self) -> str:
        return (
            "Read the finished runs of the output folder (NEJAT_OUTPUT_DIR/runs; replays left out), or the run "
            "files named, and write one self-contained HTML page: posts per month and edition, field coverage "
            "of the last runs, changes, requests and errors per run, and the health of the last run."
        )

    def write(self, run_files: Sequence[Path], target: Path) -> str:
        manifests = [manifest for manifest in map(read_manifest, run_files) if manifest is not None]
        with open_corpus(run_files) as connection:
            page = build_report(connection, manifests)
        write_atomically(target, lambda partial: partial.write_text(page, encoding="utf-8"))
        return f"wrote the report of {plural(len(run_files), 'run')} to {target}"
