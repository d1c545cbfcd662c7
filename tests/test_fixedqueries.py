"""csp_tracker.fixedqueries: SQL the ORM writes once, run with new parameters."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from csp_tracker.fixedqueries import FixedQuery, aware
from priorities.models import PublishedReport, ReportingYear

pytestmark = pytest.mark.django_db


def year_make(label: str, start: int, **fields) -> ReportingYear:
    return ReportingYear.objects.create(
        label=label,
        slug=label.replace("/", "-"),
        starts_on=date(start, 4, 1),
        ends_on=date(start + 1, 3, 31),
        **fields,
    )


def test_its_rows_are_the_orms_for_each_parameter():
    first, second = year_make("2011/12", 2011), year_make("2012/13", 2012)
    query = FixedQuery(
        lambda pk: ReportingYear.objects.filter(pk=pk).values_list("pk", "label", "starts_on")
    )
    for year in (first, second, first):
        expected = list(
            ReportingYear.objects.filter(pk=year.pk).values_list("pk", "label", "starts_on")
        )
        with CaptureQueriesContext(connection) as queries:
            assert query.rows(year.pk) == expected
        assert len(queries) == 1
    assert query.rows(0) == []


def test_a_list_is_written_once_for_each_length_and_gives_the_orms_rows():
    years = [year_make(f"20{n:02d}/{n + 1:02d}", 2000 + n) for n in range(10, 14)]
    query = FixedQuery(
        lambda pks: ReportingYear.objects.filter(pk__in=pks).order_by("pk").values_list("label")
    )
    for chosen in ([0, 1], [3], [2, 0, 1], [1, 3], [2, 2, 1]):
        pks = [years[i].pk for i in chosen]
        expected = list(
            ReportingYear.objects.filter(pk__in=pks).order_by("pk").values_list("label")
        )
        assert query.rows(pks) == expected, chosen
        assert query.rows(tuple(pks)) == expected, chosen
    with CaptureQueriesContext(connection) as queries:
        assert query.rows([]) == []
    assert len(queries) == 0
    assert len(query._sql) == 3  # lists of one, two and three ids
    with pytest.raises(TypeError, match="whole numbers only"):
        query.rows([years[0].pk, "1"])


def test_it_refuses_a_query_whose_sql_changes_with_its_parameters():
    query = FixedQuery(lambda pk: ReportingYear.objects.filter(pk=pk).values_list("pk"))
    with pytest.raises(TypeError, match="whole numbers only"):
        query.rows(None)  # `pk IS NULL`: no parameter at all
    title = FixedQuery(lambda text: ReportingYear.objects.filter(label__iexact=text))
    with pytest.raises(TypeError, match="whole numbers only"):
        title.rows("50%")  # escaped by the ORM on SQLite, but not "2011/12"
    extra = FixedQuery(lambda pk: ReportingYear.objects.filter(pk=pk, slug="x").values_list("pk"))
    with pytest.raises(ValueError, match="cannot be written once"):
        extra.rows(1)


def test_its_values_are_the_orms_once_datetimes_are_made_aware():
    year = year_make("2011/12", 2011, is_sample=True)
    PublishedReport.objects.create(year=year, title="Report", body_html="<p>Report</p>", pdf=b"")
    fields = ("pk", "year__starts_on", "year__is_sample", "published_at")
    query = FixedQuery(lambda pk: PublishedReport.objects.filter(year=pk).values_list(*fields))
    [(pk, starts_on, is_sample, published_at)] = query.rows(year.pk)
    [expected] = PublishedReport.objects.filter(year=year).values_list(*fields)
    assert (pk, starts_on, is_sample, aware(published_at)) == expected
    assert isinstance(starts_on, date)
    assert is_sample is True
    assert timezone.is_aware(aware(published_at))
    assert aware(None) is None


def test_objects_are_the_orms_with_only_the_fields_read():
    year = year_make("2011/12", 2011, is_sample=True)
    PublishedReport.objects.create(year=year, title="Report", body_html="<p>Report</p>", pdf=b"")
    fields = ("id", "year_id", "published_at", "title", "is_sample")
    query = FixedQuery(
        lambda year_id: PublishedReport.objects.filter(year=year_id).values_list(*fields)
    )
    [ours] = query.objects(year.pk)
    [orms] = PublishedReport.objects.filter(year=year).only(*fields)
    assert type(ours) is PublishedReport
    assert ours.pk == orms.pk
    for name in fields:
        assert getattr(ours, name) == getattr(orms, name), name
    assert timezone.is_aware(ours.published_at)
    assert (
        ours.get_deferred_fields()
        == orms.get_deferred_fields()
        == {"body_html", "pdf", "published_by_id"}
    )
    assert ours.year == year  # a foreign key read when asked, as with only()
    assert query.objects(0) == []


def test_objects_need_their_key_and_fields_in_the_models_order_and_plain_types():
    year_make("2011/12", 2011)
    for names in (("label", "id"), ("label",), ("pk", "label")):
        query = FixedQuery(lambda names=names: ReportingYear.objects.values_list(*names))
        with pytest.raises(ValueError, match="model's order"):
            query.objects()
    pdf = FixedQuery(lambda: PublishedReport.objects.values_list("id", "pdf"))
    with pytest.raises(ValueError, match="not a field FixedQuery reads"):
        pdf.objects()
