"""The outline of a plan, from the numbering Chinese official documents use.

Marker kinds, outermost first (the order GB/T 9704 and common practice give):
第一章, 第一节, 一、, （一）, 1. / 1、 / 1．, （1）, ①, and enumerations inside a
paragraph: 一是…二是… / 一要…二要….  A kind's level is its depth among the
markers actually open above it, so a plan that goes 一、 → 1. gives 1. level 2.

`outline(clean_text)` returns `Section`s with the 1-based line of the heading
and the last line of the span under it.
"""

import re
from dataclasses import dataclass

_CN_NUM = "一二三四五六七八九十百零〇两"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"

# (rank, regex on the start of a line). The marker is group 1, the rest follows.
_LINE_MARKERS = [
    (0, re.compile(rf"^(第[{_CN_NUM}]{{1,3}}[章篇])\s*(.*)$")),
    (1, re.compile(rf"^(第[{_CN_NUM}]{{1,3}}节)\s*(.*)$")),
    (0, re.compile(rf"^(第[{_CN_NUM}]{{1,3}}部分)\s*(.*)$")),
    (2, re.compile(rf"^([{_CN_NUM}]{{1,3}}(?:、|\.|．))\s*(.*)$")),
    (3, re.compile(rf"^(（[{_CN_NUM}]{{1,3}}）)\s*(.*)$")),
    (4, re.compile(r"^(\d{1,2}(?:\.|、|．)(?!\d))\s*(.*)$")),
    (5, re.compile(r"^(（\d{1,2}）|\d{1,2}）)\s*(.*)$")),
    (6, re.compile(rf"^([{_CIRCLED}])\s*(.*)$")),
    (3, re.compile(rf"^(第[{_CN_NUM}]{{1,3}}条)\s*(.*)$")),
]
_INLINE_RANK = 7
_INLINE = re.compile(rf"(?:^|(?<=[。；！？：，]))([一二三四五六七八九十]{{1,2}}[是要])(?=[^，。；]{{2,}})")

_CN_DIGIT = {c: i for i, c in enumerate("零一二三四五六七八九")}
_CN_DIGIT.update({"〇": 0, "两": 2})


def cn_number(token: str) -> int | None:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 二〇二一 → 2021; None when not a numeral."""
    if token.isdigit() and token.isascii():
        return int(token)
    if not token or any(c not in _CN_DIGIT and c not in "十百千" for c in token):
        return None
    if not any(c in "十百千" for c in token):
        return int("".join(str(_CN_DIGIT[c]) for c in token))
    total, current = 0, 0
    for c in token:
        if c in "十百千":
            total += (current or 1) * {"十": 10, "百": 100, "千": 1000}[c]
            current = 0
        else:
            current = _CN_DIGIT[c]
    return total + current


@dataclass
class Section:
    level: int
    marker: str
    heading: str
    line: int
    end_line: int
    rank: int

    def as_dict(self):
        return {"level": self.level, "marker": self.marker, "heading": self.heading, "line": self.line}


def _heading(rest: str) -> str:
    """The heading is the text up to the first full stop; a long run is cut where the
    body plainly starts (a missing full stop before "2017年，…")."""
    m = re.search(r"[。；！？]", rest)
    head = rest[: m.start()] if m else rest
    if len(head) > 40:
        cut = re.search(r"(?<=[\u4e00-\u9fff])(?=(?:到|至)?(?:19|20)\d{2}年)", head)
        if cut and cut.start() >= 4:
            head = head[: cut.start()]
        elif m is None or len(head) > 60:
            comma = head.rfind("，", 0, 40)
            head = head[:comma] if comma >= 4 else head[:40]
    return head.strip("：:，, ")


def _marker_at_line(line: str):
    for rank, pattern in _LINE_MARKERS:
        m = pattern.match(line)
        if m and m.group(2).strip():
            return rank, m.group(1), m.group(2)
    return None


def is_heading(line: str) -> bool:
    """Whether a line starts with an outline marker."""
    return _marker_at_line(line) is not None


def outline(clean_text: str) -> list[Section]:
    lines = clean_text.split("\n")
    found = []  # (rank, marker, heading, line_no)
    for no, line in enumerate(lines, start=1):
        hit = _marker_at_line(line)
        body = line
        if hit:
            rank, marker, rest = hit
            found.append((rank, marker, _heading(rest), no))
            body = rest
        inline = list(_INLINE.finditer(body))
        # An enumeration needs its first item (一是/一要) and a second one.
        if len(inline) >= 2 and inline[0].group(1)[0] == "一":
            for m in inline:
                found.append((_INLINE_RANK, m.group(1), _heading(body[m.end():]), no))
    sections: list[Section] = []
    stack: list[Section] = []
    for rank, marker, heading, no in found:
        while stack and stack[-1].rank >= rank:
            stack.pop()
        section = Section(level=len(stack) + 1, marker=marker, heading=heading, line=no,
                          end_line=len(lines), rank=rank)
        sections.append(section)
        stack.append(section)
    # A section's span ends where the next section of the same or an outer level starts.
    for i, section in enumerate(sections):
        for later in sections[i + 1:]:
            if later.level <= section.level and later.line > section.line:
                section.end_line = later.line - 1
                break
            if later.level <= section.level and later.line == section.line:
                section.end_line = section.line
                break
    return sections


def enclosing(sections: list[Section], line: int) -> list[Section]:
    """The sections whose span holds `line`, outermost first."""
    return [s for s in sections if s.line <= line <= s.end_line]
