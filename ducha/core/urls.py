from django.urls import path

from .views import audit, jobs

app_name = "core"
urlpatterns = [
    path("", audit.audit_log, name="audit_log"),
    path("jobs/", jobs.job_runs, name="job_runs"),
]
