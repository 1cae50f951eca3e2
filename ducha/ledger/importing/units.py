"""Matching the unit names a ledger writes to known units.

Ledgers write the same unit many ways: 市生态环境局 / 丽水市生态环境局,
莲都区政府 / 莲都区人民政府 / 莲都区委区政府, full- or half-width brackets.
`unit_key` folds those differences away; `UnitIndex` maps every key of every
known unit (name, short name, aliases, with and without the division prefix)
to the unit. A units cell lists the lead unit first; "各县（市、区）党委和政府"
stands for the government of every county of the plan's division.
"""

import functools
import re
import unicodedata

from django.db.models import Q

from ducha.jurisdictions.models import Division, Unit, UnitKind

# Separators between unit names (never inside brackets: 各县（市、区）).
_SEPARATORS = set("、，,；;\n\r\t \u3000/／")
_GOVERNMENT_SUFFIX = re.compile(r"(党委和政府|党委和人民政府|党委政府|委政府|人民政府|政府)$")
_COLLECTIVE = re.compile(r"^各(县\(市、?区\)|县\(市\)区|县市区|县区|区县|县\(区\)|县)(党委和政府|党委政府|人民政府|政府)?$")
_LEVEL_CHARS = "省市县区"
_ROLE_NOTE = re.compile(r"[（(](?:牵头|配合|负责|协办|主办|参与)(?:单位)?[)）]$")
_LEAD_NOTE = re.compile(r"[（(](?:牵头|主办)(?:单位)?[)）]$")


def _nfkc(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name or "").split())


def unit_key(name: str) -> str:
    """The form two spellings of one unit share."""
    key = _nfkc(name).replace("党委、政府", "党委和政府")
    return _GOVERNMENT_SUFFIX.sub("政府", key)


@functools.lru_cache(maxsize=8192)
def split_units(cell: str) -> tuple[str, ...]:
    """Unit names in a cell, in order (one marked （牵头） first, the mark dropped);
    separators inside brackets do not split.
    (Cached: a ledger repeats the same few unit cells many times.)"""
    cell = (cell or "").replace("党委、政府", "党委和政府")
    names, current, depth = [], [], 0
    for ch in cell:
        if ch in "([{【（［":
            depth += 1
        elif ch in ")]}】）］":
            depth = max(0, depth - 1)
        if depth == 0 and ch in _SEPARATORS:
            names.append("".join(current))
            current = []
        else:
            current.append(ch)
    names.append("".join(current))
    names = [n.strip() for n in names if n.strip()]
    # "市生态环境局（牵头）" wherever it stands is the lead: first, without the note.
    leads = [i for i, n in enumerate(names) if _LEAD_NOTE.search(n)]
    if leads:
        names.insert(0, names.pop(leads[0]))
    return tuple(n for n in (_ROLE_NOTE.sub("", n).strip() for n in names) if n)


def is_collective(name: str) -> bool:
    """各县（市、区）, 各县（市、区）党委和政府, 各区县政府…"""
    return bool(_COLLECTIVE.match(_nfkc(name).replace("党委、政府", "党委和政府")))


def guess_kind(name: str) -> str:
    key = _nfkc(name)
    if _GOVERNMENT_SUFFIX.search(key) or key.endswith("党委"):
        return UnitKind.GOVERNMENT
    if "纪委" in key or "监委" in key or "监察" in key:
        return UnitKind.DISCIPLINE
    if "整改" in key and "办" in key:
        return UnitKind.OFFICE
    if re.search(r"(公司|集团|厂|企业)$", key):
        return UnitKind.ENTERPRISE
    return UnitKind.DEPARTMENT


class UnitIndex:
    """Known units along the plan's line of divisions, by every key they go by."""

    def __init__(self, division: Division):
        self.division = division
        codes = [c for c in division.path.split("/") if c]
        units = Unit.objects.filter(is_active=True).filter(
            Q(division__path__startswith=division.path) | Q(division__code__in=codes)
        ).select_related("division", "division__parent")
        self._by_key: dict[str, list[Unit]] = {}
        self._governments: dict[int, Unit] = {}
        self._found: dict[str, list[Unit]] = {}
        for unit in sorted(units, key=lambda u: (not u.name.endswith("人民政府"), u.name)):
            if unit.kind == UnitKind.GOVERNMENT:
                self._governments.setdefault(unit.division_id, unit)
            for key in self._keys(unit):
                bucket = self._by_key.setdefault(key, [])
                if unit not in bucket:
                    bucket.append(unit)
        self.prefixes = [d.name for d in division.ancestors().order_by("-level")]

    def _keys(self, unit: Unit):
        names = [unit.name, unit.short_name, *unit.alias_list()]
        div = unit.division
        keys = set()
        for name in filter(None, names):
            key = unit_key(name)
            keys.add(key)
            # 丽水市生态环境局 → 市生态环境局; 丽水市莲都区… → 莲都区…
            for d in (div, div.parent):
                if d is not None and key.startswith(d.name):
                    rest = key[len(d.name):]
                    if rest and rest != "政府":
                        keys.add(d.name[-1] + rest)
            if div.parent is not None and div.level == Division.Level.COUNTY:
                keys.add(unit_key(div.parent.name + name))
        return keys

    def find(self, name: str) -> list[Unit]:
        """Units the name may mean: one when matched, several when ambiguous."""
        if name not in self._found:
            self._found[name] = self._find(name)
        return self._found[name]

    def _find(self, name: str) -> list[Unit]:
        key = unit_key(name)
        candidates = [key]
        if key and key[0] in _LEVEL_CHARS:
            candidates += [p + key[1:] for p in self.prefixes if p.endswith(key[0])]
        for candidate in candidates:
            found = self._by_key.get(candidate)
            if found:
                return self._prefer_own(found)
        return []

    def _prefer_own(self, units):
        if len(units) > 1:
            own = [u for u in units if u.division_id == self.division.pk]
            if len(own) == 1:
                return own
        return units

    def county_government(self, county: Division):
        """The county's government unit (人民政府 preferred), or None."""
        return self._governments.get(county.pk)
