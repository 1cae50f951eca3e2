"""Writing an imported batch: the batch row (created when new), its new cases with their types, co-units
and complainants, one audit entry per case; all in one transaction."""

from django.db import transaction
from django.utils import timezone

from ducha.audit.services import record_many
from ducha.db.bulk import create_rows, insert_rows
from ducha.text.search import index_text

from .. import crypto
from ..models import Batch, Case, Complainant


def search_text_of(values):
    return index_text(values.get("number", ""), values.get("summary", ""), values.get("area_text", ""),
                      values.get("type_text", ""), values.get("investigation", ""), values.get("handling", ""))


def _case_row(inspection, batch, transferred, due, spec, now):
    """The case's row as stored (field attnames): made as plain values, not a model instance."""
    v = spec.values
    proposal = spec.proposal
    return {**v, "inspection_id": inspection.pk, "batch_id": batch.pk, "row": spec.row, "transferred_on": transferred,
            "due_on": due, "scope_path": proposal.division.path if proposal.division else inspection.division.path,
            "division_id": proposal.division.pk if proposal.division else None, "zone": proposal.zone,
            "lead_unit_id": proposal.lead_unit.pk if proposal.lead_unit else None,
            "routing": proposal.routing, "extra": spec.extra,
            "original": spec.original, "search_text": search_text_of(v), "created_at": now, "updated_at": now}


def commit(acting_user, inspection, batch, batch_number, transferred, due, specs, *, source_name="", channel="",
           stated_count=None):
    now = timezone.now()
    with transaction.atomic():
        if batch is None:
            batch = Batch.objects.create(inspection=inspection, number=batch_number, transferred_on=transferred,
                                         channel=channel[:64], stated_count=stated_count,
                                         source_name=source_name[:255],
                                         imported_by=acting_user if getattr(acting_user, "pk", None) else None)
        rows = [_case_row(inspection, batch, transferred, due, spec, now) for spec in specs]
        ids = create_rows(Case, rows)
        insert_rows(Case.types.through, ["case_id", "casetype_id"],
                    [(pk, t.pk) for pk, spec in zip(ids, specs) for t in spec.types])
        insert_rows(Case.co_units.through, ["case_id", "unit_id"],
                    [(pk, u.pk) for pk, spec in zip(ids, specs) for u in spec.proposal.co_units])
        create_rows(Complainant, [dict(case_id=pk, name_token=crypto.encrypt(spec.complainant[0]),
                                       contact_token=crypto.encrypt(spec.complainant[1]), created_at=now)
                                  for pk, spec in zip(ids, specs) if any(spec.complainant)])
        root = inspection.division.path
        label = Case._meta.label_lower
        record_many(acting_user, [dict(
            action="cases.import", object_type=label, object_id=pk,
            object_repr=str(Case.label(row.get("number", ""), batch.number, row.get("serial"), row["row"]))[:255],
            scope_path=spec.proposal.division.path if spec.proposal.division else root,
            after={"batch": batch.number, "number": row.get("number", ""), "routing": row["routing"],
                   "division": spec.proposal.division.code if spec.proposal.division else "",
                   "lead_unit": row["lead_unit_id"], "due_on": due}) for pk, row, spec in zip(ids, rows, specs)],
            returning=False)
    return batch
