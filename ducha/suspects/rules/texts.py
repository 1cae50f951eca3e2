"""Rule similar_text: completion reports, progress reports, acceptance opinions or notices nearly identical
across different tasks (character-shingle MinHash + LSH, verified by exact Jaccard: ducha.similarity)."""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ducha.ledger.models import Task
from ducha.progress.models import ProgressReport
from ducha.signoff.models import Application, Notice, Signature
from ducha.similarity import near_duplicates

from . import Finding
from .common import item, task_ids

# Texts shorter than this say too little to be "copied" ("已完成整改。").
MIN_CHARS = 40

KINDS = {
    "report": gettext_lazy("完成情况报告"),
    "progress": gettext_lazy("进展报告"),
    "opinion": gettext_lazy("验收意见"),
    "notice": gettext_lazy("公示内容"),
}


def _texts(ids):
    """kind -> [(task_id, text)]: each task's latest text of each kind."""
    sources = {
        "report": Application.objects.filter(task_id__in=ids).exclude(report="").order_by("task_id", "-id")
        .values_list("task_id", "report"),
        "progress": ProgressReport.objects.filter(task_id__in=ids).order_by("task_id", "-reported_on", "-id")
        .values_list("task_id", "done"),
        "opinion": Signature.objects.filter(application__task_id__in=ids).order_by("application__task_id", "-id")
        .values_list("application__task_id", "opinion"),
        "notice": Notice.objects.filter(task_id__in=ids).exclude(summary="").order_by("task_id", "-id")
        .values_list("task_id", "summary"),
    }
    out = {}
    for kind, rows in sources.items():
        latest = {}
        for task_id, text in rows.iterator(chunk_size=2000):
            if task_id not in latest and len(text.strip()) >= MIN_CHARS:
                latest[task_id] = text
        out[kind] = latest
    return out


def similar_text(tasks, options):
    ids = task_ids(tasks)
    for kind, texts in _texts(ids).items():
        pairs = near_duplicates(texts, threshold=options.similarity)
        if not pairs:
            continue
        related = Task.objects.select_related("lead_unit").in_bulk({p.a for p in pairs} | {p.b for p in pairs})
        for pair in pairs:
            a, b = sorted((pair.a, pair.b))
            ta, tb = related[a], related[b]
            score = Decimal(str(round(pair.jaccard, 3)))
            same_unit = ta.lead_unit_id == tb.lead_unit_id
            yield Finding(
                rule="similar_text", key=f"similar_text:{kind}:{a}:{b}", task_id=b, other_task_id=a, score=score,
                reason=_("任务 %(a)s 与 %(b)s 的%(kind)s高度相似（相似度 %(score)s%(unit)s）。") % {
                    "a": ta.number, "b": tb.number, "kind": KINDS[kind], "score": f"{pair.jaccard:.0%}",
                    "unit": _("，同一单位") if same_unit else _("，不同单位")},
                evidence=[item(ta, KINDS[kind], text=texts[a]), item(tb, KINDS[kind], text=texts[b])])
