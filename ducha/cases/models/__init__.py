from .batches import DEFAULT_DEADLINE_DAYS, Batch, CaseSetup, CaseType, RoutingRule
from .cases import CallBack, Case, CaseState, Review, Routing, Verdict
from .disclosure import DisclosureSetup
from .records import Allegation, Complainant
from .repeats import RepeatLink, RepeatReason, RepeatStatus

__all__ = ["DEFAULT_DEADLINE_DAYS", "Allegation", "Batch", "CallBack", "Case", "CaseSetup", "CaseState", "CaseType",
           "Complainant", "DisclosureSetup", "RepeatLink", "RepeatReason", "RepeatStatus", "Review", "Routing", "RoutingRule", "Verdict"]
