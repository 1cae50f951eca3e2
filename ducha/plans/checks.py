"""What the review page tells about the items as they stand (plain Python, no Django).

- Conflicts: two targets still in play (proposed or accepted, not rejected)
  for the same indicator, region and year with different comparators or
  values: "优良天数比例不低于90%" beside "优良天数比例不低于94%". A rejected
  target is out of play, so rejecting one clears the conflict.
- Counts: only tasks and targets are decided on; deadlines, counts and unit
  items are the evidence they were read from, never "pending".
"""

from dataclasses import dataclass

REVIEWED_KINDS = ("task", "target")
WHOLE_AREA = {"全市", "全域", "我市", "本市", "全县", "我县", "全区", "我区", "全省", "我省"}  # the plan's whole area
COMPARATOR_WORDS = {"<": "低于", "<=": "不高于", ">=": "不低于", ">": "高于", "==": "等于", "=": "等于"}


def comparator_word(comparator) -> str:
    return COMPARATOR_WORDS.get(comparator or "", "")


def describe_target(values: dict) -> str:
    """"2021年 市区 PM2.5平均浓度 低于 24微克/立方米", without a "None" for what is missing."""
    parts = [f"{values['year']}年" if values.get("year") else "", values.get("region") or "",
             values.get("name") or values.get("indicator") or "",
             f"{comparator_word(values.get('comparator'))}{values.get('value') or ''}{values.get('unit') or ''}"]
    return " ".join(p for p in parts if p)


@dataclass
class Conflict:
    item_ids: list
    message: str


def target_conflicts(items) -> list[Conflict]:
    """items: (id, values, decision) of the target items. One Conflict per indicator, region and year
    whose targets in play disagree."""
    groups: dict = {}
    for pk, values, decision in items:
        if decision == "rejected":
            continue
        region = values.get("region") or ""
        key = (values.get("indicator"), "" if region in WHOLE_AREA else region, values.get("year"))
        groups.setdefault(key, []).append((pk, values))
    out = []
    for group in groups.values():
        stated = {(v.get("comparator"), str(v.get("value"))) for _, v in group}
        if len(stated) > 1:
            names = "”与“".join(describe_target(v) for _, v in group)
            out.append(Conflict([pk for pk, _ in group],
                                f"“{names}”是同一指标同一范围同一年份的不同目标，请只采纳其中一个（或修改范围、年份）。"))
    return out


def review_counts(items) -> dict:
    """items: (kind, decision, created) of every item. Pending and decided tasks and targets."""
    counted = [(d, c) for k, d, c in items if k in REVIEWED_KINDS]
    return {"total": len(counted), "pending": sum(d == "pending" for d, _ in counted),
            "decided": sum(d != "pending" for d, _ in counted), "written": sum(bool(c) for _, c in counted)}
