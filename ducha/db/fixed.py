"""Reads of a fixed shape, built and compiled by the ORM once per thread instead of once per request.

A list page reads its rows by the ids it has already picked (the rows themselves, their units, domains,
stages): the same query every time but for the list of ids. Building and compiling such a query through the
ORM (filter, values, joins, SQL) cost several times what executing it costs; a page of the task API spent
more time there than in all of its SQL. FixedQuery keeps what the ORM made — the SQL, its parameters, the
column names and the converters of each column — and runs it again with other ids:

    UNITS = FixedQuery(lambda ids: TaskUnit.objects.filter(task_id__id_list=ids).values_list("task_id", "unit_id"))
    UNITS(page_ids)  # -> [(task_id, unit_id), ...], as values_list() would give them

The ids go in as one parameter (`field__id_list=`, ducha.db.ids), so the SQL text is the same for
any number of ids.
Only queries whose every other value is a constant belong here: the function is called once per thread,
with a marker in place of the ids, and whatever else it reads then is kept for good (a user's scope is not
a constant; nor is today's date).
"""

import threading

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import FlatValuesListIterable, ValuesIterable, ValuesListIterable

from .ids import LATER as IDS, bind, checked


class _Plan:
    __slots__ = ("sql", "params", "at", "names", "converters", "connection", "shape")


class FixedQuery:
    """See the module docstring. `build(ids)` returns a values() or values_list() queryset in which `ids`
    appears exactly once, as the value of an `id_list` condition."""

    def __init__(self, build):
        self._build = build
        self._local = threading.local()  # compiled per thread: each with its own connection

    def __call__(self, ids):
        ids = checked(ids)
        if not ids:
            return []
        connection = connections[DEFAULT_DB_ALIAS]
        plan = self._plan(connection)
        params = list(plan.params)
        params[plan.at] = bind(ids, connection.vendor)
        with connection.cursor() as cursor:
            cursor.execute(plan.sql, params)
            rows = cursor.fetchall()
        if plan.converters:
            rows = _convert(rows, plan.converters, connection)
        if plan.shape is ValuesIterable:
            names = plan.names
            return [dict(zip(names, row)) for row in rows]
        if plan.shape is FlatValuesListIterable:
            return [row[0] for row in rows]
        return [tuple(row) for row in rows]

    def _plan(self, connection):
        plans = self._local.__dict__.setdefault("plans", {})
        plan = plans.get(connection.alias)
        if plan is not None and plan.connection is connection:
            return plan
        queryset = self._build(IDS)
        shape = queryset._iterable_class
        if shape not in (ValuesIterable, ValuesListIterable, FlatValuesListIterable):
            raise TypeError("FixedQuery takes a values() or values_list() queryset")
        compiler = queryset.query.get_compiler(connection=connection)
        sql, params = compiler.as_sql()
        at = [i for i, value in enumerate(params) if value is IDS]
        if len(at) != 1:
            raise ValueError(f"FixedQuery: the ids must appear once among the parameters, not {len(at)} times")
        plan = _Plan()
        plan.sql, plan.params, plan.at, plan.shape, plan.connection = sql, tuple(params), at[0], shape, connection
        query = queryset.query
        plan.names = (list(query.selected) if query.selected
                      else [*query.extra_select, *query.values_select, *query.annotation_select])
        fields = [column[0] for column in compiler.select[:compiler.col_count]]
        plan.converters = list(compiler.get_converters(fields).items())
        plans[connection.alias] = plan
        return plan


def _convert(rows, converters, connection):
    """SQLCompiler.apply_converters, on rows already fetched."""
    out = []
    for row in rows:
        row = list(row)
        for position, (functions, expression) in converters:
            value = row[position]
            for convert in functions:
                value = convert(value, expression, connection)
            row[position] = value
        out.append(row)
    return out
