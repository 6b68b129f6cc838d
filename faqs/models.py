"""The app's models, each defined in the area it belongs to (one app, so every table keeps its name)."""

from faqs.guides.models import Audience, Guide, Question, QuestionAudience, QuestionTopic, Section, Topic
from faqs.helplines.models import Helpline
from faqs.pages.models import Page, PageSection

__all__ = [
    "Audience",
    "Guide",
    "Helpline",
    "Page",
    "PageSection",
    "Question",
    "QuestionAudience",
    "QuestionTopic",
    "Section",
    "Topic",
]
