"""Every page runs the same number of queries with ten times the 2011/12 data."""

import datetime

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.models import Action, Agency, Initiative, Milestone
from stats.models import CrimeCategory, StatisticsSnapshot
from tests.factories import report_multiply

# Every page first reads the data version that its ETag is made of (csp_tracker/freshness.py),
# and lists the reporting years for the year switcher.
EVERY_PAGE = 2
# Signed in, a page also reads the session, the user, whether they are a demo account
# (which cannot sign in with DEBUG off, as in tests), and their own and their groups'
# permissions.
SIGNED_IN = 5
# Each page's queries, in order. A page that grows a query per row fails this test.
EXPECTED = {
    # year by slug or newest; priorities with action counts; newest snapshot; the
    # overview: priorities with their actions counted by status, the actions with a
    # milestone overdue, the actions due an update, the actions updated in the last 30
    # days; the year's indicators (none: nothing prefetched)
    "home": EVERY_PAGE + 8,
    "year": EVERY_PAGE + 8,
    # priority; agencies for the filter; count; one page of rows; their leads with
    # agencies; the linked work's rows under other priorities; the priority in other
    # years; its indicators (none: nothing prefetched)
    "priority": EVERY_PAGE + 8,
    "priority_sorted": EVERY_PAGE + 8,
    # the agency filter's choice, validated; then as above
    "priority_filtered": EVERY_PAGE + 9,
    # Not a conditional page ("not updated for N days" follows the clock): no data version
    # read. The year; count; priorities and agencies for the filter; one page of rows; their
    # leads with agencies; the linked work's rows under other priorities
    "year_actions": EVERY_PAGE - 1 + 7,
    # the priority and agency choices, validated; then as above
    "year_actions_filtered": EVERY_PAGE - 1 + 9,
    # action with priority, year, linked work, last editor and the action it continues;
    # leads with agencies; linked rows; the actions that continue it; its milestones with
    # their agencies; its history
    "action": EVERY_PAGE + 6,
    # count; agencies with parents and action counts; aliases
    "agency_list": EVERY_PAGE + 3,
    # agency with parent; aliases; teams; years for the filter; count; rows; leads;
    # linked rows
    "agency": EVERY_PAGE + 8,
    # linked work; its rows; their leads; each row's linked rows
    "initiative": EVERY_PAGE + 4,
    # snapshot with year; its rows with categories; (newest snapshot: one more lookup)
    "county": EVERY_PAGE + 2,
    # worked out from police.uk (here none imported): districts; the borough's ward set;
    # crime types; the police.uk months with their files (and, with figures, the district
    # counts, the newest snapshot and its rows: tests/stats/test_comparison_page.py)
    "county_computed": EVERY_PAGE + 4,
    "snapshot": EVERY_PAGE + 2,
    # category; its figures with snapshots and years
    "category": EVERY_PAGE + 2,
    # the matching actions' count; one page of them with priorities and years
    "search": EVERY_PAGE + 2,
}


def milestones_add():
    """Three milestones on every action that has none: one overdue, one done, one to come,
    one of them with an agency of its own (the pages that show them read them in a fixed
    number of queries)."""
    today = timezone.localdate()
    agency = Agency.objects.order_by("pk").first()
    Milestone.objects.bulk_create(
        Milestone(
            action=action,
            position=n,
            title=f"Step {n}",
            due_on=today + datetime.timedelta(days=(n - 2) * 30),
            done_on=today if n == 2 else None,
            agency=agency if n == 3 else None,
        )
        for action in Action.objects.filter(milestones__isnull=True)
        for n in (1, 2, 3)
    )


def page_urls(year):
    dbc = Agency.objects.get(short_name="DBC")
    halloween = Initiative.objects.get(name__startswith="Instigate Joint Agency")
    first_action = Action.objects.filter(initiative=halloween).order_by("priority__number")[0]
    return {
        "home": "/",
        "year": year.get_absolute_url(),
        "priority": f"/years/{year.slug}/priorities/1/",
        "priority_sorted": f"/years/{year.slug}/priorities/1/?sort=-lead",
        "priority_filtered": f"/years/{year.slug}/priorities/1/?q=e&agency={dbc.pk}",
        "year_actions": f"/years/{year.slug}/actions/",
        "year_actions_filtered": f"/years/{year.slug}/actions/?q=dbc&priority="
        f"{year.priorities.get(number=1).pk}&agency={dbc.pk}&status=not_recorded&days=30"
        "&sort=-lead",
        "action": first_action.get_absolute_url(),
        "agency_list": "/agencies/",
        "agency": dbc.get_absolute_url(),
        "initiative": halloween.get_absolute_url(),
        "county": "/county/",
        "county_computed": "/county/computed/",
        "snapshot": StatisticsSnapshot.objects.get(year=year).get_absolute_url(),
        "category": CrimeCategory.objects.get(name="Vehicle Crime").get_absolute_url(),
        # A word in every generated row and in the published ones ("Ongoing").
        "search": "/search/?q=ongoing",
    }


def count_queries(client, urls):
    counts = {}
    for name, url in urls.items():
        with CaptureQueriesContext(connection) as context:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[name] = len(context.captured_queries)
    return counts


@pytest.mark.parametrize("role", ["anonymous", "partner", "coordinator"])
def test_every_page_runs_a_fixed_number_of_queries_as_the_data_grows(client, cast, role):
    if getattr(cast, role):
        client.force_login(getattr(cast, role))
    urls = page_urls(cast.report)
    milestones_add()
    published = count_queries(client, urls)
    actions, agencies = Action.objects.count(), Agency.objects.count()

    report_multiply(cast.report, factor=10)
    milestones_add()
    # Written straight to the database, as no user could: the data version does not see
    # it, so the pages kept in the cache are set aside to render them afresh.
    cache.clear()
    assert Action.objects.count() == 10 * actions
    assert Agency.objects.count() == 10 * agencies
    grown = count_queries(client, urls)

    assert published == grown
    if role == "anonymous":
        assert published == EXPECTED
    else:
        # Pages of actions may add a partner's agencies (for the edit column, and for the
        # key their cached fragments are kept under), the years open to partners' updates,
        # the updates pending approval and the ward breakdown; the year's page, whether it
        # is open to them (for those who update or reopen it).
        extra = {page: published[page] - EXPECTED[page] for page in EXPECTED}
        assert set(extra.values()) <= {SIGNED_IN + n for n in range(6)}, extra
        assert extra["county"] == SIGNED_IN, extra
        assert extra["home"] in (SIGNED_IN, SIGNED_IN + 1), extra


@pytest.mark.parametrize("page", ["priority", "agency", "year_actions"])
def test_a_grown_table_is_paginated_and_still_fixed(client, report, page):
    report_multiply(report, factor=10)
    milestones_add()
    url = page_urls(report)[page]
    response = client.get(url)
    table = response.context["table"]
    assert table.paginator.num_pages > 1
    assert len(table.page.object_list) == 50
    with CaptureQueriesContext(connection) as context:
        client.get(url + "?page=2")
    assert len(context.captured_queries) == EXPECTED[page]


def test_the_year_overview_runs_a_fixed_number_of_queries_with_statuses_and_updates(client, report):
    from django.utils import timezone

    from actions.models import ProgressStatus

    def mark_some(actions):
        """Every status on some rows, and every other row updated today."""
        statuses = ProgressStatus.values
        for n, action in enumerate(actions):
            action.progress_status = statuses[n % len(statuses)]
            action.update_changed_at = timezone.now() if n % 2 else None
        Action.objects.bulk_update(actions, ["progress_status", "update_changed_at"])

    mark_some(list(Action.objects.order_by("pk")))
    milestones_add()
    url = report.get_absolute_url()
    with CaptureQueriesContext(connection) as context:
        published = client.get(url)
    report_multiply(report, factor=10)
    mark_some(list(Action.objects.order_by("pk")))
    milestones_add()
    cache.clear()
    with CaptureQueriesContext(connection) as grown_context:
        grown = client.get(url)
    # The grown page lists ten times the rows, with the same queries.
    assert len(published.context["overview"].updated) == 18
    assert len(grown.context["overview"].updated) == 185
    # Every action has an overdue milestone, and the overview lists each once.
    assert len(published.context["overview"].overdue) == 37
    assert len(grown.context["overview"].overdue) == 370
    assert len(context.captured_queries) == len(grown_context.captured_queries) == EXPECTED["year"]


def round_urls(reporting_round) -> dict[str, str]:
    return {
        "rounds": "/rounds/",
        "year_rounds": f"/years/{reporting_round.year.slug}/rounds/",
        "round": reporting_round.get_absolute_url(),
        "round_mine": f"/rounds/{reporting_round.pk}/mine/",
        "my_rounds": "/rounds/mine/",
        "report_changes": f"/years/{reporting_round.year.slug}/report/changes/",
    }


# The reporting rounds' pages, signed in (SIGNED_IN), none of them conditional (they
# follow partners' work in progress: no data version read), each with the year switcher's
# years.
ROUND_PAGES = {
    "coordinator": {
        # count; one page of rounds with years and published reports; the newest year
        "rounds": SIGNED_IN + 1 + 3,
        # the year; its rounds with their years, previous rounds, reports and people; the
        # open one
        "year_rounds": SIGNED_IN + 1 + 3,
        # the round with year, previous round and report; agencies with counts owed and
        # done; the changes since the previous round with their actions
        "round": SIGNED_IN + 1 + 3,
        # the year; the round closed last with its report; the changes since with their
        # actions
        "report_changes": SIGNED_IN + 1 + 3,
    },
    "partner": {
        # the round; the partner's agencies (for the rows, and again for the edit column);
        # the years open to partners; count; one page of rows; their leads with agencies;
        # the linked work's rows; the rows' updates waiting for approval; how many are done
        "round_mine": SIGNED_IN + 1 + 10,
        # the open rounds of the years the partner's agencies lead in
        "my_rounds": SIGNED_IN + 1 + 1,
    },
}


@pytest.mark.parametrize("role", ["coordinator", "partner"])
def test_the_rounds_pages_run_a_fixed_number_of_queries_as_the_data_grows(client, cast, role):
    from actions.services import action_update
    from rounds.services import round_close, round_open

    def update_some(n):
        for action in Action.objects.order_by("-pk")[:n]:
            action_update(
                action=action, user=cast.coordinator, version=action.version, data={"update": "x"}
            )

    day = cast.report.starts_on
    first = round_open(year=cast.report, label="Q1", deadline=day, user=cast.coordinator)
    round_close(reporting_round=first, user=cast.coordinator)
    reporting_round = round_open(year=cast.report, label="Q2", deadline=day, user=cast.coordinator)
    update_some(3)
    client.force_login(getattr(cast, role))
    urls = {
        name: url for name, url in round_urls(reporting_round).items() if name in ROUND_PAGES[role]
    }
    published = count_queries(client, urls)

    report_multiply(cast.report, factor=10)
    update_some(30)
    grown = count_queries(client, urls)

    assert published == grown
    assert published == ROUND_PAGES[role]


def test_pending_updates_add_no_query_per_row_to_the_queue_and_the_tables(client, cast):
    """The queue of updates waiting for approval, and a priority's table showing them to a
    coordinator, run the same queries with one pending update or one on every row."""
    from actions.models import UpdateProposal

    def propose(actions):
        UpdateProposal.objects.bulk_create(
            UpdateProposal(
                action=action,
                update=f"Pending {action.pk}",
                author=cast.partner,
                author_name="Partner",
                based_on=action.version,
            )
            for action in actions
            if not action.proposals.exists()
        )

    client.force_login(cast.coordinator)
    urls = {"queue": "/updates/pending/", "priority": page_urls(cast.report)["priority"]}
    propose(Action.objects.filter(priority__number=1)[:1])
    one = count_queries(client, urls)
    report_multiply(cast.report, factor=10)
    propose(Action.objects.all())
    cache.clear()
    every = count_queries(client, urls)
    assert one == every
    # The queue (no data version: not kept by it): the years for the switcher, what every
    # signed-in page reads; its count; one page of pending updates with their actions,
    # priorities and years.
    assert every["queue"] == EVERY_PAGE - 1 + SIGNED_IN + 2
    response = client.get("/updates/pending/")
    assert len(response.context["table"].page.object_list) == 50


def test_pages_with_indicators_run_a_fixed_number_of_queries(client, cast):
    """Indicators of both kinds, with ward figures and entered figures, on the priority
    page, the year overview and the report: ten times as many indicators (and figures)
    take the same queries. Above each page's own: indicators; their crime types, wards and
    values; the newest ward set; its months; the borough's counts; the wards' counts;
    sample lookups."""
    from tests.indicators.factories import ASB, BURGLARY, indicator_make, value_make
    from tests.indicators.test_pages import APR, JUN, indicators_make, manual

    priority, crime, hand, value = indicators_make(cast.report)
    boxmoor = crime.wards.model.objects.get(slug="boxmoor")
    indicator_make(priority, crime_types=[ASB], wards=[boxmoor])
    client.force_login(cast.coordinator)
    urls = {
        "priority": priority.get_absolute_url(),
        "year": cast.report.get_absolute_url(),
        "report": f"/years/{cast.report.slug}/report/",
    }
    few = count_queries(client, urls)
    for _ in range(9):
        indicator_make(priority, crime_types=[ASB, BURGLARY])
        indicator_make(priority, crime_types=[ASB], wards=[boxmoor])
        value_make(manual(priority), APR, JUN, 5)
    cache.clear()
    assert client.get(urls["priority"]).content.decode().count("Figures in this chart") == 30
    cache.clear()
    assert count_queries(client, urls) == few
