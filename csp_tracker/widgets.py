"""Form widgets every app may use."""

from html import escape as escape_text

from django import forms
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe


def _attributes(attrs: dict):
    """Attributes as django/forms/widgets/attrs.html writes them: True alone, False not."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class Select(forms.Select):
    """Django's Select, with the same HTML, its options written here rather than through
    a template included once per option: a long list (the lead agencies of a priority
    with hundreds of them) renders several times faster. tests/test_widgets.py checks the
    HTML is Django's own, character for character."""

    def render(self, name, value, attrs=None, renderer=None):
        # What ChoiceWidget.get_context and optgroups work out, without a dictionary of
        # eleven keys for every option: an option has no attributes of its own but
        # `selected` (Select.option_inherits_attrs is False).
        widget_attrs = self.build_attrs(self.attrs, attrs)
        if self.allow_multiple_selected:
            widget_attrs["multiple"] = True
        values = self.format_value(value)
        html = [format_html('<select name="{}"{}>', name, _attributes(widget_attrs))]
        has_selected = False
        for option_value, option_label in self.choices:
            if option_value is None:
                option_value = ""
            grouped = isinstance(option_label, (list, tuple))
            if grouped:
                html.append(format_html('\n  <optgroup label="{}">', option_value))
            for subvalue, sublabel in option_label if grouped else [(option_value, option_label)]:
                selected = (not has_selected or self.allow_multiple_selected) and str(
                    subvalue
                ) in values
                has_selected |= selected
                # A plain string is escaped as Django's escape() does, without its wrapping.
                label = (
                    escape_text(sublabel) if type(sublabel) is str else conditional_escape(sublabel)
                )
                html.append(
                    f'\n  <option value="{escape_text(str(subvalue))}"'
                    f"{' selected' if selected else ''}>{label}</option>\n"
                )
            if grouped:
                html.append("\n  </optgroup>")
        html.append("\n</select>")
        return mark_safe("".join(html))  # every value and label escaped above


class TextInput(forms.TextInput):
    """Django's TextInput, with the same HTML, written here rather than through two
    templates: the search box is on every table page. tests/test_widgets.py checks it."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        value_html = (
            format_html(' value="{}"', str(widget["value"])) if widget["value"] is not None else ""
        )
        return format_html(
            '<input type="{}" name="{}"{}{}>',
            widget["type"],
            widget["name"],
            value_html,
            _attributes(widget["attrs"]),
        )
