"""Flags become supervision records: copy every ledger TaskFlag into a Supervision of kind "flag"
(resolved flags closed, the others open), addressed to the task's lead unit, keeping author and time.
The TaskFlag table itself is left for the ledger to drop."""

from django.db import migrations
from django.utils import timezone


def copy_flags(apps, schema_editor):
    TaskFlag = apps.get_model("ledger", "TaskFlag")
    Supervision = apps.get_model("supervision", "Supervision")
    for flag in TaskFlag.objects.select_related("task").order_by("id").iterator():
        task = flag.task
        record = Supervision.objects.create(
            kind="flag", state="closed" if flag.resolved else "open", division_id=task.division_id,
            unit_id=task.lead_unit_id, required=flag.note, issued_by_id=flag.raised_by_id,
            created_by_id=flag.raised_by_id, issued_on=timezone.localtime(flag.created_at).date(),
            closed_on=timezone.localtime(flag.created_at).date() if flag.resolved else None)
        Supervision.objects.filter(pk=record.pk).update(created_at=flag.created_at)
        record.tasks.add(task)


class Migration(migrations.Migration):
    dependencies = [
        ("supervision", "0001_initial"),
        ("ledger", "0005_schedule_and_warning"),
    ]

    operations = [migrations.RunPython(copy_flags, migrations.RunPython.noop)]
