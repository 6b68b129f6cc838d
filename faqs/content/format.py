"""Reading the content format (see content/README.md) into plain data, with errors that name file and line.

Nothing here touches the database: `faqs.content` validates a whole folder with these functions first and
writes only when every file is good.
"""

import datetime
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.text import slugify

from faqs.guides.audiences import AUDIENCE_SLUGS

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SETTING = re.compile(r"^([a-z_]+):\s*(.*)$")
FENCE = re.compile(r"^(```|~~~)")
HEADING = re.compile(r"^(#{1,6})\s+\S")

GUIDE_KEYS = {
    "title": True,
    "slug": True,
    "original_title": False,
    "source": True,
    "source_url": False,
    "jurisdiction": False,
    "order": False,
    "audiences": True,
    "last_reviewed": True,
}
QUESTION_KEYS = ("slug", "audiences", "topics", "reviewed", "status")
STATUSES = ("published", "draft")
NOTES_HEADING = "# Notes"


class ContentError(Exception):
    """A problem in a content file: which file, which line, and what is wrong."""

    def __init__(self, path, line, message):
        self.path, self.line, self.message = Path(path), line, message
        super().__init__(f"{self.path}:{line}: {message}" if line else f"{self.path}: {message}")


@dataclass
class QuestionData:
    text: str
    slug: str
    answer: str
    line: int
    audiences: list[str] = field(default_factory=list)  # empty: the guide's audiences
    topics: list[str] = field(default_factory=list)
    reviewed: datetime.date | None = None  # None: the guide's last_reviewed
    status: str = "published"


@dataclass
class SectionData:
    title: str
    slug: str
    line: int
    introduction: str = ""
    questions: list[QuestionData] = field(default_factory=list)


@dataclass
class GuideData:
    path: Path
    title: str
    slug: str
    original_title: str
    source: str
    audiences: list[str]
    last_reviewed: datetime.date
    source_url: str = ""
    jurisdiction: str = "England and Wales"
    order: int = 0
    introduction: str = ""
    notes: str = ""
    sections: list[SectionData] = field(default_factory=list)

    @property
    def questions(self):
        return [q for s in self.sections for q in s.questions]


def fingerprint(**fields):
    """A stable digest of what an item says: the loader compares them to tell admin edits from its own."""
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def split_list(value):
    return [item.strip() for item in value.split(",") if item.strip()]


def parse_date(path, line, value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ContentError(path, line, f"{value!r} is not a date: write it as YYYY-MM-DD") from None


def parse_audiences(path, line, value):
    audiences = split_list(value)
    unknown = [a for a in audiences if a not in AUDIENCE_SLUGS]
    if unknown:
        raise ContentError(
            path, line, f"unknown audience {unknown[0]!r}: use one of {', '.join(AUDIENCE_SLUGS)}"
        )
    if len(set(audiences)) != len(audiences):
        raise ContentError(path, line, "an audience is named twice")
    return audiences


def check_slug(path, line, slug):
    if not SLUG.match(slug):
        raise ContentError(
            path, line, f"{slug!r} is not a valid slug: use lowercase letters, digits and hyphens (for example "
            f"{slugify(slug) or 'my-question'!r})"
        )  # fmt: skip
    return slug


def parse_front_matter(path, lines):
    """Return (metadata, index of the first body line)."""
    if not lines or lines[0].strip() != "---":
        raise ContentError(
            path, 1, "the file must start with front matter: a line '---', key: value lines, '---'"
        )
    meta = {}
    for index, raw in enumerate(lines[1:], start=1):
        number = index + 1
        if raw.strip() == "---":
            break
        if not raw.strip():
            continue
        match = SETTING.match(raw)
        if not match:
            raise ContentError(path, number, f"front matter lines are 'key: value', not {raw.strip()!r}")
        key, value = match.group(1), match.group(2).strip()
        if key not in GUIDE_KEYS:
            raise ContentError(path, number, f"unknown front matter key {key!r}: use {', '.join(GUIDE_KEYS)}")
        if key in meta:
            raise ContentError(path, number, f"front matter key {key!r} is given twice")
        meta[key] = (value, number)
    else:
        raise ContentError(path, 1, "the front matter is not closed: add a line '---' after it")
    for key, required in GUIDE_KEYS.items():
        if required and not meta.get(key, ("", 0))[0]:
            raise ContentError(path, meta.get(key, ("", 1))[1], f"front matter needs '{key}: ...'")
    return meta, index + 1


def guide_from_meta(path, meta):
    value = {key: v for key, (v, _) in meta.items()}
    line = {key: n for key, (_, n) in meta.items()}
    order = value.get("order", "0")
    if not re.fullmatch(r"-?\d+", order):
        raise ContentError(path, line["order"], f"order must be a whole number, not {order!r}")
    return GuideData(
        path=path,
        title=value["title"],
        slug=check_slug(path, line["slug"], value["slug"]),
        original_title=value.get("original_title") or value["title"],
        source=value["source"],
        source_url=value.get("source_url", ""),
        jurisdiction=value.get("jurisdiction") or "England and Wales",
        order=int(order),
        audiences=parse_audiences(path, line["audiences"], value["audiences"]),
        last_reviewed=parse_date(path, line["last_reviewed"], value["last_reviewed"]),
    )


def read_settings(path, lines, start):
    """Read `key: value` lines from `start` up to a blank line; return ({key: (value, line)}, next index)."""
    settings, index = {}, start
    while index < len(lines) and lines[index].strip():
        match = SETTING.match(lines[index])
        if not match or match.group(1) not in QUESTION_KEYS:
            raise ContentError(
                path, index + 1, f"expected a setting ({', '.join(QUESTION_KEYS)}) or a blank line, "
                f"not {lines[index].strip()[:60]!r}"
            )  # fmt: skip
        key = match.group(1)
        if key in settings:
            raise ContentError(path, index + 1, f"{key!r} is given twice")
        settings[key] = (match.group(2).strip(), index + 1)
        index += 1
    return settings, index


def read_question(path, lines, index):
    """Read a `### question` heading and its settings; return (QuestionData without answer, next index)."""
    number, text = index + 1, lines[index][4:].strip()
    settings, index = read_settings(path, lines, index + 1)
    if "slug" not in settings:
        raise ContentError(path, number + 1, f"the question {text!r} needs a 'slug: ...' line")
    question = QuestionData(
        text=text, slug=check_slug(path, settings["slug"][1], settings["slug"][0]), answer="", line=number
    )
    if "audiences" in settings:
        question.audiences = parse_audiences(path, settings["audiences"][1], settings["audiences"][0])
    if "topics" in settings:
        question.topics = split_list(settings["topics"][0])
    if "reviewed" in settings:
        question.reviewed = parse_date(path, settings["reviewed"][1], settings["reviewed"][0])
    if "status" in settings:
        status, status_line = settings["status"]
        if status not in STATUSES:
            raise ContentError(path, status_line, f"status must be {' or '.join(STATUSES)}")
        question.status = status
    return question, index


def read_section(path, lines, index):
    """Read a `## section` heading and its slug line; return (SectionData, next index)."""
    number, title = index + 1, lines[index][3:].strip()
    settings, index = read_settings(path, lines, index + 1)
    if set(settings) != {"slug"}:
        raise ContentError(path, number + 1, f"the section {title!r} needs exactly one 'slug: ...' line")
    return SectionData(
        title=title, slug=check_slug(path, number + 1, settings["slug"][0]), line=number
    ), index


def clean_text(lines):
    return "\n".join(lines).strip("\n").rstrip()


def parse_guide(path):
    """Parse one guide file into `GuideData`, or raise `ContentError` naming the line that is wrong."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ContentError(path, 0, f"the file is not UTF-8 text ({error.reason})") from None
    lines = text.replace("\r\n", "\n").split("\n")
    meta, index = parse_front_matter(path, lines)
    guide = guide_from_meta(path, meta)

    buffer = []  # lines of the block being read: introduction, section intro, answer or notes
    target = ("introduction", guide)
    in_fence = False

    def flush():
        kind, owner = target
        body = clean_text(buffer)
        if kind == "answer":
            if not body:
                raise ContentError(path, owner.line, f"the question {owner.text!r} has no answer")
            owner.answer = body
        else:
            setattr(owner, kind, body)
        buffer.clear()

    while index < len(lines):
        raw = lines[index]
        number = index + 1
        if FENCE.match(raw):
            in_fence = not in_fence
        heading = None if in_fence else HEADING.match(raw)
        if not heading or len(heading.group(1)) > 3:
            buffer.append(raw)  # text, or a subheading (####) inside an answer or introduction
            index += 1
            continue
        flush()
        if raw.startswith("### "):
            if target[0] == "notes":
                raise ContentError(path, number, "questions must come before '# Notes'")
            if not guide.sections:
                raise ContentError(path, number, "a question (###) must be inside a section (##)")
            question, index = read_question(path, lines, index)
            guide.sections[-1].questions.append(question)
            target = ("answer", question)
            continue
        if raw.startswith("## "):
            if target[0] == "notes":
                raise ContentError(path, number, "sections must come before '# Notes'")
            section, index = read_section(path, lines, index)
            guide.sections.append(section)
            target = ("introduction", section)
            continue
        if raw.rstrip() == NOTES_HEADING and target[0] != "notes":
            target = ("notes", guide)
            index += 1
            continue
        raise ContentError(
            path, number, f"{raw.strip()[:60]!r}: use ## for a section, ### for a question, #### for a "
            f"subheading, and a single # only for '{NOTES_HEADING}'"
        )  # fmt: skip
    if in_fence:
        raise ContentError(path, len(lines), "a ``` code block is not closed")
    flush()
    check_unique(path, guide)
    return guide


def check_unique(path, guide):
    for kind, items in (("section", guide.sections), ("question", guide.questions)):
        seen = {}
        for item in items:
            if item.slug in seen:
                raise ContentError(
                    path, item.line, f"{kind} slug {item.slug!r} is already used on line {seen[item.slug]}"
                )
            seen[item.slug] = item.line
