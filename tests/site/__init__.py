"""An offline replica of nejatngo.org for the crawler's tests.

``content`` holds the site as data, ``render`` turns it into Soledad 8 HTML,
``server`` serves it over HTTP with WordPress routing, and ``save_fixtures``
writes a few rendered pages for the parser unit tests.
"""
