"""Every sentence of the source documents is on the rendered site.

The seeds in tests/data/seeds/ are verbatim copies of the documents the guidance was taken from. This test loads
the repository's content/, renders the home page, every guide page and every question page, and looks for every
sentence of seeds 001-004 in the text of the pages' <main> elements. Seed 000 is an earlier revision of 001's last
group: only the sentences that add information were carried over, so its coverage is printed, not asserted.

What is not looked for is listed below with its reason: the original website's furniture, layout debris of the
toolkit (running heads, footnote markers, page breaks), and the obvious typos fixed in the content.
"""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

from faqs.content.loading import load_content
from faqs.guides.audiences import seed_audiences
from faqs.models import Audience, Guide, Question
from tests.helpers import DATA_DIR

SEEDS = DATA_DIR / "seeds"
ASSERTED_SEEDS = ("001", "002", "003", "004")
REPORTED_SEEDS = ("000",)

# The Family Rights Group website's furniture around 001 and 004: navigation, search filters and the donation
# appeal. What it says about the advice line belongs in the helpline directory, not in the guides.
FURNITURE_LINES = {
    "How to contact us for advice",
    "Find out more",
    "Telephone Handler",
    "Close form",
    "Our advice service",
    "By phone or email",
    "Discuss on our forums",
    "Advice on our website",
    "Exit",
    "Family Rights Group",
    "Cover Your Tracks",
    "Generic filters",
    "Exact matches only",
    "People pie chart",
    "Donate Now",
}
FURNITURE_STARTS = (
    "We provide advice to parents, grandparents, relatives, friends and kinship carers",
    "Our advice service is free, independent and confidential.",
    "To speak to an adviser, please call our free and confidential advice line",
    "Our online advice forums are an anonymous space",
    "Our get help and advice section describes the processes",
    "Our funding means we can currently only help",
    "Your donation will help more families access expert legal advice",
)
# Lines of a seed deliberately not carried into the content, and why.
LEFT_OUT = {
    "004": {
        # The original site's instruction for its drop-down widgets; this site lists the questions as links.
        "Click on the drop downs below for more information and advice:",
        # A stray copy of the immigration group's heading between groups 6 and 7 of the original page; its
        # paragraph is word for word the introduction of that group, which is carried in full.
        "Protecting yourself from domestic abuse when your immigration status is uncertain",
    },
}
# Obvious typos and layout slips fixed in the content: (seed text, content text).
TYPO_FIXES = {
    "001": [
        ("But there involvement will be", "But their involvement will be"),
        ("how this can organised in a safe way", "how this can be organised in a safe way"),
        # The double negative says the opposite of what the paragraph argues.
        ("No mother should not be put at further risk", "No mother should be put at further risk"),
    ],
    "003": [("outgrowing their trouble childhood", "outgrowing their troubled childhood")],
    "004": [
        ("But the social work may decide", "But the social worker may decide"),
        ("deter you from seeing help", "deter you from seeking help"),
        ("from one our expert advisers", "from one of our expert advisers"),
        ("To apply, your need to be", "To apply, you need to be"),
        ("the abuser if entitled to information", "the abuser is entitled to information"),
        ("conference) .But all the agencies", "conference). But all the agencies"),
        ("To ask about the scheme you can to your", "To ask about the scheme you can go to your"),
        (
            "a child is likely to suffering significant harm",
            "a child is likely to be suffering significant harm",
        ),
    ],
}
# The toolkit (003): its running head, and the cover lines before the summary.
RUNNING_HEAD = "Section 7"
TOOLKIT_STARTS_AT = "Summary"
# A sentence of 003 that a page break did not split: it continues after a list.
NOT_A_PAGE_BREAK = ("they should follow their own organisation",)

SUPERSCRIPTS = re.compile(r"\s*[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
LIST_MARKER = re.compile(r"^(?:[•\-*]\s+)?(?:\d+(?:\.\d+)*[.)]?\s+)?")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
TYPOGRAPHY = str.maketrans(
    {
        # curly and low single quotes, prime -> apostrophe
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        # curly and low double quotes, double prime -> straight double quote
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
        # en and em dashes, figure dash, horizontal bar, hyphens, minus -> hyphen-minus
        "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2010": "-", "\u2011": "-", "\u2212": "-",
    }
)  # fmt: skip


def normalise(text):
    """Curly quotes and apostrophes made straight, dashes made hyphens, whitespace collapsed."""
    return re.sub(r"\s+", " ", text.translate(TYPOGRAPHY)).strip()


class MainText(HTMLParser):
    """The text inside <main>, with a space wherever a block element begins or ends."""

    BLOCKS = {
        "p", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section", "article", "nav",
        "header", "footer", "aside", "blockquote", "br", "hr", "table", "tr", "td", "th", "dt", "dd", "main",
    }  # fmt: skip
    HIDDEN = {"script", "style", "template"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.inside_main = 0
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.inside_main += 1
        elif tag in self.HIDDEN:
            self.hidden += 1
        if self.inside_main and tag in self.BLOCKS:
            self.parts.append(" ")

    def handle_endtag(self, tag):
        if self.inside_main and tag in self.BLOCKS:
            self.parts.append(" ")
        if tag == "main":
            self.inside_main -= 1
        elif tag in self.HIDDEN:
            self.hidden -= 1

    def handle_data(self, data):
        if self.inside_main and not self.hidden:
            self.parts.append(data)


def main_text(html):
    parser = MainText()
    parser.feed(html)
    parser.close()
    return normalise("".join(parser.parts))


def seed_path(number):
    (path,) = SEEDS.glob(f"{number}_*.txt")
    return path


def join_page_breaks(lines):
    """Join the toolkit's sentences that a page break split: a line continued after blank lines in lowercase."""
    joined = []
    for line in lines:
        continues = line[:1].islower() and not line.startswith(NOT_A_PAGE_BREAK)
        if continues and joined:
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


def seed_lines(number):
    """The seed's lines of content, cleaned of furniture and layout debris, typos fixed as in the content."""
    text = seed_path(number).read_text(encoding="utf-8")
    for typo, fixed in TYPO_FIXES.get(number, []):
        assert typo in text, f"seed {number} no longer has the typo {typo!r}"
        text = text.replace(typo, fixed)
    lines = [line.strip() for line in text.splitlines()]
    lines = [line for line in lines if line]
    if number == "003":
        lines = lines[lines.index(TOOLKIT_STARTS_AT) :]
        lines = [line for line in lines if line != RUNNING_HEAD]
        lines = join_page_breaks(lines)
    left_out = LEFT_OUT.get(number, set())
    return [
        line
        for line in lines
        if line not in FURNITURE_LINES and not line.startswith(FURNITURE_STARTS) and line not in left_out
    ]


def seed_sentences(number):
    sentences = []
    for line in seed_lines(number):
        line = SUPERSCRIPTS.sub("", line)
        line = re.sub(r"<(https?://[^>\s]+)>", r"\1", line)  # an autolink: the URL is shown as plain text
        line = line.replace("*", "")  # emphasis markers
        line = LIST_MARKER.sub("", line)
        for sentence in SENTENCE_END.split(line):
            sentence = normalise(sentence).rstrip(".:;,").strip()
            if sentence:
                sentences.append(sentence)
    return sentences


def missing_sentences(number, pages):
    texts = list(pages.values())
    sentences = seed_sentences(number)
    missing = [s for s in sentences if not any(s in text for text in texts)]
    return sentences, missing


@pytest.fixture
def pages(db, client):
    """The main text of the home page, every guide page and every question page, by URL."""
    seed_audiences(Audience)
    load_content(settings.BASE_DIR / "content")
    urls = ["/"]
    urls += [f"/guides/{guide.slug}/" for guide in Guide.objects.all()]
    questions = Question.objects.published().select_related("guide")
    urls += [f"/guides/{question.guide.slug}/{question.slug}/" for question in questions]
    texts = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, f"{url} answered {response.status_code}"
        html = response.content.decode()
        assert "<main" in html, f"{url} has no <main> element"
        texts[url] = main_text(html)
    for question in questions:
        url = f"/guides/{question.guide.slug}/{question.slug}/"
        assert normalise(question.text) in texts[url], f"{url} does not show its question"
    return texts


@pytest.mark.parametrize("number", ASSERTED_SEEDS)
def test_every_sentence_of_the_seed_is_on_the_site(pages, number):
    sentences, missing = missing_sentences(number, pages)
    found = len(sentences) - len(missing)
    print(f"seed {number}: {found} of {len(sentences)} sentences on the site")
    assert sentences, f"no sentences read from seed {number}"
    assert not missing, (
        f"{len(missing)} of {len(sentences)} sentences of seed {number} ({seed_path(number).name}) are not on "
        "the site:\n" + "\n".join(f"  - {sentence}" for sentence in missing)
    )


@pytest.mark.parametrize("number", REPORTED_SEEDS)
def test_report_coverage_of_earlier_revision(pages, number):
    sentences, missing = missing_sentences(number, pages)
    found = len(sentences) - len(missing)
    print(f"seed {number} (reported, not required): {found} of {len(sentences)} sentences on the site")
    for sentence in missing:
        print(f"  not on the site: {sentence}")
    assert sentences
