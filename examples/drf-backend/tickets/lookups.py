import json

from django.db import NotSupportedError
from django.db.models import JSONField, Lookup


@JSONField.register_lookup
class JSONContainsAny(Lookup):
    """
    ``field__contains_any=[a, b]``: the JSON array in ``field`` holds at least one of the values.

    Django's ``contains`` lookup on JSONField is not available on SQLite, so
    this one is written with SQLite's ``json_each`` table-valued function.
    """

    lookup_name = 'contains_any'
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        raise NotSupportedError('contains_any is only implemented for SQLite.')

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        sql = (
            f'EXISTS (SELECT 1 FROM json_each({lhs}) AS element '
            'WHERE element.value IN (SELECT value FROM json_each(%s)))'
        )
        return sql, (*lhs_params, json.dumps(list(self.rhs)))
