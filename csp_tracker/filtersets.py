"""Filterset pieces every app uses."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from .models import AuditEntry
from .widgets import TextInput

SEARCH_WIDGET = TextInput(attrs={"class": "govuk-input", "type": "search"})


class SearchFilterSet(django_filters.FilterSet):
    """A FilterSet whose `q` filter searches `search_fields` for the text, ignoring case.

    Subclasses declare `q = django_filters.CharFilter(method="search", ...)` with their own
    label, and list the fields; a field across a many-valued relation gives distinct rows.
    """

    search_fields: tuple[str, ...] = ()

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        queryset = queryset.filter(condition)
        return queryset.distinct() if any("__" in f for f in self.search_fields) else queryset


class AuditEntryFilterSet(SearchFilterSet):
    """Filters for the audit trail: what kind of record, who, and free text."""

    search_fields = ("object_repr", "username", "note")

    q = django_filters.CharFilter(method="search", label="Search", widget=SEARCH_WIDGET)
    content_type = django_filters.ModelChoiceFilter(
        queryset=None,
        label="Record",
        empty_label="Any record",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    kind = django_filters.ChoiceFilter(
        choices=AuditEntry.Kind.choices,
        label="Change",
        empty_label="Any change",
        widget=forms.Select(attrs={"class": "govuk-select"}),
    )
    username = django_filters.CharFilter(
        label="Who (user name)", widget=forms.TextInput(attrs={"class": "govuk-input"})
    )

    class Meta:
        model = AuditEntry
        fields = ["q", "content_type", "kind", "username"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        recorded = AuditEntry.objects.values("content_type")
        self.filters["content_type"].queryset = ContentType.objects.filter(pk__in=recorded)


class LabelChoiceIterator(django_filters.fields.ModelChoiceIterator):
    """A model's choices as (pk, label) pairs read with values_list, not as model
    instances: the lead agency filter of a priority with hundreds of agencies spent most
    of its time building an Agency to print each short name."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        yield from self.queryset.values_list("pk", self.field.label_field)


def offer_choices(field, choices) -> None:
    """Write a model choice field's options from (value, label) rows already read, after its
    empty choice if it has one, rather than have it read its queryset again to draw them.
    The field still checks a submitted choice against its queryset."""
    empty = [("", field.empty_label)] if field.empty_label is not None else []
    field.widget.choices = [*empty, *choices]


class LabelModelChoiceField(django_filters.fields.ModelChoiceField):
    iterator = LabelChoiceIterator

    def __init__(self, *args, label_field: str, **kwargs):
        self.label_field = label_field
        super().__init__(*args, **kwargs)


class LabelModelChoiceFilter(django_filters.ModelChoiceFilter):
    """A ModelChoiceFilter whose choices are labelled by one field (`label_field`), which
    must give what the model's __str__ gives."""

    field_class = LabelModelChoiceField
