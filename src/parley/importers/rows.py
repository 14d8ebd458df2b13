"""Plain INSERT / UPDATE statements for the import's largest tables (comments, examples).

Django's bulk_create prepares every value of every row through the field machinery; for
half a million comments that alone takes minutes. Here each column's conversion is chosen
once, values the import does not set come from the field's default (also prepared once),
and rows go to the database with executemany. Only used inside the import transaction.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import connection, models
from django.utils import timezone


def chunks(values: list, size: int = 900):
    """Slices of at most `size` values: below SQLite's historical 999-parameter limit."""
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _adapter(field: models.Field) -> Callable | None:
    """The per-value conversion for a column, or None when the driver takes it as is."""
    ops = connection.ops
    if isinstance(field, models.DateTimeField):
        return ops.adapt_datetimefield_value
    if isinstance(field, models.GenericIPAddressField):
        return ops.adapt_ipaddressfield_value
    if isinstance(field, models.JSONField | models.DecimalField | models.UUIDField):
        return lambda value, f=field: f.get_db_prep_save(value, connection)
    return None


class RowWriter:
    """INSERT rows of `model` given values for `columns` (attnames), in that order."""

    def __init__(self, model: type[models.Model], columns: Sequence[str]):
        self.model = model
        self.columns = list(columns)
        quote = connection.ops.quote_name
        by_attname = {f.attname: f for f in model._meta.concrete_fields}
        given = [by_attname[name] for name in self.columns]
        self.adapters = [(i, a) for i, f in enumerate(given) if (a := _adapter(f))]
        # Every other column gets its default, prepared once (the primary key is left out so
        # the database numbers the rows).
        now = timezone.now()
        self.constants = []
        for field in model._meta.concrete_fields:
            if field.attname in self.columns or field.primary_key:
                continue
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value = now
            else:
                value = field.get_default()
            self.constants.append((field, field.get_db_prep_save(value, connection)))
        names = [f.column for f in given] + [f.column for f, _ in self.constants]
        self.table = quote(model._meta.db_table)
        # Several rows per statement (fewer round trips), within 999 parameters.
        self.per_statement = max(1, 900 // len(names))
        one_row = f"({', '.join(['%s'] * len(names))})"
        head = f"INSERT INTO {self.table} ({', '.join(quote(n) for n in names)}) VALUES "
        self.insert_sql = head + one_row
        self.insert_many_sql = head + ", ".join([one_row] * self.per_statement)
        self.update_sql = (
            f"UPDATE {self.table} SET "
            + ", ".join(f"{quote(f.column)} = %s" for f in given)
            + f" WHERE {quote(model._meta.pk.column)} = %s"
        )
        self.tail = tuple(value for _, value in self.constants)

    def _prepared(self, row: Sequence) -> list:
        values = list(row)
        for index, adapt in self.adapters:
            if values[index] is not None:
                values[index] = adapt(values[index])
        return values

    def insert(self, rows: Sequence[Sequence]) -> None:
        if not rows:
            return
        tail = self.tail
        prepared = [(*self._prepared(r), *tail) for r in rows]
        size = self.per_statement
        whole = len(prepared) - len(prepared) % size
        groups = [
            [value for row in prepared[start : start + size] for value in row]
            for start in range(0, whole, size)
        ]
        with connection.cursor() as cursor:
            if groups:
                cursor.executemany(self.insert_many_sql, groups)
            if whole < len(prepared):
                cursor.executemany(self.insert_sql, prepared[whole:])

    def update(self, rows: Sequence[tuple[int, Sequence]]) -> None:
        """UPDATE the given columns of each (primary key, values) pair."""
        if not rows:
            return
        with connection.cursor() as cursor:
            cursor.executemany(self.update_sql, [(*self._prepared(r), pk) for pk, r in rows])


def execute_many(sql: str, params: list[Sequence]) -> None:
    if params:
        with connection.cursor() as cursor:
            cursor.executemany(sql, params)


def delete_where(model: type[models.Model], column: str, values: Sequence, **equal) -> int:
    """DELETE rows whose `column` is in `values` (and each `equal` column matches).

    A plain DELETE: QuerySet.delete() would first load every row, because some app
    listens to pre_delete for all models.
    """
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    extra = "".join(f" AND {quote(name)} = %s" for name in equal)
    deleted = 0
    with connection.cursor() as cursor:
        for start in range(0, len(values), 900):
            chunk = list(values[start : start + 900])
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(
                f"DELETE FROM {table} WHERE {quote(column)} IN ({marks}){extra}",
                [*chunk, *equal.values()],
            )
            deleted += cursor.rowcount
    return deleted
