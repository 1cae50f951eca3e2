"""The review's proposal for a plan as plain data: what `ducha plan propose` prints.

{"tasks": [{"number", "problem", "target", "measures", "lead_unit", "co_units", "people",
            "deadline_text", "deadline", "category", "subtasks": [...]}],
 "quality_targets": [{"indicator", "comparator", "value", "unit", "year", "region"}],
 "document": {"number", "issuer", "date", "title"}}
"""

from ducha.jurisdictions.models import Division, Unit

from .checks import describe_target
from .models import ItemKind
from .proposing import proposed_items

TARGET_KEYS = ("indicator", "comparator", "value", "unit", "year", "region")


def _names(ids, names, units):
    """Unit names as the division knows them (matched), else as the plan writes them."""
    return [units[pk].name if pk in units else (names[i] if i < len(names) else "") for i, pk in enumerate(ids)]


def _task(payload, units, counties):
    names = _names(payload.get("units") or [], payload.get("unit_names") or [], units)
    number = payload.get("number") or ""
    return {
        "number": number, "problem": payload.get("problem") or "", "target": payload.get("target") or "",
        "measures": payload.get("measures") or "", "lead_unit": names[0] if names else None,
        "co_units": names[1:], "people": payload.get("people") or "",
        "deadline_text": payload.get("deadline_text") or "", "deadline": payload.get("deadline"),
        "category": payload.get("category"), "quantities": payload.get("quantities") or [],
        "unit_source": payload.get("unit_source") or "", "notes": payload.get("notes") or [],
        "subtasks": [{"number": f"{number}-{i}" if number else str(i),
                      "division": counties.get(sub["division"], sub["division"]),
                      "lead_unit": (_names(sub["units"], sub["unit_names"], units) or [None])[0]}
                     for i, sub in enumerate(payload.get("subtasks") or [], start=1)],
    }


def proposal(division, text: str, parse: dict) -> dict:
    items = proposed_items(division, text, parse)
    ids = {pk for p in items if p.kind == ItemKind.TASK for pk in p.payload.get("units") or []}
    ids |= {pk for p in items if p.kind == ItemKind.TASK for s in p.payload.get("subtasks") or [] for pk in s["units"]}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=[i for i in ids if i])}
    counties = dict(Division.objects.filter(path__startswith=division.path).values_list("code", "name"))
    return {
        "tasks": [_task(p.payload, units, counties) for p in items if p.kind == ItemKind.TASK],
        "quality_targets": [{k: p.payload.get(k) for k in TARGET_KEYS} | {"name": p.payload.get("name")}
                            for p in items if p.kind == ItemKind.TARGET],
        "document": {"number": parse.get("number"), "issuer": parse.get("issuer"), "date": parse.get("date"),
                     "title": parse.get("title")},
    }


CATEGORY_WORDS = {"immediate": "立行立改", "by_deadline": "限期整改", "staged": "分阶段整改", "long_term": "长期坚持"}


def proposal_text(result: dict) -> str:
    doc = result["document"]
    lines = [f"标题：{doc['title'] or '（未识别）'}", f"文号：{doc['number'] or '（未识别）'}",
             f"印发机关：{doc['issuer'] or '（未识别）'}", f"日期：{doc['date'] or '（未识别）'}", "",
             f"整改任务（{len(result['tasks'])} 项）："]
    for t in result["tasks"]:
        units = "、".join(filter(None, [t["lead_unit"] and f"{t['lead_unit']}（牵头）", *t["co_units"]])) or "（未识别）"
        lines.append(f"  {t['number'] or '—'} {t['target']}")
        lines.append(f"     时限：{t['deadline'] or '—'}（{t['deadline_text'] or '—'}）；"
                     f"类别：{CATEGORY_WORDS.get(t['category'], t['category'])}；责任单位：{units}")
        if t["subtasks"]:
            lines.append(f"     县级子任务 {len(t['subtasks'])} 项：" + "、".join(s["division"] for s in t["subtasks"]))
    lines += ["", f"指标目标（{len(result['quality_targets'])} 个）："]
    lines += [f"  {describe_target(t)}" for t in result["quality_targets"]]
    return "\n".join(lines)
