"""Filters for the audit trail."""

import django_filters
from django import forms
from django.contrib.contenttypes.models import ContentType

from core.filtersets import SEARCH_WIDGET, SearchFilterSet

from .models import AuditEntry


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
