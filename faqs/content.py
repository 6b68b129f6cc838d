"""Loading the markdown in content/ into the database: validate everything first, then write atomically.

`load_content()` is what `manage.py load_content` runs; tests call it directly on temporary folders.
It upserts guides, sections and questions by slug, removes what the files no longer have, writes nothing when
nothing changed, and leaves the database exactly as it was if any file is wrong.

Editors may also change questions in the admin. A question's `loaded_fingerprint` records what the loader last
wrote; if the question in the database no longer matches it, an editor has changed it since, and the loader
keeps the editor's version and reports a conflict (unless `force=True`). `export_content` writes those edits
back to markdown so they can be reviewed and committed.
"""

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from django.db import transaction
from django.urls import Resolver404, resolve

from faqs.content_format import ContentError, parse_guide
from faqs.models import Audience, Guide, Helpline, Question, Section

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


def fingerprint(**fields):
    return hashlib.sha256(json.dumps(fields, sort_keys=True, default=str).encode()).hexdigest()


def question_fingerprint(question):
    """What a question says, from the database, in the same terms as `parsed_fingerprint`."""
    return fingerprint(
        text=question.text,
        section=question.section.slug,
        answer=question.answer,
        audiences=sorted(t.slug for t in question.audiences.all()),
        topics=sorted(t.name for t in question.topics.all()),
        last_reviewed=question.last_reviewed,
        status=question.status,
    )


def parsed_fingerprint(guide, section, question):
    return fingerprint(
        text=question.text,
        section=section.slug,
        answer=question.answer,
        audiences=sorted(question.audiences or guide.audiences),
        topics=sorted(question.topics),
        last_reviewed=question.reviewed or guide.last_reviewed,
        status=question.status,
    )


def assign(instance, **values):
    """Set fields that differ; return whether anything changed."""
    changed = False
    for name, value in values.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed = True
    return changed


def load_content(directory, *, force=False):
    """Load every guide in `directory` into the database. Returns a `LoadReport`; raises `ContentError`."""
    guides = read_content(directory)
    report = LoadReport()
    audiences = {a.slug: a for a in Audience.objects.all()}
    with transaction.atomic():
        kept_questions = set()
        for data in guides:
            guide = upsert_guide(data, audiences, report)
            for section_order, section_data in enumerate(data.sections):
                section = upsert_section(guide, section_data, section_order, report)
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
    return report


def upsert_guide(data, audiences, report):
    guide = Guide.objects.filter(slug=data.slug).first()
    values = dict(
        title=data.title,
        original_title=data.original_title,
        source=data.source,
        source_url=data.source_url,
        jurisdiction=data.jurisdiction,
        order=data.order,
        introduction=data.introduction,
        notes=data.notes,
        last_reviewed=data.last_reviewed,
    )
    if guide is None:
        guide = Guide.objects.create(slug=data.slug, **values)
        report.added.append(f"guide {data.slug}")
    elif assign(guide, **values):
        guide.save()
        report.changed.append(f"guide {data.slug}")
    wanted = {audiences[slug] for slug in data.audiences}
    if set(guide.audiences.all()) != wanted:
        guide.audiences.set(wanted)
        if f"guide {data.slug}" not in report.added + report.changed:
            report.changed.append(f"guide {data.slug}")
    return guide


def upsert_section(guide, data, order, report):
    section = Section.objects.filter(guide=guide, slug=data.slug).first()
    values = dict(title=data.title, introduction=data.introduction, order=order)
    name = f"section {guide.slug}#{data.slug}"
    if section is None:
        section = Section.objects.create(guide=guide, slug=data.slug, **values)
        report.added.append(name)
    elif assign(section, **values):
        section.save()
        report.changed.append(name)
    return section


def upsert_question(guide, guide_data, section, section_data, data, order, audiences, report, *, force):
    name = f"question {guide.slug}/{data.slug}"
    wanted_fingerprint = parsed_fingerprint(guide_data, section_data, data)
    question = (
        Question.objects.filter(guide=guide, slug=data.slug)
        .select_related("section")
        .prefetch_related("audiences", "topics")
        .first()
    )
    if question is not None and not force:
        current = question_fingerprint(question)
        if current != question.loaded_fingerprint and current != wanted_fingerprint:
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
        loaded_fingerprint=wanted_fingerprint,
    )
    if question is None:
        question = Question(guide=guide, slug=data.slug, **values)
        question.save()
        report.added.append(name)
        changed = True
    else:
        changed = assign(question, **values)
        if changed:
            question.save()
    wanted_audiences = {audiences[slug] for slug in (data.audiences or guide_data.audiences)}
    if set(question.audiences.all()) != wanted_audiences:
        question.audiences.set(wanted_audiences)
        changed = True
    if sorted(t.name for t in question.topics.all()) != sorted(data.topics):
        question.topics.set(data.topics)
        changed = True
    if changed and name not in report.added:
        report.changed.append(name)


def remove_missing(guides, kept_questions, report, *, force):
    kept_sections = {(g.slug, s.slug) for g in guides for s in g.sections}
    kept_guides = {g.slug for g in guides}
    for question in Question.objects.select_related("guide", "section").prefetch_related(
        "audiences", "topics"
    ):
        if (question.guide.slug, question.slug) in kept_questions:
            continue
        name = f"question {question.guide.slug}/{question.slug}"
        if not force and question_fingerprint(question) != question.loaded_fingerprint:
            report.conflicts.append(f"{name} is not in the files but was written in the admin: kept it")
            kept_sections.add((question.guide.slug, question.section.slug))
            kept_guides.add(question.guide.slug)
            continue
        question.delete()
        report.removed.append(name)
    for section in Section.objects.select_related("guide"):
        if (section.guide.slug, section.slug) not in kept_sections:
            section.delete()
            report.removed.append(f"section {section.guide.slug}#{section.slug}")
    for guide in Guide.objects.exclude(slug__in=kept_guides):
        guide.delete()
        report.removed.append(f"guide {guide.slug}")
