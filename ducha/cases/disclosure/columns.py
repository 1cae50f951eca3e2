"""The public table's columns and rows.

An inspection's DisclosureSetup may list columns (one a line, "key" or "key:表头") to follow the variant
its office publishes; otherwise STANDARD applies. Every text cell is masked (ducha.text.masking)."""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ducha.cases.models import Case, CaseState, DisclosureSetup, Review, Verdict
from ducha.text.masking import mask_personal

from .known import complainants

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """11 → 十一, 20 → 二十, 105 → 一百零五 (batch numbers as titles write them)."""
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _DIGITS[n // 10] + "十" + (_DIGITS[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if not rest else ("零" + _DIGITS[rest] if rest < 10 else
                                     ("一" + chinese_number(rest) if rest < 20 else chinese_number(rest)))
        return _DIGITS[n // 100] + "百" + tail
    return str(n)


def _state_label(case):
    return str(CaseState(case.state).label)


def _verdict(case):
    return str(Verdict(case.verdict).label) if case.verdict else (case.verdict_text or "")


def _types(case):
    return case.type_text or "、".join(t.name for t in case.types.all())


def _area(case):
    return case.area_text or (case.division.name if case.division_id else "")


def _units(case):
    names = [case.lead_unit.name] if case.lead_unit_id else []
    names += [u.name for u in case.co_units.all()]
    return "；".join(filter(None, [_area(case), "、".join(names)]))


def _or_none(text):
    return text.strip() if text and text.strip() else "无"


# key → (standard header, width in characters, cell function). Texts are masked by `public_table`.
COLUMNS = {
    "serial": ("序号", 6, lambda c, i: str(c.serial or i)),
    "number": ("受理编号", 20, lambda c, i: c.number_raw or c.number),
    "summary": ("交办问题基本情况", 48, lambda c, i: c.summary),
    "area": ("行政区域", 12, lambda c, i: _area(c)),
    "types": ("污染类型", 10, lambda c, i: _types(c)),
    "investigation": ("调查核实情况", 48, lambda c, i: c.investigation),
    "verdict": ("是否属实", 8, lambda c, i: _verdict(c)),
    "handling": ("处理和整改情况", 48, lambda c, i: c.handling),
    "accountability": ("责任人被处理情况", 24, lambda c, i: _or_none(c.accountability)),
    "channel": ("受理方式", 8, lambda c, i: c.channel),
    "state": ("是否办结", 10, lambda c, i: _state_label(c)),
    "goal": ("办结目标", 24, lambda c, i: c.rectification_goal),
    "note": ("备注", 12, lambda c, i: str((c.extra or {}).get("备注", ""))),
    "area_units": ("涉及区县及部门", 20, lambda c, i: _units(c)),
    "handling_accountability": ("处理处罚和问责情况", 48,
                                lambda c, i: "\n".join(filter(None, [c.handling, c.accountability]))),
}
STANDARD = ["serial", "number", "summary", "area", "types", "investigation", "verdict", "handling", "accountability"]


@dataclass
class Column:
    key: str
    header: str
    width: int


@dataclass
class PublicTable:
    title: str
    columns: list
    rows: list  # lists of str, masked
    batch: object
    total: int  # cases in the batch, disclosed or not


def parse_columns(text):
    """The column list of a DisclosureSetup; ValidationError naming the line of an unknown key."""
    columns = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        key, _sep, header = line.replace("：", ":").partition(":")
        key = key.strip()
        if key not in COLUMNS:
            raise ValidationError({"columns": _("第%(n)d行：未知的列代码“%(key)s”，可用：%(keys)s") % {
                "n": number, "key": key[:40], "keys": "、".join(COLUMNS)}})
        standard, width, _cell = COLUMNS[key]
        columns.append(Column(key, header.strip()[:40] or standard, width))
    return columns or [Column(k, COLUMNS[k][0], COLUMNS[k][1]) for k in STANDARD]


def _setup(inspection):
    return DisclosureSetup.objects.filter(inspection=inspection).first()


def _issuer(inspection):
    """中央 for a central inspection; the province (or city) name for a provincial (or city) one."""
    if inspection.level == "central":
        return "中央"
    division = inspection.division
    while division.parent_id and (inspection.level == "provincial" and division.level > 1
                                  or inspection.level == "city" and division.level > 2):
        division = division.parent
    return division.name


def table_title(inspection, batch_number):
    setup = _setup(inspection)
    number = chinese_number(batch_number)
    if setup and setup.title:
        return setup.title.replace("{batch}", number)
    return f"{_issuer(inspection)}生态环境保护督察群众信访举报转办和边督边改公开情况一览表（第{number}批）"


def disclosed_cases(queryset=None):
    """Cases the public may see: reviewed and approved by the coordinator."""
    queryset = Case.objects.all() if queryset is None else queryset
    return queryset.filter(review=Review.APPROVED)


def public_table(batch):
    setup = _setup(batch.inspection)
    columns = parse_columns(setup.columns if setup else "")
    cases = (disclosed_cases(batch.cases.all()).select_related("division", "lead_unit")
             .prefetch_related("types", "co_units").order_by("serial", "id"))
    return PublicTable(table_title(batch.inspection, batch.number), columns, public_rows(cases, columns), batch,
                       batch.cases.count())


def public_preview(case):
    """(header, text) of one case as the public table will show it, for the coordinator who reviews it:
    the office's columns, masked (the serial and number, which carry nothing personal, left out)."""
    setup = _setup(case.inspection)
    columns = [c for c in parse_columns(setup.columns if setup else "") if c.key not in ("serial", "number")]
    (row,) = public_rows([case], columns)
    return [(column.header, text) for column, text in zip(columns, row)]


def public_rows(cases, columns):
    """The cells of `cases` under `columns`, masked as the public sees them (the case's own complainant
    included, wherever a text names them)."""
    cases = list(cases)
    known = complainants(cases)
    return [[mask_personal(COLUMNS[col.key][2](case, index) or "", known.get(case.pk, ()))
             for col in columns] for index, case in enumerate(cases, start=1)]
