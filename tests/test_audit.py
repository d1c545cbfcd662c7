"""The audit trail: every change, who and when, before and after, readable in the site."""

from html import unescape

import pytest

from actions.models import Action, Agency
from audit.models import AuditEntry


@pytest.mark.parametrize(
    ("role", "status"),
    [
        ("anonymous", 302),
        ("councillor", 403),
        ("partner", 403),
        ("coordinator", 200),
        ("administrator", 200),
    ],
)
def test_coordinators_and_administrators_read_the_audit_trail(client, cast, role, status):
    if getattr(cast, role):
        client.force_login(getattr(cast, role))
    assert client.get("/audit/").status_code == status


def test_an_edit_on_the_site_appears_with_who_when_before_and_after(client, cast):
    action = Action.objects.get(priority__number=1, position=2)
    client.force_login(cast.partner)
    client.post(
        f"/actions/{action.pk}/edit/",
        {"version": 1, "update": "New text", "progress_status": "green"},
    )
    client.force_login(cast.coordinator)
    entry = client.get("/audit/").context["table"].rows[0].record
    assert entry.user == cast.partner
    assert entry.changes["update"] == [
        "120 young people spoken to – 35 litres of alcohol seized",
        "New text",
    ]
    html = unescape(client.get(entry.get_absolute_url()).content.decode())
    assert "120 young people spoken to – 35 litres of alcohol seized" in html
    assert "New text" in html
    assert "partner" in html


def test_changes_made_in_the_admin_are_recorded(client, cast):
    client.force_login(cast.administrator)
    agency = Agency.objects.get(short_name="DENS")
    response = client.post(
        f"/admin/actions/agency/{agency.pk}/change/",
        {
            "short_name": "DENS",
            "name": "DENS",
            "slug": "dens",
            "parent": "",
            "members": [str(cast.partner.pk)],
            "contact_email": "office@dens.invalid",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Dacorum Emergency Night Shelter",
            "aliases-0-id": "",
            "aliases-0-agency": str(agency.pk),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entries = AuditEntry.objects.filter(note="In the admin")
    changed = entries.get(kind="changed", object_id=str(agency.pk))
    assert changed.user == cast.administrator
    assert changed.changes["contact_email"] == ["", "office@dens.invalid"]
    assert changed.changes["members"] == [[], ["partner"]]
    assert entries.filter(kind="created", object_repr="Dacorum Emergency Night Shelter").exists()


def test_a_role_given_to_an_account_in_the_admin_is_recorded(client, cast):
    client.force_login(cast.administrator)
    user = cast.councillor
    from django.contrib.auth.models import Group

    coordinator = Group.objects.get(name="Coordinator")
    councillor = Group.objects.get(name="Councillor")
    response = client.post(
        f"/admin/auth/user/{user.pk}/change/",
        {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": "",
            "email": user.email,
            "is_active": "on",
            "groups": [str(councillor.pk), str(coordinator.pk)],
            "date_joined_0": "2026-01-01",
            "date_joined_1": "00:00:00",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = AuditEntry.objects.get(object_id=str(user.pk), kind="changed")
    assert entry.changes["groups"] == [["Councillor"], ["Coordinator", "Councillor"]]


def test_deleting_in_the_admin_is_recorded(client, cast):
    client.force_login(cast.administrator)
    alias = Agency.objects.get(short_name="HFRS").aliases.get()
    client.post(f"/admin/actions/agencyalias/{alias.pk}/delete/", {"post": "yes"})
    entry = AuditEntry.objects.get(kind="deleted")
    assert entry.object_repr == "Herts Fire & Rescue"


def test_the_audit_trail_filters_by_record_kind_and_text(client, cast):
    action = Action.objects.get(priority__number=1, position=2)
    client.force_login(cast.coordinator)
    client.post(
        f"/actions/{action.pk}/edit/",
        {
            "version": 1,
            "update": "x",
            "progress_status": "",
            "target": action.target,
            "timescale": action.timescale,
        },
    )
    client.post(f"/actions/{action.pk}/move/up/")
    table = client.get("/audit/", {"q": "Halloween"}).context["table"]
    assert len(table.rows) == 2
    assert client.get("/audit/", {"q": "no such thing"}).context["table"].rows.__len__() == 0


def test_the_trail_shows_changed_fields_by_their_labels_not_their_column_names(client, cast):
    from audit.services import audit_record

    action = Action.objects.get(priority__number=1, position=2)
    entry = audit_record(
        user=cast.coordinator,
        kind=AuditEntry.Kind.CHANGED,
        obj=action,
        changes={
            "lead_text": ["Herts Police", "Herts Police/DBC"],
            "update_changed_at": [None, "2012-01-05T10:00:00+00:00"],
            "progress_status": ["amber", "green"],
            "a_field_since_removed": ["x", "y"],
        },
    )
    client.force_login(cast.coordinator)

    html = unescape(client.get(entry.get_absolute_url()).content.decode())
    for label in ("Lead agency as published", "Update date", "Progress status"):
        assert f'role="rowheader">{label}</th>' in html
    assert 'role="rowheader">A field since removed</th>' in html
    assert "lead_text" not in html
    assert "update_changed_at" not in html

    listed = unescape(client.get("/audit/").content.decode())
    assert "A field since removed, Lead agency as published, Progress status, Update date" in listed
    assert "lead_text" not in listed
