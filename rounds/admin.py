from django.contrib import admin

from .models import ReportingRound, RoundReminder


@admin.register(ReportingRound)
class ReportingRoundAdmin(admin.ModelAdmin):
    list_display = ("label", "year", "deadline", "opened_at", "closed_at")
    list_filter = ("year",)
    readonly_fields = ("opened_at", "opened_by", "closed_at", "closed_by", "previous", "published")


@admin.register(RoundReminder)
class RoundReminderAdmin(admin.ModelAdmin):
    list_display = ("agency", "round", "sent_on", "action_count")
    list_filter = ("round",)
    readonly_fields = ("round", "agency", "sent_on", "recipients", "action_count")
