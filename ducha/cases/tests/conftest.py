import datetime as dt

import pytest

from ducha.ledger.tests.conftest import api  # noqa: F401 - `api("coord")`, a REST client as a world user


@pytest.fixture
def inspection(world):
    """A provincial inspection of 丽水市 (7 working days), code ZJ-S3."""
    from ducha.cases.models import CaseSetup
    from ducha.ledger.models import Inspection

    found = Inspection.objects.create(name="浙江省第三生态环境保护督察", level=Inspection.Level.PROVINCIAL,
                                      round_number=3, division=world.div["ls"], team="浙江省第三生态环境保护督察组",
                                      on_site_start=dt.date(2024, 6, 10))
    CaseSetup.objects.create(inspection=found, code="ZJ-S3")
    return found


@pytest.fixture
def imported(world, inspection):
    """`imported(table_bytes, batch=1)`: a batch imported by the coordinator; returns the report."""
    from ducha.cases.importing import import_batch

    def run(data, batch=1, transferred=dt.date(2024, 6, 11), user="coord", dry_run=False):
        return import_batch(acting_user=world.users[user] if user else None, inspection=inspection,
                            batch_number=batch, file=data, transferred_on=transferred, dry_run=dry_run)

    return run


@pytest.fixture
def routed(world, inspection, imported):
    """The standard table imported (batch 1) and its 莲都区 case routed to 莲都区人民政府; returns that case."""
    from ducha.cases import actions
    from ducha.cases.models import Case

    from .tables import STANDARD, xlsx

    imported(xlsx(STANDARD))
    case = Case.objects.get(number="D3ZJ202406110042")
    return actions.route_case(acting_user=world.users["coord"], case=case, lead_unit=world.units["ld_gov"])


@pytest.fixture
def case_plan(world, inspection):
    """The plan a staged case's task joins (丽水市, this inspection)."""
    from ducha.ledger.models import Plan

    return Plan.objects.create(code="LS-S3", title="浙江省第三生态环境保护督察反馈问题整改方案（丽水市）",
                               issuer="丽水市人民政府", issued_on=dt.date(2024, 8, 1), division=world.div["ls"],
                               inspection=inspection)
