"""A page asked for again with nothing changed answers 304 Not Modified without rendering;
after any committed write, whoever made it and however, the next request shows it.

csp_tracker/freshness.py makes the ETag; csp_tracker/middleware.py answers with it.
"""

from html import unescape

import pytest
from django.contrib.auth.models import Permission
from django.test import Client

from actions.models import Action
from audit.models import AuditEntry
from csp_tracker import freshness
from stats import services as stats_services
from stats.models import CrimeCategory, WardImport, WardSet
from tests.stats.factories import wards_load

PRIORITY = "/years/2011-12/priorities/1/"


def police_row() -> Action:
    return Action.objects.get(priority__number=1, position=2)


def again(client, path, response, **extra):
    """Ask for `path` again with the ETag `response` gave."""
    return client.get(path, HTTP_IF_NONE_MATCH=response["ETag"], **extra)


def test_a_page_says_its_etag_and_that_browsers_must_ask_again_each_time(client, report):
    response = client.get(PRIORITY)
    assert response.status_code == 200
    assert response["ETag"].startswith('W/"')
    assert response["Cache-Control"] == "no-cache"
    assert "Cookie" in response["Vary"]


def test_asked_again_with_nothing_changed_it_answers_304_after_one_query(
    client, report, django_assert_num_queries
):
    first = client.get(PRIORITY)
    with django_assert_num_queries(1):  # the data version: the page is not rendered
        second = again(client, PRIORITY, first)
    assert second.status_code == 304
    assert second.content == b""
    assert second["ETag"] == first["ETag"]
    assert second["Cache-Control"] == "no-cache"


def test_a_signed_in_page_is_private_to_its_user(client, cast):
    anonymous = client.get(PRIORITY)
    client.force_login(cast.coordinator)
    response = client.get(PRIORITY)
    assert response["Cache-Control"] == "no-cache, private"
    assert response["ETag"] != anonymous["ETag"]
    assert again(client, PRIORITY, response).status_code == 304
    # Someone else's copy is not theirs.
    assert again(client, PRIORITY, anonymous).status_code == 200


def test_signing_out_and_in_as_someone_else_renders_the_page_afresh(client, cast):
    client.force_login(cast.coordinator)
    coordinator = client.get(PRIORITY)
    client.force_login(cast.partner)
    response = again(client, PRIORITY, coordinator)
    assert response.status_code == 200
    assert response["ETag"] != coordinator["ETag"]


def test_an_edit_on_the_site_is_shown_on_the_next_request(client, cast):
    client.force_login(cast.coordinator)
    row = police_row()
    page = client.get(PRIORITY)
    detail = client.get(row.get_absolute_url())
    saved = client.post(
        f"/actions/{row.pk}/edit/",
        {
            "version": row.version,
            "update": "Edited a moment ago",
            "target": row.target,
            "timescale": row.timescale,
            "progress_status": "green",
        },
        follow=True,  # as a browser does: the action's page says it was saved
    )
    assert saved.redirect_chain[0][1] == 302

    for path, before in ((PRIORITY, page), (row.get_absolute_url(), detail)):
        response = again(client, path, before)
        assert response.status_code == 200, path
        assert "Edited a moment ago" in response.content.decode(), path
        assert response["ETag"] != before["ETag"]


@pytest.mark.usefixtures("partners_publish_directly")
def test_an_edit_is_shown_to_someone_else_too(cast):
    reader, editor = Client(), Client()
    page = reader.get(PRIORITY)
    editor.force_login(cast.partner)
    row = police_row()
    editor.post(
        f"/actions/{row.pk}/edit/",
        {"version": row.version, "update": "The partner's news", "progress_status": "amber"},
    )
    response = again(reader, PRIORITY, page)
    assert response.status_code == 200
    assert "The partner&#x27;s news" in response.content.decode()


def test_a_change_made_in_the_admin_is_shown_on_the_next_request(client, cast):
    """The county table's admin keeps no audit entry; the admin's own log dates it."""
    client.force_login(cast.administrator)
    county = client.get("/county/")
    category = CrimeCategory.objects.get(name="Vehicle Crime")
    saved = client.post(
        f"/admin/stats/crimecategory/{category.pk}/change/",
        {"name": "Vehicle Crime (renamed)", "slug": category.slug, "position": category.position},
    )
    assert saved.status_code == 302
    response = again(client, "/county/", county)
    assert response.status_code == 200
    assert "Vehicle Crime (renamed)" in response.content.decode()


def test_a_message_waiting_to_be_shown_renders_the_page(client, cast):
    """A save that changes nothing changes no data, but its "saved" banner must show."""
    client.force_login(cast.coordinator)
    row = police_row()
    detail = client.get(row.get_absolute_url())
    client.post(
        f"/actions/{row.pk}/edit/",
        {
            "version": row.version,
            "update": row.update,
            "target": row.target,
            "timescale": row.timescale,
            "progress_status": "",
        },
    )
    response = again(client, row.get_absolute_url(), detail)
    assert response.status_code == 200
    assert "Your update has been saved" in unescape(response.content.decode())


def ward_set() -> WardSet:
    return wards_load()


def import_counts(wards: WardSet, rows: list[str]) -> WardImport:
    """Import a counts file as the import page does (its figures are not audited)."""
    data = "\n".join(["ward,month,crime_type,count", *rows]).encode()
    ward_import = stats_services.ward_import_create(
        ward_set=wards, kind="counts", file_name="counts.csv", data=data, source="A test"
    )
    return stats_services.ward_import_run(ward_import_id=ward_import.pk)


def test_an_import_of_ward_figures_is_shown_on_the_next_request(client, cast):
    wards = ward_set()
    cast.councillor.user_permissions.add(Permission.objects.get(codename="view_ward"))
    client.force_login(cast.councillor)
    import_counts(wards, ["Boxmoor,2012-04,Burglary,7"])
    url = "/wards/dacorum-2007/boxmoor/"
    before = client.get(url)
    assert before.status_code == 200
    assert again(client, url, before).status_code == 304

    done = import_counts(wards, ["Boxmoor,2012-04,Burglary,9"])  # replaces April's figures
    assert done.status == WardImport.Status.DONE, done.error
    response = again(client, url, before)
    assert response.status_code == 200
    assert response.context["page"].figures != before.context["page"].figures


def test_pages_that_change_with_the_clock_or_with_each_request_have_no_etag(client, cast):
    client.force_login(cast.coordinator)
    for path in ("/updates-due/", "/audit/", f"/actions/{police_row().pk}/edit/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert not response.has_header("ETag"), path


def test_a_post_is_never_answered_304(client, cast):
    client.force_login(cast.coordinator)
    page = client.get(PRIORITY)
    response = client.post(PRIORITY, HTTP_IF_NONE_MATCH=page["ETag"])
    assert response.status_code == 405


def test_the_data_version_changes_with_every_audit_entry_even_one_committed_late(cast):
    """On PostgreSQL a transaction may commit an entry numbered below the newest one."""
    from django.contrib.contenttypes.models import ContentType

    kind, content_type = AuditEntry.Kind.CHANGED, ContentType.objects.get_for_model(Action)
    AuditEntry.objects.create(pk=100, kind=kind, content_type=content_type)
    AuditEntry.objects.create(pk=110, kind=kind, content_type=content_type)
    before = freshness.data_version()
    AuditEntry.objects.create(pk=105, kind=kind, content_type=content_type)
    assert freshness.data_version() != before


def test_every_page_that_answers_304_is_a_page_of_the_site():
    from tests.test_authorization import url_names

    assert freshness.CONDITIONAL_PAGES - url_names() == set()
