"""The table of lead agencies."""

import django_tables2 as tables

from core.tables import BaseTable, LinkedCountColumn, TextColumn

from ..models import Agency


class AgencyTable(BaseTable):
    caption = "Lead agencies"

    short_name = TextColumn(verbose_name="Agency", linkify=True)
    name = TextColumn(verbose_name="Full name")
    parent = tables.Column(verbose_name="Part of", linkify=True)
    aliases = tables.ManyToManyColumn(verbose_name="Also written", orderable=False)
    action_count = LinkedCountColumn(verbose_name="Actions led")

    class Meta(BaseTable.Meta):
        model = Agency
        fields = ("short_name", "name", "parent", "aliases", "action_count")
        order_by = ("short_name",)
        empty_text = "No agencies match."

    def render_name(self, value, record):
        return "—" if value == record.short_name else value

    def value_name(self, value):
        return value

    def value_aliases(self, record):
        return ", ".join(alias.name for alias in record.aliases.all())

    def value_parent(self, value):
        return str(value) if value else ""
