"""The rules every content file follows (see content/README.md), whatever kind of content it holds.

A content file is markdown split at headings of the levels its kind chooses. Right under a heading come its
settings, `key: value` lines up to the first blank line, then its text. Headings inside a code block are text.
Each kind declares its settings as `Setting`s (faqs/content/settings.py): how a value is read, checked and
written back. Every error names the file and the line, so an editor can fix it.

Nothing here touches the database: the loader reads and validates every file first and writes only when all
of them are good.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.db import models

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SETTING = re.compile(r"^([a-z_]+):\s*(.*)$")
FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+\S")
EMPTY_HEADING = re.compile(r"^(#{1,6})\s*$")


class ContentError(Exception):
    """A problem in a content file: which file, which line, and what is wrong."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


def read_lines(path):
    """The file's lines, with Windows line endings made plain; an error if it is not UTF-8 text."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path, 0, f"the file is not UTF-8 text ({error.reason})") from None
    return text.replace("\r\n", "\n").split("\n")


def clean_text(lines):
    """Markdown as it is stored: no blank lines or trailing space at either end."""
    return "\n".join(lines).strip("\n").rstrip()


def fingerprint(**fields):
    """A stable digest of what an item says: the loader compares them to tell admin edits from its own.
    A related object (a section, say) counts by its slug."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=_plain).encode()).hexdigest()


def _plain(value):
    return value.slug if isinstance(value, models.Model) else str(value)


# --- Settings lines -----------------------------------------------------------------------------------------


@dataclass
class Settings:
    """The `key: value` lines under one heading: {key: value} and {key: line number}."""

    values: dict = field(default_factory=dict)
    lines: dict = field(default_factory=dict)
    start: int = 0  # the line the settings begin on (or would have), for "needs a ... line" errors


def read_settings(path, lines, index, keys, *, end=None, what="a setting"):
    """Read `key: value` lines from `index` up to a blank line or, given `end`, every line before `end` with
    blank lines allowed (front matter). Returns (Settings, the index after them)."""
    settings = Settings(start=index + 1)
    while index < (len(lines) if end is None else end):
        raw, number = lines[index], index + 1
        if not raw.strip():
            if end is None:
                break
            index += 1
            continue
        match = SETTING.match(raw)
        if not match or match.group(1) not in keys:
            raise ContentError(
                path, number, f"expected {what} ({', '.join(keys)}) or a blank line, not {raw.strip()[:60]!r}"
            )
        key = match.group(1)
        if key in settings.values:
            raise ContentError(path, number, f"{key!r} is given twice")
        settings.values[key], settings.lines[key] = match.group(2).strip(), number
        index += 1
    return settings, index


def read_front_matter(path, lines, keys):
    """The settings between a file's opening `---` and the next; returns (Settings, the index after them)."""
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            path, 1, "the file must start with front matter: a line '---', key: value lines, '---'"
        )
    end = next((n for n in range(1, len(lines)) if lines[n].strip() == "---"), None)
    if end is None:
        raise ContentError(path, 1, "the front matter is not closed: add a line '---' after it")
    settings, _ = read_settings(path, lines, 1, keys, end=end, what="a front matter setting")
    settings.start = 1
    return settings, end + 1


# --- Blocks ------------------------------------------------------------------------------------------------


@dataclass
class Block:
    """A heading at one of the levels a kind splits its files at, its settings and the text under it.
    Level 0 is the text before the first such heading."""

    level: int
    title: str
    line: int
    settings: Settings
    text: str = ""
    text_line: int = 0  # the line its text starts on, so what is inside the text can be found by line


def split_blocks(path, lines, start, keys):
    """Split `lines` from `start` at headings whose level is a key of `keys` ({level: setting keys});
    deeper or other headings, and anything inside a code block, are text."""
    blocks = [Block(0, "", start + 1, Settings(start=start + 1))]
    text, in_fence, index, first = [], False, start, start + 1
    while index < len(lines):
        raw = lines[index]
        if FENCE.match(raw):
            in_fence = not in_fence
        level = _heading_level(path, raw, index + 1, keys) if not in_fence else None
        if level is None:
            text.append(raw)
            index += 1
            continue
        _finish(blocks[-1], text, first)
        text = []
        settings, after = (
            read_settings(path, lines, index + 1, keys[level]) if keys[level] else (Settings(), index + 1)
        )
        settings.start = index + 1  # a missing setting is reported at its heading
        blocks.append(Block(level, raw[level:].strip(), index + 1, settings))
        index, first = after, after + 1
    if in_fence:
        raise ContentError(path, len(lines), "a ``` code block is not closed")
    _finish(blocks[-1], text, first)
    return blocks


def _finish(block, text, first):
    """Give `block` its text, and the number of the line that text starts on (`first` is the line after the
    heading's settings; clean_text drops the empty lines before it)."""
    block.text = clean_text(text)
    block.text_line = first + next((n for n, line in enumerate(text) if line != ""), 0)


def _heading_level(path, raw, number, keys):
    """The level of a heading `keys` splits at, or None when the line is text."""
    empty = EMPTY_HEADING.match(raw)
    if empty and len(empty.group(1)) in keys:
        raise ContentError(path, number, "the heading has no text")
    heading = HEADING.match(raw)
    return len(heading.group(1)) if heading and len(heading.group(1)) in keys else None


def structure_problems(text, *, deepest):
    """What in a piece of markdown would be read as the file's own structure: a heading of level `deepest` or
    above, or a code block left open. For the admin, which checks text before it is saved."""
    problems, in_fence = [], False
    for line in text.split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(line)
        if heading and len(heading.group(1)) <= deepest:
            problems.append(
                f"{line.strip()[:60]!r}: subheadings start with {'#' * (deepest + 1)} "
                f"({', '.join('#' * n for n in range(1, deepest + 1))} are the file's own headings)"
            )
    if in_fence:
        problems.append("a ``` code block is not closed: add a line ``` after it")
    return problems


def check_unique(path, items, *, kind):
    """Refuse a slug used twice among `items` (each with `.slug` and `.line`)."""
    seen = {}
    for item in items:
        if item.slug in seen:
            raise ContentError(
                path, item.line, f"{kind} slug {item.slug!r} is already used on line {seen[item.slug]}"
            )
        seen[item.slug] = item.line
