"""Entry files: a content file that lists entries of one kind, such as `helplines.md`.

Each entry is a `## Heading` (its name), its settings lines, a blank line and its markdown text; text before the
first entry is a note to editors and is not loaded. An `EntryFile` declares the file's name, its model (as a sync
`Kind`), which model fields the heading and the text fill, and its settings as `Field`s: reading, validating,
loading with the admin's edits kept, and exporting all follow from that declaration. Every entry has a `slug`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from faqs.content import fields as f
from faqs.content.format import ContentError, check_unique, read_lines, split_blocks
from faqs.content.sync import Kind, Record, remove, upsert


@dataclass
class Entry:
    """One entry as read from its file: its values by model field name, and where each came from."""

    line: int
    values: dict
    lines: dict = field(default_factory=dict)  # {setting key: line}

    def __getattr__(self, name):
        try:
            return self.__dict__["values"][name]
        except KeyError:
            raise AttributeError(name) from None

    def line_of(self, key):
        return self.lines.get(key, self.line)


def keep(entry, path):
    return entry


@dataclass(frozen=True)
class EntryFile:
    file_name: str
    kind: Kind
    fields: tuple  # `Field`s, in the order the file writes them; one of them is `slug`
    title: str  # the model field the heading fills
    text: str  # the model field the text under the settings fills
    preamble: str  # what an exported file starts with
    clean: Callable = keep  # (entry, path) -> entry: rules across fields; raises ContentError
    # (instance) -> {field name: value} for export, where the file's terms differ from the model's
    exported: Callable = None
    # (entries, content, path) -> None: rules across files, given everything being loaded (a
    # faqs.content.loading.Content); raises ContentError
    check: Callable = None

    @property
    def what(self):
        return self.kind.label

    def read(self, directory):
        """The entries of this file in `directory`, or None if it has none (its table is then left alone)."""
        path = Path(directory) / self.file_name
        return self.parse(path) if path.exists() else None

    def parse(self, path):
        """Every entry in the file at `path`, validated; raises `ContentError` naming the line that is wrong."""
        path = Path(path)
        keys = tuple(field.key for field in self.fields)
        entries = [
            self.entry(path, block) for block in split_blocks(path, read_lines(path), 0, {2: keys})[1:]
        ]
        check_unique(path, entries, kind=self.what)
        return entries

    def entry(self, path, block):
        owner = f"the {self.what} {block.title!r}"
        values = f.read_fields(path, block.settings, self.fields, owner=owner)
        if not block.text:
            raise ContentError(path, block.line, f"{owner} needs its {self.text} after its settings")
        entry = Entry(
            block.line, {self.title: block.title, self.text: block.text, **values}, block.settings.lines
        )
        f.check_lengths(path, entry, (*self.fields, f.Field(self.title)), self.kind.model, line=entry.line_of)
        return self.clean(entry, path)

    def record(self, entry, order):
        values = {name: entry.values[name] for name in self.kind.fields if name != "order"} | {"order": order}
        relations = {name: entry.values[name] for name in self.kind.relations}
        return Record(self.kind, entry.slug, {"slug": entry.slug}, values, relations)

    def load(self, entries, report, *, force):
        """Upsert `entries` by slug in file order and remove the ones no longer listed."""
        for order, entry in enumerate(entries):
            upsert(self.record(entry, order), report, force=force)
        listed = {entry.slug for entry in entries}
        for instance in self.kind.model.objects.exclude(slug__in=listed):
            remove(self.kind, instance, instance.slug, report, force=force)

    def export(self):
        """The file's text for everything in the table, or None when it is empty."""
        instances = list(self.kind.model.objects.all())
        if not instances:
            return None
        entries = []
        for instance in instances:
            values = {field.name: getattr(instance, field.name, None) for field in self.fields}
            values |= self.exported(instance) if self.exported else {}
            heading = f"## {getattr(instance, self.title)}\n{f.write_fields(values, self.fields)}"
            entries.append(f"{heading}\n\n{getattr(instance, self.text)}\n")
        return "\n".join([self.preamble, *entries])
