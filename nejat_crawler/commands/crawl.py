"""``scrapy crawl`` with an exit status schedulers can trust.

======  =====================================================================
status  meaning
======  =====================================================================
0       the run finished and passed every health check (an incremental run
        that found nothing new included)
1       the run failed a health check (see ``nejat_crawler.health``), was
        interrupted, or Scrapy could not start it
2       usage error: a bad argument or setting; nothing was requested
3       another run holds the state directory; nothing was requested
======  =====================================================================

Scrapy builds the spider inside the running reactor, so an argument error
raised there reaches the user as a traceback.  This command asks the spider
class to check its arguments, and checks ``NEJAT_MIRROR`` and the numeric
limits, while the options are processed, before Scrapy logs its banner; a
ValueError becomes one line on stderr, ``scrapy: error: …``, and status 2.  A
locked state stops the command there too, with status 3, before Scrapy opens
any ``-O`` file.  Each failed health check is
logged as ``unhealthy: …``, and printed on stderr too when the log goes to a
file.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.settings import BaseSettings
from scrapy.spiderloader import get_spider_loader

from nejat_crawler.arguments import parse_source
from nejat_crawler.extensions.run import state_directory
from nejat_crawler.sources.mirror import Mirror
from nejat_crawler.state import state_locked

EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


class Command(ScrapyCrawlCommand):
    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        """Scrapy's options, then this project's checks, before Scrapy logs its banner.

        Scrapy creates the crawler process (which logs its version banner)
        right after this method, and shows a usage block with any usage
        error; a bad argument or setting is one line on stderr instead.
        """
        super().process_options(args, opts)  # Scrapy's own -a/-s syntax errors stay Scrapy's
        assert self.settings is not None
        try:
            _check_mirror_setting(self.settings.get("NEJAT_MIRROR"))
            _check_source_setting(self.settings.get("NEJAT_SOURCE"))
            _check_number_settings(self.settings)
            if len(args) == 1:  # Scrapy itself reports a missing spider or more than one
                _check_arguments(self.settings, args[0], opts.spargs)
        except ValueError as error:
            print(f"scrapy: error: {error}", file=sys.stderr)
            sys.exit(EXIT_USAGE)
        # Before Scrapy opens any feed: a locked run must not truncate an -O file.
        # (The run recorder takes the lock itself; this only looks first.)
        state_dir = state_directory(self.settings)
        replay = "source" in opts.spargs or self.settings.get("NEJAT_SOURCE")
        if not replay and state_locked(state_dir):  # a replay keeps a state of its own
            print(f"another run holds the state directory {state_dir}; this run stops here", file=sys.stderr)
            sys.exit(EXIT_LOCKED)

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        self.exitcode = EXIT_UNHEALTHY if self.crawler_process.bootstrap_failed else exit_status(crawler)


def exit_status(crawler: Crawler) -> int:
    """The status of a finished crawl, from the verdict the run recorder left in its stats."""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    verdict = stats.get("nejat/health/verdict")
    if verdict == "locked":
        return EXIT_LOCKED
    if verdict != "healthy":
        # No verdict: the crawl was stopped before the recorder could give one (a second Ctrl-C).
        problems = stats.get("nejat/health/problems") or ["the crawl was stopped before it could close"]
        if crawler.settings.get("LOG_FILE") or verdict is None:
            for problem in problems:
                print(f"unhealthy: {problem}", file=sys.stderr)
        return EXIT_UNHEALTHY
    return EXIT_OK


def _check_mirror_setting(value: str | None) -> None:
    """``-s NEJAT_MIRROR=`` is checked like ``-a mirror=``: a bad one would fail every request."""
    if value:
        try:
            Mirror.parse(value)
        except ValueError as error:
            raise ValueError(f"NEJAT_MIRROR: {error}") from None


def _check_source_setting(value: str | None) -> None:
    """``-s NEJAT_SOURCE=`` is checked like ``-a source=``: a missing archive would fail every request."""
    if value:
        try:
            parse_source(value)
        except ValueError as error:
            raise ValueError(f"NEJAT_SOURCE: {error}") from None


def _check_number_settings(settings: BaseSettings) -> None:
    numbers = (
        ("NEJAT_HEALTH_MAX_ERRORS", int),
        ("NEJAT_HEALTH_MAX_FAILED_POST_SHARE", float),
        ("NEJAT_RETRY_AFTER_MAX", float),
        ("NEJAT_DELETION_MAX_SHARE", float),
        ("NEJAT_MISSING_CHECK_MAX", int),
        ("NEJAT_DELETION_GUARD_FROM", int),
    )
    for name, read in numbers:
        try:
            value = read(settings.get(name))
        except (TypeError, ValueError):
            raise ValueError(f"{name} must be a number, not {settings.get(name)!r}") from None
        if value < 0:
            raise ValueError(f"{name} must not be negative, not {value}")


def _check_arguments(settings: BaseSettings, spider_name: str, spider_arguments: dict[str, str]) -> None:
    """Raise the spider's ValueError for arguments it cannot run with (``check_arguments``, if it has one)."""
    try:
        spider_class = get_spider_loader(settings).load(spider_name)
    except KeyError:
        return  # Scrapy itself reports the unknown spider
    check = getattr(spider_class, "check_arguments", None)
    if check is not None:
        check(**spider_arguments)
