"""Turn a parse of a plan into the items a person reviews (plain Python, no Django).

A parse (ducha.plans.reading) lists sections, targets, deadlines, counts and
units, each with the sentence it came from. Here they become items with a
character span in the cleaned text, and the parse is grouped into draft tasks
a person would recognise: each lowest-level section that carries a deadline
(or a category marker and responsible units) becomes one task; a deadline
outside any such section makes its own paragraph a task. A notice of one
rectification item, written in parts headed by the fields they hold (整改任务,
整改目标, 整改措施, 整改完成情况, …), is that one task.
"""

import re
from dataclasses import dataclass, field

from ducha.plans.reading.tasklabels import (
    LABELS, is_task_section, part_text, record_parts, split_labels, unit_cell, work_quantities,
)

IMMEDIATE, BY_DEADLINE, STAGED, LONG_TERM = "immediate", "by_deadline", "staged", "long_term"
CATEGORY_MARKERS = (("立行立改", IMMEDIATE), ("长期坚持", LONG_TERM))
LEAD_ROLES = {"lead", "牵头", "牵头单位"}
SUPERVISING_ROLES = {"supervising"}
TARGET_FIELDS = ("indicator", "name", "comparator", "value", "unit", "year", "region")
DEADLINE_PHRASE = re.compile(
    r"(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日|底|末|中旬|上旬|下旬)?(?:前|以前|之前)?"
    r"|(?:(?:19|20)\d{2})?年(?:底|末)(?:前|以前|之前)?"
)
# Where an annexed task list starts: its caption, or the header row of its table.
ANNEX = re.compile(r"^(?:附\s*件\s*\d*\s*[：:]?.*(?:清单|任务|台账)|序号(?:\t| {2,}).*)", re.M)
# A sentence stating what is to be achieved ("2022年6月底前全面完成…任务"), its deadline words left off.
RESULT_WORDS = re.compile(r"完成|建成|达到|实现|确保|消除|关停|取缔|到位|达标|清零|覆盖")
LEADING_DEADLINE = re.compile(r"^(?:(?:19|20)\d{2}年)?(?:\d{1,2}月)?(?:底|末)?(?:前|以前|之前)?[，,]?")
LABELLED_LINE = re.compile(r"^【(?:" + "|".join(LABELS) + r")】")
CLOSING = re.compile(r"以上|上述|前述|上列")
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


def _body_after_heading(body, heading):
    at = body.find(heading) if heading else -1
    if 0 <= at <= 8:
        return body[at + len(heading):].lstrip("。.，, \n") or body
    return body


def _target_text(plain, fields, heading, quantities):
    """The plan's 整改目标 when labelled; else the clauses stating the work to be done; else the heading."""
    if fields.get("target"):
        return fields["target"]
    clauses = []
    for q in quantities:
        if q["text"] not in clauses:
            clauses.append(q["text"])
    if clauses:
        return "；".join(clauses)
    for sentence in re.split(r"[。；;]", plain):
        if RESULT_WORDS.search(sentence):
            return LEADING_DEADLINE.sub("", sentence).strip("，, ")
    return heading or plain[:120]


def _deadline_cell(body, fields, dated):
    """The deadline as a ledger cell would state it, for the importer's reader."""
    if fields.get("deadline"):
        return fields["deadline"]
    markers = [marker for marker, _ in CATEGORY_MARKERS if marker in body]
    phrases = []
    for _date, phrase in dated:
        if phrase not in phrases:
            phrases.append(phrase)
    return "，".join(markers + phrases)


def _task(text, sections, container, deadlines, units, index=None):
    start, end = container
    body = text[start:end].strip()
    dated = sorted({(d["date"], deadline_phrase(d.get("text", ""))) for d in deadlines if d.get("date")})
    heading = sections[index].get("heading", "").strip() if index is not None else ""
    plain, fields = split_labels(_body_after_heading(body, heading))
    quantities = work_quantities(plain)
    names = _ordered_unit_names(units)
    cell = unit_cell(fields)
    payload = {
        "number": fields.get("number") or (section_number(sections, index) if index is not None else ""),
        "heading": heading,
        "problem": fields.get("problem") or heading,
        "target": _target_text(plain, fields, heading, quantities),
        "measures": fields.get("measures") or plain or heading,
        "people": fields.get("people", ""),
        "deadline_text": _deadline_cell(body, fields, dated)[:64],
        "category_text": fields.get("category", ""),
        "unit_cell": cell or "、".join(names),
        "unit_source": "label" if cell else ("text" if names else ""),
        "unit_names": names,
        "quantities": [{"value": q["value"], "unit": q["unit"], "text": q["text"]} for q in quantities],
        "_index": index,
    }
    return Proposal("task", payload, start, start + len(text[start:end].rstrip()))


# The parts of a one-item notice that state facts (the problem as the inspectors found it, the
# work reported done), not what is to be done: their dates are no deadlines, their figures no targets.
FACT_PARTS = {"problem", "progress"}


def _record_task(text, parts, deadlines, deadline_spans, units, unit_spans):
    """The one task of a notice of one rectification item, each part read into the field its
    label names; deadlines and units only from the parts stating what is to be done."""
    fields, todo = {}, []
    for field, start, end in parts:
        value = part_text(text, start, end)
        if field in ("target", "measures"):
            todo.append((start, end))
            value, labelled = split_labels(value)
            for key, found in labelled.items():
                fields.setdefault({"lead": "units", "co": "units"}.get(key, key), found)
        fields[field] = value
    inside = lambda span: any(_inside(span, part) for part in todo)  # noqa: E731
    dated = sorted({(d["date"], deadline_phrase(d.get("text", "")))
                    for d, span in zip(deadlines, deadline_spans) if d.get("date") and inside(span)})
    names = _ordered_unit_names([u for u, span in zip(units, unit_spans) if inside(span) and _responsible(u)])
    measures = fields.get("measures") or fields.get("target") or fields["problem"]
    todo_text = "\n".join(text[s:e] for s, e in todo)
    payload = {
        "number": "", "heading": "",
        "problem": fields["problem"],
        "target": fields.get("target") or _target_text(measures, {}, "", work_quantities(measures)),
        "measures": measures,
        "people": fields.get("people", ""),
        "deadline_text": _deadline_cell(todo_text, {"deadline": fields.get("deadline", "")}, dated)[:64],
        "category_text": "",
        "unit_cell": fields.get("units") or "、".join(names),
        "unit_source": "label" if fields.get("units") else ("text" if names else ""),
        "unit_names": names,
        "quantities": [{"value": q["value"], "unit": q["unit"], "text": q["text"]} for q in work_quantities(measures)],
    }
    start = text.rfind("\n", 0, parts[0][1]) + 1
    return Proposal("task", payload, start, len(text[:parts[-1][2]].rstrip()))


def _record(text, deadline_spans, deadlines):
    """The parts of the text when it is a notice of one item; [] when it is not, or when its measures
    are several items each with a deadline of its own (a list of tasks, read as sections)."""
    parts = record_parts(text)
    dated = {paragraph_span(text, *span) for d, span in zip(deadlines, deadline_spans)
             if d.get("date") and any(f == "measures" and _inside(span, (s, e)) for f, s, e in parts)}
    return parts if len(dated) < 2 else []


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
    parts = _record(text, deadline_spans, deadlines)
    if parts:
        return [_record_task(text, parts, deadlines, deadline_spans, units, unit_spans)]
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
    starts = _section_starts(text, sections)
    for span in deadline_spans:
        if span[1] and not claimed(span) and not any(_inside(span, c) for c, _ in containers):
            para, index = _widen(text, sections, starts, leaves, deadline_spans, paragraph_span(text, *span))
            if not any(c == para for c, _ in containers):
                containers.append((para, index))
    containers.sort(key=lambda c: c[0])
    tasks, undated = [], []
    annex = ANNEX.search(text)
    for container, index in containers:
        in_annex = annex is not None and container[0] >= annex.start()
        if not in_annex and not is_task_section(_top_heading(sections, starts, container[0], index)):
            continue  # goals, principles, safeguards: never tasks (an annexed task list always is)
        is_own = container in own
        ds = [d for d, span in zip(deadlines, deadline_spans)
              if _inside(span, container) and (is_own or not claimed(span))]
        us = [u for u, span in zip(units, unit_spans) if _inside(span, container) and (is_own or not claimed(span))
              and not _closing(text, span)]
        body = text[container[0]:container[1]]
        has_marker = any(marker in body for marker, _ in CATEGORY_MARKERS)
        if ds or (has_marker and us):
            tasks.append(_task(text, sections, container, ds, us, index))
        elif index is not None and not is_own:
            undated.append((container, us, index))
    # A numbered item beside items that are tasks is a task item too, though it states no
    # deadline: proposed with its deadline left for the reviewer (the importer says it is empty).
    task_parents = {_parent(sections, t.payload.get("_index")) for t in tasks if t.payload.get("_index") is not None}
    for container, us, index in undated:
        overlaps = any(container[0] < t.end and t.start < container[1] for t in tasks)
        if not overlaps and _parent(sections, index) in task_parents:
            tasks.append(_task(text, sections, container, [], us, index))
    tasks.sort(key=lambda t: t.start)
    for task in tasks:
        task.payload.pop("_index", None)
    _closing_units(text, sections, starts, tasks, units, unit_spans)
    return tasks


def _parent(sections, index):
    level = sections[index].get("level", 0)
    return next((i for i in range(index - 1, -1, -1) if sections[i].get("level", 0) < level), -1)


def _widen(text, sections, starts, leaves, deadline_spans, para):
    """The task a lone deadline paragraph belongs to: the labelled block it ends
    ("【存在问题】…【整改期限】立行立改"), or the section it stands in when none of
    that section's items has a deadline of its own (a progress list: "一、关于…
    整改进展情况：长期坚持。1.…"). (span, section index or None)."""
    if text.startswith("【", para[0]):
        start = para[0]
        while start > 0:
            previous = text.rfind("\n", 0, start - 1) + 1
            line = text[previous:start - 1]
            if not line.strip() or (line.startswith("【") and not LABELLED_LINE.match(line)):
                break
            start = previous
        return (start, para[1]), None
    index = max((i for i, at in enumerate(starts) if at <= para[0]), default=None)
    if index is None or any(i == index for i, _, _ in leaves):
        return para, None
    level = sections[index].get("level", 0)
    end = next((starts[i] for i in range(index + 1, len(sections)) if sections[i].get("level", 0) <= level), len(text))
    inner = [(s, e) for i, s, e in leaves if starts[index] <= s < end]
    if any(_inside(span, leaf) for span in deadline_spans for leaf in inner):
        return para, None
    return (starts[index], len(text[:end].rstrip())), index


def _top_heading(sections, starts, at, index):
    """The heading of the top-level part the offset lies in."""
    if index is None:
        index = max((i for i, s in enumerate(starts) if s <= at), default=None)
    if index is None:
        return ""
    for i in range(index, -1, -1):
        if sections[i].get("level", 0) <= min(s.get("level", 0) for s in sections):
            return sections[i].get("heading", "")
    return ""


def _closing(text, span):
    """Is the span in a closing paragraph about the items above ("以上任务由…牵头")?"""
    para_start = text.rfind("\n", 0, span[0]) + 1
    return span[1] > 0 and CLOSING.match(text, para_start) is not None


def _closing_units(text, sections, starts, tasks, units, unit_spans):
    """Tasks naming no unit take the units a closing paragraph of their part names
    ("以上任务由市生态环境局牵头……"), and say so."""
    for task in tasks:
        if task.payload["unit_cell"]:
            continue
        index = max((i for i, s in enumerate(starts) if s <= task.start), default=None)
        if index is None:
            continue
        level = sections[index].get("level", 0)
        parent = next((i for i in range(index - 1, -1, -1) if sections[i].get("level", 0) < level), None)
        if parent is None:
            continue
        end = next((starts[i] for i in range(parent + 1, len(sections))
                    if sections[i].get("level", 0) <= sections[parent].get("level", 0)), len(text))
        outside = [u for u, span in zip(units, unit_spans) if starts[parent] <= span[0] and span[1] <= end
                   and _responsible(u) and (_closing(text, span) or not any(t.start <= span[0] < t.end for t in tasks))]
        names = _ordered_unit_names(outside)
        if names:
            task.payload.update(unit_names=names, unit_cell="、".join(names), unit_source="closing")


def _work_target(tasks, target, span):
    """A figure that is no environmental-quality indicator ("新建改造污水管网80公里") belongs
    to the task whose text states it: its target text and quantities. True when placed."""
    task = next((t for t in tasks if t.start <= span[0] and span[1] <= t.end), None)
    if task is None:
        return False
    quantities = task.payload["quantities"]
    if not any(q["value"] == target.get("value") and q["unit"] == (target.get("unit") or "") for q in quantities):
        quantities.append({"value": target.get("value"), "unit": target.get("unit") or "",
                           "text": target.get("name") or ""})
    return True


def propose(text: str, parse: dict, quality_indicators=None) -> list[Proposal]:
    """Every item to review, in reading order within each kind: tasks, targets, deadlines, counts, units.
    With `quality_indicators` (the keys ducha.quality tracks), only those become targets; other
    figures go to the task stating them, or are listed as counts."""
    deadline_spans = _locate_all(text, parse.get("deadlines") or [])
    unit_spans = _locate_all(text, parse.get("units") or [])
    items = draft_tasks(text, parse, deadline_spans, unit_spans)
    tasks = list(items)
    targets = [t for t in parse.get("targets") or [] if t.get("kind", "target") == "target"]
    facts = [(s, e) for f, s, e in _record(text, deadline_spans, parse.get("deadlines") or []) if f in FACT_PARTS]
    extra_counts = []
    for t, span in zip(targets, _locate_all(text, targets)):
        if any(_inside(span, part) for part in facts):  # a figure of the problem found or the work done
            extra_counts.append(Proposal("count", {"what": t.get("name"), "value": t.get("value"),
                                                   "unit": t.get("unit") or ""}, *span))
            continue
        if quality_indicators is not None and t.get("indicator") not in quality_indicators:
            if not _work_target(tasks, t, span):
                extra_counts.append(Proposal("count", {"what": t.get("name"), "value": t.get("value"),
                                                       "unit": t.get("unit") or ""}, *span))
            continue
        items.append(Proposal("target", {k: t.get(k) for k in TARGET_FIELDS}, *span))
    for d, span in zip(parse.get("deadlines") or [], deadline_spans):
        if any(_inside(span, part) for part in facts):  # a date of the problem found or of the work done
            continue
        items.append(Proposal("deadline", {"date": d.get("date"), "phrase": deadline_phrase(d.get("text", ""))},
                              *span))
    counts = parse.get("counts") or []
    for c, span in zip(counts, _locate_all(text, counts)):
        items.append(Proposal("count", {"what": c.get("what"), "value": c.get("value"), "unit": c.get("unit") or ""},
                              *span))
    items += extra_counts
    for u, span in zip(parse.get("units") or [], unit_spans):
        items.append(Proposal("unit", {"name": u.get("name"), "role": u.get("role")}, *span))
    for item in items:
        item.source_text = text[item.start:item.end]
    return items
