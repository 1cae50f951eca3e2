"""Routing proposals (分办): the division a case's 行政区域 names, and the lead and co-units the routing
rules give for that division and the case's types. The coordinator confirms or changes a proposal
(ducha.cases.actions.routing); a case whose area matches nothing stays 待分办 for routing by hand."""

from dataclasses import dataclass, field

from ducha.jurisdictions.models import Division, Unit

from .models import Routing, RoutingRule
from .reading.areas import AreaMatcher


def matcher_for(division: Division) -> AreaMatcher:
    """An area matcher over the inspection's division and everything below it."""
    rows = Division.objects.filter(path__startswith=division.path).values_list("code", "name", "parent__code",
                                                                             "level")
    return AreaMatcher(rows)


@dataclass
class Proposal:
    division: Division | None = None
    zone: str = ""
    lead_unit: Unit | None = None
    co_units: list = field(default_factory=list)

    @property
    def routing(self):
        """A proposal names a lead unit or the case waits for routing by hand (待分办), even when its
        division is known (two counties → their city, which no rule serves)."""
        return Routing.PROPOSED if self.lead_unit is not None else Routing.PENDING


class Router:
    """Built once per import (or routing page): divisions by code, rules and zone units loaded once."""

    def __init__(self, inspection):
        self.inspection = inspection
        root = inspection.division
        self.matcher = matcher_for(root)
        self.divisions = {d.code: d for d in Division.objects.filter(path__startswith=root.path)}
        self.rules = list(RoutingRule.objects.filter(
            division__path__startswith=root.path).select_related("division", "lead_unit")
            .prefetch_related("co_units")) + list(RoutingRule.objects.filter(division__isnull=True).filter(
                inspection__in=[None, inspection]).select_related("lead_unit").prefetch_related("co_units"))
        self._proposals = {}
        self.zone_units = [u for u in Unit.objects.filter(division__path__startswith=root.path, is_active=True)
                           if u.name or u.aliases]

    def _zone_unit(self, zone):
        for unit in self.zone_units:
            names = [unit.name, unit.short_name] + [a.strip() for a in unit.aliases.splitlines() if a.strip()]
            if any(zone and zone in n for n in names if n):
                return unit
        return None

    def rule_for(self, division, type_ids):
        """The most specific rule: deepest division on the case's line, then a named type, then priority."""
        line = division.path if division else ""
        best, best_key = None, None
        for rule in self.rules:
            if rule.inspection_id not in (None, self.inspection.pk):
                continue
            if rule.division_id and not line.startswith(rule.division.path):
                continue
            if rule.case_type_id and rule.case_type_id not in type_ids:
                continue
            key = (len(rule.division.path) if rule.division_id else 0, bool(rule.case_type_id), rule.priority)
            if best_key is None or key > best_key:
                best, best_key = rule, key
        return best

    def propose(self, area_text, type_ids, fallback_text="") -> Proposal:
        """The proposal for one case (remembered per area and types: a batch repeats them)."""
        key = (area_text, fallback_text, frozenset(type_ids))
        if key not in self._proposals:
            self._proposals[key] = self._propose(area_text, type_ids, fallback_text)
        found = self._proposals[key]
        return Proposal(found.division, found.zone, found.lead_unit, list(found.co_units))

    def _propose(self, area_text, type_ids, fallback_text="") -> Proposal:
        found = self.matcher.match(area_text)
        if found.code is None and not found.zone and fallback_text:
            found = self.matcher.match(fallback_text)
        proposal = Proposal(division=self.divisions.get(found.code), zone=found.zone[:64])
        if proposal.zone:
            proposal.lead_unit = self._zone_unit(proposal.zone)
        if proposal.lead_unit is None and proposal.division is not None:
            rule = self.rule_for(proposal.division, type_ids)
            if rule is not None:
                proposal.lead_unit = rule.lead_unit
                proposal.co_units = list(rule.co_units.all())
        return proposal
