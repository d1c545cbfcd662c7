"""Form widgets every app may use."""

from django import forms
from django.utils.html import conditional_escape, escape, format_html, format_html_join
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


def _option_attributes(attrs: dict):
    """An option's attributes: nearly always none, or `selected` alone."""
    if not attrs:
        return ""
    if attrs == SELECTED:
        return " selected"
    return _attributes(attrs)


SELECTED = {"selected": True}


class Select(forms.Select):
    """Django's Select, with the same HTML, its options written here rather than through
    a template included once per option: a long list (the lead agencies of a priority
    with hundreds of them) renders several times faster. tests/test_widgets.py checks the
    HTML is Django's own, character for character."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        html = [format_html('<select name="{}"{}>', widget["name"], _attributes(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                html.append(format_html('\n  <optgroup label="{}">', group_name))
            html.extend(
                f'\n  <option value="{escape(option["value"])}"'
                f"{_option_attributes(option['attrs'])}>{conditional_escape(option['label'])}"
                "</option>\n"
                for option in options
            )
            if group_name:
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
