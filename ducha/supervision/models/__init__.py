from .records import (
    AWAITING, NUMBERED, RUNNING, Escalation, Kind, ReplyAttachment, Sequence, State, Supervision, SupervisionReply,
)

__all__ = ["AWAITING", "NUMBERED", "RUNNING", "Escalation", "Kind", "ReplyAttachment", "Sequence", "State",
           "Supervision", "SupervisionReply"]
