"""Writing what the files say into the database without ever silently losing an editor's work.

Every kind of content follows one policy. Each item keeps a `loaded_fingerprint`: a digest of what the loader last
wrote. If the item in the database no longer matches it, an editor has changed it in the admin since, and the
loader keeps the editor's version and reports a conflict, unless `force` (then the files win; the history still
has the editor's version). Items the files no longer have are removed, except what an editor wrote or changed, and
except containers (a section, a guide) that still hold something kept.

Some fields are held for a second pair of eyes (a helpline's contact details): for an item already in the
database, the loader proposes them (the kind's `hold`) instead of writing them, and records what it did write, so
that the proposal is not mistaken for an editor's edit on the next load. A new item is written whole.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from faqs.content.format import fingerprint

CHANGED_IN_ADMIN = "{name} was changed in the admin since it was loaded: kept the admin's version"
WRITTEN_IN_ADMIN = "{name} is not in the files but was written in the admin: kept it"
HOLDS_KEPT = "{name} is not in the files but holds {holds} kept from the admin: kept it"

# How a model's many-to-many lists are read and written, as ordered lists of slugs or names (model methods).
RELATIONS = {
    "audiences": ("audience_slugs", "set_audiences"),
    "topics": ("topic_names", "set_topics"),
    "related": ("related_keys", "set_related"),
    # The editors' blocks, as [(ISO date, who or text)] (faqs/content/editorial.py).
    "reviews": ("review_list", "set_reviews"),
    "editors_notes": ("editors_note_list", "set_editors_notes"),
    "change_notes": ("change_note_list", "set_change_notes"),
}


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)  # items with a change now waiting for approval

    @property
    def nothing_changed(self):
        return not (self.added or self.changed or self.removed or self.held)

    def lines(self):
        lines = [f"added {item}" for item in self.added]
        lines += [f"changed {item}" for item in self.changed]
        lines += [f"removed {item}" for item in self.removed]
        lines += [f"held for approval: new contact details for {item}" for item in self.held]
        return lines


@dataclass(frozen=True)
class Kind:
    """A model that content files fill: which of its fields and lists the files set."""

    label: str  # how reports name its items: "question mothers/clares-law"
    model: type
    fields: tuple
    relations: tuple = ()
    held: tuple = ()  # fields an existing item never takes straight from a file
    hold: Callable | None = None  # (instance, {field: value}) -> whether a change now waits for approval

    def fingerprint(self, values, relations):
        return fingerprint(**values, **{name: sorted(items) for name, items in relations.items()})

    def current(self, instance):
        """The fingerprint of `instance` as the database has it now."""
        return self.fingerprint(
            {name: getattr(instance, name) for name in self.fields},
            {name: getattr(instance, RELATIONS[name][0])() for name in self.relations},
        )


@dataclass
class Record:
    """One item as a content file gives it, in the terms the database stores it."""

    kind: Kind
    key: str  # "mothers/clares-law"
    lookup: dict  # the fields that find it: {"slug": ...} or {"guide": guide, "slug": ...}
    values: dict  # the kind's fields
    relations: dict = field(default_factory=dict)  # {"audiences": [...]}: ordered as the file writes them

    @property
    def name(self):
        return f"{self.kind.label} {self.key}"

    @property
    def fingerprint(self):
        return self.kind.fingerprint(self.values, self.relations)


def upsert(record, report, *, force):
    """Create or update the item `record` describes; returns it. Only what differs is written."""
    model = record.kind.model
    instance = model.objects.filter(**record.lookup).first()
    wanted = record.fingerprint
    if instance is None:
        instance = model.objects.create(**record.lookup, **record.values, loaded_fingerprint=wanted)
        set_relations(instance, record.relations)
        report.added.append(record.name)
        return instance
    kind = record.kind
    current = kind.current(instance)
    if not force and current not in (instance.loaded_fingerprint, wanted):
        report.conflicts.append(CHANGED_IN_ADMIN.format(name=record.name))
        return instance
    held = {name: record.values[name] for name in kind.held}
    values = {**record.values, **{name: getattr(instance, name) for name in held}}  # the confirmed ones stay
    changed = save_changes(instance, values, kind.fingerprint(values, record.relations))
    changed = set_relations(instance, record.relations) or changed
    if changed:
        report.changed.append(record.name)
    if held and kind.hold(instance, held):
        report.held.append(record.name)
    return instance


def save_changes(instance, values, wanted):
    """Save the fields that differ; return whether any did. The fingerprint is kept current either way, without
    a history record or a "changed" line when only it was stale."""
    differing = {name: value for name, value in values.items() if getattr(instance, name) != value}
    for name, value in differing.items():
        setattr(instance, name, value)
    if differing:
        instance.loaded_fingerprint = wanted
        instance.save()
    elif instance.loaded_fingerprint != wanted:
        type(instance).objects.filter(pk=instance.pk).update(loaded_fingerprint=wanted)
    return bool(differing)


def set_relations(instance, relations):
    """Set each list that differs, in the file's order (so exporting writes it back the same)."""
    changed = False
    for name, items in relations.items():
        read, write = RELATIONS[name]
        if getattr(instance, read)() != list(items):
            getattr(instance, write)(items)
            changed = True
    return changed


def remove(kind, instance, key, report, *, force, holds=""):
    """Delete an item the files no longer have, unless it still holds items kept from the admin (`holds` names
    them) or was itself written or changed in the admin since the last load."""
    name = f"{kind.label} {key}"
    if holds:
        report.conflicts.append(HOLDS_KEPT.format(name=name, holds=holds))
    elif not force and kind.current(instance) != instance.loaded_fingerprint:
        report.conflicts.append(WRITTEN_IN_ADMIN.format(name=name))
    else:
        instance.delete()
        report.removed.append(name)
