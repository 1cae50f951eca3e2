from .files import FileKind, StoredFile

__all__ = ["FileKind", "StoredFile"]
