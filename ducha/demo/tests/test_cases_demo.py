"""The demo's complaint cases: a provincial inspection with twelve batches, key cases, a case that became
a ledger task, a few areas waiting for routing, and the songyang officer's cases on their my-work page."""

from ducha.cases.models import Batch, Case, CaseSetup, Routing
from ducha.jurisdictions.models import User
from ducha.notifications.todo import items_for

from .conftest import TODAY


def test_demo_cases(db, demo):
    setup = CaseSetup.objects.get(code="ZJ-S3-LS")
    assert setup.inspection.level == "provincial" and setup.working_days == 7
    assert Batch.objects.filter(inspection=setup.inspection).count() == 12
    cases = Case.objects.filter(inspection=setup.inspection)
    assert cases.filter(is_key=True).exists() and cases.filter(original__isnull=False).exclude(original={}).exists()
    staged = cases.get(task__isnull=False)
    assert staged.state == "staged" and staged.task.plan == setup.plan
    assert cases.filter(routing=Routing.PENDING, division__isnull=True).count() >= 2
    songyang = User.objects.get(username="songyang")
    mine = cases.filter(lead_unit=songyang.unit, routing=Routing.CONFIRMED)
    assert mine.exists() and all(c.division.name == "松阳县" for c in mine)
    assert {i.section for i in items_for(songyang, TODAY)} >= {"cases_handle"}
