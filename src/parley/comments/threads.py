"""The discussion under a post: which comments a reader sees, nested and paginated."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.paginator import Paginator
from django.db import connections, router
from django.utils.dates import MONTHS
from django.utils.functional import cached_property
from django.utils.timezone import get_current_timezone, localtime, template_localtime
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from parley.comments.models import Comment
from parley.comments.rendering import avatar_html, render_comment, safe_author_url
from parley.core.models import SiteSettings

PAGE_PARAM = "cpage"
# Django date format of a comment's visible time: "March 4, 2026 at 9:05 am".
TIME_FORMAT = r"F j, Y \a\t g:i a"


@dataclass(frozen=True)
class ClockWords:
    """Month names and "a.m."/"p.m." in one language, translated once, not per comment."""

    months: dict[int, str]
    am: str
    pm: str


def clock_words() -> ClockWords:
    language = get_language()
    found = _CLOCK_WORDS.get(language)
    if found is None:
        months = {number: str(name) for number, name in MONTHS.items()}
        found = _CLOCK_WORDS[language] = ClockWords(months, _("a.m."), _("p.m."))
    return found


_CLOCK_WORDS: dict[str | None, ClockWords] = {}


@dataclass
class Node:
    comment: "ThreadComment"
    depth: int
    can_reply: bool
    children: list["Node"] = field(default_factory=list)
    low_value_children: list["Node"] = field(default_factory=list)
    held: bool = False

    @cached_property
    def html(self) -> str:
        # Rendered at save time; a row written without it (raw SQL) is rendered here.
        stored = self.comment.content_html
        if stored or not self.comment.content:
            return stored
        return render_comment(self.comment.content)

    @cached_property
    def local_time(self):
        if self.zone is not None:
            return localtime(self.comment.created_at, self.zone)
        return template_localtime(self.comment.created_at)

    @cached_property
    def time_iso(self) -> str:
        return self.local_time.isoformat()  # what dateformat's "c" gives

    @cached_property
    def time_text(self) -> str:
        # dateformat.format(t, TIME_FORMAT) spelled out: building a DateFormat per comment was
        # a visible share of the thread's cost. tests/comments/test_thread_markup.py compares.
        t = self.local_time
        words = self.words or clock_words()
        meridiem = words.pm if t.hour > 11 else words.am
        clock = f"{t.hour % 12 or 12}:{t.minute:02d} {meridiem}"
        return f"{words.months[t.month]} {t.day}, {t.year:04d} at {clock}"

    @cached_property
    def is_by_author(self) -> bool:
        return bool(self.comment.user_id) and self.comment.user_id == self.post_author_id

    post_author_id: int | None = None
    permalink: str = ""
    # The reader's time zone and language, looked up once per thread, not per comment.
    zone: object = None
    words: ClockWords | None = None

    # Strings prepared here so the template does plain lookups (no per-comment number
    # localisation or nested conditions): a thread page renders ~50 of these.
    @cached_property
    def cid(self) -> str:
        return str(self.comment.pk)

    @cached_property
    def css_class(self) -> str:
        classes = f"comment depth-{self.depth}"
        if self.held:
            classes += " comment-held"
        if self.is_by_author:
            classes += " bypostauthor"
        return classes

    @cached_property
    def show_reply(self) -> bool:
        return self.can_reply and not self.held

    @cached_property
    def author_url(self) -> str:
        return safe_author_url(self.comment.author_url)

    @cached_property
    def avatar(self) -> str:
        return avatar_html(self.comment.author_name, self.comment.author_email)


@dataclass
class Step:
    """One piece of a thread's markup, in document order: a thread renders in one flat loop.

    kind: "comment" opens a comment's <li> (its body); "end" closes it; "children" and
    "end_children" wrap its replies; "low" and "end_low" wrap its collapsed low-value replies.
    """

    kind: str
    node: Node | None = None
    count: int = 0


def flatten(nodes: list[Node]) -> list[Step]:
    """The nested nodes as one list of steps, so no template recursion or include per comment."""
    steps: list[Step] = []

    def walk(items: list[Node]) -> None:
        for node in items:
            steps.append(Step("comment", node))
            if node.children or node.low_value_children:
                steps.append(Step("children"))
                walk(node.children)
                steps.append(Step("end_children"))
                if node.low_value_children:
                    steps.append(Step("low", count=len(node.low_value_children)))
                    walk(node.low_value_children)
                    steps.append(Step("end_low"))
            steps.append(Step("end"))

    walk(nodes)
    return steps


@dataclass(slots=True)
class ThreadComment:
    """One visible comment as the thread needs it: plain values, no model instance.

    A busy post's thread loads hundreds of rows per uncached view; model instances (and the
    post_init signal each one sends) were the largest part of that page's cost. Only the
    comments on the shown page get their details (`load_details`).
    """

    pk: int
    parent_id: int | None
    status: str
    low_value: bool
    created_at: object = None
    author_name: str = ""
    author_email: str = ""
    author_url: str = ""
    content: str = ""
    content_html: str = ""
    user_id: int | None = None


# The structure query (visible_comments) is ordered by (created_at, id), so its order is
# the thread's order and the time itself is needed (and converted) only for those shown.
DETAIL_FIELDS = (
    "id",
    "created_at",
    "author_name",
    "author_email",
    "author_url",
    "content",
    "content_html",
    "user_id",
)


def _comment_rows(columns, where: str, params: list, order_by=()) -> list[tuple]:
    """Rows of plain SQL on the comments table, on the database reads go to.

    `where` names columns as {name}; the ORM's query building and per-row converters cost
    several times these small queries (0.53 ms against 0.14 ms for a 200-comment thread).
    """
    database = connections[router.db_for_read(Comment)]
    quote = database.ops.quote_name
    names = {name: quote(name) for name in {*columns, *order_by, "id", "status", "post_id"}}
    sql = f"SELECT {', '.join(names[c] for c in columns)} FROM {quote(Comment._meta.db_table)}"
    sql += " WHERE " + where.format(**names)
    if order_by:
        sql += " ORDER BY " + ", ".join(names[c] for c in order_by)
    with database.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def visible_comments(post, held_ids=()) -> list[ThreadComment]:
    """Approved comments plus the reader's own held ones, oldest first (structure only)."""
    visible = "{status} = %s"
    params: list = [post.pk, Comment.Status.APPROVED]
    held = [int(pk) for pk in held_ids]
    if held:
        marks = ", ".join(["%s"] * len(held))
        visible = "(" + visible + " OR ({id} IN (" + marks + ") AND {status} = %s))"
        params += [*held, Comment.Status.PENDING]
    where = "{post_id} = %s AND " + visible
    rows = _comment_rows(
        ("id", "parent_id", "status", "low_value"), where, params, ("created_at", "id")
    )
    return [ThreadComment(pk, parent, status, bool(low)) for pk, parent, status, low in rows]


def load_details(comments: list[ThreadComment]) -> None:
    """Fill in times, names, links and text for these comments, in one query; times go
    through the backend's own datetime converter (SQLite gives text, PostgreSQL datetimes)."""
    by_id = {c.pk: c for c in comments}
    if not by_id:
        return
    marks = ", ".join(["%s"] * len(by_id))
    rows = _comment_rows(DETAIL_FIELDS, "{id} IN (" + marks + ")", list(by_id))
    database = connections[router.db_for_read(Comment)]
    convert = getattr(database.ops, "convert_datetimefield_value", None)
    for pk, created_at, *details in rows:
        comment = by_id[pk]
        comment.created_at = convert(created_at, None, database) if convert else created_at
        (
            comment.author_name,
            comment.author_email,
            comment.author_url,
            comment.content,
            comment.content_html,
            comment.user_id,
        ) = details


@dataclass
class Discussion:
    post: object
    count: int
    page_obj: object
    nodes: list[Node]
    low_value_nodes: list[Node]
    max_depth: int

    @cached_property
    def steps(self) -> list[Step]:
        return flatten(self.nodes)

    @cached_property
    def low_value_steps(self) -> list[Step]:
        return flatten(self.low_value_nodes)


def _split(nodes: list[Node], collapse: bool) -> tuple[list[Node], list[Node]]:
    if not collapse:
        return nodes, []
    return (
        [n for n in nodes if not n.comment.low_value],
        [n for n in nodes if n.comment.low_value],
    )


def build(post, held_ids=(), page=None, site: SiteSettings | None = None) -> Discussion:
    site = site or SiteSettings.load()
    max_depth = max(1, site.thread_depth)
    collapse = site.low_value_policy == SiteSettings.LowValuePolicy.COLLAPSE
    comments = visible_comments(post, held_ids)
    by_id = {c.pk: c for c in comments}
    children: dict[int | None, list[ThreadComment]] = defaultdict(list)
    for comment in comments:
        # A reply whose parent is not visible (held, spam) is shown at the top level.
        key = comment.parent_id if comment.parent_id in by_id else None
        children[key].append(comment)
    held = {c.pk for c in comments if c.status == Comment.Status.PENDING}
    rank = {c.pk: i for i, c in enumerate(comments)}  # oldest first

    def descendants(comment: ThreadComment) -> list[ThreadComment]:
        found = []
        for child in children.get(comment.pk, []):
            found.append(child)
            found.extend(descendants(child))
        return sorted(found, key=lambda c: rank[c.pk])

    def make(items: list[ThreadComment], depth: int) -> list[Node]:
        out = []
        for comment in items:
            if depth < max_depth:
                node = Node(comment, depth, True, held=comment.pk in held)
                node.children, node.low_value_children = _split(
                    make(children.get(comment.pk, []), depth + 1), collapse
                )
                out.append(node)
            else:
                # At the deepest level replies continue flat, as WordPress shows them.
                out.append(Node(comment, depth, False, held=comment.pk in held))
                out.extend(Node(d, depth, False, held=d.pk in held) for d in descendants(comment))
        return out

    # Pages hold top-level comments with their replies: only the shown page becomes nodes.
    paginator = Paginator(children.get(None, []), max(1, site.comments_per_page))
    page_obj = paginator.get_page(page)
    nodes, low = _split(make(list(page_obj.object_list), 1), collapse)
    load_details([node.comment for node in walk(nodes + low)])

    post_url = post.get_absolute_url()
    query = f"?{PAGE_PARAM}={page_obj.number}" if page_obj.number > 1 else ""

    zone = get_current_timezone() if settings.USE_TZ else None
    words = clock_words()

    def stamp(items: list[Node]) -> None:
        for node in items:
            node.zone = zone
            node.words = words
            node.post_author_id = post.author_id
            node.permalink = f"{post_url}{query}#comment-{node.comment.pk}"
            stamp(node.children)
            stamp(node.low_value_children)

    stamp(nodes)
    stamp(low)
    count = sum(1 for c in comments if c.status == Comment.Status.APPROVED)
    return Discussion(post, count, page_obj, nodes, low, max_depth)


def walk(nodes: list[Node]):
    """Every node in these trees, parents before their replies."""
    for node in nodes:
        yield node
        yield from walk(node.children)
        yield from walk(node.low_value_children)


def page_finder(post, held_ids=(), site: SiteSettings | None = None):
    """A function giving a comment's page (1-based) on `post`, from one query for the post.

    A feed links ~30 comments of the same post: they share this instead of a query each.
    """
    site = site or SiteSettings.load()
    per_page = max(1, site.comments_per_page)
    comments = visible_comments(post, held_ids)
    by_id = {c.pk: c for c in comments}
    tops = {c.pk: i for i, c in enumerate(c for c in comments if c.parent_id not in by_id)}

    def page(comment: Comment) -> int:
        top = by_id.get(comment.pk, comment)
        seen = set()
        while top.parent_id in by_id and top.pk not in seen:
            seen.add(top.pk)
            top = by_id[top.parent_id]
        index = tops.get(top.pk)
        return 1 if index is None else index // per_page + 1

    return page


def page_of(comment: Comment, held_ids=(), site: SiteSettings | None = None) -> int:
    """The comment page (1-based) on which a comment appears, for its permalink."""
    return page_finder(comment.post, set(held_ids) | {comment.pk}, site)(comment)


def permalink(comment: Comment, page: int | None = None) -> str:
    page = page if page is not None else page_of(comment)
    query = f"?{PAGE_PARAM}={page}" if page > 1 else ""
    return f"{comment.post.get_absolute_url()}{query}#comment-{comment.pk}"
