"""Cut a text into runs so that every run is covered by the same set of
highlighted spans (plain Python). Spans nest and overlap: a draft task covers
its whole section, a target one sentence in it."""

from dataclasses import dataclass


@dataclass
class Run:
    text: str
    items: list  # ids of the spans covering this run, outermost first
    kind: str = ""  # kind of the innermost span, "" when none

    @property
    def innermost(self):
        return self.items[-1] if self.items else None


def runs(text: str, spans) -> list[Run]:
    """spans: iterable of (item_id, start, end, kind). Empty spans are ignored."""
    spans = [(i, max(0, s), min(len(text), e), k) for i, s, e, k in spans if e > s]
    cuts = sorted({0, len(text)} | {s for _, s, _, _ in spans} | {e for _, _, e, _ in spans})
    starting, active, out = {}, set(), []
    for sp in spans:
        starting.setdefault(sp[1], []).append(sp)
    for a, b in zip(cuts, cuts[1:]):
        active = {sp for sp in active if sp[2] > a} | set(starting.get(a, ()))
        # Outermost first: longest span first, then earlier start, then id.
        covering = sorted(active, key=lambda sp: (-(sp[2] - sp[1]), sp[1], sp[0]))
        out.append(Run(text[a:b], [sp[0] for sp in covering], covering[-1][3] if covering else ""))
    return out
