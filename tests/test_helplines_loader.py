import datetime as dt
import io
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from faqs.content.entries import EntryFile
from faqs.content.format import ContentError
from faqs.content.helplines import HELPLINE_FILE
from faqs.content.loading import load_content
from faqs.guides.audiences import AUDIENCE_SLUGS
from faqs.helplines.approvals import approve
from faqs.models import Guide, Helpline
from tests.factories import make_editor
from tests.helpers import CONTENT_DIR, database_state, write_file

HELPLINES = """\
# Helplines

A note to editors, not shown. An example inside a code block is not a helpline:

```markdown
## Not a helpline
```

## An advice line
slug: an-advice-line
group: legal-and-social-care-advice
phone: 0808 801 0366
website: https://example.org
hours: mon-fri 09:30-15:00
bank_holidays: closed
free: Free to call
area: England
audiences: mothers, social-workers
source: Example advice pages
last_checked: 2026-11-22

What it is for, in **our** words.

## A night line
slug: a-night-line
group: emotional-support
phone: 116 123
text: 07860 077333
email: help@example.org
hours: 24 hours
audiences: anyone
source: Example
last_checked: 2026-11-21

Always there.
"""


def write(folder, text=HELPLINES):
    return write_file(folder, "helplines.md", text)


def test_parse_reads_each_helpline_and_skips_the_note_and_code_blocks(tmp_path):
    advice, night = HELPLINE_FILE.parse(write(tmp_path) / "helplines.md")
    assert (advice.name, advice.slug, advice.group, advice.line) == (
        "An advice line",
        "an-advice-line",
        "legal-and-social-care-advice",
        9,
    )
    assert advice.hours == [{"days": "mon-fri", "opens": "09:30", "closes": "15:00"}]
    assert (advice.closed_on_bank_holidays, advice.always_open) == (True, False)
    assert advice.audiences == ["mothers", "social-workers"]
    assert advice.description == "What it is for, in **our** words."
    assert advice.last_checked == dt.date(2026, 11, 22)
    assert (night.always_open, night.hours, night.text_number) == (True, [], "07860 077333")
    assert night.audiences == AUDIENCE_SLUGS


def test_load_adds_reports_and_is_idempotent(db, tmp_path):
    report = load_content(write(tmp_path))
    assert report.lines() == ["added helpline an-advice-line", "added helpline a-night-line"]
    advice = Helpline.objects.get(slug="an-advice-line")
    assert advice.description_html == "<p>What it is for, in <strong>our</strong> words.</p>"
    assert sorted(a.slug for a in advice.audiences.all()) == ["mothers", "social-workers"]
    assert Helpline.objects.get(slug="a-night-line").audiences.count() == len(AUDIENCE_SLUGS)

    before = database_state()
    again = load_content(tmp_path)
    assert again.nothing_changed
    assert database_state() == before


def test_load_changes_and_removes_by_slug(db, tmp_path):
    load_content(write(tmp_path))
    changed = HELPLINES.replace("free: Free to call", "free: Free from landlines").split("## A night line")[0]
    report = load_content(write(tmp_path, changed))
    assert report.lines() == ["changed helpline an-advice-line", "removed helpline a-night-line"]
    assert Helpline.objects.get().free_to_call == "Free from landlines"

    audiences_only = changed.replace("audiences: mothers, social-workers", "audiences: mothers")
    assert load_content(write(tmp_path, audiences_only)).lines() == ["changed helpline an-advice-line"]


def test_new_contact_details_in_the_file_wait_for_a_second_editor(db, tmp_path):
    load_content(write(tmp_path))  # a fresh install: written straight away
    assert Helpline.objects.get(slug="an-advice-line").phone == "0808 801 0366"
    renumbered = HELPLINES.replace("phone: 0808 801 0366", "phone: 0808 801 0367")
    report = load_content(write(tmp_path, renumbered))
    assert report.lines() == ["held for approval: new contact details for helpline an-advice-line"]
    helpline = Helpline.objects.get(slug="an-advice-line")
    assert helpline.phone == "0808 801 0366"  # the public page keeps the confirmed number
    change = helpline.changes.pending().get()
    assert (change.values["phone"], change.proposed_by) == ("0808 801 0367", None)

    assert load_content(tmp_path).nothing_changed  # held once, not again on every load
    assert load_content(tmp_path, force=True).nothing_changed  # the files never skip the second pair of eyes
    approve(change, by=make_editor(groups=["Helpline approvers"]))
    again = load_content(tmp_path)
    assert (again.nothing_changed, again.conflicts) == (True, [])  # approved as the file says: no conflict
    assert Helpline.objects.get(slug="an-advice-line").phone == "0808 801 0367"


def test_a_folder_without_helplines_leaves_the_directory_alone(db, tmp_path):
    load_content(write(tmp_path / "with"))
    (tmp_path / "without").mkdir()
    assert load_content(tmp_path / "without").nothing_changed
    assert Helpline.objects.count() == 2


def test_the_management_command_reports_helplines(db, tmp_path):
    out = io.StringIO()
    call_command("load_content", str(write(tmp_path)), stdout=out)
    assert "added helpline an-advice-line" in out.getvalue()


@pytest.mark.parametrize(
    ("old", "new", "line", "message"),
    [
        ("phone: 0808 801 0366", "phone: 0808 801 03", 12, "does not look like a UK phone number"),
        ("phone: 0808 801 0366", "phone: 0808 80l 0366", 12, "does not look like a UK phone number"),
        ("phone: 0808 801 0366", "phone: +44 (0)808 801 0366", 12, "does not look like a UK phone number"),
        ("text: 07860 077333", "text: 0786", 28, "does not look like a UK phone number"),
        ("hours: mon-fri 09:30-15:00", "hours: mon-fri 9.30am-3pm", 14, "write hours as days and times"),
        ("hours: mon-fri 09:30-15:00", "hours: mon-fry 09:30-15:00", 14, "not a day"),
        ("hours: mon-fri 09:30-15:00", "hours: mon-fri 09:30-25:00", 14, "not a time"),
        ("hours: mon-fri 09:30-15:00", "hours: mon-fri 09:30-09:30", 14, "same time"),
        ("bank_holidays: closed", "bank_holidays: yes", 15, "can only be 'closed'"),
        ("last_checked: 2026-11-22", "last_checked: 22/11/2026", 20, "not a date"),
        ("group: legal-and-social-care-advice", "group: legal", 11, "unknown group 'legal'"),
        ("audiences: mothers, social-workers", "audiences: fathers", 18, "unknown audience 'fathers'"),
        ("website: https://example.org", "website: example.org", 13, "not a valid website"),
        ("free: Free to call", "fax: 0123", 16, "expected a setting"),
        ("source: Example advice pages\n", "", 9, "needs a 'source: ...' line"),
        ("slug: an-advice-line", "slug: emotional-support", 9, "is the name of a group"),
        ("slug: a-night-line", "slug: an-advice-line", 24, "already used on line 9"),
        ("What it is for, in **our** words.\n", "", 9, "needs its description"),
        ("area: England", "area: " + "x" * 101, 17, "area is longer than 100 characters"),
        ("## An advice line", "## " + "x" * 201, 9, "name is longer than 200 characters"),
    ],
)
def test_bad_helplines_name_file_and_line_and_change_nothing(db, tmp_path, old, new, line, message):
    load_content(write(tmp_path))
    before = database_state()
    assert old in HELPLINES
    with pytest.raises(ContentError, match=message) as error:
        load_content(write(tmp_path, HELPLINES.replace(old, new, 1)))
    assert (error.value.path.name, error.value.line) == ("helplines.md", line)
    assert database_state() == before


def test_a_bank_holiday_rule_needs_hours(tmp_path):
    text = HELPLINES.replace("hours: 24 hours", "hours: 24 hours\nbank_holidays: closed")
    with pytest.raises(ContentError, match="bank_holidays needs opening hours"):
        HELPLINE_FILE.parse(write(tmp_path, text) / "helplines.md")


def test_a_broken_helplines_file_stops_the_guides_loading_too(db, content_copy):
    text = (content_copy / "helplines.md").read_text(encoding="utf-8")
    (content_copy / "helplines.md").write_text(
        re.sub(r"^phone: (.*)$", r"phone: \1X", text, count=1, flags=re.M), encoding="utf-8"
    )
    with pytest.raises(CommandError, match=r"(?s)helplines\.md:\d+: .*Nothing was changed"):
        call_command("load_content", str(content_copy), stdout=io.StringIO())
    assert not Guide.objects.exists()
    assert not Helpline.objects.exists()


def test_guides_and_helplines_are_written_in_one_transaction(db, content_copy, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("the database went away")

    monkeypatch.setattr(EntryFile, "load", fail)
    with pytest.raises(RuntimeError):
        load_content(content_copy)
    assert not Guide.objects.exists()


def test_export_reproduces_the_real_file_exactly(content):
    text = (CONTENT_DIR / "helplines.md").read_text(encoding="utf-8")
    assert HELPLINE_FILE.export() == text


def test_round_trip_through_markdown(db, tmp_path):
    load_content(write(tmp_path / "first"))
    exported = HELPLINE_FILE.export()
    second = write(tmp_path / "second", exported) / "helplines.md"
    first = HELPLINE_FILE.parse(tmp_path / "first" / "helplines.md")
    assert [h.values for h in HELPLINE_FILE.parse(second)] == [h.values for h in first]
    assert load_content(second.parent).nothing_changed


def test_the_real_directory_loads_and_fills_every_group(content):
    """Guides link to /helplines/#<group>: every group needs a heading to land on."""
    assert set(Helpline.objects.values_list("group", flat=True)) == set(Helpline.Group.values)
    assert [h.slug for h in Helpline.objects.in_directory_order()[:2]] == ["emergency-999", "police-101"]


def test_the_admin_refuses_hours_and_numbers_it_cannot_use(db, tmp_path):
    load_content(write(tmp_path))
    helpline = Helpline.objects.get(slug="an-advice-line")
    helpline.full_clean()
    helpline.hours = [{"days": "weekdays", "opens": "09:30", "closes": "15:00"}]
    helpline.phone = "call us"
    with pytest.raises(ValidationError) as error:
        helpline.full_clean()
    assert set(error.value.message_dict) == {"hours", "phone"}
