"""nejat-crawler: structured JSON Lines from every edition of nejatngo.org."""

__version__ = "0.1.0"
