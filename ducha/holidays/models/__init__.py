from .days import CalendarDay, CalendarYear

__all__ = ["CalendarDay", "CalendarYear"]
