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
class to check its arguments first and turns a ValueError into a one-line
usage error.  Each failed health check is logged as ``unhealthy: …``, and
printed on stderr too when the log goes to a file.
"""

from __future__ import annotations

import argparse
import sys

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError

from nejat_crawler.sources.mirror import Mirror

EXIT_OK, EXIT_UNHEALTHY, EXIT_USAGE, EXIT_LOCKED = 0, 1, 2, 3


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1 or self.crawler_process is None:
            super().run(args, opts)  # Scrapy's own usage errors
            return
        _check_mirror_setting(self.settings.get("NEJAT_MIRROR") if self.settings else None)
        self._check_arguments(args[0], opts)
        crawler = self._create_crawler(args[0])
        self.crawler_process.crawl(crawler, **opts.spargs)
        self.crawler_process.start()
        self.exitcode = EXIT_UNHEALTHY if self.crawler_process.bootstrap_failed else exit_status(crawler)

    def _check_arguments(self, spider_name: str, opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        try:
            spider_class = self.crawler_process.spider_loader.load(spider_name)
        except KeyError:
            return  # Scrapy itself reports the unknown spider
        check = getattr(spider_class, "check_arguments", None)
        if check is not None:
            try:
                check(**opts.spargs)
            except ValueError as error:
                raise UsageError(str(error), print_help=False) from None


def exit_status(crawler: Crawler) -> int:
    """The status of a finished crawl, from the verdict the run recorder left in its stats."""
    stats = crawler.stats.get_stats() if crawler.stats else {}
    verdict = stats.get("nejat/health/verdict")
    if verdict == "locked":
        return EXIT_LOCKED
    if verdict != "healthy":
        if crawler.settings.get("LOG_FILE"):
            for problem in stats.get("nejat/health/problems", []):
                print(f"unhealthy: {problem}", file=sys.stderr)
        return EXIT_UNHEALTHY
    return EXIT_OK


def _check_mirror_setting(value: str | None) -> None:
    """``-s NEJAT_MIRROR=`` is checked like ``-a mirror=``: a bad one would fail every request."""
    if value:
        try:
            Mirror.parse(value)
        except ValueError as error:
            raise UsageError(f"NEJAT_MIRROR: {error}", print_help=False) from None
