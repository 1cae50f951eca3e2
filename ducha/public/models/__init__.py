from .throttle import Gate, Hit

__all__ = ["Gate", "Hit"]
