from .throttle import Hit

__all__ = ["Hit"]
