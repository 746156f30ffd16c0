"""Compare two crawls' JSON Lines outputs, ``crawled_at`` aside, whatever their line order.

Each line is parsed, ``crawled_at`` dropped, and re-serialised with sorted
keys; the lines are then sorted, by post URL first so that a difference
pairs two records of the same post, with GNU ``sort`` (bytewise,
``LC_ALL=C``), which spills to disk, so a 100k-post article crawl (gigabytes of content) is
compared without holding it in memory.  The normalised file is kept beside
each output, so an output compared several times is normalised once.
"""

from __future__ import annotations

import json
import os
import subprocess
from itertools import zip_longest
from pathlib import Path
from typing import Any

IGNORED_FIELDS = ("crawled_at",)
CONTEXT_CHARS = 120
"""How much of the first differing lines the report shows around their first difference."""


def normalised(output: Path) -> Path:
    """``output``'s items normalised and sorted, in a file beside it (reused while newer than the output)."""
    target = output.with_name(output.stem + ".normalised.jsonl")
    if target.exists() and target.stat().st_mtime >= output.stat().st_mtime:
        return target
    unsorted = output.with_name(output.stem + ".unsorted.jsonl")
    with output.open(encoding="utf-8") as lines, unsorted.open("w", encoding="utf-8") as out:
        for line in lines:
            if line.strip():
                item = json.loads(line)
                for name in IGNORED_FIELDS:
                    item.pop(name, None)
                # The URL leads, before a tab (json.dumps escapes any tab in a value).
                out.write(f"{item.get('url')}\t{json.dumps(item, sort_keys=True, ensure_ascii=False)}\n")
    subprocess.run(["sort", "-o", str(target), str(unsorted)], check=True, env=os.environ | {"LC_ALL": "C"})
    unsorted.unlink()
    return target


def same_output(first: Path, second: Path) -> dict[str, Any]:
    """Are two outputs the same once normalised?  If not, where the first differing lines part."""
    missing = [str(path) for path in (first, second) if not path.exists()]
    if missing:
        return {"identical": False, "error": f"missing output: {', '.join(missing)}"}
    result: dict[str, Any] = {"identical": True}
    with normalised(first).open(encoding="utf-8") as left, normalised(second).open(encoding="utf-8") as right:
        for number, (line_a, line_b) in enumerate(zip_longest(left, right), start=1):
            if line_a != line_b:
                result["identical"] = False
                result["first_difference"] = {"sorted_line": number} | _difference(line_a, line_b)
                break
    return result


def _difference(first: str | None, second: str | None) -> dict[str, Any]:
    """Where two normalised lines part: each one's post URL and its JSON around the first differing character."""
    (url_a, first), (url_b, second) = (_split(line) for line in (first, second))
    at = next((i for i, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second)))
    start = max(0, at - CONTEXT_CHARS)
    return {
        "urls": [url_a, url_b],
        "character": at,
        "first": first[start : at + CONTEXT_CHARS],
        "second": second[start : at + CONTEXT_CHARS],
    }


def _split(line: str | None) -> tuple[str | None, str]:
    """A normalised line's URL and JSON; (None, "") past the end of its file."""
    if line is None:
        return None, ""
    url, _, item = line.rstrip("\n").partition("\t")
    return url, item


def post_urls(path: Path) -> set[str]:
    """The ``url`` of every item of a JSON Lines output (empty if there is none)."""
    if not path.exists():
        return set()
    with path.open(encoding="utf-8") as lines:
        return {json.loads(line)["url"] for line in lines if line.strip()}
