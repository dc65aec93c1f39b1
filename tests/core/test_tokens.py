"""Sign-in links asked for on demand work once, for 30 minutes (issue #16)."""

from __future__ import annotations

import datetime as dt

import pytest

from convene.core.models import LinkToken
from convene.core.tokens import LinkState, link_digest, sign_in_token_issue, sign_in_token_use

pytestmark = pytest.mark.django_db


def test_a_sign_in_link_works_once():
    raw = sign_in_token_issue(subject_id=42)
    assert LinkToken.objects.get().digest == link_digest(raw) != raw
    assert sign_in_token_use(raw=raw) == (LinkState.VALID, 42)
    assert sign_in_token_use(raw=raw) == (LinkState.USED, None)


def test_a_sign_in_link_expires_after_30_minutes():
    raw = sign_in_token_issue(subject_id=42)
    token = LinkToken.objects.get()
    assert (
        dt.timedelta(minutes=29)
        < token.expires_at - token.created_at
        <= dt.timedelta(minutes=30, seconds=1)
    )
    LinkToken.objects.update(expires_at=token.created_at - dt.timedelta(seconds=1))
    assert sign_in_token_use(raw=raw) == (LinkState.EXPIRED, None)


@pytest.mark.parametrize("raw", ["", "x" * 500, "\ud800", "not-a-token"])
def test_unknown_or_malformed_links_are_unknown(raw):
    assert sign_in_token_use(raw=raw) == (LinkState.UNKNOWN, None)
