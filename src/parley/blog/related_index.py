"""Related posts in the database: full rebuild, incremental updates, and the page lookup."""

import threading
import time
from collections import defaultdict
from contextlib import contextmanager

import numpy as np
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from parley.blog import related
from parley.blog.models import Post, PostTerm, RelatedPost, Term

# The indexes of PostTerm and RelatedPost (as in their Meta and migrations): a full
# rebuild drops them, bulk-loads the rows, and builds them again.
BULK_INDEXES = [
    ("postterm_post_idx", PostTerm._meta.db_table, "post_id"),
    ("postterm_term_idx", PostTerm._meta.db_table, "term_id, post_id, weight"),
    ("related_lookup_idx", RelatedPost._meta.db_table, "post_id, rank"),
    ("related_reverse_idx", RelatedPost._meta.db_table, "related_id"),
]
# A pseudo-term whose document frequency is the number of indexed posts (IDF's N), kept
# with the other counts because COUNT(*) over the posts is slow on PostgreSQL. Real terms
# never contain "#".
DOCUMENTS = "#documents"
# Candidate posts considered when inserting a new post into other posts' lists.
MAX_CANDIDATES = 1000
_state = threading.local()


def is_indexed_kind(post: Post) -> bool:
    """Published posts are indexed, scheduled ones too: the lookup hides them until due."""
    return post.kind == Post.Kind.POST and post.status == Post.Status.PUBLISHED


def document_for(post: Post) -> related.Document:
    return related.Document(
        title=post.title,
        body=post.body,
        tags=tuple(post.tags.values_list("slug", flat=True)),
        categories=tuple(post.categories.values_list("slug", flat=True)),
    )


def related_posts(post: Post) -> list[Post]:
    """The "Related Posts" of a page: one indexed query, only posts a visitor may open."""
    links = (
        RelatedPost.objects.filter(
            post=post,
            related__status=Post.Status.PUBLISHED,
            related__published_at__lte=timezone.now(),
        )
        .select_related("related")
        # Only what the block shows: the bodies of four posts are not needed to link them.
        .only(
            "related__kind",
            "related__title",
            "related__slug",
            "related__status",
            "related__published_at",
        )
        .order_by("rank")
    )
    return [link.related for link in links]


# ---- incremental updates -------------------------------------------------------------


def index_post(post: Post) -> None:
    """(Re)index one post after it was published, edited or unpublished."""
    if not is_indexed_kind(post):
        remove_post(post.pk)
        return
    doc_tokens = related.tokens(document_for(post))
    distinct = sorted(set(doc_tokens))
    with transaction.atomic():
        was_indexed = PostTerm.objects.filter(post_id=post.pk).exists()
        affected = _detach(post.pk)
        _count_terms([*distinct, DOCUMENTS], increment=not was_indexed)
        terms = {t.text: t for t in _terms_by_text([*distinct, DOCUMENTS])}
        n_docs = max(terms.pop(DOCUMENTS).df, 1)
        vector = related.weigh(doc_tokens, {t: terms[t].df for t in terms}, n_docs)
        PostTerm.objects.bulk_create(
            PostTerm(post_id=post.pk, term_id=terms[t].pk, weight=w) for t, w in vector.items()
        )
        by_term_id = {terms[t].pk: w for t, w in vector.items()}
        scores = _scores(by_term_id, exclude=post.pk)
        _write_list(post.pk, related.top_related(scores))
        recompute_many(sorted(affected))
        _insert_into_others(post.pk, scores, skip=affected)


def remove_post(post_id: int) -> None:
    """Take a post out of the index and repair the lists it appeared in."""
    with transaction.atomic():
        was_indexed = PostTerm.objects.filter(post_id=post_id).exists()
        recompute_many(sorted(_detach(post_id)))
        if was_indexed:
            Term.objects.filter(text=DOCUMENTS, df__gt=0).update(df=F("df") - 1)


def recompute(post_id: int) -> None:
    """Recompute one post's list from its stored terms (one candidate query)."""
    recompute_many([post_id])


def recompute_many(post_ids) -> None:
    """Recompute several lists: one candidate query each, then one write for all."""
    vectors = defaultdict(dict)
    rows = PostTerm.objects.filter(post_id__in=list(post_ids))
    for pid, tid, weight in rows.values_list("post_id", "term_id", "weight"):
        vectors[pid][tid] = weight
    lists = {
        pid: related.top_related(_scores(vectors[pid], pid, limit=related.MAX_RELATED * 2))
        if vectors[pid]
        else []
        for pid in post_ids
    }
    _replace_lists(lists)


def _detach(post_id: int) -> set[int]:
    """Delete a post's terms and list entries; return the posts that had it in their list."""
    affected = set(RelatedPost.objects.filter(related_id=post_id).values_list("post_id", flat=True))
    _delete_where(RelatedPost, "post_id", [post_id])
    _delete_where(RelatedPost, "related_id", [post_id])
    _delete_where(PostTerm, "post_id", [post_id])
    return affected - {post_id}


def _delete_where(model, column: str, ids: list[int]) -> None:
    """A plain DELETE: these rows have no dependants, so the ORM's collector is not needed."""
    with connection.cursor() as cursor:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ", ".join(["%s"] * len(chunk))
            cursor.execute(f"DELETE FROM {model._meta.db_table} WHERE {column} IN ({marks})", chunk)


def _count_terms(texts: list[str], increment: bool) -> None:
    """Add missing terms; count this post in their document frequency if it is new."""
    table = Term._meta.db_table
    update = f"{table}.df + 1" if increment else f"{table}.df"
    with connection.cursor() as cursor:  # one statement per 500 terms, not one per term
        for start in range(0, len(texts), 500):
            chunk = [t[:100] for t in texts[start : start + 500]]
            values = ", ".join(["(%s, 1)"] * len(chunk))
            cursor.execute(
                f"INSERT INTO {table} (text, df) VALUES {values} "
                f"ON CONFLICT (text) DO UPDATE SET df = {update}",
                chunk,
            )


def _terms_by_text(texts: list[str]):
    found = []
    for start in range(0, len(texts), 500):
        found += Term.objects.filter(text__in=[t[:100] for t in texts[start : start + 500]])
    return found


def _scores(
    vector: dict[int, float], exclude: int, limit: int = MAX_CANDIDATES
) -> dict[int, float]:
    """Cosine scores of every post sharing a term with `vector` and passing the threshold."""
    if not vector:
        return {}
    items = sorted(vector.items())
    case = "CASE term_id " + " ".join("WHEN %s THEN %s" for _ in items) + " END"
    case_params = [p for item in items for p in item]
    score = f"SUM(weight * {case})"
    placeholders = ", ".join(["%s"] * len(items))
    sql = (
        f"SELECT post_id, {score} FROM {PostTerm._meta.db_table} "
        f"WHERE term_id IN ({placeholders}) AND post_id <> %s "
        f"GROUP BY post_id HAVING {score} >= %s ORDER BY 2 DESC, 1 LIMIT %s"
    )
    params = case_params + [tid for tid, _ in items] + [exclude] + case_params
    params += [related.THRESHOLD, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {int(pid): float(s) for pid, s in cursor.fetchall()}


def _write_list(post_id: int, ranked: list[tuple[int, float]]) -> None:
    _replace_lists({post_id: ranked})


def _replace_lists(lists: dict[int, list[tuple[int, float]]]) -> None:
    """Replace several posts' lists with one delete and one insert per 500 posts."""
    _delete_where(RelatedPost, "post_id", list(lists))
    RelatedPost.objects.bulk_create(
        (
            RelatedPost(post_id=pid, related_id=rid, score=score, rank=rank)
            for pid, ranked in lists.items()
            for rank, (rid, score) in enumerate(ranked, start=1)
        ),
        batch_size=500,
    )


def _insert_into_others(post_id: int, scores: dict[int, float], skip: set[int]) -> None:
    """Put the post into the lists of candidates where it beats their weakest entry."""
    candidates = [pid for pid in scores if pid not in skip]
    current = defaultdict(list)
    for start in range(0, len(candidates), 500):
        rows = RelatedPost.objects.filter(post_id__in=candidates[start : start + 500])
        for pid, rid, score in rows.values_list("post_id", "related_id", "score"):
            current[pid].append((rid, score))
    changed = {}
    for pid in candidates:
        merged = related.merge_into(current[pid], post_id, scores[pid])
        if merged is not None:
            changed[pid] = merged
    _replace_lists(changed)


# ---- full rebuild --------------------------------------------------------------------


def rebuild(chunk: int = 2000) -> dict:
    """Recompute the whole index from the published posts; returns counts and timings."""
    clock = _Clock()
    tags, categories = defaultdict(list), defaultdict(list)
    for pid, slug in Post.tags.through.objects.values_list("post_id", "tag__slug"):
        tags[pid].append(slug)
    for pid, slug in Post.categories.through.objects.values_list("post_id", "category__slug"):
        categories[pid].append(slug)
    rows = (
        Post.objects.posts()
        .filter(status=Post.Status.PUBLISHED)
        .order_by("pk")
        .values_list("pk", "title", "body")
        .iterator(chunk_size=chunk)
    )
    index = related.build_index(
        (pid, related.Document(title, body, tuple(tags[pid]), tuple(categories[pid])))
        for pid, title, body in rows
    )
    clock.lap("read_and_vectorize")
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks run as statements go from here on: DROP INDEX,
            # TRUNCATE and CREATE INDEX refuse to run while such checks are pending.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for name, _, _ in BULK_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")
        tables = [m._meta.db_table for m in (RelatedPost, PostTerm, Term)]
        if connection.vendor == "postgresql":
            # TRUNCATE skips per-row foreign-key checks (over dead rows, without indexes).
            cursor.execute(f"TRUNCATE {', '.join(tables)}")
        else:
            for table in tables:  # raw: the ORM would load every row first
                cursor.execute(f"DELETE FROM {table}")
        term_ids = _write_terms(index)
        Term.objects.create(text=DOCUMENTS, df=len(index.ids))
        clock.lap("clear_and_write_terms")
        _write_vectors(cursor, index, term_ids, chunk)
        clock.lap("write_post_terms")
        links = _write_lists(cursor, index, chunk)
        clock.lap("similarity_and_write_lists")
        # One sorted pass per index is much faster than updating them row by row.
        for name, table, columns in BULK_INDEXES:
            cursor.execute(f"CREATE INDEX {name} ON {table} ({columns})")
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # Django's default for its FKs
            # Fresh statistics, or the planner misjudges the tables it has just seen filled.
            for model in (Term, PostTerm, RelatedPost):
                cursor.execute(f"ANALYZE {model._meta.db_table}")
    clock.lap("build_indexes_and_commit")
    return {
        "posts": len(index.ids),
        "terms": len(index.vocabulary),
        "links": links,
        "timings": clock.laps,
    }


class _Clock:
    def __init__(self):
        self.laps, self.last = {}, time.perf_counter()

    def lap(self, name):
        now = time.perf_counter()
        self.laps[name], self.last = now - self.last, now


def _write_terms(index: related.FullIndex) -> list[int]:
    """Insert the vocabulary; return each column's Term id."""
    table = Term._meta.db_table
    with connection.cursor() as cursor:
        rows = [(t[:100], int(d)) for t, d in zip(index.vocabulary, index.df, strict=True)]
        _bulk_insert(cursor, table, ("text", "df"), rows)
        cursor.execute(f"SELECT text, id FROM {table}")
        ids = dict(cursor.fetchall())
    return [ids[t[:100]] for t in index.vocabulary]


def _write_vectors(cursor, index: related.FullIndex, term_ids: list[int], chunk: int) -> None:
    vectors, table = index.vectors, PostTerm._meta.db_table
    terms = np.asarray(term_ids, dtype=np.int64)
    rows_per_batch = chunk * 5
    for start in range(0, len(index.ids), rows_per_batch):
        stop = min(start + rows_per_batch, len(index.ids))
        lo, hi = vectors.indptr[start], vectors.indptr[stop]
        counts = np.diff(vectors.indptr[start : stop + 1])
        post_ids = np.repeat(np.asarray(index.ids[start:stop], dtype=np.int64), counts)
        batch = zip(
            post_ids.tolist(),
            terms[vectors.indices[lo:hi]].tolist(),
            vectors.data[lo:hi].astype(np.float64).tolist(),
            strict=True,
        )
        _bulk_insert(cursor, table, ("post_id", "term_id", "weight"), batch)


def _write_lists(cursor, index: related.FullIndex, chunk: int) -> int:
    table, links, batch = RelatedPost._meta.db_table, 0, []
    for pid, ranked in related.all_neighbours(index, chunk):
        batch += [(pid, rid, score, rank) for rank, (rid, score) in enumerate(ranked, 1)]
        if len(batch) >= 20000:
            links += _insert_links(cursor, table, batch)
            batch = []
    return links + _insert_links(cursor, table, batch)


def _insert_links(cursor, table, batch) -> int:
    _bulk_insert(cursor, table, ("post_id", "related_id", "score", "rank"), batch)
    return len(batch)


def _bulk_insert(cursor, table: str, columns: tuple[str, ...], rows) -> None:
    """Insert many rows: COPY on PostgreSQL (psycopg 3), executemany elsewhere."""
    names = ", ".join(columns)
    raw = getattr(cursor, "cursor", None)
    if connection.vendor == "postgresql" and hasattr(raw, "copy"):
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", list(rows))


# ---- signals glue --------------------------------------------------------------------


@contextmanager
def suspended():
    """Skip per-save updates (bulk imports, demo content); run rebuild() afterwards."""
    previous = getattr(_state, "suspended", False)
    _state.suspended = True
    try:
        yield
    finally:
        _state.suspended = previous


def is_suspended() -> bool:
    return getattr(_state, "suspended", False)


def schedule(post_id: int) -> None:
    """Reindex a post once its transaction commits (after the admin has saved its tags).

    One save in the admin sends several signals (the post, then its tags and categories);
    the post is reindexed once per transaction.
    """
    if connection.in_atomic_block:
        for _sids, func, _robust in getattr(connection, "run_on_commit", []):
            if getattr(func, "related_post_id", None) == post_id and not func.ran:
                return

    def run():
        run.ran = True
        post = Post.objects.filter(pk=post_id).first()
        if post is None:
            remove_post(post_id)
        else:
            index_post(post)

    run.related_post_id = post_id
    run.ran = False
    transaction.on_commit(run)
