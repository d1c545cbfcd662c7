"""The districts of a police force's area, and each month's crimes by district.

police.uk names every LSOA after its district ("St Albans 012B"), so a force's street files
give every district's crimes, not only the borough's: the county comparison is worked out
from them (stats/comparison.py).
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from .figures import PoliceMonth
from .wards import CrimeType


class District(models.Model):
    """A local authority district, as police.uk names it in its LSOAs' names (St Albans).

    Created when an import first meets it. The population stays empty unless a figure is
    imported, with its year and source (a generated sample says so in its source).
    """

    name = models.CharField(max_length=100, unique=True, help_text="As police.uk writes it.")
    slug = models.SlugField(max_length=100, unique=True)
    code = models.CharField(
        "ONS code", max_length=9, blank=True, help_text="E.g. E07000096; empty if not known."
    )
    population = models.PositiveIntegerField(null=True, blank=True)
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the population figure is for."
    )
    population_source = models.TextField(
        blank=True, help_text="The publication the population figure comes from."
    )

    class Meta:
        ordering = ["name"]
        verbose_name = "district"
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="district_code_unique"
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True)
                | (Q(population_year__isnull=False) & ~Q(population_source="")),
                name="district_population_has_year_and_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.population is not None and (
            self.population_year is None or not self.population_source.strip()
        ):
            raise ValidationError(
                {"population_source": "A population needs the year it is for and its source."}
            )


class DistrictCrimeCount(models.Model):
    """How many crimes of one type police.uk placed in a district in one month: the sum of
    its LSOAs' counts, stored by the import beside them."""

    source = models.ForeignKey(
        PoliceMonth, on_delete=models.CASCADE, related_name="district_counts"
    )
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="counts")
    crime_type = models.ForeignKey(CrimeType, on_delete=models.PROTECT, related_name="+")
    count = models.PositiveIntegerField()

    class Meta:
        ordering = ["source", "district", "crime_type"]
        verbose_name = "district crime count"
        constraints = [
            models.UniqueConstraint(
                fields=["source", "district", "crime_type"],
                name="districtcrimecount_once_per_source",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district}, {self.crime_type}, {self.source.month:%B %Y}: {self.count}"
