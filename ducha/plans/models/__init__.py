from .documents import DocumentState, PlanDocument
from .items import Decision, ExtractedItem, ItemKind

__all__ = ["Decision", "DocumentState", "ExtractedItem", "ItemKind", "PlanDocument"]
