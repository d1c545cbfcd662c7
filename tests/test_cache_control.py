"""What browsers may keep: pages of work in progress and of people's records nothing
(no-store); any other page of someone signed in, their own copy, asked for again."""

import pytest

from actions.models import Action

NOT_KEPT = [
    "/actions/{row}/edit/",
    "/years/2011-12/priorities/1/add-action/",
    "/updates-due/",
    "/audit/",
    "/imports/year/",
    "/years/start/",
    "/ward-imports/",
    "/ward-imports/new/",
]


@pytest.mark.parametrize("path", NOT_KEPT)
def test_work_in_progress_and_records_are_never_kept(client, cast, path):
    row = Action.objects.get(priority__number=1, position=2)
    client.force_login(cast.administrator)
    response = client.get(path.format(row=row.pk))
    assert response.status_code == 200
    directives = {d.strip() for d in response["Cache-Control"].split(",")}
    assert {"no-store", "private", "no-cache"} <= directives


@pytest.mark.parametrize("path", ["/published/", "/years/2011-12/report/", "/open-data/"])
def test_other_signed_in_pages_are_private_and_asked_for_again(client, cast, path):
    client.force_login(cast.coordinator)
    directives = {d.strip() for d in client.get(path)["Cache-Control"].split(",")}
    assert {"private", "no-cache"} <= directives
    assert "no-store" not in directives


def test_a_public_page_for_a_visitor_without_a_session_is_not_private(client, report):
    assert client.get("/published/").get("Cache-Control") is None
    assert client.get("/").get("Cache-Control") == "no-cache"
