"""The batch's summary sentences, generated from the records.

"第十一批共27件，已办结7件、阶段性办结17件、正在办理3件；责令整改3家，立案处罚8家，罚款1.2万元，立案侦查1件，
拘留2人，约谈4人，问责2人。…截至目前，第1—11批累计…" — every figure over the disclosed (reviewed) cases,
the batch's transferred total stated beside them, every rate with its denominator named, fines exact
(元 summed as Decimal, shown in 万元 without rounding)."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q, Sum

from ducha.cases.models import Case, CaseState, Verdict

from .columns import chinese_number, disclosed_cases

_SUMS = ("ordered_to_rectify", "penalty_cases", "fine_yuan", "criminal_cases", "administrative_detentions",
         "criminal_detentions", "interviews", "accountable_persons")


@dataclass
class Figures:
    count: int
    done: int
    staged: int
    handling: int
    verdicts: dict
    sums: dict

    @property
    def found_true(self):
        return sum(self.verdicts[v] for v in (Verdict.TRUE, Verdict.MOSTLY, Verdict.PARTLY))


@dataclass
class Summary:
    batch_number: int
    total: int  # transferred in the batch
    batch: Figures
    cumulative_total: int
    cumulative: Figures
    true_closed: int  # found true (any degree) and closed (done or staged), in the batch

    @property
    def sentences(self):
        return [self.batch_sentence(), self.rates_sentence(), self.cumulative_sentence()]

    @property
    def text(self):
        return "".join(self.sentences)

    def batch_sentence(self):
        f = self.batch
        head = f"第{chinese_number(self.batch_number)}批共{self.total}件"
        if f.count != self.total:
            head += f"，已审核公开{f.count}件，其中"
        else:
            head += "，"
        return head + _states(f) + "；" + _enforcement(f) + "。"

    def rates_sentence(self):
        f, n = self.batch, self.batch.count
        v = f.verdicts
        return (f"经调查核实，属实{v[Verdict.TRUE]}件、基本属实{v[Verdict.MOSTLY]}件、部分属实{v[Verdict.PARTLY]}件、"
                f"不属实{v[Verdict.FALSE]}件；不属实率{rate(v[Verdict.FALSE], n)}（不属实件数÷本批已公开件数{n}件），"
                f"办结率{rate(f.done + f.staged, n)}（已办结与阶段性办结件数÷本批已公开件数{n}件），"
                f"属实件办结率{rate(self.true_closed, f.found_true)}"
                f"（属实、基本属实、部分属实件中已办结与阶段性办结件数÷属实、基本属实、部分属实件数{f.found_true}件）。")

    def cumulative_sentence(self):
        f = self.cumulative
        span = "第1批" if self.batch_number == 1 else f"第1—{self.batch_number}批"
        return (f"截至目前，{span}累计交办{self.cumulative_total}件，已公开{f.count}件，" + _states(f) + "；"
                + _enforcement(f) + "。")


def _states(f):
    return f"已办结{f.done}件、阶段性办结{f.staged}件、正在办理{f.handling}件"


def wan_yuan(yuan):
    """元 → 万元, exact: 251542.71 → 25.154271, 50000 → 5."""
    value = (Decimal(yuan or 0) / Decimal(10000)).normalize()
    return format(value, "f")


def rate(numerator, denominator):
    if not denominator:
        return "—（分母为0）"
    value = (Decimal(numerator) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return f"{value}%"


def _enforcement(f):
    s = f.sums
    detained = s["administrative_detentions"] + s["criminal_detentions"]
    return (f"责令整改{s['ordered_to_rectify']}家，立案处罚{s['penalty_cases']}家，罚款{wan_yuan(s['fine_yuan'])}万元，"
            f"立案侦查{s['criminal_cases']}件，拘留{detained}人，约谈{s['interviews']}人，问责{s['accountable_persons']}人")


def figures(queryset):
    counts = {"count": Count("pk"),
              **{f"state_{s}": Count("pk", filter=Q(state=s)) for s in CaseState.values},
              **{f"verdict_{v}": Count("pk", filter=Q(verdict=v)) for v in Verdict.values},
              **{f"sum_{name}": Sum(name) for name in _SUMS}}
    row = queryset.order_by().aggregate(**counts)
    sums = {name: row[f"sum_{name}"] or (Decimal(0) if name == "fine_yuan" else 0) for name in _SUMS}
    return Figures(row["count"], row[f"state_{CaseState.DONE}"], row[f"state_{CaseState.STAGED}"],
                   row[f"state_{CaseState.HANDLING}"], {v: row[f"verdict_{v}"] for v in Verdict.values}, sums)


def batch_summary(batch):
    in_batch = Case.objects.filter(batch=batch)
    so_far = Case.objects.filter(inspection_id=batch.inspection_id, batch__number__lte=batch.number)
    disclosed = disclosed_cases(in_batch)
    true_closed = disclosed.filter(verdict__in=[Verdict.TRUE, Verdict.MOSTLY, Verdict.PARTLY],
                                   state__in=[CaseState.DONE, CaseState.STAGED]).count()
    return Summary(batch.number, in_batch.count(), figures(disclosed), so_far.count(),
                   figures(disclosed_cases(so_far)), true_closed)
