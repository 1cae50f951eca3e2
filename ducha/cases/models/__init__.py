from .batches import DEFAULT_DEADLINE_DAYS, Batch, CaseSetup, CaseType, RoutingRule
from .cases import CallBack, Case, CaseState, Review, Routing, Verdict
from .records import Allegation, Complainant

__all__ = ["DEFAULT_DEADLINE_DAYS", "Allegation", "Batch", "CallBack", "Case", "CaseSetup", "CaseState", "CaseType",
           "Complainant", "Review", "Routing", "RoutingRule", "Verdict"]
