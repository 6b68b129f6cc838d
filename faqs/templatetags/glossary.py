from django import template
from django.utils.safestring import mark_safe

from faqs.glossary.linking import link_terms as link

register = template.Library()


@register.filter
def link_terms(answer_html, terms):
    """Sanitised answer HTML (faqs.markdown) with the first use of each glossary term linked to its entry: it
    adds nothing but links to /glossary/#<slug> around text that was already there."""
    return mark_safe(link(answer_html, terms))
