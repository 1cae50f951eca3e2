"""The warning rules are edited in the admin site (系统管理 › 预警规则), through the update_rules action."""

from django.contrib import admin

from .actions import update_rules
from .actions.rules import FIELDS
from .models import WarningRules


@admin.register(WarningRules)
class WarningRulesAdmin(admin.ModelAdmin):
    fields = FIELDS
    list_display = ("__str__", "red_gap_points", "yellows_for_letter", "letter_points", "red_points", "updated_at")

    def has_add_permission(self, request):
        return not WarningRules.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        update_rules(acting_user=request.user, **{name: form.cleaned_data[name] for name in FIELDS})
