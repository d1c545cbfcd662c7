"""Small reads made on many pages, with SQL the ORM writes once.

For a small read, the ORM's work (building the query, compiling it, converting every value
of every row) takes longer than the database's: a ward page's 120 imported months took
2.2 ms read through the ORM and 0.4 ms with its SQL run as it is. A FixedQuery asks the
ORM for a query's SQL the first time it is run on a database and keeps it; later runs only
execute it with their parameters. The rows are the database driver's values: ints, text,
booleans and dates come back as the ORM gives them (SQLite's through the converters
Django registers for its column types); a datetime is naive UTC on SQLite and is made
aware with `aware()`. tests/test_fixedqueries.py and the tests of each query compare the
rows with the ORM's.
"""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.db import connections, models
from django.db.models import QuerySet
from django.utils import timezone


class FixedQuery:
    """A read whose SQL does not change with its parameters.

    `build(*params)` returns the queryset (a values_list) for the parameters: whole numbers
    (ids), or lists of them for `__in` (written once for each length of list). The ORM
    must pass them to the database as they are, in the same order, and nothing else:
    checked the first time, so that a query whose SQL would differ with other values is
    refused rather than run with the wrong SQL.
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self.build = build
        self.using = using
        self._sql: dict[tuple, str] = {}  # by database alias and lengths of lists
        self._model = self._fields = self._datetimes = None  # for objects()

    def rows(self, *params: int | list[int]) -> list[tuple]:
        # A list's repeats dropped, as the ORM drops them from `__in`.
        params = tuple(
            list(dict.fromkeys(param)) if isinstance(param, list | tuple) else param
            for param in params
        )
        values = []
        for param in params:
            values.extend(param if isinstance(param, list) else [param])
            if param == []:
                return []  # as the ORM's `__in=[]`: nothing, without asking the database
        # Whole numbers only (ids): the ORM passes them on as they are, whatever their
        # value. Text may not be: a case-insensitive match escapes % and _ on SQLite, so
        # the SQL written for one value could be wrong for another.
        if any(type(value) is not int for value in values):
            raise TypeError(f"A FixedQuery takes whole numbers only, not {params!r}.")
        connection = connections[self.using]
        key = (connection.alias, *(len(p) if isinstance(p, list) else None for p in params))
        sql = self._sql.get(key)
        if sql is None:
            sql, built = self.build(*params).query.sql_with_params()
            if list(built) != values:
                raise ValueError(
                    f"The query's parameters {tuple(built)!r} are not the ones given "
                    f"{params!r}: its SQL cannot be written once."
                )
            self._sql[key] = sql
        with connection.cursor() as cursor:
            cursor.execute(sql, values)
            return cursor.fetchall()

    def objects(self, *params: int | list[int]) -> list[models.Model]:
        """The rows as model instances with only the fields read, as `.only()` gives them:
        `build` then returns `Model.objects....values_list(*fields)`, the fields named by
        their attribute (`ward_set_id`, not `ward_set`) in the model's order. Datetimes
        are made aware; fields whose values the driver may give otherwise than the ORM
        (decimals, JSON, …) are refused."""
        if self._model is None:
            self._model, self._fields, self._datetimes = _fields_of(self.build(*params))
        model, fields, datetimes = self._model, self._fields, self._datetimes
        return [
            model_from_row(model, fields, row, using=self.using, datetimes=datetimes)
            for row in self.rows(*params)
        ]


# Field types whose values the database drivers give as the ORM does (SQLite's dates and
# booleans through the converters Django registers; datetimes made aware by `aware`).
_PLAIN_FIELDS = (
    models.AutoField,
    models.BigAutoField,
    models.IntegerField,  # and its Positive, Small and Big kinds
    models.CharField,  # and Slug and Email
    models.TextField,
    models.BooleanField,
    models.DateField,  # and DateTimeField
    models.ForeignKey,
)


def _fields_of(queryset: QuerySet) -> tuple[type[models.Model], tuple[str, ...], set[int]]:
    """The model and fields of a values_list queryset, checked for FixedQuery.objects."""
    model, names = queryset.model, tuple(queryset.query.values_select)
    by_attname = {field.attname: field for field in model._meta.concrete_fields}
    in_order = tuple(attname for attname in by_attname if attname in names)
    if names != in_order or model._meta.pk.attname not in names:
        raise ValueError(
            f"Read {names!r}: a FixedQuery's objects need their primary key and fields "
            f"named by attribute, in the model's order {in_order!r}."
        )
    for name in names:
        if not isinstance(by_attname[name], _PLAIN_FIELDS):
            raise ValueError(f"{model.__name__}.{name} is not a field FixedQuery reads.")
    return model, names, _datetime_positions(model, names)


def _datetime_positions(model: type[models.Model], attnames) -> set[int]:
    fields = {field.attname: field for field in model._meta.concrete_fields}
    return {i for i, name in enumerate(attnames) if isinstance(fields[name], models.DateTimeField)}


def model_from_row(
    model: type[models.Model],
    attnames,
    row,
    *,
    using: str = "default",
    datetimes: set[int] | None = None,
) -> models.Model:
    """A model instance from a row of SQL written once, as the ORM builds one (`attnames`
    in the model's order, the others deferred): its datetimes made aware. `datetimes`,
    the datetimes' positions, when already known."""
    if datetimes is None:
        datetimes = _datetime_positions(model, attnames)
    if datetimes:
        row = [aware(value, using) if i in datetimes else value for i, value in enumerate(row)]
    return model.from_db(connections[using].alias, attnames, row)


def every_field(model: type[models.Model]) -> list[str]:
    """The model's fields by attribute, in order: for FixedQuery.objects of whole rows."""
    return [field.attname for field in model._meta.concrete_fields]


def aware(value: datetime | None, using: str = "default") -> datetime | None:
    """A datetime as the ORM gives it: aware (SQLite's driver gives them naive, in UTC)."""
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value, connections[using].timezone)
    return value
