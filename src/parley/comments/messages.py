"""Every message the comment form shows: one place, read by the server and sent to the JS."""

# The browser script receives VALIDATION as JSON (json_script), so the server and the
# script can never disagree about the wording.
VALIDATION = {
    "required": "Required field missing",
    "email": "Email address invalid",
    "url": "Website address invalid",
}

# WordPress's column limits, as characters.
MAX_LENGTHS = {"comment": 65525, "author": 245, "email": 100, "url": 200}

TOO_LONG = {
    "comment": "Comment is too long (at most 65,525 characters).",
    "author": "Name is too long (at most 245 characters).",
    "email": "Email address is too long (at most 100 characters).",
    "url": "Website address is too long (at most 200 characters).",
}

NUL_BYTE = "Text cannot contain NUL characters."
FLOOD = "You are posting comments too quickly. Slow down."
DUPLICATE = "Duplicate comment detected; it looks as though you've already said that!"
CLOSED = "Sorry, comments are closed for this item."
BAD_PARENT = "The comment you are replying to does not exist."
INVALID_UTF8 = "Your comment could not be read: it contains bytes that are not valid UTF-8."
AWAITING = "Your comment is awaiting moderation."
NOTES = "Your email address will not be published."
REQUIRED_NOTICE = "Required fields are marked"
PRIVACY_NOTICE = "This site uses Parley's own spam filter to reduce spam."
PRIVACY_LINK = "Learn how your comment data is processed."
COOKIES_CONSENT = "Save my name, email, and website in this browser for the next time I comment."


def for_script() -> dict:
    """The messages the browser script needs, keyed as the seed page keys them."""
    return {**VALIDATION, "tooLong": TOO_LONG, "maxLengths": MAX_LENGTHS}
