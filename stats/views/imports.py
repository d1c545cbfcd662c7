"""The administrators' pages for importing: files of ward figures and their progress,
LSOA-to-ward lookups, ward populations and district populations."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.shortcuts import redirect
from django.views.generic import DetailView, FormView, ListView
from django_tables2 import SingleTableMixin

from core.views import NotKeptMixin

from .. import selectors, services
from ..csvfiles import FileProblem
from ..districtpopulations import district_populations_import
from ..forms import (
    DistrictPopulationsForm,
    WardImportForm,
    WardLookupForm,
    WardPopulationsForm,
)
from ..models import District, WardSet
from ..tables.imports import DistrictPopulationTable, WardImportTable


class ImportAccess(LoginRequiredMixin, PermissionRequiredMixin):
    """Importing figures is for administrators."""

    permission_required = "stats.add_wardimport"


class ImportListView(NotKeptMixin, ImportAccess, SingleTableMixin, ListView):
    template_name = "stats/import_list.html"
    table_class = WardImportTable
    table_pagination = {"per_page": 50}
    queryset = selectors.import_list()

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            lookups=selectors.lookups_list(),
            populations=selectors.ward_set_populations(WardSet.objects.newest()),
            **kwargs,
        )


class ImportCreateView(NotKeptMixin, ImportAccess, FormView):
    """Upload a file of ward figures; its page then shows the import's progress."""

    template_name = "stats/import_form.html"
    form_class = WardImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        ward_import = services.ward_import_create(
            ward_set=selectors.ward_set_get(None),
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            data=upload.read(),
            source=form.cleaned_data["source"],
            created_by=self.request.user,
        )
        services.ward_import_start(ward_import=ward_import)
        return redirect(ward_import)


class ImportDetailView(NotKeptMixin, ImportAccess, DetailView):
    """An import's progress (the page reloads itself until it ends), then what it did."""

    template_name = "stats/import_detail.html"
    queryset = selectors.import_detail_queryset()
    context_object_name = "ward_import"

    def get_context_data(self, **kwargs):
        return super().get_context_data(showing_sample_data=self.object.is_sample, **kwargs)


class UploadView(NotKeptMixin, ImportAccess, FormView):
    """Upload a file that one service stores whole or not at all: a file with a fault is
    refused on the form, with its file, row and column, and nothing changes."""

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            message = self.store(form, ward_set=selectors.ward_set_get(None), upload=upload)
        except FileProblem as problem:
            form.add_error("file", f"{problem} Nothing was changed.")
            return self.form_invalid(form)
        messages.success(self.request, message)
        return redirect("stats:import_list")


class LookupUploadView(UploadView):
    """Upload ONS's LSOA-to-ward lookup (what `importwardlookup` imports)."""

    template_name = "stats/lookup_form.html"
    form_class = WardLookupForm

    def store(self, form, *, ward_set, upload) -> str:
        lookup = services.ward_lookup_import(
            ward_set=ward_set,
            data=upload.read(),
            file_name=upload.name,
            source=form.cleaned_data["source"],
            user=self.request.user,
        )
        return (
            f"{lookup.file_name}: {lookup.entries.count()} {lookup.lsoa_geography} LSOAs placed "
            f"in {ward_set}'s wards; {lookup.rows_other_districts} rows of other districts "
            f"left out. {lookup.summary}"
        )


class PopulationsUploadView(UploadView):
    """Upload ward populations (what `importwardpopulations` imports)."""

    template_name = "stats/populations_form.html"
    form_class = WardPopulationsForm

    def store(self, form, *, ward_set, upload) -> str:
        imported = services.ward_populations_import(
            ward_set=ward_set, data=upload.read(), file_name=upload.name, user=self.request.user
        )
        return imported.summary


class DistrictPopulationsUploadView(NotKeptMixin, ImportAccess, SingleTableMixin, FormView):
    """Upload district populations (what `importdistrictpopulations` imports), above a
    table of the districts with the population each has now."""

    template_name = "stats/district_populations_form.html"
    form_class = DistrictPopulationsForm
    table_class = DistrictPopulationTable
    table_pagination = False

    def get_table_data(self):
        return District.objects.order_by("name")

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            imported = district_populations_import(
                data=upload.read(), file_name=upload.name, user=self.request.user
            )
        except FileProblem as problem:
            form.add_error("file", f"{problem} Nothing was changed.")
            return self.form_invalid(form)
        messages.success(self.request, imported.summary)
        return redirect("stats:import_district_populations")
