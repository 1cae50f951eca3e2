"""The complaint-case settings an administrator keeps in the admin (系统管理): case types with their local
aliases, routing rules, each inspection's case settings. Saved and deleted through ducha.core.admin_audit."""

from django.contrib import admin

from ducha.core.admin_audit import AuditedAdmin

from .models import CaseSetup, CaseType, RoutingRule


@admin.register(CaseType)
class CaseTypeAdmin(AuditedAdmin):
    list_display = ("name", "code", "order", "is_fallback")
    search_fields = ("name", "code", "aliases")


@admin.register(RoutingRule)
class RoutingRuleAdmin(AuditedAdmin):
    list_display = ("lead_unit", "division", "case_type", "inspection", "priority")
    list_filter = ("case_type",)
    # Searched as typed (the unit and division admins' search fields): a real list has a thousand units.
    autocomplete_fields = ("division", "lead_unit", "co_units")
    search_fields = ("lead_unit__name", "division__name")


@admin.register(CaseSetup)
class CaseSetupAdmin(AuditedAdmin):
    list_display = ("code", "inspection", "deadline_days", "plan")
