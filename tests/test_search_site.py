"""One index over the whole site: every kind of document is found, says what it is, links to its place, and
stays in step with admin saves, bulk updates and load_content."""

from faqs.content.loading import load_content
from faqs.models import Audience, ChangeNote, EditorsNote, GlossaryTerm, Guide, Helpline, PageSection, Section
from faqs.search import search, spelling
from tests.factories import make_guide, make_helpline, make_question, make_section


def found(query, **options):
    spelling.forget_vocabulary()
    return [(r.kind.name, r.url) for r in search(query, **options)[0:50]]


def test_each_kind_is_found_with_its_place(content):
    assert ("page-section", "/cover-your-tracks/#history") in found("delete browsing history")[:3]
    assert ("helpline", "/helplines/#emergency-999") in found("silent 999 call")[:3]
    assert ("section", "/guides/mothers/#getting-help-early") in found("what is early help")[:3]
    assert ("notes", "/guides/social-workers/#notes-title") in found("language we have used")


def test_a_guide_without_an_introduction_is_found_by_its_title(client, db):
    guide = make_guide(title="Domestic abuse FAQs for practitioners", introduction="")
    assert found("faqs for practitioners", by_meaning=False) == [("guide", guide.get_absolute_url())]
    html = client.get("/search/", {"q": "faqs for practitioners"}).content.decode()
    assert '<span class="search-result__kind">Guide</span>. For everyone.' in html  # not "Introduction"
    assert "search-result__excerpt" not in html  # nothing to show but its title
    guide.title = "Resources for wombat keepers"
    guide.save()
    assert found("wombat", by_meaning=False) == [("guide", guide.get_absolute_url())]
    assert found("practitioners", by_meaning=False) == []


def test_a_guide_is_found_by_the_document_it_comes_from_and_by_whom_it_is_for(db):
    guide = make_guide(
        title="Care", original_title="Section 7: wombat care", source="A toolkit", introduction=""
    )
    guide.audiences.set(Audience.objects.filter(slug="practitioners"))
    place = [("guide", guide.get_absolute_url())]
    assert found("wombat care", by_meaning=False) == place
    assert found("toolkit", by_meaning=False) == place
    # The practitioners' description: "Domestic abuse practitioners supporting mothers".
    assert found("supporting mothers", by_meaning=False) == place
    Audience.objects.filter(slug="practitioners").update(description="Lemur keepers")
    assert found("lemur", by_meaning=False) == place
    # Asked for as a guide ("guidance for" is read as "guide"), it comes before a question about the same people,
    # though its own text never says "guide".
    for animal in ("otter", "badger", "stoat"):
        make_question(text=f"About the {animal}", answer=f"The {animal} lives here.")
    make_question(text="Lemur keepers", answer="What lemur keepers do.")
    assert found("guidance for lemur keepers", by_meaning=False)[0] == place[0]


def test_results_say_what_they_are(client, content):
    html = client.get("/search/", {"q": "private browsing"}).content.decode()
    assert 'href="/cover-your-tracks/#private-browsing"' in html
    assert '<span class="search-result__kind">Help page</span>: Cover your tracks. For everyone.' in html
    assert "<title>Search" in html and "private browsing" not in html.split("</title>")[0]
    html = client.get("/search/", {"q": "section 47"}).content.decode()
    # A kind whose context is its own name does not say it twice ("Glossary: Glossary").
    assert '<span class="search-result__kind">Glossary</span>. For everyone.' in html


def test_help_pages_count_for_every_audience(content):
    for audience in ("mothers", "practitioners"):
        assert ("page-section", "/cover-your-tracks/#private-browsing") in found(
            "incognito", audience=audience
        )
    results = search("incognito")
    assert {a.slug for a, n in results.audience_counts} == {
        "mothers",
        "social-workers",
        "practitioners",
        "other-professionals",
    }


def test_admin_saves_and_bulk_updates_reach_the_index(content):
    helpline = Helpline.objects.get(slug="samaritans")
    helpline.description = "Zebra support."
    helpline.save()
    assert ("helpline", "/helplines/#samaritans") in found("zebra")
    Helpline.objects.filter(pk=helpline.pk).update(name="Giraffe line")
    assert ("helpline", "/helplines/#samaritans") in found("giraffe")
    PageSection.objects.filter(slug="email").update(text="Okapi.")
    assert found("okapi") == [("page-section", "/cover-your-tracks/#email")]
    Section.objects.filter(slug="getting-help-early").update(introduction="Lemur.")
    assert found("lemur") == [("section", "/guides/mothers/#getting-help-early")]
    Guide.objects.filter(slug="mothers").update(title="Tapir guide")
    assert ("section", "/guides/mothers/#getting-help-early") in found("tapir")
    PageSection.objects.filter(slug="email").delete()
    assert found("okapi") == []


def test_load_content_reaches_the_index(content, content_copy):
    path = content_copy / "pages" / "cover-your-tracks.md"
    path.write_text(path.read_text().replace("Secret mode", "Secret mode (quokka)"))
    load_content(content_copy)
    assert found("quokka") == [("page-section", "/cover-your-tracks/#private-browsing")]


def test_glossary_terms_are_found_by_their_names(content):
    # On the first page, below the places that explain it in context (a term counts for half).
    assert ("glossary", "/glossary/#section-47") in found("section 47")[:10]
    assert ("glossary", "/glossary/#significant-harm") in found("significant harm")
    term = GlossaryTerm.objects.get(slug="significant-harm")
    term.also = "quokka harms"
    term.save()
    assert ("glossary", "/glossary/#significant-harm") in found("quokka")


def test_asking_what_a_word_means_brings_up_the_glossary(db):
    question = make_question(text="Is a wombat order for me?", answer="A wombat order protects you in court.")
    url = question.get_absolute_url()
    GlossaryTerm.objects.create(name="Wombat order", slug="wombat", source=url, quote="q")
    assert found("wombat order", by_meaning=False)[0] == ("question", url)
    # A term counts for half, but for more than the places that use it when it is what the reader asks for: even
    # where the question matches as many of her words ("court").
    queries = (
        "wombat order meaning",
        "what does wombat order mean",
        "define wombat order",
        "wombat order court meaning",
    )
    for query in queries:
        assert found(query, by_meaning=False)[0] == ("glossary", "/glossary/#wombat")


def test_editors_notes_and_change_notes_are_found_with_what_they_are_attached_to(db):
    question = make_question(answer="An answer about courts.")
    section = question.section
    section.introduction = ""
    section.save()
    EditorsNote.objects.create(question=question, text="Test note: the wombat order has replaced it.")
    ChangeNote.objects.create(question=question, text="Test change: the numbat line moved.")
    EditorsNote.objects.create(section=section, text="Test note on a part: axolotl.")
    assert found("wombat") == [("question", question.get_absolute_url())]
    assert found("numbat") == [("question", question.get_absolute_url())]
    assert found("axolotl") == [("section", section.get_absolute_url())]
    EditorsNote.objects.filter(section=section).delete()
    assert found("axolotl") == []


def test_the_privacy_notice_is_found_but_counts_for_less_than_help(content):
    assert ("about-section", "/privacy/#readers") in found("privacy cookies")
    assert found("delete browsing history")[0][0] == "page-section"


def test_asking_whom_to_talk_to_puts_helplines_first(db):
    # Both match every concept of the query ("who can i talk to" is read as helpline, call, talk).
    question = make_question(text="Wombat worries", answer="Call a helpline about a wombat.")
    helpline = make_helpline(name="Wombat line", description="We talk about wombats.")
    assert found("wombat", by_meaning=False)[0] == ("question", question.get_absolute_url())
    for query in ("wombat who can i talk to", "who can i talk to about a wombat"):
        assert found(query, by_meaning=False)[0] == ("helpline", helpline.get_absolute_url())


def test_a_part_whose_questions_fill_the_first_places_comes_third(db):
    # A reader asking about a whole part of a guide ("what orders can protect me") gets its questions first, one
    # order each, and the part's introduction, which says what they are, among the first three.
    part = make_section(title="Protecting yourself", introduction="Orders that protect you from a wombat.")
    orders = [
        make_question(
            part, text=f"What is a {name} wombat order?", answer=f"A {name} wombat order protects you."
        )
        for name in ("red", "green", "blue", "grey", "pink")
    ]
    places = found("wombat order protect", by_meaning=False)
    assert places[2] == ("section", part.get_absolute_url())
    assert {url for _, url in places[:2] + places[3:]} == {q.get_absolute_url() for q in orders}
    # Not when the first four are questions of more than one part.
    other = make_question(text="Which wombat order will protect me?", answer="Any wombat order protects you.")
    places = found("wombat order protect", by_meaning=False)
    assert ("question", other.get_absolute_url()) in places[:4]
    assert places[2][0] == "question"


def test_a_glossary_term_after_three_questions_comes_third(db):
    # Questions that use a term fill the first places; its glossary entry, counting for half, would come fourth,
    # below the three a reader looks at.
    questions = [
        make_question(text=f"Is a {name} wombat order for me?", answer="A wombat order.")
        for name in ("red", "green", "blue")
    ]
    url = questions[0].get_absolute_url()
    GlossaryTerm.objects.create(name="Wombat order", slug="wombat", source=url, quote="q")
    places = found("wombat order", by_meaning=False)
    assert [kind for kind, _ in places] == ["question", "question", "glossary", "question"]
    # Not when it comes later than fourth.
    make_question(text="Is a grey wombat order for me?", answer="A wombat order.")
    places = found("wombat order", by_meaning=False)
    assert [kind for kind, _ in places] == ["question"] * 4 + ["glossary"]


def test_helplines_are_found_by_when_they_are_open_and_by_being_free(db):
    always = make_helpline(always_open=True)
    free = make_helpline(free_to_call="Free to call")
    make_helpline()
    # What the index of words holds for a helpline besides its text; three helplines that differ only by
    # number mean the same, so meaning is left out.
    assert found("open 24 hours", by_meaning=False) == [("helpline", always.get_absolute_url())]
    assert found("free helpline", by_meaning=False)[0] == ("helpline", free.get_absolute_url())
