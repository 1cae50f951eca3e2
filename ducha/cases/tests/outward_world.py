"""Cases for the outward-facing tests (disclosure, public pages, Open311, repeats, statistics), written
straight into the models in the shape the importer and handling actions leave them."""

import datetime as dt
from decimal import Decimal

import pytest

from ducha.cases.models import Batch, Case, CaseSetup, CaseState, CaseType, Review, Routing, Verdict

PERSONAL = "举报人张三反映，联系电话13857812345，身份证330102198507121234。"


@pytest.fixture
def cases_world(world):
    from ducha.ledger.models import Inspection

    inspection = Inspection.objects.create(name="浙江省第二轮生态环境保护督察", level="provincial", round_number=2,
                                           division=world.div["ls"], team="浙江省第三生态环境保护督察组")
    world.case_inspection = inspection
    CaseSetup.objects.create(inspection=inspection, code="zj2")
    counter = iter(range(1, 100_000))

    def batch(number, transferred=None):
        return Batch.objects.get_or_create(inspection=inspection, number=number, defaults={
            "transferred_on": transferred or dt.date(2020, 8, 26) + dt.timedelta(days=number)})[0]

    def case(batch_number=1, *, reviewed=True, types=("air",), division="ld", **fields):
        b = batch(batch_number)
        serial = next(counter)
        fields.setdefault("number", f"D2ZJ2020{8 + (batch_number > 5):02d}{26:02d}{serial:04d}")
        fields.setdefault("number_raw", fields["number"])
        fields.setdefault("summary", "莲都区某石材厂夜间生产噪声扰民，粉尘污染严重。")
        fields.setdefault("area_text", "莲都区")
        fields.setdefault("investigation", "经查，该厂存在夜间生产情况。")
        fields.setdefault("verdict", Verdict.TRUE)
        fields.setdefault("handling", "责令停产整改，罚款2万元。")
        fields.setdefault("state", CaseState.DONE)
        place = world.div[division] if division else None
        c = Case.objects.create(
            inspection=inspection, batch=b, serial=serial, transferred_on=b.transferred_on,
            division=place, scope_path=(place or inspection.division).path, routing=Routing.CONFIRMED,
            lead_unit=world.units["ld_gov"], review=Review.APPROVED if reviewed else Review.NONE, **fields)
        c.types.set(CaseType.objects.filter(code__in=types))
        return c

    world.batch, world.case = batch, case
    world.fine = Decimal
    return world
