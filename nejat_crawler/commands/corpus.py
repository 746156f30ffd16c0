"""``scrapy corpus -O FILE``: the latest version of every known post, in one Parquet or JSON Lines file.

======  =====================================================================
status  meaning
======  =====================================================================
0       the file is written
1       a run file or a manifest could not be read, or the file could not be
        written; a file already there is left as it was
2       usage error: no ``-O``, a suffix it cannot write, an unknown option, a
        named run file that does not exist, or no finished run to read
======  =====================================================================

The inputs are the finished runs of ``<output>/runs`` (replays left out), or
the run files named after the options.  The merge is
``nejat_crawler.corpus``; ``scrapy report`` (``nejat_crawler.commands.report``)
takes the same inputs and options.  Each error is one line on stderr, never a
traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand

from nejat_crawler.corpus import FORMATS, CorpusError, find_run_files, order_run_files, write_corpus
from nejat_crawler.extensions.run import output_dir
from nejat_crawler.text import plural

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False  # nothing is crawled: no reactor to start
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}
    suffixes: ClassVar[tuple[str, ...]] = tuple(FORMATS)
    """What ``-O`` may end with."""

    def syntax(self) -> str:
        return "-O FILE.parquet|FILE.jsonl [RUN_FILE ...]"

    def short_desc(self) -> str:
        return "Write the latest version of every known post to one Parquet or JSON Lines file"

    def long_desc(self) -> str:
        return (
            "Merge the finished runs of the output folder (NEJAT_OUTPUT_DIR/runs; replays left out), or the "
            "run files named, oldest first, into one row per post: its latest version, with first_seen, "
            "changed_at, change, deleted_at and last_seen. The format follows the suffix of -O."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument(
            "-O",
            "--overwrite-output",
            metavar="FILE",
            dest="output",
            help=f"write to FILE ({' or '.join(self.suffixes)}), replacing it once whole. "
            "There is no -o: the file is always written anew",
        )

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        try:
            check_run_file_arguments(args)
            check_target(opts.output, self.suffixes)
        except ValueError as error:
            print(f"scrapy: error: {error}", file=sys.stderr)
            sys.exit(EXIT_USAGE)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.settings is not None
        target = Path(opts.output)
        try:
            message = self.write(chosen_run_files(args, output_dir(self.settings)), target)
        except ValueError as error:
            print(f"scrapy: error: {error}", file=sys.stderr)
            self.exitcode = EXIT_USAGE
        except CorpusError as error:
            print(f"scrapy: error: {error}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
        except OSError as error:  # the folder of -O cannot be written to, a folder in the way
            print(f"scrapy: error: cannot write {target}: {error.strerror or error}", file=sys.stderr)
            self.exitcode = EXIT_FAILED
        else:
            print(message)

    def write(self, run_files: Sequence[Path], target: Path) -> str:
        """Write ``target`` from ``run_files``; the line that says what was written."""
        summary = write_corpus(run_files, target)
        return (
            f"wrote {plural(summary.rows, 'post')} ({summary.deleted} deleted) "
            f"from {plural(summary.runs, 'run')} to {summary.target}"
        )


def check_target(output: str | None, suffixes: Sequence[str]) -> None:
    if not output:
        raise ValueError(f"-O FILE is required: the file to write ({' or '.join(suffixes)})")
    if Path(output).suffix.lower() not in suffixes:
        raise ValueError(f"-O must name a {' or a '.join(suffixes)} file, not {output}")


def check_run_file_arguments(args: Sequence[str]) -> None:
    """Scrapy leaves the options it does not know among the arguments: ``-o`` would be read as a file."""
    for argument in args:
        if argument.startswith("-"):
            raise ValueError(f"no such option: {argument} (the output is -O FILE)")
        if not Path(argument).is_file():
            raise ValueError(f"no such run file: {argument}")


def chosen_run_files(args: Sequence[str], output: Path) -> list[Path]:
    """The run files named, or else the finished runs of ``output``; ValueError when there is none."""
    if args:
        return order_run_files([Path(argument) for argument in args])
    run_files = find_run_files(output)
    if not run_files:
        raise ValueError(f'no finished runs in {output / "runs"}: run "scrapy crawl nejat" first')
    return run_files
