"""Statistics of complaint cases: by batch, division, type, verdict and state, with the 不属实 rate and
the completion rates over their stated denominators (exact decimals, ducha.cases.disclosure.summary.rate)."""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from ducha.cases.disclosure.summary import rate
from ducha.cases.models import Case, CaseState, CaseType, Verdict

TRUE_ANY = (Verdict.TRUE, Verdict.MOSTLY, Verdict.PARTLY)
CLOSED = (CaseState.DONE, CaseState.STAGED)


def _counts():
    return {
        "total": Count("pk", distinct=True),
        "done": Count("pk", filter=Q(state=CaseState.DONE), distinct=True),
        "staged": Count("pk", filter=Q(state=CaseState.STAGED), distinct=True),
        "handling": Count("pk", filter=Q(state=CaseState.HANDLING), distinct=True),
        "verified": Count("pk", filter=~Q(verdict=""), distinct=True),
        "false": Count("pk", filter=Q(verdict=Verdict.FALSE), distinct=True),
        "true_any": Count("pk", filter=Q(verdict__in=TRUE_ANY), distinct=True),
        "true_closed": Count("pk", filter=Q(verdict__in=TRUE_ANY, state__in=CLOSED), distinct=True),
    }


@dataclass
class Line:
    label: str
    total: int = 0
    done: int = 0
    staged: int = 0
    handling: int = 0
    verified: int = 0
    false: int = 0
    true_any: int = 0
    true_closed: int = 0
    key: str = ""

    @property
    def false_rate(self):
        """不属实率 = 不属实件数 ÷ 已给出核实结论的件数."""
        return rate(self.false, self.verified)

    @property
    def completion_rate(self):
        """办结率 = (已办结 + 阶段性办结) ÷ 交办件数."""
        return rate(self.done + self.staged, self.total)

    @property
    def true_completion_rate(self):
        """属实件办结率 = 属实（含基本、部分属实）件中已办结与阶段性办结件数 ÷ 属实（含基本、部分属实）件数."""
        return rate(self.true_closed, self.true_any)


DENOMINATORS = {
    "false_rate": "不属实件数 ÷ 已给出核实结论的件数",
    "completion_rate": "（已办结 + 阶段性办结）件数 ÷ 交办件数",
    "true_completion_rate": "属实、基本属实、部分属实件中已办结与阶段性办结件数 ÷ 属实、基本属实、部分属实件数",
}


@dataclass
class Stats:
    overall: Line
    by_batch: list = field(default_factory=list)
    by_division: list = field(default_factory=list)
    by_type: list = field(default_factory=list)
    by_verdict: list = field(default_factory=list)
    by_state: list = field(default_factory=list)


def _lines(queryset, group, label):
    rows = queryset.order_by().values(group).annotate(**_counts()).order_by(group)
    return [Line(label=label(row[group]), key=str(row[group] or ""),
                 **{k: row[k] for k in _counts()}) for row in rows]


def case_stats(cases):
    """`cases`: a Case queryset already restricted to what the reader may see."""
    overall = Line(label="合计", **cases.order_by().aggregate(**_counts()))
    divisions = dict(cases.order_by().values_list("division_id", "division__name").distinct())
    types = dict(CaseType.objects.values_list("pk", "name"))
    through = Case.types.through.objects.filter(case_id__in=cases.values("pk"))
    type_counts = dict(through.values("casetype_id").annotate(n=Count("case_id")).values_list("casetype_id", "n"))
    by_type = [Line(label=name, total=type_counts.get(pk, 0), key=str(pk)) for pk, name in types.items()
               if type_counts.get(pk)]
    return Stats(
        overall=overall,
        by_batch=_lines(cases, "batch__number", lambda n: f"第{n}批"),
        by_division=_lines(cases, "division_id", lambda pk: divisions.get(pk) or "待分办"),
        by_type=by_type,
        by_verdict=_lines(cases, "verdict", lambda v: str(Verdict(v).label) if v else "未核实"),
        by_state=_lines(cases, "state", lambda s: str(CaseState(s).label)),
    )
