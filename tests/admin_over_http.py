"""An editor's browser, over plain HTTP: log in to the admin and save a change form with one field changed."""

from html.parser import HTMLParser
from http.cookiejar import CookieJar
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, Request, build_opener


class FormFields(HTMLParser):
    """The fields a browser would submit from the page's form that has a `csrfmiddlewaretoken`."""

    def __init__(self):
        super().__init__()
        self.fields, self._select, self._textarea = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") not in ("checkbox", "radio") or "checked" in a:
                self.fields.append((a["name"], a.get("value", "on" if a.get("type") == "checkbox" else "")))
        elif tag == "select":
            self._select = a.get("name")
        elif tag == "option" and self._select and "selected" in a:
            self.fields.append((self._select, a.get("value", "")))
        elif tag == "textarea":
            self._textarea = [a["name"], ""]

    def handle_data(self, data):
        if self._textarea:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea:
            self.fields.append(tuple(self._textarea))
            self._textarea = None


def form_fields(html):
    parser = FormFields()
    parser.feed(html)
    return parser.fields


class Editor:
    def __init__(self, base):
        self.base = base
        self.browser = build_opener(HTTPCookieProcessor(CookieJar()))

    def get(self, path):
        with self.browser.open(self.base + path) as response:
            return response.read().decode()

    def post(self, path, fields):
        request = Request(
            self.base + path, data=urlencode(fields).encode(), headers={"Referer": self.base + path}
        )
        with self.browser.open(request) as response:
            return response.url, response.read().decode()

    def log_in(self, username, password):
        fields = dict(form_fields(self.get("/admin/login/")))
        url, _ = self.post(
            "/admin/login/", {**fields, "username": username, "password": password, "next": "/admin/"}
        )
        assert url.endswith("/admin/"), "the login was refused"

    def save(self, change_path, **changes):
        fields = [(k, v) for k, v in form_fields(self.get(change_path)) if k not in changes]
        url, html = self.post(change_path, [*fields, *changes.items(), ("_save", "Save")])
        assert not url.endswith(change_path), "the admin refused the change: " + html[:2000]
