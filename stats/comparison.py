"""The county comparison, worked out from police.uk's street-level files.

The 2011/12 report's county table gives, for each crime category, the district's % change
and its position among the county's districts by crimes per 1,000 residents and for %
reduction. Here the same table is worked out from the force's files as imported: the
monthly counts of every district by crime type (DistrictCrimeCount), and the districts'
populations. For a period (by default the latest 12 months with figures) against the same
number of months just before it:

- a district's % change is (count in the period − count before) ÷ count before × 100;
- its rate is the count in the period ÷ its population × 1,000;
- positions count from 1: the lowest rate is 1st, the largest reduction (the lowest %
  change) is 1st; equal values share a position ("joint 2nd") and the next is 4th, as in
  a league table. A district without a population, or without crimes before, has no rate
  or no change and no position on it; the number of districts ranked is given.

Values are compared exactly (as fractions), never as rounded figures. A month without
figures is never counted as none: a period with a month missing is not worked out, and
the page says which months are missing. Each published category maps to police.uk crime
types (CATEGORIES, below, and docs/county-comparison.md); a category police.uk's files
cannot give is said so, never guessed; and no % change is worked out across a month in
which police.uk changed what a category's crime types count (CrimeType.changed_in).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction

from django.db.models import Sum

from .charts import ordinal
from .csvfiles import normalise
from .models import CrimeType, District, DistrictCrimeCount, PoliceMonth, WardSet
from .models.figures import GENERATED_SAMPLE_SOURCE
from .periods import Period, add_months

ALL_BUT_ASB = "every crime type but anti-social behaviour"


@dataclass(frozen=True)
class Category:
    """A category of the published county table, and the police.uk crime types it counts
    (by their names now; None: police.uk's files cannot give it)."""

    name: str
    types: tuple[str, ...] | str | None
    note: str


CATEGORIES = [
    Category(
        "All Crime",
        ALL_BUT_ASB,
        "Every police.uk crime type except anti-social behaviour, which police.uk lists "
        "beside crimes rather than as one.",
    ),
    Category(
        "Burglary Dwelling",
        None,
        "police.uk's Burglary counts burglaries of homes and of other buildings together, "
        "so burglary of dwellings alone cannot be worked out from its files.",
    ),
    Category("Vehicle Crime", ("Vehicle crime",), "police.uk's Vehicle crime."),
    Category(
        "Violent Crime",
        ("Violence and sexual offences",),
        "police.uk's Violence and sexual offences (called Violent crime until April 2013), "
        "which includes sexual offences.",
    ),
    Category(
        "Criminal Damage",
        ("Criminal damage and arson",),
        "police.uk's Criminal damage and arson, which includes arson.",
    ),
    Category(
        "Anti-Social Behaviour", ("Anti-social behaviour",), "police.uk's Anti-social behaviour."
    ),
    Category("Robbery", ("Robbery",), "police.uk's Robbery."),
    Category(
        "Domestic Violence",
        None,
        "police.uk's files do not say whether a crime was domestic, so domestic violence "
        "cannot be worked out from them.",
    ),
]


@dataclass(frozen=True)
class Position:
    """A place among the districts ranked: 2 of 10, joint or not."""

    place: int
    of: int
    joint: bool = False

    def __str__(self) -> str:
        return f"{'joint ' if self.joint else ''}{ordinal(self.place)}"


def positions(values: dict) -> dict:
    """key -> Position for every key with a value (None: not ranked), the lowest value 1st
    and equal values sharing a place (1, 2, 2, 4)."""
    ranked = [v for v in values.values() if v is not None]
    result = {}
    for key, value in values.items():
        if value is None:
            continue
        ahead = sum(1 for other in ranked if other < value)
        result[key] = Position(ahead + 1, len(ranked), joint=ranked.count(value) > 1)
    return result


@dataclass
class DistrictRow:
    """One district's figures in one category."""

    district: District
    count: int
    previous: int
    change: Fraction | None  # % change; None when there were no crimes before
    rate: Fraction | None  # per 1,000 residents; None without a population
    rate_position: Position | None = None
    reduction_position: Position | None = None
    is_borough: bool = False

    @property
    def change_text(self) -> str:
        return "" if self.change is None else f"{float(self.change):+.1f}%"

    @property
    def rate_text(self) -> str:
        return "" if self.rate is None else f"{float(self.rate):.2f}"


@dataclass
class CategoryComparison:
    """One category: every district's row, the borough's, or why it cannot be given."""

    category: Category
    rows: list[DistrictRow] = field(default_factory=list)
    missing: str = ""  # why the category cannot be worked out, if it cannot

    @property
    def borough(self) -> DistrictRow | None:
        return next((row for row in self.rows if row.is_borough), None)


@dataclass
class Comparison:
    """The county comparison for a period against the months just before it."""

    period: Period
    previous: Period
    districts: list[District]
    borough: District | None
    categories: list[CategoryComparison]
    missing_months: list[date]

    @property
    def complete(self) -> bool:
        return not self.missing_months

    is_sample: bool = False  # some figure is from generated sample data
    files: list[str] = field(default_factory=list)  # the files the months come from

    @property
    def sample_populations(self) -> bool:
        return any(d.population_source == GENERATED_SAMPLE_SOURCE for d in self.districts)

    def rows(self) -> list[dict]:
        """Every district's figures in every category worked out, as flat rows (for the
        page's table, its downloads and the open data)."""
        return [
            {
                "category": category.category.name,
                "district": row.district.name,
                "is_borough": row.is_borough,
                "period": self.period.label,
                "previous_period": self.previous.label,
                "count": row.count,
                "previous": row.previous,
                "change": row.change_text,
                "change_value": None if row.change is None else float(row.change),
                "rate": row.rate_text,
                "rate_value": None if row.rate is None else float(row.rate),
                "population": row.district.population,
                "population_source": row.district.population_source,
                "rate_position": str(row.rate_position or ""),
                "rate_position_value": row.rate_position.place if row.rate_position else None,
                "reduction_position": str(row.reduction_position or ""),
                "reduction_position_value": (
                    row.reduction_position.place if row.reduction_position else None
                ),
                "districts_ranked": row.rate_position.of if row.rate_position else None,
                "is_sample": self.is_sample
                or row.district.population_source == GENERATED_SAMPLE_SOURCE,
            }
            for category in self.categories
            for row in category.rows
        ]


class CountyFigures:
    """Every district's monthly counts by crime type, read once (one query each for the
    districts, the crime types, the months and the counts), to compare any period."""

    def __init__(self, *, borough_name: str | None = None):
        self.districts = list(District.objects.order_by("name"))
        if borough_name is None:
            ward_set = WardSet.objects.newest()
            borough_name = ward_set.district if ward_set else ""
        key = normalise(borough_name)
        self.borough = next((d for d in self.districts if normalise(d.name) == key), None)
        self.crime_types = list(CrimeType.objects.prefetch_related("aliases"))
        self.sources = list(
            PoliceMonth.objects.order_by("month", "reported_by").values_list(
                "month", "ward_import__file_name", "ward_import__is_sample"
            )
        )
        self.months = sorted({month for month, _, _ in self.sources})
        # district id -> {(crime type id, month): count}
        self.counts: dict = defaultdict(lambda: defaultdict(int))
        rows = (
            DistrictCrimeCount.objects.order_by()
            .values_list("district_id", "crime_type_id", "source__month")
            .annotate(n=Sum("count"))
        )
        for district, crime_type, month, n in rows:
            self.counts[district][(crime_type, month)] += n
        self.monthly: dict = {}  # (district id, crime type ids) -> {month: count}, as needed

    def default_period(self, length: int = 12) -> Period | None:
        """The latest `length` months with figures, if the months before them have too."""
        if not self.months:
            return None
        newest = self.months[-1]
        return Period(add_months(newest, 1 - length), newest)

    def type_ids(self, category: Category) -> list[int] | None:
        if category.types is None:
            return None
        if category.types == ALL_BUT_ASB:
            return [t.pk for t in self.crime_types if t.name != "Anti-social behaviour"]
        names = {normalise(name) for name in category.types}
        return [t.pk for t in self.crime_types if normalise(t.name) in names]

    def compare(self, period: Period) -> Comparison:
        length = len(period)
        previous = Period(add_months(period.start, -length), add_months(period.start, -1))
        have = set(self.months)
        months = set(previous.months + period.months)
        missing = sorted(m for m in months if m not in have)
        used = [(name, sample) for month, name, sample in self.sources if month in months]
        comparison = Comparison(
            period=period,
            previous=previous,
            districts=self.districts,
            borough=self.borough,
            categories=[],
            missing_months=missing,
            is_sample=any(sample for _, sample in used),
            files=list(dict.fromkeys(name for name, _ in used)),
        )
        for category in CATEGORIES:
            comparison.categories.append(self._category(category, period, previous, missing))
        return comparison

    def _category(self, category, period, previous, missing) -> CategoryComparison:
        result = CategoryComparison(category)
        types = self.type_ids(category)
        if types is None:
            result.missing = category.note
            return result
        if missing:
            result.missing = "Months without figures: " + ", ".join(f"{m:%B %Y}" for m in missing)
            return result
        # When police.uk split a type (September 2011, May 2013) crimes moved between types,
        # never into or out of all crime: only a category of chosen types can be affected.
        changed = [
            t.name
            for t in self.crime_types
            if category.types != ALL_BUT_ASB
            and t.pk in types
            and not t.comparable(previous.start, period.end)
        ]
        for district in self.districts:
            count = self._total(district.pk, types, period)
            before = self._total(district.pk, types, previous)
            result.rows.append(
                DistrictRow(
                    district=district,
                    count=count,
                    previous=before,
                    change=Fraction(count - before, before) * 100
                    if before and not changed
                    else None,
                    rate=Fraction(count * 1000, district.population)
                    if district.population
                    else None,
                    is_borough=district == self.borough,
                )
            )
        if changed:
            result.missing = (
                "police.uk changed what it counts as "
                + ", ".join(changed)
                + " within these months, so no % change is worked out across them."
            )
        rates = positions({row.district.pk: row.rate for row in result.rows})
        reductions = positions({row.district.pk: row.change for row in result.rows})
        for row in result.rows:
            row.rate_position = rates.get(row.district.pk)
            row.reduction_position = reductions.get(row.district.pk)
        return result

    def _total(self, district: int, types: list[int], period: Period) -> int:
        key = (district, tuple(types))
        if key not in self.monthly:
            by_month: dict = defaultdict(int)
            for (crime_type, month), n in self.counts[district].items():
                if crime_type in types:
                    by_month[month] += n
            self.monthly[key] = by_month
        by_month = self.monthly[key]
        return sum(by_month.get(month, 0) for month in period.months)

    def borough_positions(self, category: Category, *, length: int = 12) -> list[tuple]:
        """(last month, rate position, reduction position) of the borough, for every month
        that ends a full period with a full period before it: the chart over time."""
        if self.borough is None or self.type_ids(category) is None:
            return []
        have = set(self.months)
        points = []
        for end in self.months:
            period = Period(add_months(end, 1 - length), end)
            previous = Period(add_months(period.start, -length), add_months(period.start, -1))
            if any(m not in have for m in previous.months + period.months):
                continue
            borough = self._category(category, period, previous, []).borough
            if borough is not None:
                points.append((end, borough.rate_position, borough.reduction_position))
        return points
