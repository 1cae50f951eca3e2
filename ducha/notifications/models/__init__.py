from .digests import DigestLog
from .notifications import Notification

__all__ = ["DigestLog", "Notification"]
