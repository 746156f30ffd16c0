"""``scrapy crawl`` that rejects bad spider arguments before the crawl starts.

Scrapy builds the spider inside the running reactor, so an argument error
raised there reaches the user as a traceback.  This command asks the spider
class to check its arguments first and turns a ValueError into a one-line
usage error (exit status 2).
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.exceptions import UsageError

from nejat_crawler.sources.mirror import Mirror


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        _check_mirror_setting(self.settings.get("NEJAT_MIRROR") if self.settings else None)
        if len(args) == 1 and self.crawler_process is not None:
            try:
                spider_class = self.crawler_process.spider_loader.load(args[0])
            except KeyError:
                spider_class = None  # Scrapy itself reports the unknown spider
            check = getattr(spider_class, "check_arguments", None)
            if check is not None:
                try:
                    check(**opts.spargs)
                except ValueError as error:
                    raise UsageError(str(error), print_help=False) from None
        super().run(args, opts)


def _check_mirror_setting(value: str | None) -> None:
    """``-s NEJAT_MIRROR=`` is checked like ``-a mirror=``: a bad one would fail every request."""
    if value:
        try:
            Mirror.parse(value)
        except ValueError as error:
            raise UsageError(f"NEJAT_MIRROR: {error}", print_help=False) from None
