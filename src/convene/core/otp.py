"""The staff second factor: TOTP devices from django-otp, enrolled and verified by staff.

Enrolment makes an unconfirmed device and shows its otpauth URI as a QR code drawn on the
server (segno, as an SVG data URI: no request to another host); the first correct code confirms
the device. From then on, signing in with the password is followed by the code
(``StaffSecondFactorMiddleware``).
"""

from __future__ import annotations

import segno
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from convene.core.audit import audit_record
from convene.core.models import User


def staff_has_device(user: User) -> bool:
    return bool(user_has_device(user, confirmed=True))


def totp_enrolment_get(*, user: User) -> TOTPDevice:
    """The device being enrolled: the unconfirmed one, or a new one."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    return device


def qr_svg_data_uri(uri: str) -> str:
    return str(segno.make(uri, error="m").svg_data_uri(scale=4, border=2))


@transaction.atomic
def totp_enrolment_confirm(*, request: HttpRequest, user: User, token: str) -> bool:
    """Confirm the device being enrolled with its first code; True on success."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()
    if device is None or not device.verify_token(token.strip()):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    otp_login(request, device)
    audit_record(actor=user, code="core.otp_device.confirmed", obj=user)
    return True


def totp_verify(*, request: HttpRequest, user: User, token: str) -> bool:
    """Check a code against the staff account's confirmed devices and mark the session
    verified; True on success. django-otp refuses a code that was already used."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token.strip()):
            otp_login(request, device)
            return True
    return False
