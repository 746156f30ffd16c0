import pytest
from scrapy.exceptions import NotConfigured
from scrapy.utils.test import get_crawler

from nejat_crawler.items import RawValues
from nejat_crawler.pages.common import FoundShare
from nejat_crawler.pipelines.share_links import ShareLinksPipeline
from tests.conftest import make_post, nejat_stats


def shared(network, href):
    return make_post(raw=RawValues(share_links=(FoundShare(network, href),)))


POST = "https://www.nejatngo.org/en/posts/3601"
ENCODED = "https%3A%2F%2Fwww.nejatngo.org%2Fen%2Fposts%2F3601"

# (class network, href as parsel hands it over, expected platform, expected url)
CASES = [
    ("facebook", f"https://www.facebook.com/sharer/sharer.php?u={POST}", "facebook", None),
    ("twitter", f"https://x.com/intent/tweet?text=Check%20out%20this%20article:%20UN%20-%20{POST}", "twitter", None),
    (None, "https://twitter.com/intent/tweet?text=UN%20-%20http://nejatngo.org/en/posts/3601?amp=1", "twitter", None),
    ("pinterest", f"https://www.pinterest.com/pin/create/button/?url={ENCODED}&description=UN", "pinterest", None),
    (
        "whatsapp",
        f"https://api.whatsapp.com/send?text=UN %0A%0A {ENCODED}",
        "whatsapp",
        f"https://api.whatsapp.com/send?text=UN%20%0A%0A%20{ENCODED}",
    ),
    ("telegram", f"https://telegram.me/share/url?url={ENCODED}&text=UN", "telegram", None),
    (
        "skype",
        f"https://web.skype.com/share?url={POST}&#038;text=UN",
        "skype",
        f"https://web.skype.com/share?url={POST}&text=UN",
    ),
    ("email", f"mailto:?subject=UN mission&#038;BODY={POST}", "email", f"mailto:?subject=UN%20mission&BODY={POST}"),
    ("email", f"mailto:?subject=Report #3&#038;BODY={POST}", "email", f"mailto:?subject=Report%20#3&BODY={POST}"),
    ("facebook", "https://www.facebook.com/sharer/sharer.php?u=https://www.nejatngo.org/en/?p=3601", "facebook", None),
    ("linkedin", f"https://www.linkedin.com/shareArticle?mini=true&url={ENCODED}", "linkedin", None),
    (None, f"https://www.reddit.com/submit?url={ENCODED}", "reddit", None),
]


@pytest.mark.parametrize(("network", "href", "platform", "url"), CASES)
def test_platform_url_and_target(crawler, network, href, platform, url):
    pipeline = ShareLinksPipeline.from_crawler(crawler)
    item = pipeline.process_item(shared(network, href))
    [link] = item.share_links
    assert link.platform == platform
    assert link.url == (url or href)
    assert link.target == POST
    assert "nejat/share_links/target_mismatch" not in nejat_stats(crawler)


def test_unknown_network_is_other_and_keeps_its_url(crawler):
    pipeline = ShareLinksPipeline.from_crawler(crawler)
    href = f"https://share.example.net/post?link={POST}"
    [link] = pipeline.process_item(shared("mastodon", href)).share_links
    assert (link.platform, link.url, link.target) == ("other", href, POST)
    assert nejat_stats(crawler)["nejat/share_links/unknown_platform"] == 1


def test_target_of_another_post_is_counted(crawler):
    pipeline = ShareLinksPipeline.from_crawler(crawler)
    href = "https://www.facebook.com/sharer/sharer.php?u=https://www.nejatngo.org/en/posts/1"
    [link] = pipeline.process_item(shared("facebook", href)).share_links
    assert link.target == "https://www.nejatngo.org/en/posts/1"
    assert nejat_stats(crawler)["nejat/share_links/target_mismatch"] == 1


def test_button_without_href_is_skipped_and_counted(crawler):
    pipeline = ShareLinksPipeline.from_crawler(crawler)
    item = pipeline.process_item(shared("pinterest", None))
    assert item.share_links == []
    assert nejat_stats(crawler)["nejat/share_links/no_url"] == 1


def test_switched_off_says_which_field_stays_empty():
    crawler = get_crawler(settings_dict={"NEJAT_SHARE_LINKS_ENABLED": False})
    with pytest.raises(NotConfigured, match="share_links will be empty"):
        ShareLinksPipeline.from_crawler(crawler)
    assert nejat_stats(crawler) == {"nejat/fields_off/share_links": 1}
