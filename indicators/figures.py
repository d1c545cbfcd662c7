"""Each indicator's figures: its series by month, the latest figure, the baseline figure,
the change against the baseline, the target and whether it is on track.

A crime indicator counts its crime types in its wards (or the whole borough) from the ward
figures: the latest figure is the newest run of months with figures as long as the
baseline (12 months for a year's baseline), the baseline figure its own months. A month
with no imported figures is never counted as zero: a figure over months some of which are
missing is given with the months it lacks, and no change or verdict is worked out from it.
A hand-entered indicator's latest figure is its latest value; its baseline figure the
values entered for the baseline's months, which must cover all of them.

`indicators_figures` works out any number of indicators in a fixed number of queries.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from stats.charts import Series, TrendChart
from stats.models import GENERATED_SAMPLE_SOURCE, WardLookup, WardSet
from stats.periods import Period, add_months, month_label
from stats.selectors.figures import percent_change
from stats.selectors.monthly import imported_months_of_sets, monthly_type_counts

from .models import Indicator

ON_TRACK = "on track"
NOT_ON_TRACK = "not on track"
NO_FIGURES = "no figures yet"
NOT_KNOWN = "not known"


@dataclass
class IndicatorFigures:
    """What the pages show of one indicator."""

    indicator: Indicator
    months: list[date] = field(default_factory=list)  # the chart's months (or periods' starts)
    series: list[int | None] = field(default_factory=list)
    latest: int | None = None
    latest_period: Period | None = None
    latest_missing: list[date] = field(default_factory=list)
    baseline: int | None = None
    baseline_missing: list[date] = field(default_factory=list)
    change: int | None = None
    change_percent: Decimal | None = None
    target: Decimal | None = None
    status: str = NO_FIGURES
    reason: str = ""
    is_sample: bool = False
    where: str = ""  # the borough, or the wards

    @property
    def on_track(self) -> bool:
        return self.status == ON_TRACK

    @property
    def missing_months(self) -> list[date]:
        return sorted(set(self.latest_missing) | set(self.baseline_missing))

    @property
    def missing_text(self) -> str:
        """The months without figures, as people write them."""
        return ", ".join(month_label(month) for month in self.missing_months)

    @property
    def target_text(self) -> str:
        target_change = self.indicator.target_change
        if target_change is not None:
            words = f"{target_change:+}% on the baseline"
            return f"{words} ({_number(self.target)})" if self.target is not None else words
        return _number(self.target)

    @property
    def chart_id(self) -> str:
        """The prefix of the chart's element ids: unique on a page."""
        return f"indicator-{self.indicator.pk}-chart"

    @property
    def chart(self) -> TrendChart:
        indicator = self.indicator
        label = "Crimes a month" if indicator.is_crime else (indicator.unit or "Value").capitalize()
        return TrendChart(
            title=f"{indicator.name}, "
            + ("month by month" if indicator.is_crime else "each figure at its first month"),
            months=self.months,
            series=[Series(label, self.series)],
        )


def _number(value) -> str:
    if value is None:
        return ""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value:,}"


def indicators_figures(indicators: list[Indicator]) -> list[IndicatorFigures]:
    """The figures of each indicator, in order. The indicators come with their crime types,
    wards and values prefetched (selectors.indicators_for); the ward figures are read here
    in a fixed number of queries."""
    crime = [i for i in indicators if i.is_crime]
    newest = WardSet.objects.newest() if any(not i.wards.all() for i in crime) else None
    set_ids = {ward.ward_set_id for i in crime for ward in i.wards.all()}
    if newest is not None:
        set_ids.add(newest.pk)
    months = imported_months_of_sets(set_ids) if set_ids else []
    ward_ids = {ward.pk for i in crime for ward in i.wards.all()}
    borough, by_ward = monthly_type_counts(months=months, ward_ids=ward_ids) if months else ({}, {})
    have: dict[int, set[date]] = {}
    sample_sets = set()
    for row in months:
        have.setdefault(row.ward_set_id, set()).add(row.month)
        if row.ward_import.is_sample or row.ward_import.source == GENERATED_SAMPLE_SOURCE:
            sample_sets.add(row.ward_set_id)
    if set_ids:
        sample_sets |= set(
            WardLookup.objects.filter(ward_set__in=list(set_ids), is_sample=True).values_list(
                "ward_set_id", flat=True
            )
        )
    results = []
    for indicator in indicators:
        if not indicator.is_crime:
            results.append(manual_figures(indicator))
            continue
        wards = list(indicator.wards.all())
        ward_set_id = wards[0].ward_set_id if wards else (newest.pk if newest else None)
        months_had = have.get(ward_set_id, set())
        type_ids = [crime_type.pk for crime_type in indicator.crime_types.all()]

        def count(month, wards=wards, type_ids=type_ids, ward_set_id=ward_set_id):
            if wards:
                return sum(by_ward.get((w.pk, t, month), 0) for w in wards for t in type_ids)
            return sum(borough.get((ward_set_id, t, month), 0) for t in type_ids)

        figures = crime_figures(indicator, months_had=months_had, count=count)
        figures.is_sample = ward_set_id in sample_sets and bool(months_had)
        figures.where = ", ".join(w.name for w in wards) if wards else "the whole borough"
        results.append(figures)
    return results


def crime_figures(indicator: Indicator, *, months_had: set[date], count) -> IndicatorFigures:
    """A crime indicator's figures from the months with figures (`months_had`) and each
    month's count of its types in its wards or the borough (`count(month)`)."""
    figures = IndicatorFigures(indicator)
    baseline = indicator.baseline
    if not months_had:
        figures.reason = "No ward figures have been imported."
        return figures
    newest = max(months_had)
    latest = Period(add_months(newest, 1 - len(baseline)), newest)
    start, end = min(baseline.start, latest.start), max(baseline.end, latest.end)
    figures.months = Period(start, end).months
    figures.series = [count(m) if m in months_had else None for m in figures.months]
    by_month = dict(zip(figures.months, figures.series, strict=True))
    figures.latest_period = latest
    figures.latest, figures.latest_missing = _total(latest.months, by_month)
    figures.baseline, figures.baseline_missing = _total(baseline.months, by_month)
    comparable = all(t.comparable(start, end) for t in indicator.crime_types.all())
    if not comparable:
        figures.reason = (
            "police.uk changed what one of its crime types counts between the baseline and "
            "the latest months: no change is worked out."
        )
    return _judge(figures, comparable=comparable)


def manual_figures(indicator: Indicator) -> IndicatorFigures:
    """A hand-entered indicator's figures from its values (prefetched)."""
    figures = IndicatorFigures(indicator, where="")
    values = sorted(indicator.values.all(), key=lambda v: v.period_start)
    if not values:
        figures.reason = "No figure has been entered."
        return figures
    figures.months = [v.period_start for v in values]
    figures.series = [v.value for v in values]
    last = values[-1]
    figures.latest, figures.latest_period = last.value, last.period
    baseline = indicator.baseline
    inside = [
        v for v in values if v.period_start >= baseline.start and v.period_end <= baseline.end
    ]
    covered = {m for v in inside for m in v.period.months}
    figures.baseline_missing = [m for m in baseline.months if m not in covered]
    figures.baseline = sum(v.value for v in inside) if inside else None
    comparable = len(last.period) == len(baseline)
    if not comparable:
        figures.reason = (
            f"The latest figure covers {len(last.period)} month(s) and the baseline "
            f"{len(baseline)}: no change is worked out."
        )
    return _judge(figures, comparable=comparable)


def _total(months: list[date], by_month: dict[date, int | None]) -> tuple[int | None, list[date]]:
    """The sum over the months that have figures (None if none has), and those missing."""
    known = [by_month[m] for m in months if by_month.get(m) is not None]
    missing = [m for m in months if by_month.get(m) is None]
    return (sum(known) if known else None), missing


def _judge(figures: IndicatorFigures, *, comparable: bool) -> IndicatorFigures:
    """The change against the baseline, the target figure and the verdict."""
    indicator = figures.indicator
    baseline_whole = figures.baseline is not None and not figures.baseline_missing
    latest_whole = figures.latest is not None and not figures.latest_missing
    if indicator.target_value is not None:
        figures.target = indicator.target_value
    elif baseline_whole:
        factor = 1 + indicator.target_change / 100
        figures.target = (figures.baseline * factor).quantize(Decimal("0.1"), ROUND_HALF_UP)
    if baseline_whole and latest_whole and comparable:
        figures.change = figures.latest - figures.baseline
        figures.change_percent = percent_change(figures.latest, figures.baseline)
    if figures.latest is None:
        figures.status = NO_FIGURES
        figures.reason = figures.reason or "No figures for the latest months."
        return figures
    missing = figures.latest_missing
    if indicator.target_change is not None:
        missing = sorted(set(missing) | set(figures.baseline_missing))
    if missing:
        figures.status = NOT_KNOWN
        figures.reason = "No figures for " + ", ".join(month_label(m) for m in missing) + "."
        return figures
    if figures.target is None or (indicator.target_change is not None and not comparable):
        figures.status = NOT_KNOWN
        return figures
    if indicator.lower_is_better:
        on_track = figures.latest <= figures.target
    else:
        on_track = figures.latest >= figures.target
    figures.status = ON_TRACK if on_track else NOT_ON_TRACK
    return figures
