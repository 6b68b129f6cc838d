"""Search latency on the real content and on a synthetic corpus of 10,000 questions, SQLite and PostgreSQL.

    .venv/bin/python tests/benchmarks/search_benchmark.py
    POSTGRES_URL=postgres://postgres@127.0.0.1:5432/postgres .venv/bin/python tests/benchmarks/search_benchmark.py

Each database gets a scratch copy (a temporary SQLite file; a PostgreSQL database named by BENCHMARK_DB, default
`search_benchmark`, dropped afterwards). Every query of both tests/data/search_queries*.csv files runs through
`search()` and the first page of results (questions and excerpts), as the results page does, in turns with the
same without the query map (faqs/search/query_map.py), by words only, and as a whole GET /search/ through
Django's test client; and a few times as the first search after an edit (the index in memory brought up to
date), as a process's first (the index built, the vectors read from the database, the model loaded), and as the
first of a process that prepared search as it started, as the app server's do (with the time preparing takes).
After the synthetic questions are written their vectors are made, as `load_content` would, and timed. Prints p50
and p95 in milliseconds. Not a test: pytest does not collect it.
"""

import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRATCH = os.environ.get("BENCHMARK_DB", "search_benchmark")
SYNTHETIC_QUESTIONS = 10_000
ROUNDS = 3
FIRST_SEARCHES = 5


def main():
    if os.environ.get("BENCHMARK_CHILD"):
        return measure()
    postgres = os.environ.get("POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        rows += run_child(f"sqlite:///{scratch}/benchmark.sqlite3")
    rows += run_child(postgres.rsplit("/", 1)[0] + f"/{SCRATCH}", create=postgres)
    print(f"\n{'database':<11}{'corpus':<22}{'what':<22}{'p50 ms':>8}{'p95 ms':>8}")
    for row in rows:
        print(f"{row[0]:<11}{row[1]:<22}{row[2]:<22}{row[3]:>8.1f}{row[4]:>8.1f}")


def run_child(database_url, create=None):
    if create:
        psql(create, f"DROP DATABASE IF EXISTS {SCRATCH}")
        psql(create, f"CREATE DATABASE {SCRATCH}")
    env = {**os.environ, "BENCHMARK_CHILD": "1", "DATABASE_URL": database_url}
    env.setdefault("DJANGO_SETTINGS_MODULE", "tests.settings")
    try:
        out = subprocess.run(
            [sys.executable, __file__], env=env, cwd=ROOT, check=True, capture_output=True, text=True
        ).stdout
    finally:
        if create:
            psql(create, f"DROP DATABASE IF EXISTS {SCRATCH}")
    return [
        line.split("\t")[:3] + [float(v) for v in line.split("\t")[3:]]
        for line in out.splitlines()
        if "\t" in line
    ]


def psql(url, sql):
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(sql)


def measure():
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from faqs.content.loading import load_content
    from faqs.guides.audiences import seed_audiences
    from faqs.models import Audience
    from faqs.search import query_map, update_vectors

    call_command("migrate", verbosity=0)
    seed_audiences(Audience)
    load_content(settings.BASE_DIR / "content")
    vendor = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}[connection.vendor]
    queries = [query for query, *_ in query_map.read_queries(query_map.query_files())]
    report(vendor, "real content", queries)
    add_synthetic_questions(SYNTHETIC_QUESTIONS)
    # What load_content does after writing (the questions were written in bulk, as no editor would): make their
    # vectors of meaning now, timed, rather than in the first search.
    print_row(
        vendor,
        f"+{SYNTHETIC_QUESTIONS:,} synthetic",
        "making their vectors",
        [milliseconds(update_vectors)] * 2,
    )
    if connection.vendor == "postgresql":
        # What autovacuum does on a live server (it is off on the development machine): each write to the
        # index leaves a dead row version behind, and 10,000 questions written at once leave 40,000.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE faqs_search")
    report(vendor, f"+{SYNTHETIC_QUESTIONS:,} synthetic", queries)


def report(vendor, corpus, queries):
    from django.core.cache import caches
    from django.test import Client

    from faqs.caching import pages
    from faqs.search import search

    def page_of_results(query):
        results = search(query)
        return results[0:20]

    def page_by_words(query):
        # The same without search by meaning: in one run, what meaning costs on this machine as it is now.
        return search(query, by_meaning=False)[0:20]

    def uncached_get(query):
        # The whole-page cache keeps results pages in memory: every query would be answered from it after the
        # warm-up, and this would time the cache, not search.
        pages.MEMORY.clear()
        caches["default"].clear()
        return client.get("/search/", {"q": query})

    def page_without_the_query_map(query):
        # The same with the query read for meaning only as the model reads it: no map, no examples
        # (faqs/search/query_map.py).
        with without_the_query_map():
            return search(query)[0:20]

    # With and without the query map in turns, query by query: what the map costs, on this machine as it is now.
    for query in queries:  # warm up: connection, vocabulary, caches
        page_of_results(query)
        page_without_the_query_map(query)
    with_map, without_map = [], []
    for _ in range(ROUNDS):
        for query in queries:
            with_map.append(milliseconds(page_of_results, query))
            without_map.append(milliseconds(page_without_the_query_map, query))
    print_row(vendor, corpus, "search() + page", with_map)
    print_row(vendor, corpus, "  without the query map", without_map)
    client = Client()
    runs = [
        ("  by words only", page_by_words),
        ("GET /search/", uncached_get),
    ]
    for what, run in runs:
        for query in queries:  # warm up: connection, vocabulary, caches
            run(query)
        timings = [milliseconds(run, query) for _ in range(ROUNDS) for query in queries]
        print_row(vendor, corpus, what, timings)
    print_row(vendor, corpus, "search after an edit", first_searches(queries, edit_a_question))
    print_row(vendor, corpus, "first search of a process", first_searches(queries, forget_the_index))
    print_row(
        vendor, corpus, "preparing a process", [milliseconds(start_a_process) for _ in range(FIRST_SEARCHES)]
    )
    print_row(vendor, corpus, "first search, prepared", first_searches(queries, start_a_process))


@contextmanager
def without_the_query_map():
    from faqs.search import query_map

    kept = query_map.mapped, query_map.answered
    query_map.mapped, query_map.answered = (lambda vector: None), (lambda vector: ([], 0.0))
    try:
        yield
    finally:
        query_map.mapped, query_map.answered = kept


def print_row(vendor, corpus, what, timings):
    p50 = statistics.median(timings)
    p95 = statistics.quantiles(timings, n=20)[-1]
    print(f"{vendor}\t{corpus}\t{what}\t{p50:.2f}\t{p95:.2f}", flush=True)


def first_searches(queries, change):
    """The first search after `change` brings the index in memory up to date (faqs/search/index.py)."""
    from faqs.search import search

    timings = []
    for query in queries[:FIRST_SEARCHES]:
        change()
        timings.append(milliseconds(lambda q: search(q)[0:20], query))
    return timings


def milliseconds(run, *args):
    """How long `run(*args)` takes."""
    start = time.perf_counter()
    run(*args)
    return (time.perf_counter() - start) * 1000


def edit_a_question():
    from faqs.models import Question

    question = Question.objects.order_by("pk").first()
    question.answer += " "
    question.save()


def forget_the_index():
    """As a new process: no index, no vectors in memory (they are read from the database), no model loaded, nor
    its vocabulary's English words (spelling reads them)."""
    from faqs.search import cache, meaning, vectors

    cache.forget()
    vectors.forget()
    meaning.model.cache_clear()
    meaning.english_words.cache_clear()


def start_a_process():
    """As an app server's new process, which prepares search as it loads the site (guidance_site/wsgi.py)."""
    from faqs.search import prepare

    forget_the_index()
    prepare()


def add_synthetic_questions(count):
    """Questions made of the real content's own words, shuffled: realistic term statistics, no meaning."""
    from django.db import transaction

    from faqs.models import Audience, Question, QuestionAudience, QuestionTopic, Section
    from tests.factories import TODAY, make_guide

    rng = random.Random(5)
    real = list(Question.objects.values_list("text", "answer"))
    vocabulary = " ".join(text + " " + answer for text, answer in real).split()
    audiences = list(Audience.objects.all())
    topics = list(QuestionTopic.objects.values_list("tag_id", flat=True).distinct())
    with transaction.atomic():
        guide = make_guide(title="Synthetic", slug="synthetic")
        sections = [
            Section.objects.create(
                guide=guide, title=" ".join(rng.sample(vocabulary, 4)), slug=f"s{n}", order=n
            )
            for n in range(200)
        ]
        questions = Question.objects.bulk_create(
            Question(
                guide=guide,
                section=rng.choice(sections),
                text=" ".join(rng.sample(vocabulary, rng.randint(6, 25))) + "?",
                slug=f"q{n}",
                answer=" ".join(rng.choices(vocabulary, k=rng.randint(80, 600))),
                answer_html="",
                order=n,
                added=TODAY,
            )
            for n in range(count)
        )
        QuestionAudience.objects.bulk_create(
            QuestionAudience(content_object=q, tag=a) for q in questions for a in rng.sample(audiences, 2)
        )
        QuestionTopic.objects.bulk_create(
            QuestionTopic(content_object=q, tag_id=t) for q in questions for t in rng.sample(topics, 2)
        )


if __name__ == "__main__":
    main()
