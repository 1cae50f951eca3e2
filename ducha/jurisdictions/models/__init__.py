from .accounts import ApiToken, FailedLogin
from .divisions import Division
from .units import Unit, UnitKind
from .users import Role, User

__all__ = ["ApiToken", "Division", "FailedLogin", "Role", "Unit", "UnitKind", "User"]
