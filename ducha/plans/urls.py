from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("", views.document_list, name="document_list"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/items/<int:item_pk>/decide/", views.item_decide, name="item_decide"),
    path("<int:pk>/items/<int:item_pk>/edit/", views.item_edit, name="item_edit"),
    path("<int:pk>/accept-targets/", views.accept_targets, name="accept_targets"),
    path("<int:pk>/facts/", views.document_facts, name="document_facts"),
    path("<int:pk>/confirm/", views.confirm, name="confirm"),
]
