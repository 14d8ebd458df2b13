"""`{% discussion post %}`: the comments and the "Leave a Reply" form under a post."""

from django import template
from django.urls import reverse

from parley.comments import cookies, markup, messages, threads
from parley.comments.forms import CONSENT_FIELD, CommentForm, initial_for, sign_timestamp
from parley.comments.models import Comment
from parley.comments.moderation import comments_closed
from parley.core.models import SiteSettings

register = template.Library()


def _reply_target(request, post, held):
    """The comment named by ?replytocom=ID, when the reader may see it (no-JS replies)."""
    value = request.GET.get("replytocom", "") if request else ""
    if not value.isdigit():
        return None
    comment = Comment.objects.filter(pk=int(value), post=post).first()
    if comment and (comment.status == Comment.Status.APPROVED or comment.pk in held):
        return comment
    return None


def form_context(request, post, form=None, error=None, reply_to=None) -> dict:
    """What comments/form.html needs; shared with the error page of a refused comment."""
    saved = remembered = cookies.saved_commenter(request) if request else {}
    user = getattr(request, "user", None)
    if not saved and user is not None and user.is_authenticated:
        # A logged-in reader's page is private already (session), so naming them is safe.
        saved = {"author": user.get_full_name() or user.get_username(), "email": user.email}
    if form is None:
        form = CommentForm(initial=initial_for(post.pk, reply_to.pk if reply_to else 0, saved))
    return {
        "post": post,
        "form": form,
        "form_error": error,
        "reply_to": reply_to,
        "consent_checked": bool(remembered) or bool(form.is_bound and form.data.get(CONSENT_FIELD)),
        # Without JavaScript the returned form still puts the cursor on the first error.
        "first_error": next(
            (name for name in ("comment", "author", "email", "url") if form.errors.get(name)),
            None,
        )
        if form.is_bound
        else None,
        "timestamp": sign_timestamp(post.pk),
        "action": reverse("comments:post"),
        "privacy_url": reverse("comments:privacy"),
        "text": messages,
        "script_messages": messages.for_script(),
    }


@register.inclusion_tag("comments/section.html", takes_context=True)
def discussion(context, post):
    request = context.get("request")
    site = SiteSettings.load()
    held = cookies.held_ids(request) if request else []
    if request is not None and (held or cookies.has_reader_cookie(request)):
        # Per-reader data below: the middleware marks the response private.
        request.parley_reader_data = True
    page = request.GET.get(threads.PAGE_PARAM) if request else None
    thread = threads.build(post, held, page, site)
    closed = comments_closed(post, site)
    reply_to = None if closed else _reply_target(request, post, set(held))
    result = {
        "post": post,
        "thread": thread,
        "closed": closed,
        "request": request,
        "page_param": threads.PAGE_PARAM,
        "post_url": post.get_absolute_url(),
        "feed_url": post.get_absolute_url() + "feed/",
        "awaiting": messages.AWAITING,
    }
    if not closed:
        result.update(
            form_context(
                request,
                post,
                context.get("comment_form"),
                context.get("comment_form_error"),
                reply_to,
            )
        )
    return result


@register.simple_tag(takes_context=True)
def comment_thread(context, steps):
    """The thread's markup from Python (comments.markup): the template loop was the page's cost."""
    return markup.thread_html(steps, bool(context.get("closed")))
