"""The README stays true: its two commands, its arguments and its fields."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

from nejat_crawler.arguments import SpiderArguments
from nejat_crawler.items import LINE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def code_blocks() -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", README, flags=re.DOTALL)]


def test_opens_with_a_crawl_command_and_a_test_command():
    crawl, tests = code_blocks()[:2]
    assert README.index(crawl) < README.index("## What it does")
    assert crawl.endswith("scrapy crawl nejat") and "pip install -e ." in crawl
    assert tests.endswith("python -m pytest") and "pip install -e '.[test]'" in tests


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = code_blocks()[1].replace("pip install -e", "pip install -q -e")
    assert command in ci


def test_every_argument_and_field_is_documented():
    documented = set(re.findall(r"^\| `(\w+)` \|", README, flags=re.MULTILINE))
    parameters = inspect.signature(SpiderArguments.parse).parameters.values()
    arguments = [p.name for p in parameters if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD]
    assert arguments == [
        "editions",
        "mirror",
        "listings",
        "max_pages",
        "articles",
        "incremental",
        "overlap",
        "revisit",
        "source",
    ]
    for name in (*arguments, *LINE_FIELDS):
        assert name in documented, name
