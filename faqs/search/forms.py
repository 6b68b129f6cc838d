from django import forms

from faqs.guides.audiences import AUDIENCE_SLUGS
from faqs.search import search
from faqs.search.text import clean_query


class QueryField(forms.CharField):
    """Whatever was typed, cleaned and capped rather than refused: a NUL byte or 5,000 characters is not an
    error a frightened reader should have to fix."""

    def to_python(self, value):
        return clean_query(super().to_python(value))


class SearchForm(forms.Form):
    q = QueryField(required=False, label="Search the guidance")
    audience = forms.CharField(required=False)

    def clean_audience(self):
        audience = self.cleaned_data["audience"]
        return audience if audience in AUDIENCE_SLUGS else None

    def search(self):
        data = self.cleaned_data if self.is_valid() else {}
        return search(data.get("q", ""), audience=data.get("audience"))
