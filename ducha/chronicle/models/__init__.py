from .entries import ChronicleEntry

__all__ = ["ChronicleEntry"]
