from django.urls import path

from .views import batches, cases, repeats, settings

app_name = "cases"

urlpatterns = [
    path("", cases.case_list, name="list"),
    path("import/", batches.batch_import, name="import"),
    path("repeats/", repeats.repeat_list, name="repeats"),
    path("batches/<int:pk>/", batches.batch_detail, name="batch"),
    path("settings/", settings.settings_page, name="settings"),
    path("settings/rules/new/", settings.rule_edit, name="rule_create"),
    path("settings/rules/<int:pk>/", settings.rule_edit, name="rule_edit"),
    path("settings/rules/<int:pk>/delete/", settings.rule_delete, name="rule_delete"),
    path("settings/types/new/", settings.type_edit, name="type_create"),
    path("settings/types/<int:pk>/", settings.type_edit, name="type_edit"),
    path("settings/types/<int:pk>/delete/", settings.type_delete, name="type_delete"),
    path("settings/setups/new/", settings.setup_edit, name="setup_create"),
    path("settings/setups/<int:pk>/", settings.setup_edit, name="setup_edit"),
    path("batches/<int:pk>/confirm-routes/", batches.batch_confirm_routes, name="batch_confirm_routes"),
    path("<int:pk>/", cases.case_detail, name="detail"),
    path("<int:pk>/handling/", cases.case_handling, name="handling"),
    path("<int:pk>/route/", cases.case_route, name="route"),
    path("<int:pk>/review/", cases.case_review, name="review"),
    path("<int:pk>/callback/", cases.case_callback, name="callback"),
    path("<int:pk>/repeats/<int:link_pk>/confirm/", repeats.repeat_confirm, name="repeat_confirm"),
    path("<int:pk>/repeats/<int:link_pk>/dismiss/", repeats.repeat_dismiss, name="repeat_dismiss"),
    path("<int:pk>/complainant/", cases.case_complainant, name="complainant"),
    path("<int:pk>/<str:name>/", cases.case_transition, name="transition"),
]
