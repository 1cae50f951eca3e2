from .measurements import AirDailyValue, WaterSectionResult
from .targets import Comparator, Indicator, IndicatorTarget

__all__ = ["AirDailyValue", "Comparator", "Indicator", "IndicatorTarget", "WaterSectionResult"]
