import json

import django_tables2 as tables

from core.tables import BaseTable, DateTimeColumn

from .models import AuditEntry


class AuditEntryTable(BaseTable):
    caption = "Changes, newest first"

    at = DateTimeColumn(verbose_name="When", format="j M Y, H:i")
    username = tables.Column(verbose_name="Who", default="The system")
    kind = tables.Column(verbose_name="Change")
    content_type = tables.Column(verbose_name="Record", orderable=False)
    object_repr = tables.Column(verbose_name="What", linkify=True)
    changes = tables.Column(verbose_name="Fields", orderable=False, empty_values=())

    class Meta(BaseTable.Meta):
        model = AuditEntry
        fields = ("at", "username", "kind", "content_type", "object_repr", "changes")
        order_by = ("-at",)
        empty_text = "No changes match."

    def render_content_type(self, value):
        return value.name.capitalize()

    def render_changes(self, value, record):
        if not value:
            return record.note or "—"
        return ", ".join(sorted(record.field_label(name) for name in value))

    def value_changes(self, value):
        return json.dumps(value, ensure_ascii=False)
