"""Where pages come from: the one seam between the crawl and the network.

Everything above this seam (spider, parsers, pipelines, Scrapy's redirect,
robots.txt, retry and cache middlewares) sees live-site URLs only.  Four
components make the seam:

* ``PerimeterMiddleware`` (a downloader middleware) refuses every request
  outside the site's own origins, exactly: scheme, host and port.  Redirects
  and meta refreshes become new requests, so they pass it too.
* ``PageSourceHandler`` (the ``http``/``https`` download handler) answers the
  requests that pass: from the live site by default, from a mirror
  (``-a mirror=http://127.0.0.1:8000``), mapping URLs out and back, or from
  WARC archives (``-a source=warc:…``), sending nothing anywhere.
* ``MirrorLinksMiddleware`` maps the mirror's origin in decompressed bodies
  back to the live site's.
* ``WarcCaptureMiddleware``, next to the handler, writes each response as
  received to the run's WARC (``NEJAT_WARC_ENABLED``).

Why a download handler and not a middleware for the mirror: a request's URL
cannot change in place, so a middleware would have to schedule a second
request per page, which runs robots.txt, the duplicate filter and the stats
twice and copies its meta into every redirect.  The handler runs inside the
downloader's slot, so delays and concurrency apply to the mirror unchanged.
The same handler answers from an archive, so a replay passes through the
same middlewares (robots.txt, redirects, retries) as the captured crawl did.
"""
