from .reports import ProgressReport, ReportEvidence, ScheduleClaim

__all__ = ["ProgressReport", "ReportEvidence", "ScheduleClaim"]
