from django.urls import path

from . import views

urlpatterns = [
    path("chronicle/tasks/<int:id>/", views.TaskTimelineView.as_view(), name="chronicle-task"),
    path("chronicle/plans/<int:id>/", views.PlanTimelineView.as_view(), name="chronicle-plan"),
]
