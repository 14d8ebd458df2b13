"""Background job: refresh one commenter's profile after their comment is saved or deleted."""

from django_tasks import task

from parley.community.profiles import refresh


@task()
def refresh_profile(email: str, variants: list[str]) -> bool:
    """Recompute the profile of `email` (stored spellings in `variants`); True if it exists."""
    return refresh(email, set(variants)) is not None
