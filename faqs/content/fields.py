"""The settings a kind of content file declares: how each `key: value` line is read, checked and written back.

A kind lists its `Field`s once; reading a file and exporting the database both follow that list, so the two can
never disagree about a key, its order or its format. A reader takes the text after `key:` and returns the value or
raises ValueError with what an editor should write instead; the error then names the file, line and key.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.text import slugify

from faqs.content.format import SLUG, ContentError
from faqs.guides.audiences import AUDIENCE_SLUGS


@dataclass(frozen=True)
class Field:
    key: str
    read: Callable[[str], Any] = str
    write: Callable[[Any], str] = str  # returns "" to leave the line out
    required: bool = False
    default: Any = ""  # or a callable that makes one (list)
    attribute: str = ""  # the name on the parsed item, when it is not the key

    @property
    def name(self):
        return self.attribute or self.key

    def default_value(self):
        return self.default() if callable(self.default) else self.default


def read_fields(path, settings, fields, *, owner):
    """{name: value} for each of `fields`, read from `settings` or defaulted; `owner` names what the lines
    belong to in errors ("the question 'Why?'")."""
    values = {}
    for field in fields:
        text = settings.values.get(field.key, "")
        if text:
            try:
                values[field.name] = field.read(text)
            except ValueError as error:
                raise ContentError(path, settings.lines[field.key], f"{field.key}: {error}") from None
        elif field.required:
            line = settings.lines.get(field.key, settings.start)
            raise ContentError(path, line, f"{owner} needs a '{field.key}: ...' line")
        else:
            values[field.name] = field.default_value()
    return values


def write_fields(values, fields):
    """The settings lines for `values` (by field name), in the declared order, leaving out empty ones."""
    lines = []
    for field in fields:
        value = values.get(field.name)
        text = field.write(value) if value not in (None, "", [], ()) else ""
        if text != "":
            lines.append(f"{field.key}: {text}")
    return "\n".join(lines)


# --- Readers and writers ------------------------------------------------------------------------------------


def slug(value):
    if not SLUG.match(value):
        example = slugify(value) or "my-question"
        raise ValueError(
            f"{value!r} is not a valid slug: use lowercase letters, digits and hyphens (for example {example!r})"
        )
    return value


def date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{value!r} is not a date: write it as YYYY-MM-DD") from None


def whole_number(value):
    if not re.fullmatch(r"-?\d+", value):
        raise ValueError(f"{value!r} is not a whole number")
    return int(value)


def months(value):
    number = whole_number(value)
    if not 1 <= number <= 120:
        raise ValueError(f"{value!r}: give a number of months from 1 to 120")
    return number


RELATED_LIMIT = 3


def question_keys(value):
    """Up to RELATED_LIMIT questions as `guide/slug`, in the order written."""
    keys = words(value)
    for key in keys:
        guide, _, question = key.partition("/")
        if not (SLUG.match(guide) and SLUG.match(question)):
            raise ValueError(
                f"{key!r}: name a question as <guide slug>/<question slug>, for example mothers/dvpo"
            )
    if len(keys) > RELATED_LIMIT:
        raise ValueError(f"name at most {RELATED_LIMIT} related questions")
    if len(set(keys)) != len(keys):
        raise ValueError("a question is named twice")
    return keys


def words(value):
    """A comma-separated list, in the order written."""
    return [item.strip() for item in value.split(",") if item.strip()]


def audiences(value):
    """Audience slugs from the controlled list, in the order written."""
    chosen = words(value)
    unknown = [a for a in chosen if a not in AUDIENCE_SLUGS]
    if unknown:
        raise ValueError(f"unknown audience {unknown[0]!r}: use one of {', '.join(AUDIENCE_SLUGS)}")
    if len(set(chosen)) != len(chosen):
        raise ValueError("an audience is named twice")
    return chosen


def one_of(*choices):
    def read(value):
        if value not in choices:
            raise ValueError(f"use one of {', '.join(choices)}, not {value!r}")
        return value

    return read


def email(value):
    return _validated(value, EmailValidator(), "email address")


def website(value):
    return _validated(value, URLValidator(schemes=["https", "http"]), "website address")


def _validated(value, validator, what):
    try:
        validator(value)
    except ValidationError:
        raise ValueError(f"{value!r} is not a valid {what}") from None
    return value


def joined(items):
    return ", ".join(items)


def iso_date(value):
    return value.isoformat()


def unless(default, write=str):
    """A writer that leaves the line out when the value is the default (`status: published`, say)."""
    return lambda value: "" if value == default else write(value)


def check_lengths(path, item, fields, model, *, line):
    """Refuse text longer than the model's column holds, at the line that gives it (`line(key)`)."""
    for field in fields:
        try:
            limit = model._meta.get_field(field.name).max_length
        except FieldDoesNotExist:
            continue
        value = getattr(item, field.name, None)
        if limit and isinstance(value, str) and len(value) > limit:
            raise ContentError(path, line(field.key), f"{field.key} is longer than {limit} characters")
