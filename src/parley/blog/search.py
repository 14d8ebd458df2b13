"""Site search: one function, backed by SQLite FTS5 or PostgreSQL full-text search."""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connection
from django.db.models import Case, IntegerField, QuerySet, When
from django.db.models.expressions import RawSQL

MAX_RESULTS = 200
MAX_QUERY_LENGTH = 200
_WORD = re.compile(r"\w+", re.UNICODE)

# The same expression as the GIN index of migration 0003, so PostgreSQL uses the index.
PG_DOCUMENT = (
    "setweight(to_tsvector('english'::regconfig, COALESCE(title, '')), 'A')"
    " || setweight(to_tsvector('english'::regconfig, COALESCE(body, '')), 'B')"
)


def search_words(query: str) -> list[str]:
    """The words of a visitor's query; operators and quotes are dropped, never parsed."""
    return _WORD.findall(query[:MAX_QUERY_LENGTH])[:20]


def search(queryset: QuerySet, query: str) -> QuerySet:
    """Posts of `queryset` matching every word of `query`, best match first.

    The caller decides what may be found (e.g. only published posts); this only ranks.
    """
    words = search_words(query)
    if not words:
        return queryset.none()
    if connection.vendor == "postgresql":
        return _postgres(queryset, words)
    return _sqlite(queryset, words)


def _sqlite(queryset, words):
    # Each word quoted (an FTS5 string), the last one also as a prefix: "djan" finds Django.
    quoted = ['"{}"'.format(word.replace('"', "")) for word in words]
    match = " ".join(quoted[:-1] + [quoted[-1] + "*"])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM blog_post_fts WHERE blog_post_fts MATCH %s ORDER BY rank LIMIT %s",
            [match, MAX_RESULTS * 5],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return queryset.none()
    order = Case(*[When(pk=pk, then=i) for i, pk in enumerate(ids)], output_field=IntegerField())
    return queryset.filter(pk__in=ids).order_by(order)[:MAX_RESULTS]


def _postgres(queryset, words):
    document = RawSQL(PG_DOCUMENT, [], output_field=SearchVectorField())
    query = SearchQuery(" ".join(words), config="english", search_type="plain")
    return (
        queryset.alias(document=document)
        .filter(document=query)
        .annotate(rank=SearchRank(document, query))
        .order_by("-rank", "-published_at")[:MAX_RESULTS]
    )
