"""The search page: every year's actions, grouped by year, the matching words marked."""

import re

import pytest
from django.core.cache import cache
from django.db import connection

from actions.models import Action
from actions.services import action_update
from reports.services import year_start
from search.selectors import MATCH_END, MATCH_START, SearchTerms
from tests.factories import report_multiply

POSTGRESQL = connection.vendor == "postgresql"


def search(client, q, **params):
    return client.get("/search/", {"q": q, **params})


def found(response) -> list[int]:
    """The ids of the actions a results page lists, in order."""
    return [action.pk for action in response.context["page"].object_list]


def test_it_finds_an_action_by_a_word_of_its_text_and_marks_the_word(client, report):
    response = search(client, "Community Action Days")
    support = Action.objects.get(action="Support Community Action Days")
    assert support.pk in found(response)
    html = response.content.decode()
    assert '<mark class="app-search-mark">Community</mark>' in html
    assert '<mark class="app-search-mark">Days</mark>' in html


@pytest.mark.parametrize(
    ("q", "action"),
    [
        # target
        ("Second hand outlets", "Target Second hand outlets"),
        # update
        ("smoke detectors", "Joint Working between Police & Fire Services"),
        # a lead agency's full name, which the published lead text does not spell out
        ("Hertfordshire Fire", "Joint Working between Police & Fire Services"),
    ],
)
def test_it_finds_an_action_by_its_target_update_and_lead_agencies_names(client, report, q, action):
    assert Action.objects.get(action=action).pk in found(search(client, q))


def test_every_word_must_match_somewhere(client, report):
    assert found(search(client, "burglary zzzzqqq")) == []
    response = search(client, "zzzzqqq")
    assert "No action of any year matches “zzzzqqq”" in response.content.decode()


def test_a_plural_finds_the_singular_on_postgresql_and_only_the_words_typed_on_sqlite(
    client, report
):
    burglary = set(Action.objects.filter(action__icontains="burglary").values_list("pk", flat=True))
    assert burglary  # the report has burglary actions
    got = set(found(search(client, "burglaries")))
    if POSTGRESQL:
        # English stemming: "burglaries" and "Burglary" are the same word, and is marked.
        assert burglary <= got
        assert (
            '<mark class="app-search-mark">Burglary</mark>'
            in search(client, "burglaries").content.decode()
        )
    else:
        # A plain case-insensitive match: no row says "burglaries".
        assert got == set(
            Action.objects.filter(update__icontains="burglaries").values_list("pk", flat=True)
        )
        assert not burglary <= got


def test_results_are_grouped_by_year_newest_first(client, cast):
    later = year_start(from_year=cast.report, label="2012/13", user=cast.coordinator)
    html = search(client, "CCTV").content.decode()
    headings = re.findall(r'<h2 class="govuk-heading-l">([^<]+)</h2>', html)
    assert headings == [later.label, cast.report.label]


def test_the_best_matches_come_first_within_a_year_on_postgresql(client, report):
    # Burglary in the action's own text weighs more than in its update; on SQLite rows
    # keep their order in the plan.
    ids = found(search(client, "burglary"))
    rows = Action.objects.in_bulk(ids)
    in_text = [pk for pk in ids if "burglary" in rows[pk].action.lower()]
    if POSTGRESQL:
        assert ids[: len(in_text)] == in_text
    else:
        keys = [(rows[pk].priority.number, rows[pk].position) for pk in ids]
        assert keys == sorted(keys)


def test_results_are_paginated(client, report):
    report_multiply(report, factor=3)
    first = search(client, "generated")
    page = first.context["page"]
    assert page.paginator.num_pages > 1
    second = search(client, "generated", page=2)
    assert set(found(first)).isdisjoint(found(second))
    assert 'rel="next"' in first.content.decode()


@pytest.mark.parametrize("page", ["x", "0", "-1", "99999999999999999999", "1e100000"])
def test_a_page_number_it_cannot_use_shows_a_page_it_can(client, report, page):
    response = search(client, "police", page=page)
    assert response.status_code == 200
    assert found(response)


def test_an_empty_search_shows_the_form_alone(client, report):
    for q in ("", "   "):
        response = search(client, q)
        assert response.status_code == 200
        assert response.context["page"] is None
        assert 'role="status"' not in response.content.decode()


@pytest.mark.parametrize("q", ["a" * 201, "police\x00"])
def test_a_search_too_long_or_with_a_nul_byte_is_refused_with_a_message(client, report, q):
    response = search(client, q)
    assert response.status_code == 200
    assert response.context["page"] is None
    assert "govuk-error-summary" in response.content.decode()


@pytest.mark.parametrize("q", ['"police', "police OR", "-police", "!!", "(((", "the", "&"])
def test_search_syntax_or_no_words_at_all_is_answered(client, report, q):
    response = search(client, q)
    assert response.status_code == 200
    assert response.context["page"] is not None


def test_the_text_found_is_escaped(client, cast):
    action = Action.objects.get(action="Support Community Action Days")
    action_update(
        action=action,
        user=cast.coordinator,
        version=action.version,
        data={"update": "Leaflets <script>alert(1)</script> delivered"},
    )
    html = search(client, "leaflets delivered").content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_a_sample_years_results_say_they_are_sample_data(client, cast):
    assert "app-sample-banner" not in search(client, "police").content.decode()
    cast.report.is_sample = True
    cast.report.save()
    cache.clear()  # a write no user could make: the data version does not see it
    html = search(client, "police").content.decode()
    assert "app-sample-banner" in html


@pytest.mark.parametrize("role", ["anonymous", "councillor", "partner", "coordinator"])
def test_every_role_finds_the_same_actions_and_nobody_is_named(client, cast, role):
    """Search is public, as the priority pages are; like them it never names an editor
    (they are credited by agency on the action's page, to those allowed)."""
    action = Action.objects.get(action="Support Community Action Days")
    cast.coordinator.last_name = "Quixotic"
    cast.coordinator.save()
    action_update(
        action=action,
        user=cast.coordinator,
        version=action.version,
        data={"update": "Two days held in Adeyfield"},
    )
    if getattr(cast, role):
        client.force_login(getattr(cast, role))
    response = search(client, "Adeyfield")
    assert found(response) == [action.pk]
    main = response.content.decode().split('id="main-content"')[1]
    assert "Quixotic" not in main  # (the header names whoever is signed in)


def test_the_search_box_is_in_every_pages_header(client, report):
    for path in ("/", "/agencies/", report.get_absolute_url(), "/search/?q=police"):
        html = client.get(path).content.decode()
        assert '<form method="get" action="/search/"' in html
        assert 'id="site-search-q" name="q"' in html


@pytest.mark.parametrize(
    ("marked_by_database", "text", "pieces"),
    [
        (
            True,
            f"Support {MATCH_START}Burglary{MATCH_END} Initiatives",
            [("Support ", False), ("Burglary", True), (" Initiatives", False)],
        ),
        (True, "No match here", [("No match here", False)]),
        (
            False,
            "Police & police, POLICE",
            [("Police", True), (" & ", False), ("police", True), (", ", False), ("POLICE", True)],
        ),
        (False, "a.b", [("a.b", False)]),  # the words are text, not patterns
        (False, "", []),
    ],
)
def test_a_texts_pieces_say_which_words_matched(marked_by_database, text, pieces):
    terms = SearchTerms(text="police a*b", marked_by_database=marked_by_database)
    assert terms.pieces(text) == pieces
