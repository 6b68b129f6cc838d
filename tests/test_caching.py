"""Whole-page caching: served without rebuilding, dropped by any change, never for an editor or a search."""

import datetime
import gzip

import brotli
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from faqs.caching import pages
from faqs.caching.wsgi import CachedPages
from faqs.content.loading import load_content
from faqs.models import Helpline, Question
from tests.helpers import change_url, question_form

QUESTION = "/guides/mothers/social-worker-is-male/"


@pytest.fixture
def content(small_site):
    return small_site


@pytest.fixture
def content_copy(small_site):
    return small_site


def clares_law():
    return Question.objects.get(guide__slug="mothers", slug="social-worker-is-male")


def test_a_page_is_built_once_then_served_from_the_cache(client, content, django_assert_num_queries):
    first = client.get(QUESTION)
    with django_assert_num_queries(0):
        second = client.get(QUESTION)
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert second["Referrer-Policy"] == "same-origin"
    assert not second.cookies and "Cookie" not in second.get("Vary", "")


def test_saving_deleting_and_loading_content_change_what_is_served(client, content, content_copy):
    client.get(QUESTION)
    Question.objects.filter(pk=clares_law().pk).update(answer="Not seen: update() sends no signal.")
    question = clares_law()
    question.answer = "Saved through the ORM."
    question.save()
    assert "Saved through the ORM." in client.get(QUESTION).content.decode()
    path = content_copy / "mothers.md"
    path.write_text(path.read_text().replace("who is a woman", "(loaded) who is a woman"))
    load_content(content_copy, force=True)
    assert "(loaded)" in client.get(QUESTION).content.decode()
    clares_law().delete()
    assert client.get(QUESTION).status_code == 404


def test_an_admin_save_and_a_revert_change_what_readers_are_served(client, admin_client, content):
    question = clares_law()
    original = question.answer
    client.get(QUESTION)
    admin_client.post(change_url(question), question_form(question, answer="Changed in the admin."))
    assert "Changed in the admin." in client.get(QUESTION).content.decode()
    loaded = question.history.order_by("history_date").first()
    admin_client.post(
        f"{change_url(question).removesuffix('change/')}history/{loaded.history_id}/",
        question_form(question, answer=original),
    )
    assert "Changed in the admin." not in client.get(QUESTION).content.decode()


def test_a_helpline_edit_and_migrate_change_the_directory(client, content):
    client.get("/helplines/")
    Helpline.objects.filter(slug="nspcc-helpline").get().delete()
    assert "NSPCC Helpline" not in client.get("/helplines/").content.decode()
    before = client.get("/").content
    call_command("migrate", verbosity=0)
    assert client.get("/").content == before


def test_an_editor_is_never_served_nor_stored_a_cached_page(client, admin_client, content):
    admin_client.get(QUESTION)
    assert not any(k for k in cache._cache if "page:" in k) and not pages.MEMORY.pages
    client.get(QUESTION)
    question = clares_law()
    Question.objects.filter(pk=question.pk).update(answer_html="<p>Edited without a signal.</p>")
    assert "Edited without a signal." in admin_client.get(QUESTION).content.decode()
    assert "Edited without a signal." not in client.get(QUESTION).content.decode()


def test_unknown_query_parameters_and_searches_are_not_stored_in_the_shared_cache(client, content):
    client.get(QUESTION + "?utm=1")
    client.get("/search/?q=secret+words")
    client.get("/helplines/?for=mothers")
    assert len([k for k in cache._cache if "page:" in k]) == 1  # the helplines page only
    assert len(pages.MEMORY.pages) == 2  # the search is only in this process's memory


def test_the_search_memory_is_bounded_and_emptied_by_a_new_content_version(client, content, monkeypatch):
    monkeypatch.setattr(pages.MEMORY, "size", 3)
    for word in ("court", "police", "school", "housing"):
        client.get(f"/search/?q={word}")
    assert len(pages.MEMORY.pages) == 3
    question = clares_law()
    question.save()
    client.get("/search/?q=court")
    assert len(pages.MEMORY.pages) == 1


def test_the_helplines_page_is_kept_only_until_the_minute_ends(client, content, monkeypatch):
    client.get("/helplines/")
    Helpline.objects.filter(slug="nspcc-helpline").update(name="Not yet")
    assert "Not yet" not in client.get("/helplines/").content.decode()
    later = timezone.now() + datetime.timedelta(seconds=60)
    monkeypatch.setattr(timezone, "now", lambda: later)  # the clock the views and the cache both read
    assert "Not yet" in client.get("/helplines/").content.decode()


@pytest.mark.parametrize(
    ("accept", "encoding", "decode"),
    [
        ("gzip, deflate, br", "br", brotli.decompress),
        ("gzip", "gzip", gzip.decompress),
        ("br;q=0, gzip;q=0.5", "gzip", gzip.decompress),
        ("", None, bytes),
    ],
)
def test_public_html_is_compressed_as_the_browser_asks(client, content, accept, encoding, decode):
    plain = client.get("/guides/mothers/").content
    for _ in range(2):  # built, then from the cache
        response = client.get("/guides/mothers/", headers={"accept-encoding": accept})
        assert response.get("Content-Encoding") == encoding
        assert response["Vary"] == "Accept-Encoding"
        assert decode(response.content) == plain
        assert int(response["Content-Length"]) == len(response.content)


def test_the_admin_is_never_compressed(admin_client, content):
    response = admin_client.get("/admin/faqs/question/", headers={"accept-encoding": "gzip, br"})
    assert response.status_code == 200 and "Content-Encoding" not in response
    assert "ETag" not in response


def test_an_unchanged_page_gets_a_304(client, content):
    etag = client.get(QUESTION)["ETag"]
    for _ in range(2):
        response = client.get(QUESTION, headers={"if-none-match": etag})
        assert response.status_code == 304 and response.content == b""
    question = clares_law()
    question.answer += " More."
    question.save()
    assert client.get(QUESTION, headers={"if-none-match": etag}).status_code == 200


def wsgi_get(app, path, **environ):
    answer = {}
    # What Django's test client sends, so the key is the one its requests stored the page under.
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", **environ}
    environ = {"SERVER_NAME": "testserver", "SERVER_PORT": "80", "wsgi.url_scheme": "http", **environ}
    body = app(environ, lambda status, headers: answer.update(status=status, headers=dict(headers)))
    return answer, b"".join(body)


def test_the_lean_path_answers_from_the_cache_before_django(client, content):
    built = client.get(QUESTION, headers={"accept-encoding": "gzip"})
    never_called = CachedPages(lambda environ, start_response: pytest.fail("reached Django"))
    answer, body = wsgi_get(never_called, QUESTION, HTTP_ACCEPT_ENCODING="gzip")
    assert answer["status"] == "200 OK" and body == built.content
    assert answer["headers"]["Content-Security-Policy"] == built["Content-Security-Policy"]
    answer, body = wsgi_get(never_called, QUESTION, HTTP_IF_NONE_MATCH=built["ETag"])
    assert answer["status"] == "304 Not Modified" and body == b""
    answer, body = wsgi_get(never_called, QUESTION, REQUEST_METHOD="HEAD")
    assert body == b"" and int(answer["headers"]["Content-Length"]) > 0


@pytest.mark.parametrize(
    "environ",
    [{"HTTP_COOKIE": "sessionid=x"}, {"HTTP_HOST": "elsewhere.example"}, {"wsgi.url_scheme": "https"}],
)
def test_the_lean_path_leaves_editors_other_hosts_and_schemes_to_django(client, content, environ):
    client.get(QUESTION)
    reached = []
    app = CachedPages(lambda environ, start_response: reached.append(environ) or [])
    wsgi_get(app, QUESTION, **environ)
    assert reached


def test_without_redis_pages_are_built_afresh_not_refused(client, content, settings):
    settings.CACHES = {
        **settings.CACHES,
        "content_version": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
        },
    }
    assert client.get(QUESTION).status_code == 200
    assert client.get(QUESTION).status_code == 200
