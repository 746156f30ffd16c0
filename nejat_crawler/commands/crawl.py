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


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
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
