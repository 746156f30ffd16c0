"""End to end, across runs: a full crawl, the site moves on, incremental runs fetch only what changed.

The replica switches to a later version of the site (``content.later_version``):
new posts at the top of some editions' listings, and one known post with one
more comment, so its listed data changed.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from tests.crawling import Crawl, CrawlResult, run_crawl
from tests.site import content
from tests.site.server import ReplicaServer

NEW_POSTS = {"en": 12, "fa": 2}
POST_PATH = re.compile(r"^/(\w\w)/posts/(\d+)$")
# One request at a time, slowly, so a crawl can be killed in the middle.
SLOW = {"DOWNLOAD_DELAY": "0.2", "CONCURRENT_REQUESTS_PER_DOMAIN": "1"}


def first_home_post(edition: str) -> int:
    home = content.find_listing(edition, "home")
    assert home is not None
    return home.post_ids[0]


def keys(result: CrawlResult) -> Counter[tuple[str, int]]:
    return Counter((item["edition"], item["post_id"]) for item in result.items)


def listing_requests(result: CrawlResult) -> Counter[str]:
    """Listing pages requested, per edition."""
    return Counter(
        path.split("/")[1] for _, path, _ in result.requests if path != "/robots.txt" and not POST_PATH.match(path)
    )


def post_requests(result: CrawlResult) -> set[tuple[str, int]]:
    return {(m[1], int(m[2])) for _, path, _ in result.requests if (m := POST_PATH.match(path))}


def test_incremental_runs_fetch_and_emit_only_what_changed(tmp_path: Path) -> None:
    state = tmp_path / "state"
    commented = ("en", first_home_post("en"))
    with ReplicaServer() as server:
        full = run_crawl(server, tmp_path / "full", output=None, state_dir=state)
        with content.later_version(NEW_POSTS, more_comments=[commented]) as later:
            changed = {(post.edition, post.post_id) for post in (*later.new, *later.updated)}
            # Listing pages that show a new or changed post, per edition.
            pages = Counter(edition for edition, _ in {(e, content.home_page_of(e, i)) for e, i in changed})
            first = run_crawl(server, tmp_path / "first", "-a", "incremental=1", output=None, state_dir=state)
            second = run_crawl(server, tmp_path / "second", "-a", "incremental=1", output=None, state_dir=state)

    assert full.returncode == 0, full.log[-3000:]
    assert set(keys(full)) == {(post.edition, post.post_id) for post in content.listed_posts()}
    assert {item["change"] for item in full.items} == {"new"}

    # The first incremental run: exactly the new posts and the one whose comment count changed.
    assert first.returncode == 0, first.log[-3000:]
    assert keys(first) == Counter(changed)
    assert {(i["edition"], i["post_id"]): i["change"] for i in first.items} == {
        **{(post.edition, post.post_id): "new" for post in later.new},
        commented: "updated",
    }
    assert first.by_key()[commented]["comment_count"] == content.post(*commented).comment_count + 1
    # Its requests: the listing pages holding those posts plus one more per edition,
    # and the post pages of those posts only.
    for edition in content.EDITIONS:
        assert listing_requests(first)[edition] <= pages[edition] + 1, (edition, first.requests)
    assert post_requests(first) == changed
    assert first.stats["nejat/incremental/stopped_early"] == len(content.EDITIONS)

    # The second incremental run, nothing changed since: nothing to emit, one listing page per edition.
    assert second.returncode == 0, second.log[-3000:]
    assert second.items == []
    assert listing_requests(second) == Counter(dict.fromkeys(content.EDITIONS, 1))
    assert post_requests(second) == set()


def test_a_walk_cut_short_is_followed_past_where_it_stopped(tmp_path: Path) -> None:
    # Twelve new posts, and a run that reads only the first listing page of
    # each edition: two new English posts stay below where its walk stopped.
    state = tmp_path / "state"
    with ReplicaServer() as server:
        run_crawl(server, tmp_path / "full", "-a", "articles=0", output=None, state_dir=state)
        with content.later_version({"en": 12}) as later:
            cut = run_crawl(
                server, tmp_path / "cut", "-a", "incremental=1", "-a", "max_pages=1", output=None, state_dir=state
            )
            after = run_crawl(server, tmp_path / "after", "-a", "incremental=1", output=None, state_dir=state)
    new = [(post.edition, post.post_id) for post in later.new]
    assert set(keys(cut)) == set(new[:10])
    # Page 1 now holds only known posts, but the walk goes on to the two it never reached.
    assert set(keys(after)) == set(new[10:])
    assert after.returncode == 0


def test_a_killed_full_run_loses_no_post(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with ReplicaServer() as server:
        killed = kill_after_some_items(
            Crawl(server, tmp_path / "killed", "-a", "articles=0", output=None, settings=SLOW, state_dir=state)
        )
        again = run_crawl(server, tmp_path / "again", "-a", "articles=0", output=None, state_dir=state)
    assert killed.runs == [] and killed.partial_lines > 0
    assert again.returncode == 0
    assert set(keys(again)) == {(post.edition, post.post_id) for post in content.listed_posts()}
    # Nothing of the killed run entered the state: every post is new again.
    assert {item["change"] for item in again.items} == {"new"}


def test_a_killed_incremental_run_loses_no_post(tmp_path: Path) -> None:
    state = tmp_path / "state"
    with ReplicaServer() as server:
        run_crawl(server, tmp_path / "full", "-a", "articles=0", output=None, state_dir=state)
        with content.later_version(NEW_POSTS) as later:
            killed = kill_after_some_items(
                Crawl(server, tmp_path / "killed", "-a", "incremental=1", output=None, settings=SLOW, state_dir=state)
            )
            again = run_crawl(server, tmp_path / "again", "-a", "incremental=1", output=None, state_dir=state)
    assert killed.runs == [] and killed.partial_lines > 0
    assert again.returncode == 0, again.log[-3000:]
    assert set(keys(again)) == {(post.edition, post.post_id) for post in later.new}


class Killed:
    def __init__(self, crawl: Crawl) -> None:
        self.runs = crawl.run_files()
        self.partial_lines = sum(path.read_bytes().count(b"\n") for path in crawl.run_files("*.part"))


def kill_after_some_items(crawl: Crawl, timeout: float = 60) -> Killed:
    """Start ``crawl``, SIGKILL it once its run file holds a few items, and say what it left."""
    crawl.kill_when(lambda: any(path.read_bytes().count(b"\n") >= 3 for path in crawl.run_files("*.part")), timeout)
    return Killed(crawl)


def test_posts_another_listing_made_known_do_not_stop_a_walk(tmp_path: Path) -> None:
    # Fourteen new posts, all in one topic. An incremental run of that topic
    # (three pages of four) exports the twelve newest; the home listing's
    # first page then holds only known posts, but its walk has not seen
    # them: it goes on and finds the two the topic run did not reach.
    state = tmp_path / "state"
    with ReplicaServer() as server:
        run_crawl(server, tmp_path / "full", "-a", "articles=0", output=None, state_dir=state)
        with content.later_version({"en": 14}) as later:
            [topic] = {term.slug for post in later.new for term in post.categories}
            listing = content.find_listing("en", "topic", topic)
            assert listing is not None and listing.per_page == 4
            arguments = ("-a", "incremental=1", "-a", "articles=0")
            first = run_crawl(
                server, tmp_path / "topic", *arguments, "-a", f"listings={listing.path}", "-a", "max_pages=3",
                output=None, state_dir=state,
            )  # fmt: skip
            home = run_crawl(server, tmp_path / "home", *arguments, "-a", "editions=en", output=None, state_dir=state)
    new = [(post.edition, post.post_id) for post in later.new]
    assert set(keys(first)) == set(new[:12])
    assert set(keys(home)) == set(new[12:])
