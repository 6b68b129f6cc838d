"""`content/helplines.md`: the helpline directory as an entry file (format in content/README.md, "The helpline
directory"). Only what is particular to helplines is here: their settings, and the rules that span settings.
"""

import re

from faqs.content import fields as f
from faqs.content.entries import EntryFile
from faqs.content.format import ContentError
from faqs.content.sync import Kind
from faqs.guides.audiences import AUDIENCE_SLUGS
from faqs.helplines.approvals import CONTACT_FIELDS, propose_contact_change
from faqs.helplines.models import Helpline
from faqs.helplines.opening_hours import HoursError, parse_hours
from faqs.helplines.phone_numbers import phone_problem

ALWAYS_OPEN = "24 hours"
EVERYONE = "anyone"
PERIOD = re.compile(r"^(\S+)\s+(\d\d:\d\d)-(\d\d:\d\d)$")


def phone(*, sms=False):
    def read(value):
        problem = phone_problem(value, sms=sms)
        if problem:
            raise ValueError(problem)
        return value

    return read


def hours(text):
    """`mon-fri 09:30-15:00, sat-sun 10:00-16:00` as stored hours, or ALWAYS_OPEN."""
    if text == ALWAYS_OPEN:
        return ALWAYS_OPEN
    periods = []
    for part in text.split(","):
        match = PERIOD.match(part.strip())
        if not match:
            raise ValueError(
                f"{part.strip()!r}: write hours as days and times, for example "
                "'mon-fri 09:30-15:00, sat-sun 10:00-16:00', or '24 hours'"
            )
        periods.append({"days": match.group(1).lower(), "opens": match.group(2), "closes": match.group(3)})
    try:
        parse_hours(periods)
    except HoursError as error:
        raise ValueError(str(error)) from None
    return periods


def hours_text(value):
    return (
        value if value == ALWAYS_OPEN else ", ".join(f"{p['days']} {p['opens']}-{p['closes']}" for p in value)
    )


def closed(value):
    if value != "closed":
        raise ValueError("bank_holidays can only be 'closed' (leave it out otherwise)")
    return True


def audiences(value):
    """Audiences in the controlled list's order; `anyone` for all of them."""
    chosen = AUDIENCE_SLUGS if value == EVERYONE else f.audiences(value)
    return [slug for slug in AUDIENCE_SLUGS if slug in chosen]


def audiences_text(slugs):
    return EVERYONE if list(slugs) == AUDIENCE_SLUGS else ", ".join(slugs)


def group(value):
    if value not in Helpline.Group.values:
        raise ValueError(f"unknown group {value!r}: use one of {', '.join(Helpline.Group.values)}")
    return value


FIELDS = (
    f.Field("slug", read=f.slug, required=True),
    f.Field("group", read=group, required=True),
    f.Field("phone", read=phone()),
    f.Field("textphone", read=phone()),
    f.Field("text", read=phone(sms=True), attribute="text_number"),
    f.Field("email", read=f.email),
    f.Field("website", read=f.website),
    f.Field("other_contact"),
    f.Field("hours", read=hours, write=hours_text, default=list),
    f.Field("bank_holidays", read=closed, write=lambda value: "closed" if value else "", default=False,
            attribute="closed_on_bank_holidays"),
    f.Field("hours_note"),
    f.Field("free", attribute="free_to_call"),
    f.Field("area"),
    f.Field("audiences", read=audiences, write=audiences_text, required=True),
    f.Field("source", required=True),
    f.Field("last_checked", read=f.date, write=f.iso_date, required=True),
)  # fmt: skip


def clean(entry, path):
    """Rules that span settings: "24 hours" is a flag of its own, bank holidays need hours, and a slug must
    not be a group's name (both are ids on the directory page)."""
    always_open = entry.values["hours"] == ALWAYS_OPEN
    entry.values.update(always_open=always_open, hours=[] if always_open else entry.values["hours"])
    if entry.closed_on_bank_holidays and not entry.hours:
        raise ContentError(path, entry.line_of("bank_holidays"), "bank_holidays needs opening hours")
    if entry.slug in Helpline.Group.values:
        raise ContentError(path, entry.line, f"slug {entry.slug!r} is the name of a group: choose another")
    return entry


def exported(helpline):
    return {
        "hours": ALWAYS_OPEN if helpline.always_open else helpline.hours,
        "audiences": helpline.audience_slugs(),
    }


# Everything the model stores that the file sets, in the file's terms for fingerprints.
HELPLINE = Kind(
    "helpline",
    Helpline,
    fields=(
        *("name", "group", "description", "source", "last_checked", "phone", "textphone", "text_number"),
        *("email", "website", "other_contact", "always_open", "hours", "closed_on_bank_holidays"),
        *("hours_note", "free_to_call", "area", "order"),
    ),
    relations=("audiences",),
    # A changed number from the file waits for an editor's approval, like one changed in the admin.
    held=CONTACT_FIELDS,
    hold=propose_contact_change,
)
HELPLINE_FILE = EntryFile(
    file_name="helplines.md",
    kind=HELPLINE,
    fields=FIELDS,
    title="name",
    text="description",
    preamble="""\
# Helplines

The helpline directory at /helplines/. One `##` heading per helpline, then its settings, a blank line and what it
is for in our own words. The format, and the rules for which numbers may be published, are in README.md in this
folder, under "The helpline directory".
""",
    clean=clean,
    exported=exported,
)
