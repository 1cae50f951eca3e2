from django.urls import path

from .views import imports, plans, tasks

app_name = "ledger"
urlpatterns = [
    path("", tasks.task_list, name="task_list"),
    path("export.xlsx", tasks.task_export, name="task_export"),
    path("new/", tasks.task_create, name="task_create"),
    path("import/", imports.task_import, name="task_import"),
    path("plans/", plans.plan_list, name="plan_list"),
    path("plans/<int:pk>/", plans.plan_detail, name="plan_detail"),
    path("<int:pk>/", tasks.task_detail, name="task_detail"),
    path("<int:pk>/edit/", tasks.task_edit, name="task_edit"),
    path("<int:pk>/transitions/<slug:name>/", tasks.task_transition, name="task_transition"),
    path("<int:pk>/void/", tasks.task_void, name="task_void"),
    path("<int:pk>/restore/", tasks.task_void, {"restore": True}, name="task_restore"),
    path("plans/<int:pk>/void/", plans.plan_void, name="plan_void"),
    path("plans/<int:pk>/restore/", plans.plan_void, {"restore": True}, name="plan_restore"),
]
