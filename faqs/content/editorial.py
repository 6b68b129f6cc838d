"""The editors' own blocks in a content file: reviews, editors' notes and change notes (content/README.md,
"The editors' blocks").

They follow the source's text under a heading, each a quoted block whose first line is a marker, so they can
never be mistaken for the source's own words:

    > [!reviewed 2027-01-10 by Family Rights Group editor]

    > [!editors-note 2027-01-10]
    > The editors' markdown, quoted line by line.

    > [!change 2027-02-01]
    > A short public note of what changed.

Reading and writing both follow `MARKERS`, so an exported file loads back to the same items, byte for byte.
"""

import re

from faqs.content import fields as f
from faqs.content.format import FENCE, ContentError, clean_text
from faqs.editorial.records import CHANGE_NOTE_LENGTH

START = re.compile(r"^>\s*\[!")
MARKER = re.compile(r"^> \[!([a-z-]+) (\S+?)(?: by (.+?))?\s*\]$")
# marker: (what the owner's relation is called, whether the marker names who, whether it has quoted text)
MARKERS = {
    "reviewed": ("reviews", True, False),
    "editors-note": ("editors_notes", False, True),
    "change": ("change_notes", False, True),
}


def split_editorial(path, text, first_line, allowed):
    """(the source's text, {relation: [(ISO date, who or text), ...]}) for the text under a heading that starts
    on `first_line`; `allowed` names the relations its owner has ("reviews", ...). Raises ContentError."""
    lines = text.split("\n")
    start = _first_marker(lines)
    items = {relation: [] for relation in allowed}
    index = len(lines) if start is None else start
    while index < len(lines):
        if not lines[index].strip():
            index += 1
            continue
        relation, item, index = _read_block(path, lines, index, first_line, allowed)
        items[relation].append(item)
    return clean_text(lines[:start]), items


def _first_marker(lines):
    in_fence = False
    for index, line in enumerate(lines):
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and START.match(line):
            return index
    return None


def _read_block(path, lines, index, first_line, allowed):
    number = first_line + index
    match = MARKER.match(lines[index].rstrip())
    if not match:
        raise ContentError(
            path, number, "the editors' blocks come after the source's text, and each starts with a line such "
            "as '> [!editors-note 2027-01-10]': nothing else may follow them"
        )  # fmt: skip
    marker, day, who = match.groups()
    known = [m for m, (relation, _, _) in MARKERS.items() if relation in allowed]
    if marker not in known:
        raise ContentError(path, number, f"'[!{marker}': here use {' or '.join(f'[!{m}' for m in known)}")
    relation, names_who, has_text = MARKERS[marker]
    try:
        day = f.date(day).isoformat()
    except ValueError as error:
        raise ContentError(path, number, str(error)) from None
    if names_who != bool(who):
        shape = f"[!{marker} {day} by <who>]" if names_who else f"[!{marker} {day}]"
        raise ContentError(path, number, f"write the marker as '> {shape}'")
    body, index = _quoted(lines, index + 1)
    if has_text != bool(body):
        what = "its text on the '> ' lines under it" if has_text else "no text under it"
        raise ContentError(path, number, f"'[!{marker}' needs {what}")
    if marker == "change":
        body = " ".join(line.strip() for line in body.split("\n"))
        if len(body) > CHANGE_NOTE_LENGTH:
            raise ContentError(path, number, f"a change note is at most {CHANGE_NOTE_LENGTH} characters")
    return relation, (day, who if names_who else body), index


def _quoted(lines, index):
    """The text of the `>` lines from `index` (up to a blank line or the next marker), and the index after."""
    body = []
    while index < len(lines) and lines[index].startswith(">") and not START.match(lines[index]):
        body.append(lines[index][2:] if lines[index].startswith("> ") else lines[index][1:])
        index += 1
    return clean_text(body), index


def editorial_blocks(items):
    """The file's text for {relation: [(ISO date, who or text), ...]}, in MARKERS order, each block as a
    string."""
    blocks = []
    for marker, (relation, names_who, _) in MARKERS.items():
        for day, value in items.get(relation, ()):
            if names_who:
                blocks.append(f"> [!{marker} {day} by {value}]")
            else:
                quoted = "\n".join(f"> {line}" if line else ">" for line in value.split("\n"))
                blocks.append(f"> [!{marker} {day}]\n{quoted}")
    return blocks


def text_problems(text, *, one_line=False):
    """What in an editor's note would break its block in the file (for the admin's forms)."""
    problems = []
    if any(START.match(f"> {line}") or START.match(line) for line in text.split("\n")):
        problems.append("a line may not start with '[!': that starts an editors' block in the content files")
    if one_line and "\n" in text.strip():
        problems.append("write a change note on one line")
    return problems
