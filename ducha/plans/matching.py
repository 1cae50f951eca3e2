"""Match unit names written in a plan to known units (plain Python).

Plans write "市生态环境局" or "莲都区政府" where the register says
"丽水市生态环境局" and "莲都区人民政府"; each unit is known under its name,
short name, aliases and those spellings. A spelling shared by two units is
ambiguous and matches neither, so a person chooses.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class KnownUnit:
    id: int
    names: tuple  # name, short name, aliases
    division_name: str = ""


def _spellings(name: str, division_name: str):
    name = name.strip()
    if not name:
        return set()
    out = {name}
    if "人民政府" in name:
        out.add(name.replace("人民政府", "政府"))
    for prefix in filter(None, (division_name, division_name[:-1] if len(division_name) > 2 else "")):
        if name.startswith(prefix) and len(name) > len(prefix) + 1:
            rest = name[len(prefix):]
            # "丽水市生态环境局" is also "市生态环境局".
            out.add(division_name[-1] + rest if not rest.startswith(division_name[-1]) else rest)
    return out


class UnitIndex:
    def __init__(self, units):
        exact, loose = {}, {}
        for unit in units:
            for name in unit.names:
                if not name:
                    continue
                exact.setdefault(name.strip(), set()).add(unit.id)
                for spelling in _spellings(name, unit.division_name) - {name.strip()}:
                    loose.setdefault(spelling, set()).add(unit.id)
        self.exact, self.loose = exact, loose

    def match(self, name: str):
        """The id of the one unit known by this name, else None."""
        name = (name or "").strip()
        for table in (self.exact, self.loose):
            ids = table.get(name)
            if ids:
                return next(iter(ids)) if len(ids) == 1 else None
        return None
