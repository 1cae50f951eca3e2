"""Revisits are planned, taken and closed on their own pages, through their actions and state machine:
the admin only shows them."""

from django.contrib import admin

from ducha.core.admin_audit import ReadOnlyAdmin

from .models import Revisit, RevisitSchedule

admin.site.register(Revisit, ReadOnlyAdmin)
admin.site.register(RevisitSchedule, ReadOnlyAdmin)
