"""The search index, kept in step with the content by database triggers.

Triggers, not Django signals: `QuerySet.update()`, bulk operations, tag changes through taggit, a section or tag
renamed, raw SQL - every write reaches the index, whichever path made it. Only published questions are indexed.

PostgreSQL: a table of weighted tsvectors ('english' configuration) with a GIN index, and the triggers, here.
The document is built inside a function, and the triggers have no WHEN clauses, because PostgreSQL refuses to
change a column's type while a view or a trigger's WHEN clause uses it: later migrations stay free.

SQLite: the FTS5 table (porter stemming, diacritics folded) only. Its triggers are in faqs/search/sqlite_backend.py
and are installed after every `migrate`: see the note there.
"""

from django.db import migrations

SQLITE_CREATE = [
    """CREATE VIRTUAL TABLE faqs_search USING fts5(
        text, section, topics, answer, audiences UNINDEXED,
        tokenize = 'porter unicode61 remove_diacritics 2')""",
]

POSTGRES_CREATE = [
    """CREATE TABLE faqs_search (
        question_id bigint PRIMARY KEY,
        document tsvector NOT NULL,
        audiences text NOT NULL
    )""",
    "CREATE INDEX faqs_search_document ON faqs_search USING gin (document)",
    # Weights: A question text, B section title and topics, D answer.
    """CREATE FUNCTION faqs_search_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$
        DELETE FROM faqs_search WHERE question_id = ANY(ids);
        INSERT INTO faqs_search (question_id, document, audiences)
        SELECT q.id,
            setweight(to_tsvector('english'::regconfig, q.text), 'A')
            || setweight(to_tsvector('english'::regconfig, s.title), 'B')
            || setweight(to_tsvector('english'::regconfig, coalesce((
                SELECT string_agg(t.name, ', ') FROM faqs_questiontopic qt JOIN taggit_tag t ON t.id = qt.tag_id
                WHERE qt.content_object_id = q.id), '')), 'B')
            || setweight(to_tsvector('english'::regconfig, q.answer), 'D'),
            coalesce((SELECT string_agg(a.slug, ' ') FROM faqs_questionaudience qa
                JOIN faqs_audience a ON a.id = qa.tag_id WHERE qa.content_object_id = q.id), '')
        FROM faqs_question q JOIN faqs_section s ON s.id = q.section_id
        WHERE q.status = 'published' AND q.id = ANY(ids);
    $$""",
    """CREATE FUNCTION faqs_search_question_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'TRUNCATE' THEN
            TRUNCATE faqs_search;
        ELSIF TG_OP = 'DELETE' THEN
            DELETE FROM faqs_search WHERE question_id = OLD.id;
        ELSIF TG_OP = 'UPDATE' THEN
            PERFORM faqs_search_refresh(ARRAY[OLD.id, NEW.id]);
        ELSE
            PERFORM faqs_search_refresh(ARRAY[NEW.id]);
        END IF;
        RETURN NULL;
    END $$""",
    # Topics and audiences: rows of the tables linking them to questions.
    """CREATE FUNCTION faqs_search_link_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('UPDATE', 'DELETE') THEN
            PERFORM faqs_search_refresh(ARRAY[OLD.content_object_id]);
        END IF;
        IF TG_OP IN ('UPDATE', 'INSERT') THEN
            PERFORM faqs_search_refresh(ARRAY[NEW.content_object_id]);
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION faqs_search_section_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.title IS DISTINCT FROM NEW.title THEN
            PERFORM faqs_search_refresh(ARRAY(SELECT id FROM faqs_question WHERE section_id = NEW.id));
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION faqs_search_tag_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.name IS DISTINCT FROM NEW.name THEN
            PERFORM faqs_search_refresh(ARRAY(
                SELECT content_object_id FROM faqs_questiontopic WHERE tag_id = NEW.id));
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE FUNCTION faqs_search_audience_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.slug IS DISTINCT FROM NEW.slug THEN
            PERFORM faqs_search_refresh(ARRAY(
                SELECT content_object_id FROM faqs_questionaudience WHERE tag_id = NEW.id));
        END IF;
        RETURN NULL;
    END $$""",
    """CREATE TRIGGER faqs_search_question AFTER INSERT OR UPDATE OR DELETE ON faqs_question
        FOR EACH ROW EXECUTE FUNCTION faqs_search_question_changed()""",
    # Django's test flush empties tables with TRUNCATE, which fires no row triggers.
    """CREATE TRIGGER faqs_search_question_truncate AFTER TRUNCATE ON faqs_question
        FOR EACH STATEMENT EXECUTE FUNCTION faqs_search_question_changed()""",
    """CREATE TRIGGER faqs_search_topic AFTER INSERT OR UPDATE OR DELETE ON faqs_questiontopic
        FOR EACH ROW EXECUTE FUNCTION faqs_search_link_changed()""",
    """CREATE TRIGGER faqs_search_audience_link AFTER INSERT OR UPDATE OR DELETE ON faqs_questionaudience
        FOR EACH ROW EXECUTE FUNCTION faqs_search_link_changed()""",
    """CREATE TRIGGER faqs_search_section AFTER UPDATE ON faqs_section
        FOR EACH ROW EXECUTE FUNCTION faqs_search_section_changed()""",
    """CREATE TRIGGER faqs_search_tag AFTER UPDATE ON taggit_tag
        FOR EACH ROW EXECUTE FUNCTION faqs_search_tag_changed()""",
    """CREATE TRIGGER faqs_search_audience AFTER UPDATE ON faqs_audience
        FOR EACH ROW EXECUTE FUNCTION faqs_search_audience_changed()""",
    "SELECT faqs_search_refresh(ARRAY(SELECT id FROM faqs_question))",
]

POSTGRES_DROP = [
    "DROP TRIGGER IF EXISTS faqs_search_question ON faqs_question",
    "DROP TRIGGER IF EXISTS faqs_search_question_truncate ON faqs_question",
    "DROP TRIGGER IF EXISTS faqs_search_topic ON faqs_questiontopic",
    "DROP TRIGGER IF EXISTS faqs_search_audience_link ON faqs_questionaudience",
    "DROP TRIGGER IF EXISTS faqs_search_section ON faqs_section",
    "DROP TRIGGER IF EXISTS faqs_search_tag ON taggit_tag",
    "DROP TRIGGER IF EXISTS faqs_search_audience ON faqs_audience",
    "DROP FUNCTION IF EXISTS faqs_search_question_changed()",
    "DROP FUNCTION IF EXISTS faqs_search_link_changed()",
    "DROP FUNCTION IF EXISTS faqs_search_section_changed()",
    "DROP FUNCTION IF EXISTS faqs_search_tag_changed()",
    "DROP FUNCTION IF EXISTS faqs_search_audience_changed()",
    "DROP FUNCTION IF EXISTS faqs_search_refresh(bigint[])",
    "DROP TABLE IF EXISTS faqs_search",
]


def create_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        statements = SQLITE_CREATE
    elif vendor == "postgresql":
        statements = POSTGRES_CREATE
    else:
        raise NotImplementedError(f"Search supports SQLite and PostgreSQL, not {vendor}.")
    for statement in statements:
        schema_editor.execute(statement, params=None)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        with schema_editor.connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%faqs_search%'"
            )
            statements = [f'DROP TRIGGER IF EXISTS "{name}"' for (name,) in cursor.fetchall()]
        statements.append("DROP TABLE IF EXISTS faqs_search")
    else:
        statements = POSTGRES_DROP
    for statement in statements:
        schema_editor.execute(statement, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("faqs", "0002_audiences"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]
    operations = [migrations.RunPython(create_index, drop_index)]
