"""Personal join links (``/j/<secret>``): a secret derived by HMAC, never stored (issue #16).

A join link is rebuilt many times for the same registration: in the confirmation mail, in both
reminders, in every fetch of the person's calendar feed, and it is what Jitsi echoes back as the
participant id that attendance matching compares. A secret issued once per mail (a table of
digests) cannot be rebuilt for the feed, so the secret is *derived* instead:

    secret = salt + HMAC-SHA256(SECRET_KEY, salt)[:32 characters]

The row keeps only ``join_salt``, 16 random URL-safe characters. The salt alone opens nothing:
the link also needs the MAC, which only a holder of ``SECRET_KEY`` can compute. So a copy of the
database (a backup, a leaked dump) opens no join link. Opening a link looks the salt up (unique
index) and compares the MAC in constant time with the one made from ``SECRET_KEY`` and from each
of ``SECRET_KEY_FALLBACKS``, so links mailed before a key rotation keep working while the old key
is a fallback. Changing the salt revokes a registration's link.

Links mailed before this scheme carried the token in clear; migration ``0005_hash_join_tokens``
kept only its SHA-256 digest (``join_legacy_digest``), which still opens that old link and still
matches an old meeting's echoed id.
"""

from __future__ import annotations

import base64

from django.conf import settings
from django.utils.crypto import constant_time_compare, salted_hmac

from convene.core.tokens import link_digest

SALT_CHARS = 16
MAC_CHARS = 32
_PURPOSE = "convene.registrations.join"


def _mac(salt: str, secret: str) -> str:
    digest = salted_hmac(_PURPOSE, salt, secret=secret, algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).decode("ascii")[:MAC_CHARS]


def join_secret(salt: str) -> str:
    """The secret of the join link of the registration whose ``join_salt`` is ``salt``."""
    return salt + _mac(salt, settings.SECRET_KEY)


def split_join_secret(raw: str) -> str | None:
    """The salt of a well-formed secret whose MAC is right for a current key, else None."""
    if len(raw) != SALT_CHARS + MAC_CHARS:
        return None
    salt, mac = raw[:SALT_CHARS], raw[SALT_CHARS:]
    keys = [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]
    if any(constant_time_compare(mac, _mac(salt, key)) for key in keys):
        return salt
    return None


def legacy_digest(raw: str) -> str:
    """The SHA-256 digest kept of a join token mailed before issue #16 (clear tokens)."""
    return link_digest(raw)
