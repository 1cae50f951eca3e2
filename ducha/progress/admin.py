"""Progress reports are append-only, filed through ducha.progress.actions.file_report alone: shown here."""

from django.contrib import admin

from ducha.core.admin_audit import ReadOnlyAdmin, ReadOnlyMixin

from .models import ProgressReport, ReportEvidence


class EvidenceInline(ReadOnlyMixin, admin.TabularInline):
    model = ReportEvidence
    extra = 0
    readonly_fields = ("file", "caption")


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnlyAdmin):
    list_display = ("id", "task", "unit", "reported_on", "percent", "corrects", "author", "created_at")
    list_select_related = ("task", "task__plan", "task__parent", "unit", "author", "corrects")
    search_fields = ("task__number", "unit__name")
    raw_id_fields = ("task", "unit", "stage_done", "corrects", "author")
    inlines = [EvidenceInline]
