from .targets import Comparator, Indicator, IndicatorTarget

__all__ = ["Comparator", "Indicator", "IndicatorTarget"]
