"""Matching 行政区域 text to a division (GB/T 2260 names and their variants), and spotting development
zones (经开区, 高新区…) that are not divisions.

`AreaMatcher(divisions)` takes (code, name, parent code, level) rows of one subtree. Each division is
known by its full name (莲都区), its name without the type suffix (莲都; 景宁 for 景宁畲族自治县) and, under
its parent, the two joined (丽水市莲都区, 丽水莲都区). `match(text)` returns the deepest division named;
when several of the same depth are named (a case shared by two counties) their nearest common ancestor;
when a short name is shared by two divisions and nothing else tells them apart, nothing.
"""

import re
from dataclasses import dataclass

_SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "自治州", "自治县", "自治旗",
             "地区", "省", "市", "区", "县", "旗", "盟", "州")
_ETHNIC = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,4}族)+自治[县州旗]$")
ZONES = re.compile(r"(经济技术开发区|经济开发区|高新技术产业开发区|高新技术开发区|高新区|经开区|开发区|工业园区|"
                   r"产业园区|产业集聚区|度假区|保税区|示范区|新区|园区|管委会)")
_NOISE = re.compile(r"[\s\u3000（）()【】\[\]“”\"'·,，、;；/]+")


def short_name(name: str) -> str:
    """莲都区 → 莲都, 景宁畲族自治县 → 景宁, 丽水市 → 丽水; '' when nothing of two characters is left."""
    match = _ETHNIC.match(name)
    if match:
        return match.group(1)
    for suffix in _SUFFIXES:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


@dataclass(frozen=True)
class AreaMatch:
    code: str | None
    zone: str = ""


class AreaMatcher:
    def __init__(self, divisions):
        rows = list(divisions)
        self.parent = {code: parent for code, _name, parent, _level in rows}
        self.level = {code: level for code, _name, _parent, level in rows}
        names = {code: name for code, name, _parent, _level in rows}
        variants: dict[str, set] = {}
        for code, name, parent, _level in rows:
            own = {name, short_name(name)} - {""}
            if parent in names:
                up = {names[parent], short_name(names[parent])} - {""}
                own |= {p + n for p in up for n in own}
            for variant in own:
                variants.setdefault(variant, set()).add(code)
        self.variants = variants
        ordered = sorted(variants, key=len, reverse=True)
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def _ancestors(self, code):
        chain = []
        while code:
            chain.append(code)
            code = self.parent.get(code)
        return chain

    def _common(self, codes):
        chains = [self._ancestors(c) for c in codes]
        shared = set(chains[0]).intersection(*map(set, chains[1:]))
        return next((c for c in chains[0] if c in shared), None)

    def match(self, text: str) -> AreaMatch:
        clean = _NOISE.sub("", text or "")
        zone_match = ZONES.search(clean)
        if not clean or self.pattern is None:
            return AreaMatch(None, zone_match.group(0) if zone_match else "")
        named, last_end = [], 0
        for found in self.pattern.finditer(clean):
            codes = self.variants[found.group(0)]
            named.append(codes)
            if zone_match is None or found.end() <= zone_match.start():
                last_end = found.end()
        zone = clean[last_end:zone_match.end()] if zone_match else ""
        # A name that is only part of the zone's own name (丽水经济开发区) still names the city.
        if not named:
            return AreaMatch(None, zone)
        # Each mention: a single division, or several sharing the name (ambiguous unless resolved below).
        sure = {next(iter(c)) for c in named if len(c) == 1}
        for codes in (c for c in named if len(c) > 1):
            inside = [c for c in codes if any(s in self._ancestors(c) for s in sure)]
            if len(inside) == 1:
                sure.add(inside[0])
            elif not sure:
                return AreaMatch(None, zone)
        deepest = max(self.level[c] for c in sure)
        # Mentions of a division and its own ancestors (丽水市莲都区) mean the division.
        leaves = [c for c in sure if not any(c != o and c in self._ancestors(o) for o in sure)]
        if len(leaves) == 1:
            return AreaMatch(leaves[0], zone)
        at_depth = [c for c in leaves if self.level[c] == deepest] or leaves
        return AreaMatch(self._common(at_depth), zone)
