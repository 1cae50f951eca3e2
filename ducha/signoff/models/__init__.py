from .applications import (
    OPEN_STATES, Application, ApplicationEvidence, ApplicationState, CoUnitConfirmation, EvidenceSource, OnsiteCheck,
    OnsiteFinding, OnsitePhoto, Outcome, ReviewRound, SelfCheck, Signature,
)
from .common import Standard
from .notices import (
    Answer, Channel, Document, DocumentKind, Filing, Notice, Objection, ObjectionAttachment, ObjectionContact,
)
from .policy import AcceptanceLevel, AcceptancePolicy, DayKind, TaskLevel

__all__ = [
    "OPEN_STATES", "AcceptanceLevel", "AcceptancePolicy", "Answer", "Application", "ApplicationEvidence",
    "ApplicationState", "Channel", "CoUnitConfirmation", "DayKind", "Document", "DocumentKind", "EvidenceSource",
    "Filing", "Notice", "Objection", "ObjectionAttachment", "ObjectionContact", "OnsiteCheck", "OnsiteFinding",
    "OnsitePhoto", "Outcome", "ReviewRound", "SelfCheck", "Signature", "Standard", "TaskLevel",
]
