from .divisions import Division
from .units import Unit, UnitKind
from .users import Role, User

__all__ = ["Division", "Role", "Unit", "UnitKind", "User"]
