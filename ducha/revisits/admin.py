from django.contrib import admin

from .models import Revisit, RevisitSchedule

admin.site.register(Revisit)
admin.site.register(RevisitSchedule)
