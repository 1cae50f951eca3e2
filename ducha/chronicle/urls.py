from django.urls import path

from . import views

app_name = "chronicle"

urlpatterns = [
    path("entries/<int:entry_id>/withdraw/", views.chronicle_withdraw, name="withdraw"),
    path("<str:kind>/<int:pk>/", views.chronicle_page, name="page"),
    path("<str:kind>/<int:pk>/chronicle.docx", views.chronicle_docx, name="docx"),
    path("<str:kind>/<int:pk>/add/", views.chronicle_add, name="add"),
]
