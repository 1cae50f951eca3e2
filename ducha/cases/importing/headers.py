"""The columns of complaint-case tables as offices write them (the standard disclosure set and its real
variants, DOMAIN.md), found with the ledger importer's header machinery (find_header_row, header_key)."""

import re
from functools import lru_cache

from ducha.ledger.importing.headers import find_header_row, header_key
from ducha.plans.reading.normalize import to_simplified

# field → header names seen in real tables; the first is the one exports write.
FIELDS = {
    "serial": ("序号", "编号序号"),
    "number": ("受理编号", "交办编号", "信访件编号", "举报件编号", "转办编号", "案件编号", "信访编号", "编号"),
    "summary": ("交办问题基本情况", "转办问题基本情况", "举报内容", "反映情况", "反映问题", "信访内容", "举报问题", "反映的主要问题",
                "交办问题", "转办问题", "问题描述", "信访问题"),
    "area": ("行政区域", "举报区县", "所属区县", "区县", "行政区划", "所在区县", "属地"),
    "place": ("举报地点", "问题地点", "地点", "具体地点"),
    "units_text": ("涉及区县及部门", "牵头责任单位", "责任单位", "办理单位"),
    "types": ("污染类型", "问题类型", "污染类别", "举报类型", "环境问题类型"),
    "channel": ("受理方式", "举报方式", "来源方式"),
    "investigation": ("调查核实情况", "督察期间调查核实情况", "调查核实", "核查情况", "核实情况", "调查情况"),
    "verdict": ("是否属实", "属实情况", "核实结果"),
    "handling": ("处理和整改情况", "督察期间处理情况", "处理整改情况", "处理情况", "整改情况", "处理处罚和问责情况",
                 "最新整改情况"),
    "accountability": ("责任人被处理情况", "问责情况", "责任追究情况"),
    "state": ("办结状态", "是否办结", "办理状态"),
    "goal": ("办结目标", "整改目标及整改措施", "整改目标"),
    "category": ("处理类别",),
    "remark": ("备注",),
    "key": ("是否重点件", "重点件"),
    "ordered_to_rectify": ("责令整改",),
    "penalty_cases": ("立案处罚",),
    "fine": ("罚款", "罚款金额", "罚款数额"),
    "criminal_cases": ("立案侦查",),
    "administrative_detentions": ("行政拘留",),
    "criminal_detentions": ("刑事拘留",),
    "interviews": ("约谈",),
    "accountable_persons": ("问责",),
    "latitude": ("纬度",),
    "longitude": ("经度",),
    "complainant_name": ("举报人", "信访人", "举报人姓名", "信访人姓名"),
    "complainant_contact": ("联系方式", "联系电话", "举报人电话", "举报人联系方式"),
}
COUNT_FIELDS = ("ordered_to_rectify", "penalty_cases", "criminal_cases", "administrative_detentions",
                "criminal_detentions", "interviews", "accountable_persons")
# Columns kept in the case's `extra`, by their header as written.
EXTRA_FIELDS = ("place", "units_text", "category", "remark")
_ALIASES = {name: f for f, names in FIELDS.items() for name in names}
_BRACKETS = re.compile(r"\(.*?\)|\[.*?\]|【.*?】")


@lru_cache(maxsize=512)
def simplified_key(value) -> str:
    key = header_key(value)
    return to_simplified(key)[0] if key else key


def field_of(value):
    key = simplified_key(str(value or ""))
    if key in _ALIASES:
        return _ALIASES[key]
    return _ALIASES.get(_BRACKETS.sub("", key))


def label(field):
    return FIELDS[field][0]


class Header:
    def __init__(self, row_index, names, body_start):
        self.row_index, self.names, self.body_start = row_index, names, body_start
        self.columns = {}
        for i, name in enumerate(names):
            found = field_of(name)
            if found and found not in self.columns.values():
                self.columns[i] = found
        self.by_field = {f: i for i, f in self.columns.items()}

    @property
    def fields(self):
        return set(self.by_field)

    def column_name(self, field):
        i = self.by_field.get(field)
        return header_key(self.names[i]) if i is not None else label(field)

    def fine_unit(self):
        """元 or 万元, from the fine column's header (罚款金额（万元）)."""
        name = self.column_name("fine") if "fine" in self.by_field else ""
        return "万元" if "万" in name else "元"


def is_header(row) -> bool:
    fields = {field_of(c) for c in row} - {None}
    return "summary" in fields and len(fields) >= 3


def _joined(a, b):
    return [f"{x}{y}" for x, y in zip(a, b)]


def locate(grid):
    """The header (or None): the ledger's row search with these columns; a header broken over two rows by
    PDF flattening (交办问题基 / 本情况) is joined when that names more columns."""
    found = find_header_row(grid, field_of, minimum=3)
    if found is None:
        return None
    index, names, body_start = found
    if body_start < len(grid) and body_start == index + 1:
        joined = _joined(names, grid[body_start])
        score = len({field_of(c) for c in names} - {None})
        if len({field_of(c) for c in joined} - {None}) > score:
            names, body_start = joined, body_start + 1
    header = Header(index, names, body_start)
    return header if "summary" in header.fields else None
