"""Rule same_file: the same evidence file (same SHA-256) attached to different tasks."""

from collections import defaultdict
from itertools import combinations

from django.utils.translation import gettext as _

from ducha.ledger.models import Task

from . import Finding
from .common import attached_files, item, task_ids

# Tasks compared per file: a logo on every report is not worth n² findings.
TASKS_PER_FILE = 10


def same_file(tasks, options):
    ids = task_ids(tasks)
    by_hash = defaultdict(dict)  # sha256 -> {task_id: (where, stored)}
    for task_id, where, stored in attached_files(ids):
        by_hash[stored.sha256].setdefault(task_id, (where, stored))
    shared = {sha: found for sha, found in by_hash.items() if len(found) > 1}
    related = {pk: t for pk, t in Task.objects.select_related("lead_unit").in_bulk(
        {pk for found in shared.values() for pk in found}).items()}
    for sha, found in sorted(shared.items()):
        for a, b in combinations(sorted(found)[:TASKS_PER_FILE], 2):
            ta, tb = related[a], related[b]
            if ta.parent_id == b or tb.parent_id == a:  # a task and its own sub-task may share evidence
                continue
            (where_a, file_a), (where_b, file_b) = found[a], found[b]
            yield Finding(
                rule="same_file", key=f"same_file:{sha[:16]}:{a}:{b}", task_id=b, other_task_id=a,
                reason=_("同一佐证文件（SHA-256 %(sha)s…）用于不同任务 %(a)s 与 %(b)s。") % {
                    "sha": sha[:12], "a": ta.number, "b": tb.number},
                evidence=[item(ta, where_a, stored=file_a), item(tb, where_b, stored=file_b)])
