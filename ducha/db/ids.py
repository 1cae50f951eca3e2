"""`field__id_list=[...]`: the column is one of these integer row ids, bound as one parameter (see
ducha.core.lookups, which registers it for every app, and ducha.db.fixed, which keeps such queries
compiled)."""

import json

from django.db.models import Field, ForeignObject, Lookup


class Later:
    """A parameter supplied when the compiled query runs (ducha.db.fixed), in place of the ids."""

    def __repr__(self):
        return "<ids>"


LATER = Later()


class IdList(Lookup):
    """`= ANY(%s)` with an array on PostgreSQL, `IN (SELECT value FROM json_each(%s))` with a JSON array on
    SQLite: both served by the column's index as an `IN (…)` list is, and one SQL text for any number of
    ids. Anything but integers is refused before any SQL is made."""

    lookup_name = "id_list"
    prepare_rhs = False

    def get_prep_lookup(self):
        return LATER if self.rhs is LATER else checked(self.rhs)

    def as_sql(self, compiler, connection):
        lhs, params = self.process_lhs(compiler, connection)
        value = self.rhs if self.rhs is LATER else bind(self.rhs, connection.vendor)
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s)", (*params, value)
        return f"{lhs} IN (SELECT value FROM json_each(%s))", (*params, value)


def checked(ids):
    """The ids as a list, if every one is an integer; TypeError otherwise."""
    ids = list(ids)
    if not all(type(value) is int for value in ids):
        raise TypeError("__id_list takes a list of integer ids")
    return ids


def bind(ids, vendor):
    """Checked integer ids as the one parameter of an `id_list` condition on this vendor's database."""
    return ids if vendor == "postgresql" else json.dumps(ids)


# Foreign keys take their lookups from ForeignObject upwards, not from Field.
Field.register_lookup(IdList)
ForeignObject.register_lookup(IdList)
