"""API authentication: staff bearer tokens from ``convene token create EMAIL``."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from convene.core.models import User
from convene.core.selectors import api_token_user_get


class StaffToken(HttpBearer):
    """``Authorization: Bearer cvn_…``; only active staff accounts' tokens are accepted."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user_get(raw=token)
        if user is not None:
            request.user = user
        return user


staff_token = StaffToken()
