"""Rate limits on registration and magic-link requests."""

from django.conf import settings
from django.utils.translation import gettext as _

from convene.core import ratelimit


class RateLimited(Exception):
    """Too many attempts from one address or for one email; try again later."""


def registration_rate_check(*, ip: str, email: str, scope: str = "register") -> None:
    """Count one attempt per address and per email; raise :class:`RateLimited` past the limits."""
    ip_limit, ip_window = settings.RATE_LIMITS[f"{scope}_ip"]
    email_limit, email_window = settings.RATE_LIMITS[f"{scope}_email"]
    within_ip = ratelimit.hit(f"{scope}_ip", ip, limit=ip_limit, window=ip_window)
    within_email = (
        ratelimit.hit(f"{scope}_email", email, limit=email_limit, window=email_window)
        if email
        else True
    )
    if not (within_ip and within_email):
        raise RateLimited(_("Too many attempts. Please wait a few minutes and try again."))
