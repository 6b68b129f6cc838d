"""The app's models, each defined in the area it belongs to (one app, so every table keeps its name)."""

from faqs.glossary.models import GlossaryTerm
from faqs.guides.models import Audience, Guide, Question, QuestionAudience, QuestionTopic, Section, Topic
from faqs.helplines.models import Helpline, HelplineChange

__all__ = [
    "Audience",
    "GlossaryTerm",
    "Guide",
    "Helpline",
    "HelplineChange",
    "Question",
    "QuestionAudience",
    "QuestionTopic",
    "Section",
    "Topic",
]
