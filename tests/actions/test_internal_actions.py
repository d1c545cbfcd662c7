"""Internal actions and notes: for partners only. No page, download, open-data file,
report (as a page, a PDF or a published copy) or search the public sees holds an internal
action or an update's internal note; those signed in see them, marked "Internal";
coordinators mark an action internal on the edit form, partners write notes on theirs."""

import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from pypdf import PdfReader

from actions.models import Action, ActionUpdate
from actions.services import action_search_refresh
from opendata.selectors import DATASETS, FORMATS
from reports.services import report_publish
from tests.test_authorization import EXPECTED, PUBLIC, arguments

SECRET = "Covert test purchasing ZXQWV"
NOTE = "Informant named Jqxvbk in the briefing"


def halloween(number):
    """The Halloween operation: one piece of work, a row under priorities 1, 3 and 6."""
    return Action.objects.get(
        priority__year__slug="2011-12", priority__number=number, position={1: 2, 3: 1, 6: 1}[number]
    )


@pytest.fixture
def internal(cast):
    """Priority 3's Halloween row, made internal, its text made recognisable."""
    row = halloween(3)
    Action.objects.filter(pk=row.pk).update(
        internal=True, action=SECRET, update=f"{SECRET} went well"
    )
    action_search_refresh(actions=Action.objects.filter(pk=row.pk))
    return Action.objects.get(pk=row.pk)


@pytest.fixture
def noted(cast, partners_publish_directly):
    """A public row Herts Police leads, updated by their partner with an internal note (the
    partnership publishing partners' updates without approval)."""
    row = Action.objects.get(priority__number=1, position=2)
    client = Client()
    client.force_login(cast.partner)
    response = client.post(
        f"/actions/{row.pk}/edit/",
        {
            "version": row.version,
            "update": "Patrols done.",
            "progress_status": "",
            "internal_note": NOTE,
        },
    )
    assert response.status_code == 302
    return Action.objects.get(pk=row.pk)


def text_of(response) -> str:
    """What a response says, whatever its format: HTML, CSV, JSON, XLSX or PDF."""
    kind = response.get("Content-Type", "")
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if "spreadsheetml" in kind:
        book = load_workbook(io.BytesIO(content))
        return " ".join(
            str(cell) for sheet in book for row in sheet.iter_rows(values_only=True) for cell in row
        )
    if "pdf" in kind:
        return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode("utf-8-sig")


def public_urls(report, cast) -> list[str]:
    """Every page anyone may see (those every role gets), each table as CSV and XLSX too,
    every open-data file and the search for the internal action's words."""
    urls = []
    for name, (kind, answers) in EXPECTED.items():
        if answers != PUBLIC:
            continue
        url = reverse(name, kwargs=arguments(kind, report, cast))
        urls.append(url)
        if name.startswith("actions:"):  # the tables of actions
            urls += [f"{url}?_export=csv", f"{url}?_export=xlsx"]
    halloween_work = reverse("actions:initiative_detail", args=[halloween(1).initiative_id])
    urls += [halloween_work, f"{halloween_work}?_export=csv"]
    urls += [
        reverse("opendata:file", kwargs={"dataset": dataset, "format": fmt})
        for dataset in DATASETS
        for fmt in FORMATS
    ]
    urls += [f"/search/?q={word}" for word in ("ZXQWV", "Covert purchasing", "Informant")]
    return urls


def test_no_page_file_or_report_the_public_sees_holds_an_internal_action_or_note(
    cast, internal, noted
):
    report = cast.report
    report_publish(year=report, user=cast.coordinator)  # a published copy, made after
    client = Client()
    urls = public_urls(report, cast)
    assert len(urls) > 30
    holding = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = text_of(response)
        # Its words, or a link to it (the search page repeats the words searched for).
        if SECRET in text or f"/actions/{internal.pk}/" in text or NOTE in text:
            holding.append(url)
    assert holding == []
    assert client.get(internal.get_absolute_url()).status_code == 404
    found = client.get("/search/", {"q": "Jqxvbk"}).content.decode()
    assert f"/actions/{noted.pk}/" not in found


def test_what_the_public_sees_is_everything_else(client, cast, internal):
    """The row is left out, not the priority: its other rows, and the same work's rows
    under other priorities, are all there, and the counts leave out only the one row."""
    page = client.get("/years/2011-12/priorities/3/").content.decode()
    others = Action.objects.filter(priority=internal.priority).exclude(pk=internal.pk)
    assert others.count() >= 2
    for row in others:
        assert f'href="/actions/{row.pk}/"' in page
    first = client.get("/years/2011-12/priorities/1/").content.decode()
    assert f'href="/actions/{halloween(6).pk}/"' in first
    assert f'href="/actions/{internal.pk}/"' not in first
    counts = client.get("/").context["priorities"]
    assert {p.number: p.action_count for p in counts}[3] == others.count()


@pytest.mark.parametrize("role", ["councillor", "partner", "coordinator"])
def test_those_signed_in_see_it_marked_internal(client, cast, internal, role):
    client.force_login(getattr(cast, role))
    page = client.get("/years/2011-12/priorities/3/").content.decode()
    assert SECRET in page
    assert "Internal</strong>" in page
    detail = client.get(internal.get_absolute_url()).content.decode()
    assert "For partners only" in detail
    found = client.get("/search/", {"q": "ZXQWV"}).content.decode()
    assert f'href="/actions/{internal.pk}/"' in found
    counts = client.get("/").context["priorities"]
    assert {p.number: p.action_count for p in counts}[3] == internal.priority.actions.count()


def test_a_coordinator_marks_an_action_internal_and_it_is_in_its_history(client, cast):
    client.force_login(cast.coordinator)
    row = halloween(3)
    response = client.post(
        f"/actions/{row.pk}/edit/",
        {
            "version": row.version,
            "update": row.update,
            "progress_status": row.progress_status,
            "target": row.target,
            "timescale": row.timescale,
            "internal": "on",
        },
    )
    assert response.status_code == 302
    assert Action.objects.get(pk=row.pk).internal is True
    assert ActionUpdate.objects.get(action=row).changes == {"internal": [False, True]}
    detail = client.get(row.get_absolute_url()).content.decode()
    assert "Internal" in detail
    assert Client().get(row.get_absolute_url()).status_code == 404


def test_a_partner_cannot_mark_an_action_internal(client, cast):
    client.force_login(cast.partner)
    row = Action.objects.get(priority__number=1, position=2)  # Herts Police leads it
    form = client.get(f"/actions/{row.pk}/edit/").content.decode()
    assert 'name="internal"' not in form
    client.post(
        f"/actions/{row.pk}/edit/",
        {"version": row.version, "update": "Done.", "progress_status": "", "internal": "on"},
    )
    assert Action.objects.get(pk=row.pk).internal is False


def test_an_internal_note_is_shown_to_those_signed_in_only(client, cast, noted):
    page = client.get(noted.get_absolute_url()).content.decode()
    assert "Patrols done." in page
    assert "Jqxvbk" not in page
    client.force_login(cast.councillor)
    page = client.get(noted.get_absolute_url()).content.decode()
    assert NOTE in page  # beside the update, and in the history
    assert page.count(NOTE) == 2


def test_a_change_to_the_note_alone_is_not_in_the_history_the_public_sees(client, cast, noted):
    editor = Client()
    editor.force_login(cast.partner)
    editor.post(
        f"/actions/{noted.pk}/edit/",
        {
            "version": noted.version,
            "update": noted.update,
            "progress_status": "",
            "internal_note": "x",
        },
    )
    assert ActionUpdate.objects.filter(action=noted).count() == 2
    history = client.get(noted.get_absolute_url()).context["history"]
    assert [list(entry.changes) for entry in history] == [["update"]]
    signed_in = editor.get(noted.get_absolute_url()).context["history"]
    assert [sorted(entry.changes) for entry in signed_in] == [
        ["internal_note"],
        ["internal_note", "update"],
    ]


def test_a_note_waits_with_the_partners_update_for_approval(client, cast):
    """With approval on (the default), the note is part of the pending update: published
    with it once a coordinator approves, and on no public page before or after."""
    from actions.models import UpdateProposal
    from actions.services import proposal_approve

    row = Action.objects.get(priority__number=1, position=2)
    partner = Client()
    partner.force_login(cast.partner)
    partner.post(
        f"/actions/{row.pk}/edit/",
        {
            "version": row.version,
            "update": "Patrols done.",
            "progress_status": "",
            "internal_note": NOTE,
        },
    )
    proposal = UpdateProposal.objects.get(action=row)
    assert proposal.internal_note == NOTE
    assert Action.objects.get(pk=row.pk).internal_note == ""
    proposal_approve(proposal=proposal, user=cast.coordinator)
    assert Action.objects.get(pk=row.pk).internal_note == NOTE
    assert "Jqxvbk" not in client.get(row.get_absolute_url()).content.decode()
