"""Loading the markdown in content/ into the database: validate everything first, then write atomically.

`load_content()` is what `manage.py load_content` runs; tests call it directly on temporary folders.
It upserts guides, sections and questions by slug, removes what the files no longer have, writes nothing when
nothing changed, and leaves the database exactly as it was if any file is wrong.

Editors may also change questions in the admin. A question's `loaded_fingerprint` records what the loader last
wrote; if the question in the database no longer matches it, an editor has changed it since, and the loader
keeps the editor's version and reports a conflict (unless `force=True`). `export_content` writes those edits
back to markdown so they can be reviewed and committed.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve

from faqs.content.format import ContentError, fingerprint, parse_guide
from faqs.content.helplines import load_helplines, read_helplines
from faqs.guides.models import Audience, Guide, Question, Section
from faqs.helplines.models import Helpline

LINK = re.compile(r"\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
SKIPPED_FILES = ("README",)


@dataclass
class LoadReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)

    @property
    def nothing_changed(self):
        return not (self.added or self.changed or self.removed)

    def lines(self):
        lines = [f"added {item}" for item in self.added]
        lines += [f"changed {item}" for item in self.changed]
        lines += [f"removed {item}" for item in self.removed]
        return lines


def guide_files(directory):
    directory = Path(directory)
    if not directory.is_dir():
        raise ContentError(directory, 0, "is not a folder")
    return sorted(
        p for p in directory.glob("*.md") if not p.name.startswith(SKIPPED_FILES) and p.name != "helplines.md"
    )


def read_content(directory):
    """Parse and validate every guide in `directory`; raise `ContentError` on the first problem."""
    guides = [parse_guide(path) for path in guide_files(directory)]
    seen = {}
    for guide in guides:
        if guide.slug in seen:
            raise ContentError(
                guide.path, 0, f"guide slug {guide.slug!r} is already used by {seen[guide.slug]}"
            )
        seen[guide.slug] = guide.path.name
    check_links(guides)
    return guides


def check_links(guides):
    """Refuse links to pages of this site that do not exist: a reader must never meet a dead link."""
    questions = {(g.slug, q.slug) for g in guides for q in g.questions}
    for guide in guides:
        blocks = [(1, guide.introduction), (1, guide.notes)]
        blocks += [(s.line, s.introduction) for s in guide.sections]
        blocks += [(q.line, q.answer) for q in guide.questions]
        for line, text in blocks:
            for target in LINK.findall(text):
                problem = link_problem(target, {g.slug for g in guides}, questions)
                if problem:
                    raise ContentError(
                        guide.path, line_of(guide.path, target, after=line), f"link {target!r}: {problem}"
                    )


def line_of(path, needle, *, after):
    """The number of the first line from `after` on that contains `needle`, to point editors at it."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return next((n for n, line in enumerate(lines, start=1) if n >= after and needle in line), after)


def link_problem(target, guide_slugs, question_keys):
    url = urlsplit(target)
    if url.scheme in ("http", "https", "mailto", "tel"):
        return None
    if url.scheme:
        return "only http, https, mailto and tel links are allowed"
    if url.netloc or not url.path.startswith("/"):
        return "link to this site's pages by their address, starting with /"
    try:
        match = resolve(url.path)
    except Resolver404:
        return "this site has no such page"
    if match.url_name == "guide" and match.kwargs["slug"] not in guide_slugs:
        return "there is no guide with that slug"
    if match.url_name == "question" and (match.kwargs["guide"], match.kwargs["slug"]) not in question_keys:
        return "there is no question with that address"
    if match.url_name == "audience" and match.kwargs["slug"] not in Audience.objects.values_list(
        "slug", flat=True
    ):
        return "there is no such audience"
    if match.url_name == "helplines" and url.fragment and url.fragment not in Helpline.Group.values:
        return (
            f"the helplines page has no group {url.fragment!r}; use one of {', '.join(Helpline.Group.values)}"
        )
    return None


GUIDE_FIELDS = (
    "title",
    "original_title",
    "source",
    "source_url",
    "jurisdiction",
    "order",
    "introduction",
    "notes",
    "last_reviewed",
)


def guide_audience_slugs(guide):
    """A guide's audiences in the order its file gives them (the order they were added)."""
    links = guide.audiences.through.objects.filter(guide=guide).order_by("pk")
    return list(links.values_list("audience__slug", flat=True))


def question_audience_slugs(question):
    return list(question.questionaudience_set.order_by("pk").values_list("tag__slug", flat=True))


def question_topic_names(question):
    return list(question.questiontopic_set.order_by("pk").values_list("tag__name", flat=True))


def guide_fingerprint(guide, audiences):
    """What a guide says: `guide` is a `Guide` or a `GuideData`, which share these attribute names."""
    return fingerprint(**{name: getattr(guide, name) for name in GUIDE_FIELDS}, audiences=sorted(audiences))


def section_fingerprint(title, introduction, order):
    return fingerprint(title=title, introduction=introduction, order=order)


def question_fingerprint(question):
    """What a question says, from the database, in the same terms as `parsed_fingerprint`."""
    return fingerprint(
        text=question.text,
        section=question.section.slug,
        answer=question.answer,
        audiences=sorted(question_audience_slugs(question)),
        topics=sorted(question_topic_names(question)),
        last_reviewed=question.last_reviewed,
        status=question.status,
        order=question.order,
    )


def parsed_fingerprint(guide, section, question, order):
    return fingerprint(
        text=question.text,
        section=section.slug,
        answer=question.answer,
        audiences=sorted(question.audiences or guide.audiences),
        topics=sorted(question.topics),
        last_reviewed=question.reviewed or guide.last_reviewed,
        status=question.status,
        order=order,
    )


def edited_in_admin(current, instance, wanted):
    """Changed since the loader last wrote it, and not to what the files now say anyway."""
    return current != instance.loaded_fingerprint and current != wanted


def assign(instance, **values):
    """Set fields that differ; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def save_changes(instance, values, wanted):
    """Save the fields that differ and return whether any did. The fingerprint is kept current either way,
    without a history record or a "changed" line when only it was stale."""
    changed = assign(instance, **values)
    if changed:
        instance.loaded_fingerprint = wanted
        instance.save()
    elif instance.loaded_fingerprint != wanted:
        type(instance).objects.filter(pk=instance.pk).update(loaded_fingerprint=wanted)
    return changed


def load_content(directory, *, force=False):
    """Load every guide in `directory` into the database. Returns a `LoadReport`; raises `ContentError`.

    Whatever was changed in the admin since the last load is kept and reported in `conflicts`, unless
    `force` is true: then the files win.
    """
    guides = read_content(directory)
    helplines = read_helplines(directory)  # None when the folder has no helplines.md: they are left alone
    report = LoadReport()
    audiences = {a.slug: a for a in Audience.objects.all()}
    with transaction.atomic():
        kept_questions = set()
        for data in guides:
            guide = upsert_guide(data, audiences, report, force=force)
            for section_order, section_data in enumerate(data.sections):
                section = upsert_section(guide, section_data, section_order, report, force=force)
                for order, question_data in enumerate(section_data.questions):
                    upsert_question(
                        guide,
                        data,
                        section,
                        section_data,
                        question_data,
                        order,
                        audiences,
                        report,
                        force=force,
                    )
                    kept_questions.add((data.slug, question_data.slug))
        remove_missing(guides, kept_questions, report, force=force)
        if helplines is not None:
            load_helplines(helplines, audiences, report, force=force)
    return report


def upsert_guide(data, audiences, report, *, force):
    name = f"guide {data.slug}"
    wanted = guide_fingerprint(data, data.audiences)
    values = {field: getattr(data, field) for field in GUIDE_FIELDS}
    guide = Guide.objects.filter(slug=data.slug).first()
    if guide is None:
        guide = Guide.objects.create(slug=data.slug, loaded_fingerprint=wanted, **values)
        current_audiences = []
        report.added.append(name)
    else:
        current_audiences = guide_audience_slugs(guide)
        current = guide_fingerprint(guide, current_audiences)
        if not force and edited_in_admin(current, guide, wanted):
            report.conflicts.append(
                f"{name} was changed in the admin since it was loaded: kept the admin's version"
            )
            return guide
        if save_changes(guide, values, wanted):
            report.changed.append(name)
    if current_audiences != data.audiences:
        guide.audiences.clear()
        for slug in data.audiences:  # one by one: the order they are added is the order they are written
            guide.audiences.add(audiences[slug])
        if name not in report.added + report.changed:
            report.changed.append(name)
    return guide


def upsert_section(guide, data, order, report, *, force):
    name = f"section {guide.slug}#{data.slug}"
    values = dict(title=data.title, introduction=data.introduction, order=order)
    wanted = section_fingerprint(**values)
    section = Section.objects.filter(guide=guide, slug=data.slug).first()
    if section is None:
        section = Section.objects.create(guide=guide, slug=data.slug, loaded_fingerprint=wanted, **values)
        report.added.append(name)
    elif not force and edited_in_admin(
        section_fingerprint(section.title, section.introduction, section.order), section, wanted
    ):
        report.conflicts.append(
            f"{name} was changed in the admin since it was loaded: kept the admin's version"
        )
    elif save_changes(section, values, wanted):
        report.changed.append(name)
    return section


def upsert_question(guide, guide_data, section, section_data, data, order, audiences, report, *, force):
    name = f"question {guide.slug}/{data.slug}"
    wanted_fingerprint = parsed_fingerprint(guide_data, section_data, data, order)
    question = Question.objects.filter(guide=guide, slug=data.slug).select_related("section").first()
    if (
        question is not None
        and not force
        and edited_in_admin(question_fingerprint(question), question, wanted_fingerprint)
    ):
        report.conflicts.append(
            f"{name} was changed in the admin since it was loaded: kept the admin's version"
        )
        return
    values = dict(
        section=section,
        text=data.text,
        answer=data.answer,
        order=order,
        last_reviewed=data.reviewed or guide_data.last_reviewed,
        status=data.status,
    )
    if question is None:
        question = Question(guide=guide, slug=data.slug, loaded_fingerprint=wanted_fingerprint, **values)
        question.save()
        report.added.append(name)
        changed = True
    else:
        changed = save_changes(question, values, wanted_fingerprint)
    # Audiences and topics keep the order the file gives them, so that exporting writes them back the same.
    wanted_audiences = data.audiences or guide_data.audiences
    if question_audience_slugs(question) != wanted_audiences:
        question.audiences.set([audiences[slug] for slug in wanted_audiences], clear=True)
        changed = True
    if question_topic_names(question) != data.topics:
        question.topics.set(data.topics, clear=True)
        changed = True
    if changed and name not in report.added:
        report.changed.append(name)


def remove_missing(guides, kept_questions, report, *, force):
    """Delete what the files no longer have, except what an editor wrote or changed in the admin (unless
    `force`), and except sections and guides that still hold something kept."""
    for question in Question.objects.select_related("guide", "section"):
        if (question.guide.slug, question.slug) in kept_questions:
            continue
        name = f"question {question.guide.slug}/{question.slug}"
        if not force and question_fingerprint(question) != question.loaded_fingerprint:
            report.conflicts.append(f"{name} is not in the files but was written in the admin: kept it")
            continue
        question.delete()
        report.removed.append(name)
    in_files = {(g.slug, s.slug) for g in guides for s in g.sections}
    for section in Section.objects.select_related("guide"):
        if (section.guide.slug, section.slug) in in_files:
            continue
        remove_unless_kept(
            section,
            f"section {section.guide.slug}#{section.slug}",
            section_fingerprint(section.title, section.introduction, section.order),
            holds="questions" if section.questions.exists() else "",
            report=report,
            force=force,
        )
    for guide in Guide.objects.exclude(slug__in={g.slug for g in guides}):
        remove_unless_kept(
            guide,
            f"guide {guide.slug}",
            guide_fingerprint(guide, guide_audience_slugs(guide)),
            holds="sections" if guide.sections.exists() else "",
            report=report,
            force=force,
        )


def remove_unless_kept(item, name, current, *, holds, report, force):
    """Delete a section or guide the files no longer have, unless it still holds items kept from the admin
    (`holds` names them) or was itself written in the admin since the last load."""
    if holds:
        report.conflicts.append(f"{name} is not in the files but holds {holds} kept from the admin: kept it")
    elif not force and current != item.loaded_fingerprint:
        report.conflicts.append(f"{name} is not in the files but was written in the admin: kept it")
    else:
        item.delete()
        report.removed.append(name)
