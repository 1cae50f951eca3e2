"""Who leads, who is responsible, who supervises: units named in a plan.

Two ways plans say it:
- labelled lists, often in tables: "牵头单位：市生态环境局", "责任单位：市住建局、
  各县（市、区）政府" (the first listed responsible unit is the lead unit),
  "配合单位：…", "督导单位：…";
- running text: "市纪委监委要牵头成立专项工作组" (lead), "由市级牵头部门督办"
  (supervising), "相关县（市、区）党委、政府负责" (responsible), "会同市财政局"
  / "市住建局配合" (co).
A name is kept only when it ends the way unit names end (局, 委, 政府, 领导小组…).
"""

import re

from ducha.plans.reading.sentences import Sentence

LEAD, CO, RESPONSIBLE, SUPERVISING = "lead", "co", "responsible", "supervising"

_SUFFIX = (r"(?:局|委|办|办公室|厅|部|部门|机构|院|所|站|队|中心|政府|党委|党组|委员会|会|监委|纪委|领导小组|小组|工作组|"
           r"专班|公司|集团|法院|检察院|街道|乡镇|单位|[县市区镇乡]（[^）]{1,8}）|[县市区镇乡]|团)")
_NAME = re.compile(rf"^(?=..)[^，。；：\s]{{0,28}}?{_SUFFIX}$")
_LABELS = {
    "牵头单位": LEAD, "牵头部门": LEAD, "主责单位": LEAD, "责任单位": RESPONSIBLE, "责任部门": RESPONSIBLE,
    "主办单位": RESPONSIBLE, "承办单位": RESPONSIBLE, "配合单位": CO, "协办单位": CO, "参与单位": CO,
    "配合部门": CO, "督办单位": SUPERVISING, "督导单位": SUPERVISING, "监督单位": SUPERVISING,
}
_LABEL = re.compile(rf"({'|'.join(_LABELS)})\s*[:：]\s*")
_VERBS = [
    (re.compile(r"(?:要|应|须|应当|将)?牵头(?!单位|部门)"), LEAD),
    (re.compile(r"(?:要|应|须|应当|将)?(?:督办|督导|督促)(?!单位)"), SUPERVISING),
    (re.compile(r"(?:要|应|须|应当|将|具体)?(?:负责|承办)(?!同志|人|任|单位)"), RESPONSIBLE),
    (re.compile(r"(?:要|应|须|应当|将)?(?:配合|协助|协办)(?!单位|部门)"), CO),
]
_BARE = ("党委", "政府", "人民政府", "纪委监委", "纪委")
_LEAD_IN = re.compile(r"^(?:\d{1,2}[.、．）]|（\d{1,2}）|[①-⑳]|[一二三四五六七八九十]{1,3}[是要])?"
                      r"(?:(?:以上|上述|前述)(?:各项)?(?:任务|工作|措施|问题)?(?=由))?"
                      r"(?:并由|建立由|统一由|由|请|要求|其中|分别由)?")
_TRAIL = re.compile(r"(?:要|应|须|应当|将|具体|切实|共同|分别|主动|积极|统一|交办|、)+$")


def _split_names(span: str) -> list[str]:
    """Split "A、B和C" outside brackets."""
    parts, depth, current = [], 0, ""
    for i, ch in enumerate(span):
        depth += ch == "（"
        depth -= ch == "）"
        if depth == 0 and (ch in "、，," or (ch in "和及与" and i + 1 < len(span))):
            if ch in "和及与" and not _NAME.match(current):
                current += ch
                continue
            parts.append(current)
            current = ""
        else:
            current += ch
    parts.append(current)
    names = []
    for part in (p.strip() for p in parts):
        if not part:
            continue
        # "相关县（市、区）党委、政府": the second shares the first one's place.
        shared = re.match(r"^(.+?)(?:党委|人民政府|政府|纪委监委|纪委)$", names[-1]) if names else None
        if shared and part in _BARE:
            part = shared.group(1) + part
        names.append(part)
    return names


def _names(span: str) -> list[str]:
    span = _LEAD_IN.sub("", span.strip())
    span = _TRAIL.sub("", span)
    names = _split_names(span)
    if names and all(_NAME.match(n) for n in names):
        return names
    return []


def _labelled(text: str):
    found = []
    for m in _LABEL.finditer(text):
        rest = text[m.end():]
        stop = re.search(r"[。；;\n]|" + _LABEL.pattern, rest)
        listed = rest[: stop.start()] if stop else rest
        role = _LABELS[m.group(1)]
        names = [n for n in _split_names(listed) if n]
        for i, name in enumerate(names):
            lead_mark = re.search(r"[（(]牵头[）)]$", name)
            name = re.sub(r"[（(](?:牵头|配合)[）)]$", "", name)
            r = role
            if lead_mark or (role == RESPONSIBLE and i == 0 and len(names) > 1):
                r = LEAD
            found.append((name, r))
    return found


def _from_verbs(text: str):
    found = []
    for pattern, role in _VERBS:
        for m in pattern.finditer(text):
            before = text[: m.start()]
            cut = max(before.rfind(c) for c in "，。；：,")
            for name in _names(before[cut + 1:]):
                found.append((name, role))
    for m in re.finditer(r"会同", text):
        # "市整改办会同市委督查机构…": the one who brings the others in leads.
        before = text[: m.start()]
        cut = max(before.rfind(c) for c in "，。；：,")
        found.extend((name, LEAD) for name in _names(before[cut + 1:]) if not any(n == name for n, _ in found))
        after = re.split(r"[，。；]|(?:共同|一起|开展|推进|做好|负责|研究|制定|对)", text[m.end():])[0]
        for name in _names(after):
            found.append((name, CO))
    return found


def _match(name: str, known: list[str]) -> str | None:
    if name in known:
        return name
    bare = re.sub(r"^(?:省|市|县|区)", "", name)
    for unit in known:
        if unit.endswith(name) or (len(bare) >= 3 and unit.endswith(bare)):
            return unit
    return None


def _position(text: str, name: str) -> int:
    at = text.find(name)
    # A name completed from its neighbour ("…党委、政府") sits where its last word is.
    return at if at >= 0 else text.find(name[-2:])


def find_units(sentences: list[Sentence], known_units=None) -> list[dict]:
    out, seen = [], set()
    known = list(known_units or [])
    for s in sentences:
        found = _labelled(s.text) + _from_verbs(s.text)
        # In the order the sentence names them.
        found.sort(key=lambda item: _position(s.text, item[0]))
        for name, role in found:
            key = (name, role, s.start)
            if key in seen:
                continue
            seen.add(key)
            item = {"name": name, "role": role, "text": s.text}
            if known:
                item["unit"] = _match(name, known)
            out.append(item)
    return out
