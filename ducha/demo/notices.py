"""The demo's public objection: one of the demo's notices in public notice (公示中, written by the sign-off
demo) gets an objection filed on the public page, left for the office to answer. Runs after the sign-off
demo; finds nothing to do when there is no notice, and adds nothing on a second run."""

from collections import Counter

from ducha.signoff.actions import objections
from ducha.signoff.models import ApplicationState, Notice, Objection

TEXT = ("公示材料称扬尘已整治到位，但我住在工地旁边，最近一周晚上十点后仍有渣土车进出，"
        "车斗没有全部覆盖，路面有撒漏。请核实后再销号。")


def load_objections(loader) -> Counter:
    created = Counter()
    notices = Notice.objects.filter(application__state=ApplicationState.IN_NOTICE).select_related("application")
    if Objection.objects.filter(notice__in=notices).exists():
        return created
    for notice in notices.order_by("starts_on", "id"):
        if objections.is_open(notice, loader.today):
            objections.file_objection(notice=notice, text=TEXT, name="王先生", contact="138****0000",
                                      today=loader.today)
            created["objections"] += 1
            break
    return created
