"""Form pieces every app uses: GOV.UK classes on Django's widgets, and the form renderer
whose field template writes a GOV.UK form group (`{{ field.as_field_group }}`)."""

from django import forms
from django.forms.renderers import TemplatesSetting

WIDGET_CLASSES = {
    forms.Textarea: "govuk-textarea",
    forms.Select: "govuk-select",
    forms.CheckboxSelectMultiple: "govuk-checkboxes__input",  # before RadioSelect, its parent
    forms.RadioSelect: "govuk-radios__input",
    forms.CheckboxInput: "govuk-checkboxes__input",
    forms.FileInput: "govuk-file-upload",
    forms.widgets.Input: "govuk-input",
}


class GovukFormRenderer(TemplatesSetting):
    """Django's renderer, reading templates as the site's templates are read (FORM_RENDERER),
    with templates/includes/form_field.html as every field's group: its label (or legend),
    hint, errors and widget."""

    field_template_name = "includes/form_field.html"


class GovukFormMixin:
    """Gives every widget its GOV.UK class, its error class once validated, and ties
    hints and errors to the field with aria-describedby (see includes/form_field.html)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = field.widget
            css = next(c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind))
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            css = next(c for kind, c in WIDGET_CLASSES.items() if isinstance(widget, kind))
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                continue
            widget.attrs["class"] += f" {css}--error"
            error_id = f"id_{self.add_prefix(name)}-error"
            described = widget.attrs.get("aria-describedby", "")
            widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()
