"""Where a Django app plugs recent comment texts into the writing-style check.

The engine keeps no comment text (only fingerprints), so the style check asks whoever
does: the community app registers a provider at start-up. With no provider the check is
silent.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class RecentText:
    """A recent comment from some identity, as the style check needs it."""

    author: str
    email: str
    ip: str
    text: str
    created_at: datetime


# provider(since: datetime, ip: str) -> recent comments from the same IP network since then
Provider = Callable[[datetime, str], Iterable[RecentText]]
_providers: list[Provider] = []


def register_recent_texts(provider: Provider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unregister_recent_texts(provider: Provider) -> None:
    if provider in _providers:
        _providers.remove(provider)


def recent_texts(since: datetime, ip: str) -> list[RecentText]:
    return [item for provider in _providers for item in provider(since, ip)]
