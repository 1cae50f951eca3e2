from django.contrib import admin

from .models import ProgressReport, ReportEvidence


class ReadOnly(admin.ModelAdmin):
    """Append-only: reports are filed through ducha.progress.actions.file_report alone."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EvidenceInline(admin.TabularInline):
    model = ReportEvidence
    extra = 0
    readonly_fields = ("file", "caption")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ProgressReport)
class ProgressReportAdmin(ReadOnly):
    list_display = ("id", "task", "unit", "reported_on", "percent", "corrects", "author", "created_at")
    list_select_related = ("task", "task__plan", "task__parent", "unit", "author", "corrects")
    search_fields = ("task__number", "unit__name")
    raw_id_fields = ("task", "unit", "stage_done", "corrects", "author")
    inlines = [EvidenceInline]
