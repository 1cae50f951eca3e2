"""The complaint-case settings an administrator keeps in the admin (系统管理): case types with their local
aliases, routing rules, each inspection's case settings. Saved and deleted through the same actions as the
office's 案件设置 page (ducha.cases.actions.case_settings), so every rule about them is in one place: the
admin form shows the actions' refusals on their fields."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect

from ducha.core.admin_audit import AuditedAdmin

from .actions import case_settings
from .models import CaseSetup, CaseType, RoutingRule


class _ActionForm(forms.ModelForm):
    """Validated by the action itself (its dry run), with the admin's fields as input."""

    def _post_clean(self):
        # Instead of the model's own validation: the action's, on the object as stored.
        if self._errors:
            return
        stored = type(self.instance)._base_manager.filter(pk=self.instance.pk).first() if self.instance.pk else None
        try:
            self.admin_class.dry_run(self.user, stored, self.cleaned_data)
        except ValidationError as error:
            for field, messages_ in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages_)


class SettingsAdmin(AuditedAdmin):
    """save and delete through the model's action; no bulk delete (each delete is checked on its own)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = type("Form", (_ActionForm,), {"admin_class": self, "user": request.user})
        return super().get_form(request, obj, change, form=base, **kwargs)

    # The admin is the administrators' (ducha.core.admin_audit); the office keeps these on 案件设置.
    def has_add_permission(self, request, *args):
        return request.user.is_admin and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return request.user.is_admin and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return request.user.is_admin and super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def save_model(self, request, obj, form, change):
        pass  # saved in save_related, with the many-to-many fields, by the action

    def save_related(self, request, form, formsets, change):
        stored = type(form.instance)._base_manager.get(pk=form.instance.pk) if change else None
        saved = self.save_action(request.user, stored, form.cleaned_data)
        form.instance.pk, form.instance.version = saved.pk, saved.version

    def inputs(self, stored, data):
        """The action's inputs: the form's fields, a read-only one as stored."""
        return {f: data[f] if f in data else getattr(stored, f, None) for f in self.FIELDS}

    def delete_view(self, request, object_id, extra_context=None):
        try:
            return super().delete_view(request, object_id, extra_context)
        except ValidationError as error:
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return redirect(request.path.rsplit("delete/", 1)[0])


@admin.register(CaseType)
class CaseTypeAdmin(SettingsAdmin):
    list_display = ("name", "code", "order", "is_fallback", "is_active")
    search_fields = ("name", "code", "aliases")
    FIELDS = ("code", "name", "aliases", "order", "is_fallback", "is_active")

    def get_readonly_fields(self, request, obj=None):
        return ("code",) if obj is not None else ()  # fixed once made (the action's rule)

    def dry_run(self, user, case_type, data):
        case_settings.check_case_type(case_type, **self.inputs(case_type, data))

    def save_action(self, user, case_type, data):
        return case_settings.save_case_type(acting_user=user, case_type=case_type,
                                            **self.inputs(case_type, data))

    def delete_model(self, request, obj):
        case_settings.delete_case_type(acting_user=request.user, case_type=obj)


@admin.register(RoutingRule)
class RoutingRuleAdmin(SettingsAdmin):
    list_display = ("lead_unit", "division", "case_type", "inspection", "priority")
    list_filter = ("case_type",)
    # Searched as typed (the unit and division admins' search fields): a real list has a thousand units.
    autocomplete_fields = ("division", "lead_unit", "co_units")
    search_fields = ("lead_unit__name", "division__name")
    FIELDS = ("inspection", "division", "case_type", "lead_unit", "co_units", "priority")

    def dry_run(self, user, rule, data):
        case_settings.check_routing_rule(rule, **self.inputs(rule, data))

    def save_action(self, user, rule, data):
        return case_settings.save_routing_rule(acting_user=user, rule=rule, **self.inputs(rule, data))

    def delete_model(self, request, obj):
        case_settings.delete_routing_rule(acting_user=request.user, rule=obj)


@admin.register(CaseSetup)
class CaseSetupAdmin(SettingsAdmin):
    list_display = ("code", "inspection", "deadline_days", "plan")
    FIELDS = ("inspection", "code", "deadline_days", "plan")

    def get_readonly_fields(self, request, obj=None):
        return ("inspection",) if obj is not None else ()  # a setting stays with its inspection

    def dry_run(self, user, setup, data):
        case_settings.check_case_setup(user, setup, **self.inputs(setup, data))

    def save_action(self, user, setup, data):
        return case_settings.save_case_setup(acting_user=user, setup=setup, **self.inputs(setup, data))

    def has_delete_permission(self, request, obj=None):
        return False  # commands and public pages name an inspection by its setting's code
