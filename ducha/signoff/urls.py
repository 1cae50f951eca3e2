from django.urls import path

from .views import lists, steps

app_name = "signoff"

urlpatterns = [
    path("", lists.worklist, name="worklist"),
    path("lagging/", lists.lagging, name="lagging"),
    path("applications/<int:pk>/<str:kind>.docx", lists.document, name="document"),
    path("task/<int:pk>/case-file.zip", lists.case_file, name="case_file"),
    path("task/<int:pk>/<str:name>/", steps.step, name="step"),
]
