"""Files a run leaves behind, written so that a file under its final name is whole.

A file is written under ``<name>.part``, flushed to disk, then renamed; a run
killed half-way leaves only the ``.part``, which nothing mistakes for a
finished file.
"""

from __future__ import annotations

import itertools
import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, BinaryIO


class PartFile:
    """A binary file written under ``<path>.part`` and renamed to ``path`` once complete."""

    def __init__(self, path: Path, handle: BinaryIO) -> None:
        self.path = path
        self.partial = partial_path(path)
        self.handle = handle

    def close(self, complete: bool) -> Path:
        """Flush and close; rename to the final name when ``complete``.  Returns where the file is."""
        self.handle.flush()
        os.fsync(self.handle.fileno())
        self.handle.close()
        if not complete:
            return self.partial
        os.replace(self.partial, self.path)
        fsync_directory(self.path.parent)
        return self.path


def create_new(folder: Path, stem: str, suffix: str) -> tuple[Path, BinaryIO]:
    """``folder/<stem><suffix>``, or ``<stem>-2<suffix>``… when that name is
    taken, opened for writing under its ``.part`` name.  Exclusive: two runs
    starting together never share a file, and no finished file is replaced."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in itertools.count(1):
        path = folder / (f"{stem}{suffix}" if number == 1 else f"{stem}-{number}{suffix}")
        if path.exists():
            continue
        try:
            return path, partial_path(path).open("xb")
        except FileExistsError:
            continue
    raise AssertionError("unreachable")


def partial_path(path: Path) -> Path:
    return path.with_name(path.name + ".part")


def manifest_path(run_file: Path) -> Path:
    """``<stem>.manifest.json`` beside ``run_file``: where a run and an ``-O`` feed leave theirs."""
    return run_file.with_name(run_file.stem + ".manifest.json")


def write_atomically(target: Path, write: Callable[[Path], object]) -> None:
    """``write(partial)`` to ``<target>.part``, then rename it to ``target``: a failure leaves no half file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = partial_path(target)
    try:
        write(partial)
        fsync_file(partial)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    fsync_directory(target.parent)


def write_json_atomically(path: Path, data: Any) -> None:
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    write_atomically(path, lambda partial: partial.write_text(text, encoding="utf-8"))


def fsync_file(path: Path) -> None:
    """Make a file another component wrote (Scrapy's ``-O`` feed) durable."""
    if path.is_file():
        descriptor = os.open(path, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def fsync_directory(path: Path) -> None:
    """Make a rename in ``path`` durable."""
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
