"""The public site's registry: apps above this one add their sections (nav entry, home-page card, URLs)
and their receipt kinds (a prefix such as "YY" and a lookup answering what the public may see).

Register from an AppConfig.ready(); the public URLconf reads the registry when it is first imported."""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Section:
    """One part of the public site: mounted at /public/<key>/ with `urls` (a module path or list of
    patterns with its own app_name), linked in the nav as `label` to `url_name` (namespaced under
    "public:<key>:..."), and shown on the home page with `blurb`. `order` sorts the nav."""

    key: str
    label: str
    urls: object
    url_name: str
    order: int = 100
    icon: str = "bi-card-list"
    blurb: str = ""


@dataclass(frozen=True)
class ReceiptKind:
    """A kind of receipt number: `prefix` (upper-case letters) and `lookup(number) -> dict | None`, the
    public answer for that number ({"title", "status", "lines": [(label, text)], "url"}) or None when
    there is none. The lookup must return only what the public may see."""

    prefix: str
    label: str
    lookup: object = field(compare=False)


_SECTIONS: dict[str, Section] = {}
_RECEIPTS: dict[str, ReceiptKind] = {}


def register(section: Section):
    if not section.key.isidentifier():
        raise ValueError(f"public section key {section.key!r} must be a plain identifier")
    _SECTIONS[section.key] = section


def sections() -> list[Section]:
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.key))


def register_receipt(kind: ReceiptKind):
    if not (kind.prefix.isascii() and kind.prefix.isalpha() and kind.prefix.isupper()):
        raise ValueError(f"receipt prefix {kind.prefix!r} must be upper-case ASCII letters")
    _RECEIPTS[kind.prefix] = kind


def receipt_kind(prefix: str) -> ReceiptKind | None:
    return _RECEIPTS.get(prefix)
