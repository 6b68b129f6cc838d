"""Markdown to safe HTML, done once when content is loaded or saved - never per request."""

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "h2", "h3", "h4", "h5", "blockquote",
    "code", "kbd", "pre", "hr", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}


# `####` in an answer is its first level of subheading; on its page it sits under the h1 question.
ANSWER_HEADINGS = {"h1": "h2", "h2": "h2", "h3": "h2", "h4": "h2", "h5": "h3", "h6": "h4"}


class _ShiftHeadings(markdown.treeprocessors.Treeprocessor):
    def __init__(self, md, shift):
        super().__init__(md)
        self.shift = shift

    def run(self, root):
        for element in root.iter():
            if element.tag in self.shift:
                element.tag = self.shift[element.tag]


class _ShiftHeadingsExtension(markdown.extensions.Extension):
    def __init__(self, shift):
        super().__init__()
        self.shift = shift

    def extendMarkdown(self, md):
        md.treeprocessors.register(_ShiftHeadings(md, self.shift), "shift_headings", 0)


def render_markdown(source, *, headings=ANSWER_HEADINGS):
    """Render an editor's markdown to sanitised HTML: raw HTML, scripts and unknown attributes are removed
    (`<kbd>` is kept: the help pages name keys). `headings` maps the markdown's heading levels to the page's."""
    extensions = ["sane_lists", "tables", _ShiftHeadingsExtension(headings)]
    html = markdown.markdown(source, extensions=extensions)
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
    )
