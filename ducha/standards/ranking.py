"""Ranks with ties, as rankings of cities are published.

Competition ranking by default: equal values share the best rank and the
following ranks are skipped ("1, 1, 3"): "指数相同的城市以并列计" (安徽省生态
环境厅 ranking notes; 《城市环境空气质量变化程度排名方案》 2017: "如果空气质量
综合指数变化率相同，则以并列计"), with the next city ranked by its place in the
list. Dense ranking ("1, 1, 2") is a named option for the county releases
that number that way.
"""

from __future__ import annotations

from typing import Callable, Sequence

from .rounding import to_fraction


def rank(values: Sequence, *, ties: str = "competition", key: Callable | None = None) -> list[int | None]:
    """Ascending ranks of `values` (None values get None and are not counted).

    ties="competition": 1, 1, 3 (equal values share the best rank, the next
    ranks are skipped); ties="dense": 1, 1, 2.
    """
    if ties not in ("competition", "dense"):
        raise ValueError(f"并列规则“{ties}”：应为 competition 或 dense")
    keyed = [None if v is None else (key(v) if key else v) for v in values]
    present = sorted(k for k in keyed if k is not None)
    first: dict = {}
    distinct = 0
    for i, k in enumerate(present):
        if k not in first:
            distinct += 1
            first[k] = i + 1 if ties == "competition" else distinct
    return [None if k is None else first[k] for k in keyed]


def best_and_worst(names: Sequence[str], values: Sequence, n: int = 20) -> tuple[list[str], list[str]]:
    """The "前n / 后n" lists: every name ranked n or better from the best end
    and from the worst end, ties at the cut included (so a list can be longer
    than n). Worst list ordered worst first, as releases print it."""
    up = rank(values)
    down = rank([None if v is None else -to_fraction(v) for v in values])
    best = sorted((r, i) for i, r in enumerate(up) if r is not None and r <= n)
    worst = sorted((r, i) for i, r in enumerate(down) if r is not None and r <= n)
    return [names[i] for _r, i in best], [names[i] for _r, i in worst]
