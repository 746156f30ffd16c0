"""Is a finished run one a scheduler can trust?  Checks on its final stats (pure, no Scrapy).

Each check that fails gives one line naming it; a run with none is healthy.
The crawl command turns the verdict into the exit status.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

Stats = Mapping[str, Any]


@dataclass(frozen=True)
class Limits:
    max_errors: int
    """ERROR log lines a run may have: a long crawl of a live site meets a few timeouts."""
    max_failed_post_share: float
    """Share of the post pages requested that may fail for good (HTTP errors, timeouts)."""
    max_deletion_share: float
    """Share of the post pages answering 404 or 410 above which no deletion is recorded."""


@dataclass(frozen=True)
class Run:
    stats: Stats
    finish_reason: str
    incremental: bool
    limits: Limits


def problems(run: Run) -> list[str]:
    """One line per failed check, in a fixed order; empty for a healthy run."""
    return [line for check in CHECKS if (line := check(run))]


def _finished(run: Run) -> str | None:
    if run.finish_reason == "finished":
        return None
    return f"the crawl did not finish: it stopped with finish reason {run.finish_reason!r}"


def _items(run: Run) -> str | None:
    if run.incremental or run.stats.get("item_scraped_count", 0):
        return None  # an incremental run that finds nothing new is a good run
    return "no items on a full crawl"


_CHAIN_ERRORS = ("failed", "not_found")


def failed_chains(stats: Stats) -> int:
    """Listing chains that ended in an error rather than at their last page."""
    return sum(stats.get(f"nejat/listings/{event}", 0) for event in _CHAIN_ERRORS)


def _listing_chains(run: Run) -> str | None:
    failed = failed_chains(run.stats)
    if not failed:
        return None
    firsts = (run.stats.get(f"nejat/listings/{event}/first") for event in _CHAIN_ERRORS)
    first = next((url for url in firsts if url), "?")
    return f"{failed} listing chain(s) ended in an error rather than at their last page, first at {first}"


def _empty_listings(run: Run) -> str | None:
    empty = run.stats.get("nejat/listings/empty_pages", 0)
    if not empty:
        return None
    first = run.stats.get("nejat/listings/empty_pages/first", "?")
    more = f" (and {empty - 1} more listing pages)" if empty > 1 else ""
    return f"{first} answered 200 with no post entries{more}: has the site's layout changed?"


def _errors(run: Run) -> str | None:
    errors = run.stats.get("log_count/ERROR", 0)
    if errors <= run.limits.max_errors:
        return None
    return f"{errors} errors logged, above the limit of {run.limits.max_errors} (NEJAT_HEALTH_MAX_ERRORS)"


def _failed_post_pages(run: Run) -> str | None:
    failed = run.stats.get("nejat/articles/failed", 0)
    requested = failed + run.stats.get("nejat/articles/parsed", 0)
    if not requested or failed / requested <= run.limits.max_failed_post_share:
        return None
    return (
        f"{failed} of {requested} post pages failed, above the limit of "
        f"{run.limits.max_failed_post_share:.0%} (NEJAT_HEALTH_MAX_FAILED_POST_SHARE)"
    )


def _deletions_withheld(run: Run) -> str | None:
    withheld = run.stats.get("nejat/revisits/deletions_withheld", 0)
    if not withheld:
        return None
    gone, answered = run.stats.get("nejat/revisits/pages_gone", 0), run.stats.get("nejat/revisits/pages_answered", 0)
    return (
        f"{gone} of {answered} post pages answered 404 or 410, above the limit of "
        f"{run.limits.max_deletion_share:.0%} (NEJAT_DELETION_MAX_SHARE): the {withheld} deletion(s) found were "
        "not recorded; is the site down, or have its URLs changed?"
    )


CHECKS: tuple[Callable[[Run], str | None], ...] = (
    _finished,
    _items,
    _listing_chains,
    _empty_listings,
    _errors,
    _failed_post_pages,
    _deletions_withheld,
)
