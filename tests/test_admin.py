import logging

import pytest

from faqs.models import Audience, Guide, Helpline, Question, Section, Topic
from faqs.search import search
from tests.factories import make_guide, make_helpline, make_question, make_section
from tests.helpers import PASSWORD, app_code, change_url, log_in, question_form, run_python


@pytest.fixture
def question(db):
    """A published question, as an editor would find it in the admin."""
    section = make_section(make_guide(slug="a-guide", title="A guide"), slug="a-section")
    make_question(section, slug="taken", text="A question whose address is taken?")
    return make_question(
        section,
        slug="a-question",
        text="My child's social worker is male",
        answer="Ask the team manager.",
        topics=("working with social workers",),
    )


def current(question):
    return Question.objects.get(pk=question.pk)


def test_anonymous_requests_to_the_admin_go_to_the_login(client, db):
    for url in ("/admin/", "/admin/faqs/question/", "/admin/faqs/question/1/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("model", [Guide, Section, Question, Audience, Topic, Helpline])
def test_every_admin_page_renders(question, admin_client, model):
    make_helpline()
    opts = model._meta
    base = f"/admin/{opts.app_label}/{opts.model_name}/"
    obj = model.objects.first()
    pages = [base, f"{base}{obj.pk}/change/", f"{base}{obj.pk}/history/"]
    if model is not Audience:
        pages.append(f"{base}add/")
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        assert b"style=" not in response.content and b"<script>" not in response.content, url


def test_the_changelist_filters_by_audience_topic_guide_and_status(db, admin_client):
    guide = make_guide()
    make_question(make_section(guide), audiences=("practitioners",), topics=("complaints",))
    make_question(
        make_section(guide), text="A non-molestation order?", audiences=("mothers", "practitioners")
    )
    make_question(answer="Apply for a non-molestation order.", topics=("complaints", "court orders"))
    make_question(slug="a-draft", status=Question.Status.DRAFT)
    for query, expected in [
        ("audience=practitioners", 2),
        ("topic=complaints", 2),
        (f"guide__id__exact={guide.pk}", 2),
        ("status__exact=draft", 1),
        ("q=molestation", 2),
    ]:
        response = admin_client.get(f"/admin/faqs/question/?{query}")
        assert response.status_code == 200
        assert response.context["cl"].result_count == expected, query


def test_audiences_are_a_controlled_list(db, admin_client):
    assert admin_client.get("/admin/faqs/audience/add/").status_code == 403
    mothers = Audience.objects.get(slug="mothers")
    assert admin_client.post(f"/admin/faqs/audience/{mothers.pk}/delete/", {"post": "yes"}).status_code == 403
    response = admin_client.post(
        f"/admin/faqs/audience/{mothers.pk}/change/",
        {"name": "Mums", "description": "Mothers of children in care", "order": 0, "slug": "renamed"},
    )
    assert response.status_code == 302
    mothers.refresh_from_db()
    assert (mothers.name, mothers.slug) == ("Mums", "mothers")


def test_the_question_form_offers_audiences_as_checkboxes(question, admin_client):
    html = admin_client.get(change_url(question)).content.decode()
    for audience in Audience.objects.all():
        assert f'type="checkbox" name="audiences" value="{audience.pk}"' in html


def test_a_saved_edit_shows_at_once_on_the_public_site_and_in_search(question, admin_client, client):
    answer = "Ask the team manager in writing for a zanzibarite social worker."
    response = admin_client.post(change_url(question), question_form(question, answer=answer))
    assert response.status_code == 302
    page = client.get(question.get_absolute_url())
    assert "zanzibarite" in page.content.decode()
    assert [r.object.slug for r in search("zanzibarite")[0:5]] == [question.slug]
    results = client.get("/search/?q=zanzibarite").content.decode()
    assert f'href="{question.get_absolute_url()}"' in results


def test_the_history_records_who_changed_what_and_reverting_restores_the_answer(question, admin_client):
    original = question.answer
    admin_client.post(change_url(question), question_form(question, answer="Changed."))
    latest, created = question.history.all()[:2]
    assert latest.history_user.username == "admin" and latest.answer == "Changed."
    assert created.history_user is None and created.answer == original
    history = admin_client.get(f"/admin/faqs/question/{question.pk}/history/").content.decode()
    assert "Changed by" in history and ">admin<" in history
    revert_url = f"/admin/faqs/question/{question.pk}/history/{created.history_id}/"
    assert admin_client.get(revert_url).status_code == 200
    admin_client.post(revert_url, question_form(question, answer=original))
    assert current(question).answer == original


def test_the_saved_answer_is_shown_rendered_and_sanitised(question, admin_client):
    admin_client.post(
        change_url(question), question_form(question, answer="**Bold** <script>alert(1)</script>")
    )
    html = admin_client.get(change_url(question)).content.decode()
    preview = html[html.index('class="markdown-preview"') :]
    assert "<strong>Bold</strong>" in preview and "alert(1)" not in preview.split("</div>")[0]


def test_the_preview_renders_the_unsaved_answer_without_saving(question, admin_client):
    answer = "#### Heading\n\n[bad](javascript:alert(1)) <img src=x onerror=alert(1)>\n\n### Broken"
    response = admin_client.post(
        "/admin/faqs/question/preview/", question_form(question, answer=answer, text="Why?")
    )
    html = response.content.decode()
    preview = html[html.index('<article class="markdown-preview">') :]
    assert response.status_code == 200
    assert "<h2>Heading</h2>" in preview and "<h1>Why?</h1>" in html
    assert "javascript:" not in preview and "onerror" not in preview
    assert "subheadings start with ####" in html  # the problem saving would refuse
    assert current(question).answer != answer
    assert admin_client.get("/admin/faqs/question/preview/").status_code == 405


def test_the_preview_is_for_editors_only(db, client):
    response = client.post("/admin/faqs/question/preview/", {"answer": "x"})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"answer": "Text\n\n## A section heading"}, "subheadings start with ####"),
        ({"answer": "```\nnot closed"}, "code block is not closed"),
        ({"answer": "[x](/guides/no-such-guide/)"}, "there is no guide with that slug"),
        ({"answer": "[x](javascript:alert(1))"}, "only http, https, mailto and tel links"),
        ({"audiences": []}, "This field is required"),
        ({"slug": "Not_A_Slug"}, "lowercase letters, digits and hyphens"),
        ({"slug": "taken"}, "already has this address"),
    ],
)
def test_what_would_not_load_back_from_markdown_is_refused(question, admin_client, changes, error):
    url = "/admin/faqs/question/add/"
    data = question_form(question, **{"slug": "a-new-question", **changes})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Question.objects.filter(answer=data["answer"]).exclude(pk=question.pk).exists()


def test_a_draft_is_hidden_everywhere_public_and_has_no_view_on_site(question, admin_client, client):
    url = question.get_absolute_url()
    admin_client.post(change_url(question), question_form(question, status="draft", answer="Zanzibarite."))
    assert client.get(url).status_code == 404
    assert url not in client.get(question.guide.get_absolute_url()).content.decode()
    assert url not in client.get("/for/mothers/").content.decode()
    assert list(search("zanzibarite")[0:5]) == []
    assert url not in client.get("/search/?q=zanzibarite").content.decode()
    assert url not in client.get("/search/?q=male+social+worker").content.decode()
    html = admin_client.get(change_url(question)).content.decode()
    assert "View on site" not in html
    changelist = admin_client.get("/admin/faqs/question/?status__exact=draft").content.decode()
    assert "Draft: not on the site" in changelist


def test_publishing_from_the_list_records_history(question, admin_client, client):
    draft = make_question(section=question.section, slug="new-one", status="draft")
    admin_client.post("/admin/faqs/question/", {"action": "publish", "_selected_action": [draft.pk]})
    assert client.get(draft.get_absolute_url()).status_code == 200
    assert draft.history.first().history_user.username == "admin"


def test_slugs_cannot_be_changed_once_saved(question, admin_client):
    admin_client.post(change_url(question), question_form(question, slug="something-else"))
    assert current(question).slug == "a-question"


def test_the_login_locks_after_five_wrong_passwords_even_for_the_right_one(client, editor):
    for _ in range(4):
        assert log_in(client, "wrong password").status_code == 200  # the form again, with an error
    locked = log_in(client, "wrong password")
    assert locked.status_code == 429
    assert "Login locked" in locked.content.decode()
    assert log_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_both_steps_right_before_the_limit_sign_in_and_reset_the_count(client, editor):
    for _ in range(4):
        log_in(client, "wrong password")
    assert log_in(client, PASSWORD).status_code == 302
    response = client.post("/admin/two-step/?next=/admin/", {"code": app_code(editor)})
    assert response.status_code == 302 and response["Location"] == "/admin/"
    client.logout()
    for _ in range(4):
        assert log_in(client, "wrong password").status_code == 200


def test_lockout_log_lines_name_the_account_not_the_address(client, editor, caplog):
    with caplog.at_level(logging.INFO, logger="axes"):
        for _ in range(5):
            client.post(
                "/admin/login/",
                {"username": "editor", "password": "wrong password"},
                REMOTE_ADDR="203.0.113.9",
                HTTP_USER_AGENT="Secret Browser",
            )
    assert "Locking out" in caplog.text and 'username: "editor"' in caplog.text
    assert "203.0.113.9" not in caplog.text and "Secret Browser" not in caplog.text


def test_public_pages_set_no_cookies(question, client):
    make_helpline()
    for url in ("/", question.guide.get_absolute_url(), question.get_absolute_url(), "/helplines/", "/nope/"):
        assert client.get(url).cookies == {}, url


def test_the_admin_path_comes_from_the_environment():
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = run_python(code, settings_module="tests.settings", DJANGO_ADMIN_PATH="/editors-4f7q/")
    assert result.stdout.strip() == "/editors-4f7q/", result.stderr
