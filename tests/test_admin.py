import logging
import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db.models import Q

from faqs.models import Audience, Guide, Helpline, Question, Section, Topic
from faqs.search import search
from tests.admin_forms import change_url, question_form
from tests.factories import make_question

PASSWORD = "a long enough password"


def male_social_worker():
    return Question.objects.get(guide__slug="mothers", slug="social-worker-is-male")


def test_anonymous_requests_to_the_admin_go_to_the_login(client, db):
    for url in ("/admin/", "/admin/faqs/question/", "/admin/faqs/question/1/change/"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/?next=")


@pytest.mark.parametrize("model", [Guide, Section, Question, Audience, Topic, Helpline])
def test_every_admin_page_renders(content, admin_client, model):
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


def test_the_changelist_filters_by_audience_topic_guide_and_status(content, admin_client):
    make_question(slug="a-draft", status=Question.Status.DRAFT)
    mothers = Guide.objects.get(slug="mothers")
    for query, expected in [
        ("audience=practitioners", Question.objects.for_audience("practitioners").count()),
        ("topic=complaints", Question.objects.filter(topics__slug="complaints").count()),
        (f"guide__id__exact={mothers.pk}", mothers.questions.count()),
        ("status__exact=draft", 1),
        (
            "q=molestation",
            Question.objects.filter(
                Q(text__icontains="molestation") | Q(answer__icontains="molestation")
            ).count(),
        ),
    ]:
        response = admin_client.get(f"/admin/faqs/question/?{query}")
        assert response.status_code == 200
        assert response.context["cl"].result_count == expected > 0, query


def test_audiences_are_a_controlled_list(content, admin_client):
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


def test_the_question_form_offers_audiences_as_checkboxes(content, admin_client):
    html = admin_client.get(change_url(male_social_worker())).content.decode()
    for audience in Audience.objects.all():
        assert f'type="checkbox" name="audiences" value="{audience.pk}"' in html


def test_a_saved_edit_shows_at_once_on_the_public_site_and_in_search(content, admin_client, client):
    question = male_social_worker()
    answer = "Ask the team manager in writing for a zanzibarite social worker."
    response = admin_client.post(change_url(question), question_form(question, answer=answer))
    assert response.status_code == 302
    page = client.get("/guides/mothers/social-worker-is-male/")
    assert "zanzibarite" in page.content.decode()
    assert [r.object.slug for r in search("zanzibarite")[0:5]] == ["social-worker-is-male"]
    results = client.get("/search/?q=zanzibarite").content.decode()
    assert 'href="/guides/mothers/social-worker-is-male/"' in results


def test_the_history_records_who_changed_what_and_reverting_restores_the_answer(content, admin_client):
    question = male_social_worker()
    original = question.answer
    admin_client.post(change_url(question), question_form(question, answer="Changed."))
    latest, loaded = question.history.all()[:2]
    assert latest.history_user.username == "admin" and latest.answer == "Changed."
    assert loaded.history_user is None and loaded.answer == original
    history = admin_client.get(f"/admin/faqs/question/{question.pk}/history/").content.decode()
    assert "Changed by" in history and ">admin<" in history
    revert_url = f"/admin/faqs/question/{question.pk}/history/{loaded.history_id}/"
    assert admin_client.get(revert_url).status_code == 200
    admin_client.post(revert_url, question_form(question, answer=original))
    assert male_social_worker().answer == original


def test_the_saved_answer_is_shown_rendered_and_sanitised(content, admin_client):
    question = male_social_worker()
    admin_client.post(
        change_url(question), question_form(question, answer="**Bold** <script>alert(1)</script>")
    )
    html = admin_client.get(change_url(question)).content.decode()
    preview = html[html.index('class="markdown-preview"') :]
    assert "<strong>Bold</strong>" in preview and "alert(1)" not in preview.split("</div>")[0]


def test_the_preview_renders_the_unsaved_answer_without_saving(content, admin_client):
    question = male_social_worker()
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
    assert male_social_worker().answer != answer
    assert admin_client.get("/admin/faqs/question/preview/").status_code == 405


def test_the_preview_is_for_editors_only(content, client):
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
        ({"slug": "social-worker-doesnt-understand"}, "already has this address"),
    ],
)
def test_what_would_not_load_back_from_markdown_is_refused(content, admin_client, changes, error):
    question = male_social_worker()
    url = "/admin/faqs/question/add/"
    data = question_form(question, **{"slug": "a-new-question", **changes})
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert error in response.content.decode()
    assert not Question.objects.filter(answer=data["answer"]).exclude(pk=question.pk).exists()


def test_a_draft_is_hidden_everywhere_public_and_has_no_view_on_site(content, admin_client, client):
    question = male_social_worker()
    admin_client.post(change_url(question), question_form(question, status="draft", answer="Zanzibarite."))
    assert client.get("/guides/mothers/social-worker-is-male/").status_code == 404
    assert "social-worker-is-male" not in client.get("/guides/mothers/").content.decode()
    assert "social-worker-is-male" not in client.get("/for/mothers/").content.decode()
    assert list(search("zanzibarite")[0:5]) == []
    assert "social-worker-is-male" not in client.get("/search/?q=zanzibarite").content.decode()
    assert "social-worker-is-male" not in client.get("/search/?q=male+social+worker").content.decode()
    html = admin_client.get(change_url(question)).content.decode()
    assert "View on site" not in html
    changelist = admin_client.get("/admin/faqs/question/?status__exact=draft").content.decode()
    assert "Draft: not on the site" in changelist


def test_publishing_from_the_list_records_history(content, admin_client, client):
    question = make_question(section=male_social_worker().section, slug="new-one", status="draft")
    admin_client.post("/admin/faqs/question/", {"action": "publish", "_selected_action": [question.pk]})
    assert client.get("/guides/mothers/new-one/").status_code == 200
    assert question.history.first().history_user.username == "admin"


def test_slugs_cannot_be_changed_once_saved(content, admin_client):
    question = male_social_worker()
    admin_client.post(change_url(question), question_form(question, slug="something-else"))
    assert male_social_worker().slug == "social-worker-is-male"


@pytest.fixture
def editor(db):
    return User.objects.create_user("editor", password=PASSWORD, is_staff=True, is_superuser=True)


def log_in(client, password):
    return client.post("/admin/login/?next=/admin/", {"username": "editor", "password": password})


def test_the_login_locks_after_five_wrong_passwords_even_for_the_right_one(client, editor):
    for _ in range(4):
        assert log_in(client, "wrong password").status_code == 200  # the form again, with an error
    locked = log_in(client, "wrong password")
    assert locked.status_code == 429
    assert "Login locked" in locked.content.decode()
    assert log_in(client, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_right_password_before_the_limit_logs_in_and_resets_the_count(client, editor):
    for _ in range(4):
        log_in(client, "wrong password")
    assert log_in(client, PASSWORD).status_code == 302
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


def test_public_pages_set_no_cookies(content, client):
    for url in ("/", "/guides/mothers/", "/guides/mothers/social-worker-is-male/", "/helplines/", "/nope/"):
        assert client.get(url).cookies == {}, url


def test_the_admin_path_comes_from_the_environment():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    code = "import django; django.setup(); from django.urls import reverse; print(reverse('admin:index'))"
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**env, "DJANGO_SETTINGS_MODULE": "tests.settings", "DJANGO_ADMIN_PATH": "/editors-4f7q/"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert result.stdout.strip() == "/editors-4f7q/", result.stderr
