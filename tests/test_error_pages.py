"""Every error page a reader can meet carries the exit control, sends the privacy headers and sets no cookie."""

import pytest
from django.test import Client, RequestFactory

from faqs.errors import server_error
from tests.helpers import assert_has_exit_control, assert_leaves_no_trace


def test_the_500_view_renders_the_exit_control():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert_has_exit_control(response.content.decode())


@pytest.mark.urls("tests.urls_that_fail")
@pytest.mark.parametrize(
    ("url", "status", "heading"),
    [
        ("/fail/400/", 400, "Bad request"),
        ("/fail/403/", 403, "You cannot see this page"),
        ("/no-such-page/", 404, "Page not found"),
        ("/fail/500/", 500, "Sorry, there is a problem with this site"),
    ],
)
def test_error_pages_have_the_exit_control_and_leave_no_trace(client, db, url, status, heading):
    """`db`: the pages look for the editors' notice."""
    client.raise_request_exception = False
    response = client.get(url)
    assert response.status_code == status
    html = response.content.decode()
    assert f"<h1>{heading}</h1>" in html
    assert_has_exit_control(html)
    assert_leaves_no_trace(response)


def test_a_request_for_an_unknown_host_gets_the_400_page_with_the_exit_control(client, db):
    response = client.get("/", HTTP_HOST="not-this-site.example")
    assert response.status_code == 400
    assert_has_exit_control(response.content.decode())
    assert_leaves_no_trace(response)


def test_a_refused_form_post_gets_the_sites_403_page(db):
    response = Client(enforce_csrf_checks=True).post("/", {"q": "anything"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "check that your browser accepts cookies" in html
    assert_has_exit_control(html)
    assert_leaves_no_trace(response)
