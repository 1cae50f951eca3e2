from .evidence import evidence_download
from .reports import report_new

__all__ = ["evidence_download", "report_new"]
