"""Recognising a ledger's header row, whatever words and layout the office used.

Each column of the ledger maps to one field. Header cells are compared after
`header_key` folds full-width characters, drops spaces and newlines and, as a
second try, drops a bracketed note ("进度（%）" → "进度").
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

# field → header names seen in real ledgers; the first is the one export writes.
FIELDS = {
    "number": ("序号", "问题序号", "编号", "任务序号", "问题编号"),
    "division": ("所属区划", "区划", "所属地区"),
    "problem": ("问题", "具体内容", "问题简述", "整改问题", "存在问题", "问题描述", "反馈问题", "问题内容"),
    "target": ("整改目标", "目标任务", "整改目标任务"),
    "measures": ("整改措施", "重点措施", "主要措施", "具体措施"),
    "units": ("责任单位", "整改实施主体", "牵头单位", "牵头责任单位", "责任主体"),
    "co_units": ("配合单位", "责任部门", "协同单位", "协办单位"),
    "responsible_people": ("责任人",),
    "deadline": ("整改时限", "完成时限", "时限", "整改期限"),
    "category": ("整改类别", "整改类型"),
    "domains": ("污染领域", "领域", "污染类型"),
    "supervising_unit": ("督导单位",),
    "supervising_leader": ("督办领导", "包抓领导"),
    "acceptance_unit": ("验收单位",),
    "state": ("整改状态", "状态"),
    "progress": ("进度", "整改进度", "完成进度"),
    "progress_note": ("完成情况", "目前进展情况", "进展情况", "整改进展", "整改进展情况", "整改完成情况"),
    "completed_on": ("完成日期",),
}
# When a ledger has both a 牵头单位 and a 责任单位 column, 牵头单位 names the
# lead and 责任单位 the others.
UNIT_PRIORITY = ("牵头单位", "牵头责任单位", "责任单位", "整改实施主体", "责任主体")
REQUIRED = ("number", "units", "deadline")
CONTENT = ("problem", "target", "measures")
HEADER_SCAN_ROWS = 30

_ALIASES = {name: field for field, names in FIELDS.items() for name in names}


def header_key(value) -> str:
    text = unicodedata.normalize("NFKC", str(value or ""))
    return re.sub(r"[\s:：*]+", "", text)


def field_of(value):
    key = header_key(value)
    if key in _ALIASES:
        return _ALIASES[key]
    bare = re.sub(r"\(.*?\)|\[.*?\]|【.*?】", "", key)
    return _ALIASES.get(bare)


def label(field: str) -> str:
    return FIELDS["co_units" if field.startswith("co_units_") else field][0]


def _assign(names):
    """{column index: field} for one header row (with any sub-header already applied)."""
    fields = [field_of(name) for name in names]

    def rank(i):
        # Unit columns in UNIT_PRIORITY order, so 牵头单位 takes "units" before 责任单位.
        key = header_key(names[i])
        return UNIT_PRIORITY.index(key) if fields[i] == "units" and key in UNIT_PRIORITY else len(UNIT_PRIORITY)

    columns, taken = {}, set()
    for i in sorted(range(len(names)), key=lambda i: (rank(i), i)):
        field = fields[i]
        if field == "units" and "units" in taken:
            field = "co_units"
        if field == "co_units" and field in taken:
            field = f"co_units_{i}"  # 牵头单位 + 责任单位 + 配合单位: both others are co-units
        if field is None or field in taken:
            continue  # not a ledger column, or a repeated one: the first counts
        taken.add(field)
        columns[i] = field
    return dict(sorted(columns.items()))


class Header:
    """Where the header is, which column holds which field, where the body starts."""

    def __init__(self, row_index, columns, names, body_start):
        self.row_index = row_index
        self.columns = columns
        self.names = names
        self.body_start = body_start
        self._column_names = {f: header_key(names[i]) for i, f in columns.items()}

    @property
    def fields(self):
        return set(self.columns.values())

    def column_name(self, field):
        """The column's name as the ledger writes it (for errors and the preview)."""
        return self._column_names.get(field) or label(field)


def find_header_row(grid, field_of=field_of, minimum=3, scan=HEADER_SCAN_ROWS):
    """(row index, names, body start) of the header row among the first `scan` rows (title rows may sit
    above it): the row naming most distinct fields by `field_of`, at least `minimum`; None if no row does.
    A second header row under it (a merged "责任单位" over "牵头单位 | 配合单位") refines the columns it
    names. Shared by every table importer (ledgers, complaint cases), each with its own `field_of`."""
    best, best_score = None, 0
    for index, row in enumerate(grid[:scan]):
        score = len({f for f in map(field_of, row) if f})
        if score > best_score:
            best, best_score = index, score
    if best is None or best_score < minimum:
        return None
    names = list(grid[best])
    body_start = best + 1
    if body_start < len(grid):
        below = grid[body_start]
        refined = [b if field_of(b) else a for a, b in zip(names, below)]
        if any(field_of(b) and header_key(b) != header_key(a) for a, b in zip(names, below)):
            names, body_start = refined, body_start + 1
    return best, names, body_start


def locate(grid) -> Header:
    """Find the ledger's header row (find_header_row) and assign its columns to fields."""
    found = find_header_row(grid)
    if found is None:
        raise ValidationError(_("没有找到表头行：前 %(n)s 行中没有“序号”“责任单位”“整改时限”等列名。")
                              % {"n": HEADER_SCAN_ROWS})
    best, names, body_start = found
    columns = _assign(names)
    fields = set(columns.values())
    missing = [label(f) for f in REQUIRED if f not in fields]
    if not fields & set(CONTENT):
        missing.append("/".join(label(f) for f in CONTENT))
    if missing:
        raise ValidationError(_("第 %(row)s 行的表头缺少必需的列：%(missing)s。") % {
            "row": best + 1, "missing": "、".join(missing)})
    return Header(best, columns, names, body_start)
