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
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone


class FixedQuery:
    """A read whose SQL does not change with its parameters.

    `build(*params)` returns the queryset (a values_list) for the parameters, which are
    whole numbers (ids); the ORM must pass them to the database as they are, in the same
    order, and nothing else: checked the first time, so that a query whose SQL would
    differ with other values is refused rather than run with the wrong SQL.
    """

    def __init__(self, build: Callable[..., QuerySet], *, using: str = "default"):
        self.build = build
        self.using = using
        self._sql: dict[str, str] = {}  # by database alias

    def sql(self, *params: int) -> str:
        # Whole numbers only (ids): the ORM passes them on as they are, whatever their
        # value. Text may not be: a case-insensitive match escapes % and _ on SQLite, so
        # the SQL written for one value could be wrong for another.
        if any(type(param) is not int for param in params):
            raise TypeError(f"A FixedQuery takes whole numbers only, not {params!r}.")
        connection = connections[self.using]
        sql = self._sql.get(connection.alias)
        if sql is None:
            sql, built_params = self.build(*params).query.sql_with_params()
            if tuple(built_params) != params:
                raise ValueError(
                    f"The query's parameters {tuple(built_params)!r} are not the ones given "
                    f"{params!r}: its SQL cannot be written once."
                )
            self._sql[connection.alias] = sql
        return sql

    def rows(self, *params: int) -> list[tuple]:
        sql = self.sql(*params)
        with connections[self.using].cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def aware(value: datetime | None, using: str = "default") -> datetime | None:
    """A datetime as the ORM gives it: aware (SQLite's driver gives them naive, in UTC)."""
    if value is not None and settings.USE_TZ and timezone.is_naive(value):
        return timezone.make_aware(value, connections[using].timezone)
    return value
