"""A deterministic, seedable synthetic Soledad site, written as static files.

The markup is the replica's: posts and listings are ``tests.site.content``
dataclasses rendered by ``tests.site.render``.  The renderer looks up the
posts it links (sidebar, related posts, previous/next) through its module
global ``site``; while writing, that global is pointed at a view of the
synthetic site, which computes any post from ``(seed, edition, post_id)`` on
demand.  So nothing of the site is held in memory but one listing's post ids
and a small cache: 100k posts stream to disk.

Layout, for ``nginx`` with ``try_files $uri $uri.html $uri/index.html``::

    robots.txt
    {ed}/index.html            /{ed}/
    {ed}/page/{n}.html         /{ed}/page/{n}
    {ed}/posts/{id}.html       /{ed}/posts/{id}
    site.json                  the spec and what was written

Pages are padded with an inline ``<style>`` block in ``<head>`` (the live
theme ships tens of KB of inline CSS and JS) to about 110 KB per listing page
and 100 KB per post page.

    .venv/bin/python -m benchmarks.site OUT_DIR --posts 2000 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from tests.site import content, render
from tests.site.content import Comment, Listing, ReplicaPost, Term

EDITIONS = content.EDITIONS
PER_PAGE = 10
# Posts per edition on the live site (issue 10): the default split of a synthetic site.
LIVE_SIZES = {"en": 8_500, "ar": 6_000, "fa": 60_000, "sq": 2_000}
LISTING_BYTES = 110_000
POST_BYTES = 100_000
ROBOTS_TXT = "User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"

_FIRST = datetime(2011, 1, 1, 9, 0, tzinfo=content.TEHRAN)
_LAST = datetime(2025, 12, 1, 9, 0, tzinfo=content.TEHRAN)
_COMMENTERS = ("Reader", "Maryam", "Ali", "Sara", "John Smith", "Arben")
_HEAD_END = "</head>"


def split_posts(total: int, sizes: dict[str, int] | None = None) -> dict[str, int]:
    """``total`` posts over the editions in proportion to ``sizes`` (largest remainder, at least one each)."""
    sizes = sizes or LIVE_SIZES
    if total < len(EDITIONS):
        raise ValueError(f"need at least {len(EDITIONS)} posts, one per edition")
    weight = sum(sizes.values())
    exact = {ed: total * sizes[ed] / weight for ed in EDITIONS}
    counts = {ed: max(1, int(exact[ed])) for ed in EDITIONS}
    by_remainder = sorted(EDITIONS, key=lambda ed: exact[ed] - int(exact[ed]), reverse=True)
    for ed in by_remainder * 2:
        if sum(counts.values()) >= total:
            break
        counts[ed] += 1
    while sum(counts.values()) > total:  # only when the minimum of one pushed us over
        largest = max(EDITIONS, key=lambda ed: counts[ed])
        counts[largest] -= 1
    return counts


@dataclass(frozen=True)
class SiteSpec:
    posts: int
    seed: int = 0
    counts: dict[str, int] = field(default_factory=dict)
    """Posts per edition; empty means ``split_posts(posts)``."""

    def count(self, edition: str) -> int:
        return (self.counts or split_posts(self.posts))[edition]


class SyntheticSite:
    """Every post of a synthetic site, computed from the seed; ids are per edition, newest highest."""

    def __init__(self, spec: SiteSpec) -> None:
        self.spec = spec
        self.counts = {ed: spec.count(ed) for ed in EDITIONS}
        self._terms = {ed: _edition_terms(ed) for ed in EDITIONS}
        self._words = {ed: _edition_words(ed) for ed in EDITIONS}
        self._authors = {ed: content.posts(ed)[0].author for ed in EDITIONS}
        self.post = lru_cache(maxsize=2048)(self._make_post)

    # Ids: the i-th newest post (0-based) of an edition of n posts has id 10 + 3 * (n - i).
    def post_id(self, edition: str, index: int) -> int:
        return 10 + 3 * (self.counts[edition] - index)

    def index(self, edition: str, post_id: int) -> int:
        offset, rest = divmod(post_id - 10, 3)
        index = self.counts[edition] - offset
        if rest or not 0 <= index < self.counts[edition]:
            raise KeyError((edition, post_id))
        return index

    def listing(self, edition: str) -> Listing:
        ids = tuple(self.post_id(edition, i) for i in range(self.counts[edition]))
        return Listing(edition, f"/{edition}/", "home", ids, PER_PAGE)

    def _make_post(self, edition: str, post_id: int) -> ReplicaPost:
        index = self.index(edition, post_id)
        rng = random.Random(f"{self.spec.seed}/{edition}/{post_id}")
        published = self._published(edition, index, rng)
        terms, words = self._terms[edition], self._words[edition]
        comments = tuple(
            Comment(rng.choice(_COMMENTERS), _sentence(rng, words, 12), published + timedelta(days=n + 1, hours=3))
            for n in range(rng.choice((0, 0, 1, 2, 3)))
        )
        image = f"{content.LIVE_ORIGIN}/{edition}/wp-content/uploads/{published:%Y/%m}/photo-{post_id}.jpg"
        return ReplicaPost(
            edition=edition,
            post_id=post_id,
            title=_sentence(rng, words, rng.randint(5, 11)).rstrip("."),
            categories=tuple(rng.sample(terms, rng.randint(1, 2))),
            tags=tuple(rng.sample(terms, rng.randint(0, 2))),
            published=published,
            modified=published + timedelta(days=2, hours=3),
            comment_count=len(comments),
            comments=comments,
            paragraphs=tuple(_sentence(rng, words, rng.randint(30, 80)) for _ in range(rng.randint(4, 8))),
            image=image if rng.random() < 0.7 else None,
            author=self._authors[edition],
            date_text=content.format_date(edition, published),
        )

    def _published(self, edition: str, index: int, rng: random.Random) -> datetime:
        """Evenly spread from 2011 to late 2025, newest first, a random minute within each step."""
        n = self.counts[edition]
        step = max(2, int((_LAST - _FIRST).total_seconds() // 60) // n)
        return _FIRST + timedelta(minutes=(n - 1 - index) * step + rng.randrange(step // 2))

    def recent_posts(self, edition: str, count: int = 5) -> list[ReplicaPost]:
        n = min(count, self.counts[edition])
        return [self.post(edition, self.post_id(edition, i)) for i in range(n)]

    def related_posts(self, item: ReplicaPost, count: int = 4) -> list[ReplicaPost]:
        """The posts just older (then newer) than ``item``, as a stand-in for "same topic"."""
        edition, index = item.edition, self.index(item.edition, item.post_id)
        near = [i for i in range(index - count, index + count + 1) if i != index and 0 <= i < self.counts[edition]]
        near.sort(key=lambda i: (i < index, abs(i - index)))
        return [self.post(edition, self.post_id(edition, i)) for i in near[:count]]

    def adjacent_posts(self, item: ReplicaPost) -> tuple[ReplicaPost | None, ReplicaPost | None]:
        edition, index = item.edition, self.index(item.edition, item.post_id)
        older = self.post(edition, self.post_id(edition, index + 1)) if index + 1 < self.counts[edition] else None
        newer = self.post(edition, self.post_id(edition, index - 1)) if index > 0 else None
        return older, newer


class _SiteView(ModuleType):
    """``tests.site.content`` as the renderer sees it, with the posts of a synthetic site."""

    def __init__(self, synthetic: SyntheticSite) -> None:
        super().__init__("benchmarks.site.view")
        self.post = synthetic.post
        self.recent_posts = synthetic.recent_posts
        self.related_posts = synthetic.related_posts
        self.adjacent_posts = synthetic.adjacent_posts

    def __getattr__(self, name: str) -> Any:
        return getattr(content, name)


@contextmanager
def rendering(synthetic: SyntheticSite) -> Iterator[None]:
    """Point the replica renderer at ``synthetic`` while open."""
    saved = render.site
    render.site = _SiteView(synthetic)
    try:
        yield
    finally:
        render.site = saved


def _edition_terms(edition: str) -> list[Term]:
    """The categories the replica knows for the edition, by term id."""
    terms = {term for item in content.posts(edition) for term in (*item.categories, *item.tags)}
    return sorted(terms, key=lambda term: term.term_id)


def _edition_words(edition: str) -> list[str]:
    """The words of the replica's articles in this edition, with their frequencies, in site order."""
    return [word for item in content.posts(edition) for paragraph in item.paragraphs for word in paragraph.split()]


def _sentence(rng: random.Random, words: list[str], length: int) -> str:
    text = " ".join(rng.choices(words, k=length))
    return text[:1].upper() + text[1:] + "."


def _padding(seed: int, size: int) -> str:
    """``size`` bytes of inline theme CSS (ASCII), the same for every page of a site."""
    rng = random.Random(f"{seed}/css")
    rules: list[str] = []
    while sum(map(len, rules)) < size:
        n = len(rules)
        color = f"#{rng.randrange(0x1000000):06x}"
        rules.append(
            f".penci-block-{n} .penci-item-{rng.randrange(99)}{{color:{color};margin:{rng.randrange(40)}px}}\n"
        )
    return "".join(rules)[:size]


def pad(page: str, target: int, padding: str) -> str:
    """``page`` with an inline style block in its head, so its UTF-8 size is about ``target`` bytes."""
    missing = target - len(page.encode()) - len('<style id="soledad-inline-css"></style>\n')
    if missing <= 0:
        return page
    block = f'<style id="soledad-inline-css">{padding[:missing]}</style>\n'
    return page.replace(_HEAD_END, block + _HEAD_END, 1)


@dataclass
class Written:
    listing_pages: dict[str, int] = field(default_factory=dict)
    posts: dict[str, int] = field(default_factory=dict)
    listing_bytes: int = 0
    post_bytes: int = 0
    seconds: float = 0.0


def generate(out: Path, spec: SiteSpec, *, post_pages: bool = True) -> Written:
    """Write the site for ``spec`` under ``out`` (created); the same spec always writes the same bytes."""
    started = time.perf_counter()
    synthetic = SyntheticSite(spec)
    padding = _padding(spec.seed, max(LISTING_BYTES, POST_BYTES))
    written = Written()
    out.mkdir(parents=True, exist_ok=True)
    (out / "robots.txt").write_text(ROBOTS_TXT, encoding="utf-8")
    with rendering(synthetic):
        for edition in EDITIONS:
            written.listing_bytes += _write_listing(out, synthetic.listing(edition), padding, written)
            if post_pages:
                written.post_bytes += _write_posts(out, synthetic, edition, padding, written)
    written.seconds = round(time.perf_counter() - started, 2)
    # No timing in the manifest: the same spec writes the same bytes, site.json included.
    manifest = {"spec": asdict(spec) | {"counts": synthetic.counts}, "written": asdict(written) | {"seconds": None}}
    (out / "site.json").write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return written


def _write_listing(out: Path, listing: Listing, padding: str, written: Written) -> int:
    edition, total = listing.edition, 0
    (out / edition / "page").mkdir(parents=True, exist_ok=True)
    for number in range(1, listing.page_count + 1):
        path = out / edition / ("index.html" if number == 1 else f"page/{number}.html")
        data = pad(render.render_listing(listing, number), LISTING_BYTES, padding).encode()
        path.write_bytes(data)
        total += len(data)
    written.listing_pages[edition] = listing.page_count
    return total


def _write_posts(out: Path, synthetic: SyntheticSite, edition: str, padding: str, written: Written) -> int:
    total = 0
    (out / edition / "posts").mkdir(parents=True, exist_ok=True)
    for index in range(synthetic.counts[edition]):
        item = synthetic.post(edition, synthetic.post_id(edition, index))
        data = pad(render.render_post(item), POST_BYTES, padding).encode()
        (out / edition / "posts" / f"{item.post_id}.html").write_bytes(data)
        total += len(data)
    written.posts[edition] = synthetic.counts[edition]
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--posts", type=int, default=2000, help="posts in all, split over editions like the live site")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--no-post-pages", action="store_true", help="listing pages only (enough for articles=0)")
    args = parser.parse_args(argv)
    written = generate(args.out, SiteSpec(args.posts, args.seed), post_pages=not args.no_post_pages)
    print(json.dumps(asdict(written), indent=1))


if __name__ == "__main__":
    main()
