"""Coordinators' pages for a priority's indicators: add, edit or remove one, and enter,
correct or remove a hand-entered figure. A save or removal made after someone else's save
is refused (409), and the form comes back as the indicator is now."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.views.generic import CreateView, UpdateView

from core.views import NotKeptMixin
from priorities.selectors import priority_get

from . import services
from .forms import IndicatorForm, IndicatorValueForm
from .models import Indicator, IndicatorValue

STALE = (
    "Someone else saved this after you opened this page, so nothing was saved. This is "
    "how it is now: make your change again."
)


class IndicatorPageMixin(NotKeptMixin, LoginRequiredMixin):
    """A form page under a priority: only for coordinators."""

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not services.indicator_may_change(user=request.user):
            raise PermissionDenied("You may not change this priority's indicators.")
        self.priority = priority_get(year_slug=kwargs["year"], number=kwargs["number"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(priority=self.priority, year=self.priority.year, **kwargs)

    def back(self):
        return redirect(self.priority.get_absolute_url() + "#indicators-heading")

    def version(self) -> int:
        version = self.request.POST.get("version", "")
        return int(version) if version.isdigit() else 0

    def conflict(self, current, form_class):
        """Someone saved or removed it since the form opened: nothing was saved."""
        if current is None:
            messages.error(self.request, "Someone else removed it: nothing was saved.")
            return self.back()
        self.object = current
        again = form_class(instance=current)
        data = {name: again[name].value() for name in again.fields}
        if "crime_types" in data:
            data["crime_types"] = [t.pk for t in current.crime_types.all()]
            data["wards"] = [w.pk for w in current.wards.all()]
        data["version"] = current.version
        for name in ("baseline_start", "baseline_end", "period_start", "period_end"):
            if name in data:
                data[name] = again.fields[name].prepare_value(getattr(current, name))
        again = form_class(data=data, instance=current)
        again.is_valid()
        again.add_error(None, STALE)
        return self.render_to_response(self.get_context_data(form=again), status=409)


class IndicatorCreateView(IndicatorPageMixin, CreateView):
    template_name = "indicators/indicator_form.html"
    form_class = IndicatorForm

    def form_valid(self, form):
        try:
            indicator = services.indicator_create(
                priority=self.priority, user=self.request.user, data=form.indicator_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The indicator “{indicator}” has been added.")
        return redirect(indicator.get_absolute_url())


class IndicatorEditView(IndicatorPageMixin, UpdateView):
    """Edit or remove an indicator."""

    template_name = "indicators/indicator_form.html"
    form_class = IndicatorForm
    context_object_name = "indicator"

    def get_queryset(self):
        return Indicator.objects.filter(priority=self.priority).prefetch_related("values")

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            self.object = self.get_object()
            try:
                services.indicator_delete(
                    indicator=self.object, user=request.user, version=self.version()
                )
            except services.IndicatorConflict as conflict:
                return self.conflict(conflict.current, IndicatorForm)
            messages.success(request, f"The indicator “{self.object}” has been removed.")
            return self.back()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            indicator = services.indicator_update(
                indicator=self.object,
                user=self.request.user,
                version=form.cleaned_data["version"],
                data=form.indicator_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.IndicatorConflict as conflict:
            return self.conflict(conflict.current, IndicatorForm)
        messages.success(self.request, f"The indicator “{indicator}” has been saved.")
        return redirect(indicator.get_absolute_url())


class ValueCreateView(IndicatorPageMixin, CreateView):
    """Enter a hand-entered indicator's figure for a period."""

    template_name = "indicators/value_form.html"
    form_class = IndicatorValueForm

    def dispatch(self, request, *args, **kwargs):
        self.indicator_pk = kwargs["pk"]
        return super().dispatch(request, *args, **kwargs)

    def get_indicator(self) -> Indicator:
        return get_object_or_404(
            Indicator.objects.prefetch_related("values"),
            priority=self.priority,
            pk=self.indicator_pk,
            kind=Indicator.Kind.MANUAL,
        )

    def get_context_data(self, **kwargs):
        self.indicator = getattr(self, "indicator", None) or self.get_indicator()
        return super().get_context_data(indicator=self.indicator, **kwargs)

    def form_valid(self, form):
        self.indicator = self.get_indicator()
        try:
            value = services.value_create(
                indicator=self.indicator, user=self.request.user, data=form.value_values()
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The figure for {value.period.label} has been saved.")
        return redirect(self.indicator.get_absolute_url())


class ValueEditView(IndicatorPageMixin, UpdateView):
    """Correct or remove an entered figure."""

    template_name = "indicators/value_form.html"
    form_class = IndicatorValueForm
    context_object_name = "value"
    pk_url_kwarg = "value"

    def get_queryset(self):
        return IndicatorValue.objects.filter(
            indicator__priority=self.priority, indicator_id=self.kwargs["pk"]
        ).select_related("indicator")

    def get_context_data(self, **kwargs):
        indicator = Indicator.objects.prefetch_related("values").get(pk=self.object.indicator_id)
        return super().get_context_data(indicator=indicator, **kwargs)

    def post(self, request, *args, **kwargs):
        if "remove" in request.POST:
            self.object = self.get_object()
            try:
                services.value_delete(value=self.object, user=request.user, version=self.version())
            except services.IndicatorConflict as conflict:
                return self.conflict(conflict.current, IndicatorValueForm)
            messages.success(request, f"The figure for {self.object.period.label} was removed.")
            return self.back()
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        try:
            value = services.value_update(
                value=self.object,
                user=self.request.user,
                version=form.cleaned_data["version"],
                data=form.value_values(),
            )
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        except services.IndicatorConflict as conflict:
            return self.conflict(conflict.current, IndicatorValueForm)
        messages.success(self.request, f"The figure for {value.period.label} has been saved.")
        return redirect(value.get_absolute_url())
