"""/cases/stats/: statistics and the map (staff)."""

from django.urls import path

from .views import stats

app_name = "cases_stats"

urlpatterns = [path("", stats.stats, name="stats")]
