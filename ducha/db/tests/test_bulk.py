"""ducha.db.bulk writes what the ORM would have written, however many rows and statements it takes."""

import datetime as dt

import pytest
from django.db import transaction

from ducha.db import bulk
from ducha.plans.models import PlanDocument


def _row(world, i, **extra):
    return dict(file=f"plan_documents/{i}.docx", sha256=f"{i:064d}", filename=f"方案{i}.docx", format="docx",
                text="正文", parse={"标题": f"整改方案{i}", "项": [1, 2.5, None, True, "长期坚持"], "空": {}},
                uploaded_by_id=world.users["coord"].pk, division_id=world.div["ls"].pk,
                doc_date=dt.date(2022, 6, 30) if i % 2 else None, **extra)


def _stored(doc):
    return (doc.filename, doc.parse, doc.doc_date, doc.division_id, doc.state)


def test_rows_over_several_statements_read_back_as_the_orm_stores_them(world, monkeypatch):
    monkeypatch.setattr(bulk, "SQLITE_ROWS", 4)  # SQLite: three full statements and a shorter last one
    rows = [_row(world, i) for i in range(15)]
    with transaction.atomic():
        ids = bulk.create_rows(PlanDocument, rows)
    by_orm = PlanDocument.objects.create(**_row(world, 1))
    docs = PlanDocument.objects.in_bulk(ids)
    assert len(docs) == 15
    assert [_stored(docs[pk]) for pk in ids] == [_stored(PlanDocument(**row)) for row in rows]
    # The same JSON, dates and defaults as a row written by the ORM.
    assert _stored(docs[ids[1]]) == _stored(PlanDocument.objects.get(pk=by_orm.pk))
    assert PlanDocument.objects.filter(parse__标题="整改方案7").get().pk == ids[7]


def test_json_the_orm_refuses_is_still_refused(world):
    with pytest.raises(TypeError), transaction.atomic():
        PlanDocument.objects.create(**_row(world, 1) | {"parse": {"印发": dt.date(2022, 6, 30)}})
    with pytest.raises(TypeError), transaction.atomic():
        bulk.create_rows(PlanDocument, [_row(world, 2) | {"parse": {"印发": dt.date(2022, 6, 30)}}])
