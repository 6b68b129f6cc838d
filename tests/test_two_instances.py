"""Two app servers sharing PostgreSQL and Redis: a change made through one is served by the other at once."""

import time

import redis

from tests.helpers import REDIS_URL, Editor, get, manage, prepare, production_env, scratch_postgres, serving

QUESTION = "/guides/mothers/clares-law/"
PASSWORD = "a long enough password for the test"
FIND = "from faqs.models import Question; print(Question.objects.get(guide__slug='mothers', slug='clares-law').pk)"
# The editor's authenticator app: a confirmed device whose key the test reads to work out the code, as the app does.
ADD_APP = (
    "from django.contrib.auth.models import User; from django_otp.plugins.otp_totp.models import TOTPDevice; "
    "print(TOTPDevice.objects.create(user=User.objects.get(username='editor'), name='app', confirmed=True).key)"
)


def test_an_edit_is_served_by_the_other_instance_within_a_second(tmp_path):
    shared = redis.Redis.from_url(REDIS_URL)
    shared.flushdb()
    with scratch_postgres("two_instances") as database:
        env = production_env(tmp_path, DATABASE_URL=database, REDIS_URL=REDIS_URL)
        prepare(env)
        manage(
            {**env, "DJANGO_SUPERUSER_PASSWORD": PASSWORD},
            "createsuperuser",
            "--noinput",
            "--username",
            "editor",
            "--email",
            "editor@example.org",
        )
        app_key = manage(env, "shell", "--no-imports", "-c", ADD_APP).strip()
        change_path = (
            f"/admin/faqs/question/{manage(env, 'shell', '--no-imports', '-c', FIND).strip()}/change/"
        )
        with serving(env, workers=2) as one, serving(env, workers=2) as other:
            for base in (one, other, one, other, one, other):  # both workers of each built or fetched it
                status, _, body = get(base + QUESTION)
                assert status == 200 and b"Changed by an editor" not in body
            assert any(shared.scan_iter("*page:*")), "the page was not cached in Redis"
            editor = Editor(one)
            editor.log_in("editor", PASSWORD, app_key=app_key)
            editor.save(change_path, answer="Changed by an editor on one server.")
            changed_at = time.monotonic()
            while b"Changed by an editor" not in get(other + QUESTION)[2]:
                assert time.monotonic() - changed_at < 1, "the other instance still serves the old page"
                time.sleep(0.02)
            for base in (one, other, one, other):
                assert b"Changed by an editor" in get(base + QUESTION)[2]
    shared.flushdb()
