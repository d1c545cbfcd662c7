"""Wards and crime types: a district's wards as one electoral review drew them, and the
crime categories police.uk uses, with the strategic priority each counts for."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from ..csvfiles.wardnames import name_key
from ..periods import parse_month_value


class NaturalKeyManager(models.Manager):
    """Looks objects up by the fields in `natural_key_fields` (for fixtures)."""

    natural_key_fields: tuple[str, ...] = ()

    def get_by_natural_key(self, *values):
        return self.get(**dict(zip(self.natural_key_fields, values, strict=True)))


class WardSetManager(NaturalKeyManager):
    natural_key_fields = ("slug",)

    def newest(self) -> "WardSet | None":
        return self.order_by("-effective_from").first()


class WardSet(models.Model):
    """A district's wards as drawn by one electoral review, from the date they took effect."""

    name = models.CharField(max_length=200, unique=True, help_text="E.g. Dacorum wards, 2007.")
    slug = models.SlugField(max_length=100, unique=True)
    district = models.CharField(max_length=100, help_text="The district, e.g. Dacorum.")
    district_code = models.CharField(
        "district ONS code",
        max_length=9,
        blank=True,
        help_text="The district's ONS code (E07000096 for Dacorum), to pick its rows out of "
        "an ONS lookup.",
    )
    effective_from = models.DateField(help_text="The day these wards took effect.")
    effective_until = models.DateField(
        null=True, blank=True, help_text="The last day before the next review's wards took effect."
    )
    source = models.TextField(help_text="Where the ward names, codes and dates come from.")

    objects = WardSetManager()

    class Meta:
        ordering = ["-effective_from"]
        verbose_name = "ward set"
        constraints = [
            models.CheckConstraint(
                condition=Q(effective_until__isnull=True)
                | Q(effective_until__gt=models.F("effective_from")),
                name="wardset_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stats:ward_set_wards", kwargs={"ward_set": self.slug})

    def natural_key(self):
        return (self.slug,)


class WardManager(NaturalKeyManager):
    natural_key_fields = ("ward_set__slug", "slug")


class Ward(models.Model):
    """An electoral ward of a ward set, e.g. Adeyfield East (E05004691).

    The population stays empty unless a published figure is entered, with its source.
    """

    ward_set = models.ForeignKey(WardSet, on_delete=models.PROTECT, related_name="wards")
    name = models.CharField(max_length=100, help_text="As ONS names it.")
    slug = models.SlugField(max_length=100)
    code = models.CharField(
        "ONS code", max_length=9, blank=True, help_text="E.g. E05004691; empty if not known."
    )
    population = models.PositiveIntegerField(
        null=True, blank=True, help_text="A published figure only; leave empty otherwise."
    )
    population_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the population figure is for."
    )
    population_source = models.TextField(
        blank=True, help_text="The publication the population figure comes from."
    )

    objects = WardManager()

    class Meta:
        ordering = ["ward_set", "name"]
        verbose_name = "ward"
        constraints = [
            models.UniqueConstraint(fields=["ward_set", "name"], name="ward_name_unique_in_set"),
            models.UniqueConstraint(fields=["ward_set", "slug"], name="ward_slug_unique_in_set"),
            models.UniqueConstraint(
                fields=["ward_set", "code"], condition=~Q(code=""), name="ward_code_unique_in_set"
            ),
            models.CheckConstraint(
                condition=Q(population__isnull=True)
                | (Q(population_year__isnull=False) & ~Q(population_source="")),
                name="ward_population_has_year_and_source",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse(
            "stats:ward_detail", kwargs={"ward_set": self.ward_set.slug, "ward": self.slug}
        )

    def natural_key(self):
        return (self.ward_set.slug, self.slug)

    natural_key.dependencies = ["stats.wardset"]

    def clean(self):
        if self.population is not None and (
            self.population_year is None or not self.population_source.strip()
        ):
            raise ValidationError(
                {"population_source": "A population needs the year it is for and its source."}
            )


class WardAlias(models.Model):
    """Another name a file uses for a ward (e.g. Grove Hill for Grovehill): lookups and
    counts files that call the ward so are then read as meaning it."""

    ward = models.ForeignKey(Ward, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100, help_text="As the file writes it.")
    notes = models.CharField(max_length=300, blank=True, help_text="Which files call it so.")

    class Meta:
        ordering = ["ward", "name"]
        verbose_name = "ward alias"
        verbose_name_plural = "ward aliases"
        constraints = [
            models.UniqueConstraint(fields=["ward", "name"], name="wardalias_once_a_ward"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.ward.get_absolute_url()

    def clean(self):
        """An alias may not be another name of the set's wards (matched as imports match)."""
        if self.ward_id is None:
            return
        key = name_key(self.name)
        ward_set = self.ward.ward_set_id
        taken = [
            ward.name
            for ward in Ward.objects.filter(ward_set=ward_set)
            if name_key(ward.name) == key
        ] + [
            f"{alias.name} ({alias.ward.name})"
            for alias in WardAlias.objects.filter(ward__ward_set=ward_set)
            .exclude(pk=self.pk)
            .select_related("ward")
            if name_key(alias.name) == key
        ]
        if taken:
            raise ValidationError(
                {"name": f"An import would already read “{self.name}” as {taken[0]}."}
            )


class CrimeTypeManager(NaturalKeyManager):
    natural_key_fields = ("name",)


class CrimeType(models.Model):
    """A police.uk crime category (Burglary, Drugs, …), and the strategic priority it counts for.

    `priority_number` refers to a priority by its number, whatever the year: crime types
    in priority 2 count for "Priority 2" of every reporting year. Names police.uk used
    before are aliases (CrimeTypeAlias), so files of every year map to the same type.
    """

    name = models.CharField(
        max_length=100, unique=True, help_text="The name police.uk uses now, e.g. Public order."
    )
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(unique=True, help_text="Its place in tables.")
    priority_number = models.PositiveSmallIntegerField(
        "strategic priority number",
        null=True,
        blank=True,
        help_text="The number of the strategic priority it counts towards in every year "
        "(1 anti-social behaviour and criminal damage, 2 burglary, 4 drugs), or empty.",
    )
    notes = models.TextField(
        blank=True, help_text="What police.uk counts here, and when the category began or ended."
    )
    changed_in = models.CharField(
        "meaning changed in",
        max_length=100,
        blank=True,
        help_text="Months (YYYY-MM, separated by commas) from which police.uk counted something "
        "different under this name, e.g. 2011-09, 2013-05. No change between periods is "
        "worked out across them.",
    )

    objects = CrimeTypeManager()

    class Meta:
        ordering = ["position"]
        verbose_name = "crime type"
        constraints = [
            models.CheckConstraint(
                condition=Q(priority_number__isnull=True) | Q(priority_number__gte=1),
                name="crimetype_priority_number_positive",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("stats:ward_list") + f"?crime_type={self.pk}"

    def natural_key(self):
        return (self.name,)

    def clean(self):
        try:
            self.changes()
        except ValueError:
            raise ValidationError(
                {"changed_in": "Write months as YYYY-MM, separated by commas."}
            ) from None

    def changes(self) -> list:
        """The months from which police.uk's category meant something else."""
        return [parse_month_value(m.strip()) for m in self.changed_in.split(",") if m.strip()]

    def comparable(self, start, end) -> bool:
        """Whether the category means the same from `start` to `end` (first days of months)."""
        return not any(start < change <= end for change in self.changes())


class CrimeTypeAliasManager(NaturalKeyManager):
    natural_key_fields = ("name",)


class CrimeTypeAlias(models.Model):
    """Another name police.uk has used for a crime type (Violent crime, until April 2013)."""

    crime_type = models.ForeignKey(CrimeType, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(max_length=100, unique=True)
    notes = models.CharField(max_length=300, blank=True, help_text="When police.uk used it.")

    objects = CrimeTypeAliasManager()

    class Meta:
        ordering = ["name"]
        verbose_name = "crime type alias"
        verbose_name_plural = "crime type aliases"

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return self.crime_type.get_absolute_url()

    def natural_key(self):
        return (self.name,)

    natural_key.dependencies = ["stats.crimetype"]

    def clean(self):
        if CrimeType.objects.filter(name__iexact=self.name).exists():
            raise ValidationError({"name": f"{self.name} is already a crime type's own name."})
