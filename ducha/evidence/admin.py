from django.contrib import admin

from .models import StoredFile


@admin.register(StoredFile)
class StoredFileAdmin(admin.ModelAdmin):
    """Read-only: files are stored through ducha.evidence.storing and never edited."""

    list_display = ("id", "original_name", "kind", "size", "sha256", "uploaded_by", "created_at")
    list_filter = ("kind",)
    search_fields = ("sha256", "original_name")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
