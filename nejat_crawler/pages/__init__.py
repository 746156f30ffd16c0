"""Page parsers: pure functions over a parsel ``Selector``.

They return values as found on the page (texts, attributes, absolute hrefs);
turning them into normalised item fields is the item pipelines' job.  They
never raise: a field that cannot be read is empty, a listing entry that
cannot be read is left out and counted (``ListingPage.skipped``).
"""
