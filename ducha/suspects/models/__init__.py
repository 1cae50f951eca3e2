from .suspects import Suspect, SuspectState

__all__ = ["Suspect", "SuspectState"]
