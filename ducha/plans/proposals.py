"""Turn a parse of a plan into the items a person reviews (plain Python, no Django).

A parse (ducha.plans.reading) lists sections, targets, deadlines, counts and
units, each with the sentence it came from. Here they become items with a
character span in the cleaned text, and the parse is grouped into draft tasks
a person would recognise: each lowest-level section that carries a deadline
(or a category marker and responsible units) becomes one task; a deadline
outside any such section makes its own paragraph a task.
"""

import re
from dataclasses import dataclass, field

IMMEDIATE, BY_DEADLINE, STAGED, LONG_TERM = "immediate", "by_deadline", "staged", "long_term"
CATEGORY_MARKERS = (("立行立改", IMMEDIATE), ("长期坚持", LONG_TERM))
LEAD_ROLES = {"lead", "牵头", "牵头单位"}
SUPERVISING_ROLES = {"supervising"}
TARGET_FIELDS = ("indicator", "name", "comparator", "value", "unit", "year", "region")
DEADLINE_PHRASE = re.compile(
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前)?"
    r"|(?:(?:19|20)\d{2})?年(?:底|末)(?:前|以前|之前)?"
)
ROW_LABELS = {"序号": "number", "整改目标": "target", "整改措施": "measures", "具体措施": "measures"}
MARKER_TRIM = re.compile(r"[\s、.．,，:：()（）]")


@dataclass
class Proposal:
    kind: str
    payload: dict
    start: int
    end: int
    source_text: str = field(default="")


def locate(text: str, needle: str, hint: int = 0) -> tuple[int, int]:
    """Span of needle in text, preferring the first occurrence at or after hint."""
    needle = (needle or "").strip()
    if not needle:
        return (0, 0)
    at = text.find(needle, hint)
    if at < 0:
        at = text.find(needle)
    return (at, at + len(needle)) if at >= 0 else (0, 0)


def _locate_all(text, entries):
    spans, cursor = [], 0
    for entry in entries:
        start, end = locate(text, entry.get("text", ""), cursor)
        if end:
            cursor = start
        spans.append((start, end))
    return spans


def _line_starts(text):
    starts = [0]
    for m in re.finditer("\n", text):
        starts.append(m.end())
    return starts


def _section_starts(text, sections):
    """Offset of each section's line. Trust `line` (1- or 0-based) when that
    line holds the heading, else find the heading after the previous one."""
    starts, lines, cursor = [], _line_starts(text), 0
    for section in sections:
        heading = (section.get("heading") or "").strip()
        found = None
        line = section.get("line")
        if isinstance(line, int):
            for index in (line - 1, line):
                if 0 <= index < len(lines):
                    end = lines[index + 1] if index + 1 < len(lines) else len(text)
                    if heading and heading in text[lines[index]:end]:
                        found = lines[index]
                        break
        if found is None and heading:
            at = text.find(heading, cursor)
            if at >= 0:
                found = text.rfind("\n", 0, at) + 1
        if found is None:
            found = cursor
        # Inline enumerations (一是…二是…) share a line: start at the marker itself.
        line_end = text.find("\n", found)
        line_end = len(text) if line_end < 0 else line_end
        marker = (section.get("marker") or "") + heading
        at = text.find(marker, max(found, cursor), line_end) if heading else -1
        if at > found:
            found = at
        starts.append(found)
        cursor = found
    return starts


def leaf_sections(text, sections):
    """(section index, start, end) of every section with no deeper section under it."""
    starts = _section_starts(text, sections)
    leaves = []
    for i, section in enumerate(sections):
        nxt = sections[i + 1] if i + 1 < len(sections) else None
        if nxt is not None and nxt.get("level", 0) > section.get("level", 0):
            continue
        end = starts[i + 1] if nxt is not None else len(text)
        leaves.append((i, starts[i], max(end, starts[i])))
    return leaves


def section_number(sections, index):
    """The markers from the top section down: "四（二）1"."""
    chain, level = [], None
    for i in range(index, -1, -1):
        s = sections[i]
        if level is None or s.get("level", 0) < level:
            chain.append(MARKER_TRIM.sub("", s.get("marker") or ""))
            level = s.get("level", 0)
    out = ""
    for part in (p for p in reversed(chain) if p):
        if not out:
            out = part
        elif part.isdigit():
            out += ("." if out[-1].isdigit() else "") + part
        elif part[-1] in "是要":  # inline enumeration: 一是, 二要
            out += part
        else:
            out += f"（{part}）"
    return out


def paragraph_span(text, start, end):
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    return para_start, (len(text) if para_end < 0 else para_end)


def deadline_phrase(sentence: str) -> str:
    m = DEADLINE_PHRASE.search(sentence or "")
    return m.group(0) if m else (sentence or "")[:64]


def _ordered_unit_names(units):
    """Responsible units as the task lists them: the lead first, supervisors left out."""
    units = [u for u in units if (u.get("role") or "") not in SUPERVISING_ROLES]
    lead = [u["name"] for u in units if (u.get("role") or "") in LEAD_ROLES]
    names = []
    for name in lead + [u["name"] for u in units]:
        if name and name not in names:
            names.append(name)
    return names


def labelled_fields(body: str) -> dict:
    """Fields of a table row read as "序号：3；整改目标：…；整改措施：…；责任单位：…。"."""
    out = {}
    for part in re.split(r"[；;]", body.rstrip("。")):
        label, sep, value = part.partition("：")
        field = ROW_LABELS.get(label.strip())
        if sep and field and value.strip():
            out[field] = value.strip()
    return out


def _task(text, sections, container, deadlines, units, index=None):
    start, end = container
    body = text[start:end].strip()
    category = next((cat for marker, cat in CATEGORY_MARKERS if marker in body), None)
    dated = sorted({(d["date"], deadline_phrase(d.get("text", ""))) for d in deadlines if d.get("date")})
    if category is None:
        category = STAGED if len({d for d, _ in dated}) > 1 else BY_DEADLINE
    heading = sections[index].get("heading", "").strip() if index is not None else ""
    final = dated[-1] if dated else (None, deadline_phrase(deadlines[0].get("text", "")) if deadlines else "")
    measures = body
    at = body.find(heading) if heading else -1
    if 0 <= at <= 8:
        measures = body[at + len(heading):].lstrip("。.，, \n") or body
    fields = labelled_fields(body)
    payload = {
        "number": fields.get("number") or (section_number(sections, index) if index is not None else ""),
        "heading": heading,
        "target": fields.get("target") or heading,
        "measures": fields.get("measures") or measures,
        "deadline": final[0],
        "deadline_text": final[1][:64],
        "category": category,
        "stages": [[phrase, date] for date, phrase in dated] if category == STAGED else [],
        "unit_names": _ordered_unit_names(units),
    }
    return Proposal("task", payload, start, start + len(text[start:end].rstrip()))


def _inside(span, container):
    return span[1] > 0 and container[0] <= span[0] and span[1] <= container[1]


def _responsible(unit):
    return (unit.get("role") or "") not in SUPERVISING_ROLES


def draft_tasks(text, parse, deadline_spans, unit_spans):
    """Paragraphs naming both a deadline and a responsible unit (a task line, a
    table row) are tasks of their own; otherwise each lowest-level section with
    a deadline, or with a category marker and units, is one task; a deadline
    outside any section makes its paragraph a task."""
    sections = parse.get("sections") or []
    deadlines, units = parse.get("deadlines") or [], parse.get("units") or []
    paragraphs = {}
    for span in deadline_spans:
        if span[1]:
            paragraphs.setdefault(paragraph_span(text, *span), None)
    own = [p for p in paragraphs if any(_inside(s, p) and _responsible(u) for u, s in zip(units, unit_spans))]
    leaves = leaf_sections(text, sections)

    # A paragraph that opens a section keeps the section's number and heading.
    opening = {s: i for i, s, e in leaves}
    containers = [(p, opening.get(p[0])) for p in own]
    claimed = lambda span: any(_inside(span, p) for p in own)  # noqa: E731
    for i, s, e in leaves:
        if not any(c[0] == s and c[1] == e for c, _ in containers):
            containers.append(((s, e), i))
    for span in deadline_spans:
        if span[1] and not claimed(span) and not any(_inside(span, c) for c, _ in containers):
            para = paragraph_span(text, *span)
            if not any(c == para for c, _ in containers):
                containers.append((para, None))
    containers.sort(key=lambda c: c[0])
    tasks = []
    for container, index in containers:
        is_own = container in own
        ds = [d for d, span in zip(deadlines, deadline_spans)
              if _inside(span, container) and (is_own or not claimed(span))]
        us = [u for u, span in zip(units, unit_spans) if _inside(span, container) and (is_own or not claimed(span))]
        body = text[container[0]:container[1]]
        has_marker = any(marker in body for marker, _ in CATEGORY_MARKERS)
        if ds or (has_marker and us):
            tasks.append(_task(text, sections, container, ds, us, index))
    return tasks


def propose(text: str, parse: dict) -> list[Proposal]:
    """Every item to review, in reading order within each kind: tasks, targets, deadlines, counts, units."""
    deadline_spans = _locate_all(text, parse.get("deadlines") or [])
    unit_spans = _locate_all(text, parse.get("units") or [])
    items = draft_tasks(text, parse, deadline_spans, unit_spans)
    targets = [t for t in parse.get("targets") or [] if t.get("kind", "target") == "target"]
    for t, span in zip(targets, _locate_all(text, targets)):
        items.append(Proposal("target", {k: t.get(k) for k in TARGET_FIELDS}, *span))
    for d, span in zip(parse.get("deadlines") or [], deadline_spans):
        items.append(Proposal("deadline", {"date": d.get("date"), "phrase": deadline_phrase(d.get("text", ""))},
                              *span))
    counts = parse.get("counts") or []
    for c, span in zip(counts, _locate_all(text, counts)):
        items.append(Proposal("count", {"what": c.get("what"), "value": c.get("value")}, *span))
    for u, span in zip(parse.get("units") or [], unit_spans):
        items.append(Proposal("unit", {"name": u.get("name"), "role": u.get("role")}, *span))
    for item in items:
        item.source_text = text[item.start:item.end]
    return items
