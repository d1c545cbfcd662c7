"""No 500 from any input: odd values in every query parameter a page reads (and in one it
does not) are ignored or refused with a message, and a file with numbers too large for
their columns, or nested too deeply, is refused at the dry run already, naming the place."""

import copy
import json

import pytest
from django.http import QueryDict
from django.test import Client
from django.urls import reverse

from priorities.models import ReportingYear
from stats import services as stats_services
from stats.models import WardImport, WardSet
from tests.reports.yearfiles import exported
from tests.test_authorization import EXPECTED, arguments

# The query parameters the site's pages read, and values a probe sends them.
PARAMETERS = [
    "q",
    "agency",
    "year",
    "priority",
    "status",
    "sort",
    "page",
    "per_page",
    "crime_type",
    "start",
    "end",
    "days",
    "_export",
    "kind",
    "content_type",
    "username",
    "from",
]
# Each a different way to be wrong: negative, zero, too large for an integer column, a digit
# that is not ASCII (int("²") fails though "²".isdigit()), empty, a float too large, a NUL
# byte (PostgreSQL refuses it), too long (also what any plain word tests).
ODD_VALUES = ["-1", "0", "99999999999999999999", "²", "", "1e100000", "\x00", "a" * 3000]
# Pages that only post, or take seconds for other reasons (a PDF made afresh).
LEFT_OUT = {"reports:year_report_pdf", "reports:report_publish", "actions:action_move", "logout"}


# A parameter name no page reads: what a page does with a name it does not read (echo it
# into its links, or ignore it) is the same whatever the name, so one such name stands for
# all of them.
UNREAD = "unread"
READ = set()  # the parameter names read by the request in hand (RecordReads)


class RecordingQueryDict(QueryDict):
    """A query that notes every parameter name looked up in it, by whatever means."""

    def __getitem__(self, key):
        READ.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        READ.add(key)
        return super().__contains__(key)

    def get(self, key, default=None):
        READ.add(key)
        return super().get(key, default)

    def getlist(self, key, default=None):
        READ.add(key)
        return super().getlist(key, default)


class RecordReads:
    """Test-only middleware: the request's query as a RecordingQueryDict."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.GET = RecordingQueryDict(request.META.get("QUERY_STRING", ""))
        return self.get_response(request)


def parameters_read(client, url) -> set[str]:
    """The names in PARAMETERS that the page looks up when its query is not empty (a
    filter reads its fields only then). A page that reads a name only when another has a
    value it accepts was never probed there: each probe below sends one parameter alone."""
    READ.clear()
    client.get(url, {UNREAD: "1"})
    return READ & set(PARAMETERS)


@pytest.mark.parametrize("name", sorted(set(EXPECTED) - LEFT_OUT))
def test_no_page_answers_500_to_odd_values_in_its_query(name, report, cast, ward_figures, settings):
    settings.MIDDLEWARE = ["tests.test_odd_inputs.RecordReads", *settings.MIDDLEWARE]
    kind, _ = EXPECTED[name]
    url = reverse(name, kwargs=arguments(kind, report, cast))
    client = Client(raise_request_exception=False)
    client.force_login(cast.administrator)  # who may see every page
    failed = []
    for parameter in sorted(parameters_read(client, url)) + [UNREAD]:
        for value in ODD_VALUES:
            status = client.get(url, {parameter: value}).status_code
            if status >= 500:
                failed.append((parameter, value[:20], status))
    assert failed == [], url


def test_the_probe_sees_which_parameters_a_page_reads(report, cast, settings):
    """The filter of the all-actions table, its sorting and its pages are read; a name the
    page has no use for is not."""
    settings.MIDDLEWARE = ["tests.test_odd_inputs.RecordReads", *settings.MIDDLEWARE]
    client = Client()
    read = parameters_read(client, reverse("actions:year_actions", args=[report.slug]))
    assert {"q", "agency", "priority", "status", "sort", "page", "per_page"} <= read
    assert "crime_type" not in read
    assert "username" not in read


@pytest.mark.parametrize("per_page", ["-1", "0", "99999999999999999999", "501", "x"])
def test_a_number_of_rows_a_page_out_of_bounds_is_ignored(client, report, per_page):
    from tests.factories import report_multiply

    report_multiply(report, factor=10)  # 12 agencies become 120+
    response = client.get("/agencies/", {"per_page": per_page})
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == 50


def test_a_number_of_rows_a_page_within_bounds_is_taken(client, report):
    response = client.get("/agencies/", {"per_page": "5"})
    assert len(response.context["table"].page.object_list) == 5


@pytest.mark.parametrize("days", ["99999999999999999999", "²", "-3", "36501", "x"])
def test_updates_due_ignores_days_it_cannot_use(client, cast, settings, days):
    client.force_login(cast.coordinator)
    response = client.get("/updates-due/", {"days": days})
    assert response.status_code == 200
    assert response.context["days"] == settings.UPDATE_DUE_DAYS


def test_updates_due_takes_whole_days(client, cast):
    client.force_login(cast.coordinator)
    assert client.get("/updates-due/", {"days": "7"}).context["days"] == 7


def test_a_crime_type_id_beyond_the_databases_integers_is_not_a_choice(client, cast, ward_figures):
    client.force_login(cast.councillor)
    response = client.get("/wards/", {"crime_type": "99999999999999999999"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def plan(tmp_path, change) -> bytes:
    data = copy.deepcopy(exported())
    data["year"]["label"] = "2031/32"
    change(data)
    return json.dumps(data).encode()


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["statistics"][0]["rows"][0].update(percent_change="1e100000"),
            "statistics[0].rows[0].percent_change: “1e100000” is not a number",
        ),
        (
            lambda d: d["statistics"][0]["rows"][0].update(percent_change="NaN"),
            "statistics[0].rows[0].percent_change: “NaN” is not a number",
        ),
        (
            lambda d: d["statistics"][0]["rows"][0].update(percent_change=float("nan")),
            "statistics[0].rows[0].percent_change: should be text, not NaN",
        ),
        (
            lambda d: d["statistics"][0]["rows"][0].update(percent_change="99999.9"),
            "statistics[0].rows[0].percent_change: a change is from -100% to 10,000%",
        ),
        (
            lambda d: d["priorities"][0].update(number=10**30),
            "priorities[0].number: 1000000000000000000000000000000 is more than 999",
        ),
        (
            lambda d: d["statistics"][0].update(districts=10**20),
            "statistics[0].districts: 100000000000000000000 is more than 1,000",
        ),
        (
            lambda d: d["priorities"][0].update(title="x" * 201),
            "priorities[0].title: is 201 characters long: at most 200",
        ),
        (
            lambda d: d["priorities"][0]["actions"][0].update(timescale="y" * 5000),
            "priorities[0].actions[0].timescale: is 5,000 characters long: at most 200",
        ),
    ],
    ids=[
        "1e100000",
        "NaN-text",
        "NaN",
        "huge-change",
        "priority-10^30",
        "districts-10^20",
        "long-title",
        "long-timescale",
    ],
)
def test_a_plan_with_a_number_or_text_too_large_is_refused_at_the_dry_run(
    client, cast, tmp_path, change, expected
):
    response = upload(client, cast, plan(tmp_path, change))
    assert response.status_code == 200
    assert f"2031-32.json: {expected}" in response.content.decode()


def test_a_plan_nested_100000_deep_is_refused(client, cast):
    content = ("[" * 100_000 + "]" * 100_000).encode()
    response = upload(client, cast, content)
    assert response.status_code == 200
    assert "nested far deeper than a yearly-plan file" in response.content.decode()


def upload(client, cast, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(cast.administrator)
    return client.post(
        "/imports/year/",
        {"file": SimpleUploadedFile("2031-32.json", content), "kind": "plan"},
    )


@pytest.mark.parametrize("count", ["²", "99999999999999999999", "10000000", "-1", "1.5"])
def test_a_count_that_is_not_a_whole_number_that_fits_is_refused(ward_figures, count):
    ward_import = stats_services.ward_import_create(
        ward_set=WardSet.objects.get(),
        kind=WardImport.Kind.COUNTS,
        file_name="counts.csv",
        data=f"ward,month,crime_type,count\nBoxmoor,2012-04,Burglary,{count}\n".encode(),
        source="A test",
    )
    done = stats_services.ward_import_run(ward_import_id=ward_import.pk)
    assert done.status == WardImport.Status.FAILED
    assert "counts.csv, row 2, column “count”" in done.error
    assert "is not a whole number of crimes from 0 to 9,999,999" in done.error


@pytest.mark.parametrize("value", ["²", "\x00", "2011/12", "99999999999999999999", "x" * 3000])
def test_the_year_start_page_lists_the_newest_year_for_a_from_it_cannot_use(client, cast, value):
    client.force_login(cast.coordinator)
    response = client.get("/years/start/", {"from": value})
    assert response.status_code == 200
    assert response.context["from_year"] == cast.report


@pytest.mark.parametrize("value", ["²", "١", "\x00", "99999999999999999999", "-1"])
def test_a_start_posted_for_a_year_it_cannot_use_is_refused(client, cast, value):
    client.force_login(cast.coordinator)
    response = client.post("/years/start/", {"from_year": value, "label": "2012/13"})
    assert response.status_code == 200
    assert not response.context["formset"].is_valid()
    assert ReportingYear.objects.count() == 1
