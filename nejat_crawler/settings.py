"""Project settings.

The defaults are for the live site and are deliberately polite: one request
at a time, about one a second, robots.txt obeyed.  Tests against the local
replica override them on the command line (``-s DOWNLOAD_DELAY=0`` ...).
Our own knobs are named ``NEJAT_*`` and documented here, where they are defined.
"""

from nejat_crawler.items import LINE_FIELDS

BOT_NAME = "nejat_crawler"
SPIDER_MODULES = ["nejat_crawler.spiders"]
NEWSPIDER_MODULE = "nejat_crawler.spiders"
# Our ``crawl`` checks spider arguments before the reactor starts.
COMMANDS_MODULE = "nejat_crawler.commands"

# --- Politeness (the live site's speed limit) -------------------------------
USER_AGENT = "nejat-crawler/0.1 (research archive of nejatngo.org; Scrapy)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS_PER_DOMAIN = 1
# One request in the whole downloader too: Scrapy hands up to this many
# requests to the downloader at once, where they wait out the delay in its
# queue, and a Ctrl-C would still fetch every one of them.
CONCURRENT_REQUESTS = 1
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
# AutoThrottle aims at one request in flight; CONCURRENT_REQUESTS_PER_DOMAIN
# above is what guarantees it never has more.
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0
# A 429 or 503 that says when to come back (Retry-After, in seconds or as a
# date) is retried only then (nejat_crawler.sources.retry); with one request at
# a time, the crawl waits with it, as the site asked.  The longest wait, in
# seconds; a longer Retry-After waits this long.  0: retry without waiting, as
# Scrapy does.
NEJAT_RETRY_AFTER_MAX = 120
# Limits per request: seconds to wait for a whole response (Scrapy's default is
# three minutes), and the largest body accepted, in bytes, far above any page
# of the site (Scrapy's default is 1 GiB), with a warning from the smaller
# size.  A page over either limit fails alone (a post keeps its listing record).
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 8 * 1024 * 1024
DOWNLOAD_WARNSIZE = 2 * 1024 * 1024
# A redirect loop is given up after this many hops (Scrapy's default is 20).
REDIRECT_MAX_TIMES = 5
# A page that answers 200 but is not the page (maintenance, empty) is retried
# from the spider with Scrapy's get_retry_request, which carries retry_times on
# purpose: Scrapy's meta-copy warning would take it for a mistake.
META_COPY_WARN_SKIP_KEYS = ["retry_times"]

# INFO: Scrapy's default DEBUG logs every item in full, content included,
# which at tens of thousands of posts is gigabytes of log.
LOG_LEVEL = "INFO"

# --- Where pages come from (nejat_crawler.sources) -----------------------------
# Every request passes the perimeter (nothing but the site's own origins, port
# included), then the page-source handler fetches it from the live site or
# from the mirror; the mirror's links in a body are mapped back once it is
# decompressed (between HttpCompressionMiddleware, 590, and MetaRefresh, 580).
# The spider sets no allowed_domains, so Scrapy's host-only offsite filter
# lets everything through to the perimeter: that filter drops an off-site
# redirect when it is scheduled, before any errback, and the post would be lost.
#
# Two of Scrapy's middlewares are replaced by fixed subclasses at their places:
# robots.txt (Scrapy 2.19 let requests waiting for the first robots.txt pass
# unchecked; nejat_crawler.sources.robots) and retry (Retry-After; see above).
DOWNLOADER_MIDDLEWARES = {
    "nejat_crawler.sources.perimeter.PerimeterMiddleware": 40,
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "nejat_crawler.sources.robots.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "nejat_crawler.sources.retry.RetryAfterMiddleware": 550,
    "nejat_crawler.sources.links.MirrorLinksMiddleware": 585,
    "nejat_crawler.sources.capture.WarcCaptureMiddleware": 950,
}
DOWNLOAD_HANDLERS = {
    "http": "nejat_crawler.sources.handler.PageSourceHandler",
    "https": "nejat_crawler.sources.handler.PageSourceHandler",
}
# Origin of a mirror to fetch from instead of the live site, e.g.
# ``http://127.0.0.1:8000``; ``-a mirror=`` sets it.  Items keep live URLs.
# A mirror is fetched directly, never through a proxy, and ``-a mirror=``
# gives its pages an HTTP cache folder of their own (``-s NEJAT_MIRROR`` does
# not: give it ``-s HTTPCACHE_DIR`` too when caching).
NEJAT_MIRROR = None
# WARC archives to answer every request from, ``warc:PATH[,PATH…]``; set by
# ``-a source=``, which checks the files first.  Nothing is sent to the site.
NEJAT_SOURCE = None

# --- Archive (nejat_crawler.warc) ---------------------------------------------
# Keep every response received (listing and post pages, robots.txt, redirects,
# error pages) as WARC records in <run file name>.warc.gz beside the run file,
# renamed from .part once the run finished; the manifest names it.  Off by
# default: an article-mode crawl of the live site archives about 8 GB of HTML
# (2 GB or so compressed), more than most users of the JSON want to keep.  The
# capture middleware sits next to the download handler (950) so it sees each
# response as received, before redirects, retries and decompression.
NEJAT_WARC_ENABLED = False

# --- Development -------------------------------------------------------------
# Off by default so every run sees the live site; turn it on with
# ``-s HTTPCACHE_ENABLED=1`` to replay pages while working on parsers.
HTTPCACHE_ENABLED = False

# --- Output (nejat_crawler.extensions.run) ------------------------------------
# Each run writes <NEJAT_OUTPUT_DIR>/runs/<UTC start>-<editions>.jsonl, renamed
# from a .part name once whole, with a manifest beside it and latest.json
# pointing at it.  ``-o``/``-O`` replace the run file (the manifest then goes
# beside theirs).  None: ``output/`` in the project root, whatever the
# working directory.
NEJAT_OUTPUT_DIR = None
# The SQLite state of earlier runs (known posts, how each listing walk ended),
# locked while a run uses it.  None: ``<NEJAT_OUTPUT_DIR>/state``.
NEJAT_STATE_DIR = None
# Health checks at the end of a run; a failed one makes ``scrapy crawl`` exit 1.
# ERROR log lines a run may have (a long live crawl meets a few timeouts):
NEJAT_HEALTH_MAX_ERRORS = 10
# Share of the post pages requested that may fail for good:
NEJAT_HEALTH_MAX_FAILED_POST_SHARE = 0.1

# --- History (nejat_crawler.revisits, pipelines/history.py) --------------------
# A known post whose page answers 404 or 410 when checked again is recorded
# as deleted, unless more than this share of the post pages that answered in
# the run answered 404 or 410: an outage or a change of URLs looks like that,
# so no deletion is recorded and the run is unhealthy.
NEJAT_DELETION_MAX_SHARE = 0.1
# The share is weighed only when more pages than this answered 404 or 410 in
# the run: one deletion among five revisits is no outage.  To record a real
# mass deletion the guard stopped, run once with -s NEJAT_DELETION_MAX_SHARE=1.
NEJAT_DELETION_GUARD_FROM = 3
# After a full walk that reached the end of an edition's listings, the known
# posts it did not meet are checked from their pages (they may be deleted),
# at most this many; more missing posts suggest the listings changed, and
# the rest are left to later runs (and -a revisit=).
NEJAT_MISSING_CHECK_MAX = 500
# -o/-O feeds in UTF-8 text, not \u escapes (the run file is always UTF-8).
FEED_EXPORT_ENCODING = "utf-8"
# Only the public fields, in schema order (a deletion notice has its own few);
# ``Post.raw`` stays internal.
FEED_EXPORT_FIELDS = LINE_FIELDS
# JSON and JSON Lines feeds write a Post from Post.record(), not through
# itemadapter: the same bytes for much less CPU (nejat_crawler/exporters.py).
FEED_EXPORTERS = {
    "json": "nejat_crawler.exporters.PostJsonItemExporter",
    **dict.fromkeys(("jsonlines", "jsonl", "jl"), "nejat_crawler.exporters.PostJsonLinesItemExporter"),
}

# --- Item pipelines (order matters: dedupe first, validation last) ----------
ITEM_PIPELINES = {
    "nejat_crawler.pipelines.dedupe.DedupePipeline": 100,
    "nejat_crawler.pipelines.dates.DatesPipeline": 200,
    "nejat_crawler.pipelines.categories.CategoriesPipeline": 300,
    "nejat_crawler.pipelines.share_links.ShareLinksPipeline": 400,
    "nejat_crawler.pipelines.history.HistoryPipeline": 800,
    "nejat_crawler.pipelines.validate.ValidatePipeline": 900,
}

# --- Pipeline switches, stats file, extensions -------------------------------
# Each pipeline can be switched off (it then raises NotConfigured).
NEJAT_DEDUPE_ENABLED = True
NEJAT_DATES_ENABLED = True
NEJAT_CATEGORIES_ENABLED = True
NEJAT_SHARE_LINKS_ENABLED = True
NEJAT_HISTORY_ENABLED = True
NEJAT_VALIDATE_ENABLED = True

# Path of a JSON file the final crawl stats are written to; unset, no file.
NEJAT_STATS_FILE = None
# The run recorder before the stats file, so the file holds the health verdict.
EXTENSIONS = {
    "nejat_crawler.extensions.run.RunRecorder": 400,
    "nejat_crawler.extensions.stats_file.StatsFile": 500,
}
