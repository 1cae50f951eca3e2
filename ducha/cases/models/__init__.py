from .batches import DEFAULT_DEADLINE_DAYS, Batch, CaseSetup, CaseType, RoutingRule
from .cases import CallBack, Case, CaseState, Review, Routing, Verdict
from .disclosure import DisclosureSetup
from .records import Allegation, Complainant
from .repeats import RepeatBand, RepeatLink, RepeatReason, RepeatStatus, mark_visible

__all__ = ["DEFAULT_DEADLINE_DAYS", "Allegation", "Batch", "CallBack", "Case", "CaseSetup", "CaseState", "CaseType",
           "Complainant", "DisclosureSetup", "RepeatBand", "RepeatLink", "RepeatReason", "RepeatStatus", "Review", "Routing", "RoutingRule", "Verdict",
           "mark_visible"]
