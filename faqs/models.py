"""The app's models, each defined in the area it belongs to (one app, so every table keeps its name)."""

from faqs.editorial.models import ChangeNote, EditorsNote, Review, SiteNotice
from faqs.glossary.models import GlossaryTerm
from faqs.guides.models import Audience, Guide, Question, QuestionAudience, QuestionTopic, Section, Topic
from faqs.helplines.models import Helpline, HelplineChange
from faqs.pages.models import Page, PageSection
from faqs.search.models import SearchVector

__all__ = [
    "Audience",
    "ChangeNote",
    "EditorsNote",
    "GlossaryTerm",
    "Guide",
    "Helpline",
    "HelplineChange",
    "Page",
    "PageSection",
    "Question",
    "QuestionAudience",
    "QuestionTopic",
    "Review",
    "SearchVector",
    "Section",
    "SiteNotice",
    "Topic",
]
