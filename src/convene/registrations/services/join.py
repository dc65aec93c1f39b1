"""Join-link clicks."""

from convene.registrations.models import (
    JoinClick,
    Registration,
)


def join_click_record(*, registration: Registration, redirected: bool) -> None:
    """Note a use of the personal join link (no IP or agent is kept)."""
    JoinClick.objects.create(registration=registration, redirected=redirected)
