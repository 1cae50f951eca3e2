from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Division, Unit, User


@admin.register(Division)
class DivisionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")
    raw_id_fields = ("parent",)


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "kind", "division", "is_active")
    list_filter = ("kind", "is_active")
    search_fields = ("name", "short_name", "aliases")
    raw_id_fields = ("division",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "full_name", "role", "unit", "scope", "is_active")
    list_filter = ("role", "is_active")
    raw_id_fields = ("unit", "scope")
    fieldsets = BaseUserAdmin.fieldsets + ((_("督察整改"), {"fields": ("full_name", "role", "unit", "scope", "phone")}),)
