from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "ducha.cases"
    label = "cases"
    verbose_name = _("信访件")

    def ready(self):
        from ducha.core import jobs
        from ducha.notifications import todo
        from ducha.public import site

        from . import actions  # noqa: F401 - registers the audit event codes
        from . import todo as cases_todo

        for code, label, order, in_digest, roles in cases_todo.SECTIONS:
            todo.register_section(code, label, order, in_digest, roles=roles, count=cases_todo.count(code),
                                  more_url=cases_todo.more_url(code))
        for code in ("cases_handle", "cases_route", "cases_review"):
            todo.register(f"cases.{code}", getattr(cases_todo, code))
        site.register(site.Section(
            key="cases", label=_("信访件公开"), urls="ducha.cases.public_urls", url_name="index", order=20,
            icon="bi-chat-square-text",
            blurb=_("督察组转办的群众信访举报件，按批次公开调查核实和处理整改情况（个人信息已隐去）。")))
        jobs.register("信访件办理逾期提醒", "ducha.cases.actions.reminders.remind_overdue", "30 7 * * *")
