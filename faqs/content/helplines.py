"""The helpline directory as data: `content/helplines.md` read, validated and loaded, and written back out.

The format is explained to editors in content/README.md ("The helpline directory"). `load_content` reads this
file with the guides, validates everything before it writes anything, and loads both in one transaction.
"""

import re
from dataclasses import dataclass, field, fields
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator

from faqs.content.format import ContentError, check_slug, fingerprint, parse_audiences, parse_date
from faqs.guides.audiences import AUDIENCE_SLUGS
from faqs.helplines.models import Helpline
from faqs.helplines.opening_hours import HoursError, parse_hours
from faqs.helplines.phone_numbers import phone_problem

FILE_NAME = "helplines.md"
SETTING = re.compile(r"^([a-z_]+):\s*(.*)$")
FENCE = re.compile(r"^(```|~~~)")
ALWAYS_OPEN = "24 hours"
EVERYONE = "anyone"
PERIOD = re.compile(r"^(\S+)\s+(\d\d:\d\d)-(\d\d:\d\d)$")

# File key -> model field, in the order they are written.
KEYS = {
    "slug": "slug",
    "group": "group",
    "phone": "phone",
    "textphone": "textphone",
    "text": "text_number",
    "email": "email",
    "website": "website",
    "other_contact": "other_contact",
    "hours": "hours",
    "bank_holidays": "closed_on_bank_holidays",
    "hours_note": "hours_note",
    "free": "free_to_call",
    "area": "area",
    "audiences": "audiences",
    "source": "source",
    "last_checked": "last_checked",
}
REQUIRED = ("slug", "group", "audiences", "source", "last_checked")
PREAMBLE = """\
# Helplines

The helpline directory at /helplines/. One `##` heading per helpline, then its settings, a blank line and what it
is for in our own words. The format, and the rules for which numbers may be published, are in README.md in this
folder, under "The helpline directory".
"""


@dataclass
class HelplineData:
    name: str
    slug: str
    group: str
    description: str
    source: str
    last_checked: object
    line: int
    audiences: list[str] = field(default_factory=list)
    phone: str = ""
    textphone: str = ""
    text_number: str = ""
    email: str = ""
    website: str = ""
    other_contact: str = ""
    always_open: bool = False
    hours: list[dict] = field(default_factory=list)
    closed_on_bank_holidays: bool = False
    hours_note: str = ""
    free_to_call: str = ""
    area: str = ""

    @classmethod
    def model_field_names(cls):
        """Everything the model stores, except the slug, order and audiences."""
        return [f.name for f in fields(cls) if f.name not in {"slug", "line", "audiences"}]

    def model_values(self):
        return {name: getattr(self, name) for name in self.model_field_names()}


def hours_from_text(text):
    """`mon-fri 09:30-15:00, sat-sun 10:00-16:00` as stored hours; `24 hours` is handled by the caller."""
    hours = []
    for part in text.split(","):
        match = PERIOD.match(part.strip())
        if not match:
            raise HoursError(
                f"{part.strip()!r}: write hours as days and times, for example "
                "'mon-fri 09:30-15:00, sat-sun 10:00-16:00', or '24 hours'"
            )
        hours.append({"days": match.group(1).lower(), "opens": match.group(2), "closes": match.group(3)})
    parse_hours(hours)
    return hours


def hours_to_text(helpline):
    if helpline.always_open:
        return ALWAYS_OPEN
    return ", ".join(f"{p['days']} {p['opens']}-{p['closes']}" for p in helpline.hours)


def read_settings(path, lines, index):
    settings = {}
    while index < len(lines) and lines[index].strip():
        number = index + 1
        match = SETTING.match(lines[index])
        if not match or match.group(1) not in KEYS:
            raise ContentError(
                path, number, f"expected a setting ({', '.join(KEYS)}) or a blank line, "
                f"not {lines[index].strip()[:60]!r}"
            )  # fmt: skip
        if match.group(1) in settings:
            raise ContentError(path, number, f"{match.group(1)!r} is given twice")
        settings[match.group(1)] = (match.group(2).strip(), number)
        index += 1
    return settings, index


def helpline_from_settings(path, name, line, settings, description):
    value = {key: v for key, (v, _) in settings.items()}
    where = {key: n for key, (_, n) in settings.items()}
    for key in REQUIRED:
        if not value.get(key):
            raise ContentError(path, where.get(key, line), f"the helpline {name!r} needs '{key}: ...'")
    if value["group"] not in Helpline.Group.values:
        raise ContentError(
            path, where["group"], f"unknown group {value['group']!r}: use one of {', '.join(Helpline.Group.values)}"
        )  # fmt: skip
    if not description:
        raise ContentError(path, line, f"the helpline {name!r} needs a description after its settings")
    audiences = value["audiences"]
    helpline = HelplineData(
        name=name,
        slug=check_slug(path, where["slug"], value["slug"]),
        group=value["group"],
        description=description,
        source=value["source"],
        last_checked=parse_date(path, where["last_checked"], value["last_checked"]),
        line=line,
        audiences=list(AUDIENCE_SLUGS)
        if audiences == EVERYONE
        else parse_audiences(path, where["audiences"], audiences),
    )
    for key in ("phone", "textphone", "text"):
        if value.get(key):
            problem = phone_problem(value[key], sms=key == "text")
            if problem:
                raise ContentError(path, where[key], problem)
            setattr(helpline, KEYS[key], value[key])
    for key, validator in (("email", EmailValidator()), ("website", URLValidator(schemes=["https", "http"]))):
        if value.get(key):
            try:
                validator(value[key])
            except ValidationError:
                raise ContentError(path, where[key], f"{value[key]!r} is not a valid {key}") from None
            setattr(helpline, key, value[key])
    if value.get("hours") == ALWAYS_OPEN:
        helpline.always_open = True
    elif value.get("hours"):
        try:
            helpline.hours = hours_from_text(value["hours"])
        except HoursError as error:
            raise ContentError(path, where["hours"], str(error)) from None
    if "bank_holidays" in value:
        if value["bank_holidays"] != "closed":
            raise ContentError(
                path, where["bank_holidays"], "bank_holidays can only be 'closed' (leave it out otherwise)"
            )
        if not helpline.hours:
            raise ContentError(path, where["bank_holidays"], "bank_holidays needs opening hours")
        helpline.closed_on_bank_holidays = True
    for key in ("other_contact", "hours_note", "free", "area"):
        setattr(helpline, KEYS[key], value.get(key, ""))
    check_lengths(path, helpline, where)
    return helpline


def check_lengths(path, helpline, where):
    for key, name in KEYS.items():
        limit = getattr(Helpline._meta.get_field(name), "max_length", None)
        text = getattr(helpline, name)
        if limit and isinstance(text, str) and len(text) > limit:
            raise ContentError(
                path, where.get(key, helpline.line), f"{key} is longer than {limit} characters"
            )
    if len(helpline.name) > Helpline._meta.get_field("name").max_length:
        raise ContentError(path, helpline.line, "the name is too long")


def parse_helplines(path):
    """Parse `helplines.md` into `HelplineData`, or raise `ContentError` naming the line that is wrong."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    except UnicodeDecodeError as error:
        raise ContentError(path, 0, f"the file is not UTF-8 text ({error.reason})") from None
    helplines = []
    index, in_fence = 0, False
    heading = None  # (name, line, settings) of the helpline being read
    description = []

    def finish():
        if heading:
            name, line, settings = heading
            text = "\n".join(description).strip()
            helplines.append(helpline_from_settings(path, name, line, settings, text))
        description.clear()

    while index < len(lines):
        raw = lines[index]
        if FENCE.match(raw):
            in_fence = not in_fence
        if in_fence or not raw.startswith("## "):
            if heading:
                description.append(raw)
            index += 1
            continue
        finish()
        name = raw[3:].strip()
        if not name:
            raise ContentError(path, index + 1, "the helpline's name is empty")
        line = index + 1
        settings, index = read_settings(path, lines, index + 1)
        heading = (name, line, settings)
    finish()
    if in_fence:
        raise ContentError(path, len(lines), "a ``` code block is not closed")
    seen = {}
    for helpline in helplines:
        if helpline.slug in Helpline.Group.values:  # both are ids on the directory page
            raise ContentError(
                path, helpline.line, f"slug {helpline.slug!r} is the name of a group: choose another"
            )
        if helpline.slug in seen:
            raise ContentError(
                path, helpline.line, f"slug {helpline.slug!r} is already used on line {seen[helpline.slug]}"
            )
        seen[helpline.slug] = helpline.line
    return helplines


def read_helplines(directory):
    """The helplines in `directory`, or None if it has no helplines file (then the directory is left alone)."""
    path = Path(directory) / FILE_NAME
    return parse_helplines(path) if path.exists() else None


def helpline_fingerprint(values, audience_slugs):
    return fingerprint(**values, audiences=sorted(audience_slugs))


def load_helplines(helplines, audiences, report, *, force=False):
    """Upsert `helplines` by slug and remove the ones no longer listed; writes nothing that is unchanged.

    `audiences` maps slug to `Audience`; `report` is the `LoadReport` of the load this is part of. Runs inside
    `load_content`'s transaction. A helpline changed in the admin since it was loaded is kept and reported as
    a conflict, unless `force`: the same policy as for guides and questions.
    """
    existing = {h.slug: h for h in Helpline.objects.prefetch_related("audiences")}
    for order, data in enumerate(helplines):
        values = {**data.model_values(), "order": order}
        wanted = helpline_fingerprint(values, data.audiences)
        wanted_audiences = {audiences[slug] for slug in data.audiences}
        helpline = existing.get(data.slug)
        if helpline is None:
            helpline = Helpline.objects.create(slug=data.slug, loaded_fingerprint=wanted, **values)
            helpline.audiences.set(wanted_audiences)
            report.added.append(f"helpline {data.slug}")
            continue
        current = current_fingerprint(helpline, values)
        if not force and current not in (helpline.loaded_fingerprint, wanted):
            report.conflicts.append(
                f"helpline {data.slug} was changed in the admin since it was loaded: kept the admin's version"
            )
            continue
        changed = {name: getattr(helpline, name) for name in values} != values
        if changed or helpline.loaded_fingerprint != wanted:
            for name, value in values.items():
                setattr(helpline, name, value)
            helpline.loaded_fingerprint = wanted
            helpline.save()
        if set(helpline.audiences.all()) != wanted_audiences:
            helpline.audiences.set(wanted_audiences)
            changed = True
        if changed:
            report.changed.append(f"helpline {data.slug}")
    listed = {h.slug for h in helplines}
    for helpline in existing.values():
        if helpline.slug in listed:
            continue
        values = {name: getattr(helpline, name) for name in HelplineData.model_field_names()} | {
            "order": helpline.order
        }
        if not force and current_fingerprint(helpline, values) != helpline.loaded_fingerprint:
            report.conflicts.append(
                f"helpline {helpline.slug} is not in the file but was edited in the admin: kept it"
            )
            continue
        helpline.delete()
        report.removed.append(f"helpline {helpline.slug}")


def current_fingerprint(helpline, values):
    """The helpline as the database has it now, in the terms of `values`' fields."""
    return helpline_fingerprint(
        {name: getattr(helpline, name) for name in values}, [a.slug for a in helpline.audiences.all()]
    )


def helplines_markdown(helplines):
    """`helplines` (from the database, with audiences prefetched) in the format `parse_helplines` reads."""
    entries = []
    for helpline in helplines:
        audiences = sorted(a.slug for a in helpline.audiences.all())
        values = {
            "slug": helpline.slug,
            "group": helpline.group,
            "phone": helpline.phone,
            "textphone": helpline.textphone,
            "text": helpline.text_number,
            "email": helpline.email,
            "website": helpline.website,
            "other_contact": helpline.other_contact,
            "hours": hours_to_text(helpline),
            "bank_holidays": "closed" if helpline.closed_on_bank_holidays else "",
            "hours_note": helpline.hours_note,
            "free": helpline.free_to_call,
            "area": helpline.area,
            "audiences": EVERYONE
            if audiences == sorted(AUDIENCE_SLUGS)
            else ", ".join(s for s in AUDIENCE_SLUGS if s in audiences),
            "source": helpline.source,
            "last_checked": helpline.last_checked.isoformat(),
        }
        settings = "\n".join(f"{key}: {value}" for key, value in values.items() if value)
        entries.append(f"## {helpline.name}\n{settings}\n\n{helpline.description}\n")
    return "\n".join([PREAMBLE, *entries])
