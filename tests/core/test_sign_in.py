"""Staff and admin sign-in is throttled per account and address (django-axes), and staff can add
a TOTP second factor that production can require (issue #16)."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from convene.core.services import staff_create

pytestmark = pytest.mark.django_db

EMAIL = "staff@network.example"
PASSWORD = "right-pw-1234"
LOGIN = "/staff/login/"


@pytest.fixture
def account():
    user, _ = staff_create(actor=None, email=EMAIL, password=PASSWORD)
    return user


def sign_in(
    client: Client, password: str, *, ip: str = "198.51.100.1", path: str = "/staff/login/"
):
    return client.post(path, {"username": EMAIL, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.parametrize("path", ["/staff/login/", "/admin/login/"])
def test_forty_wrong_passwords_then_the_right_one_is_refused(account, path):
    client = Client()
    for _ in range(40):
        assert sign_in(client, "wrong", path=path).status_code in {200, 429}
    response = sign_in(client, PASSWORD, path=path)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_only_from_that_address(account):
    for _ in range(10):
        sign_in(Client(), "wrong", ip="198.51.100.1")
    assert sign_in(Client(), PASSWORD, ip="198.51.100.1").status_code == 429
    # Nobody can lock staff out from elsewhere: another address signs in.
    other = Client()
    assert sign_in(other, PASSWORD, ip="203.0.113.5").status_code == 302
    assert other.session["_auth_user_id"] == str(account.pk)


def test_nine_failures_do_not_lock(account):
    for _ in range(9):
        sign_in(Client(), "wrong")
    assert sign_in(Client(), PASSWORD).status_code == 302


def test_case_of_the_email_does_not_make_a_second_count(account):
    for index in range(10):
        Client().post(
            "/staff/login/",
            {"username": EMAIL.upper() if index % 2 else EMAIL, "password": "wrong"},
            REMOTE_ADDR="198.51.100.1",
        )
    assert sign_in(Client(), PASSWORD).status_code == 429


def _code(device: TOTPDevice) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)).zfill(
        device.digits
    )


def test_staff_enrols_totp_and_is_asked_for_it_after_the_password(account):
    client = Client()
    assert sign_in(client, PASSWORD).status_code == 302
    page = client.get("/staff/otp/enrol/")
    assert page.status_code == 200
    body = page.content.decode()
    assert "otpauth://totp/" in body
    assert 'src="data:image/svg+xml' in body  # the QR code is drawn here, not fetched
    device = TOTPDevice.objects.get(user=account, confirmed=False)
    assert client.post("/staff/otp/enrol/", {"token": "000000"}).status_code == 400
    device.refresh_from_db()
    assert device.throttling_failure_count == 1  # django-otp slows down guessing
    device.throttle_reset()
    assert client.post("/staff/otp/enrol/", {"token": _code(device)}).status_code == 302
    device.refresh_from_db()
    assert device.confirmed

    # A new sign-in with the password alone reaches only the code page.
    second = Client()
    sign_in(second, PASSWORD)
    response = second.get("/staff/series/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/otp/verify/")
    # …and cannot add a device of its own to get round it.
    assert second.get("/staff/otp/enrol/")["Location"].startswith("/staff/otp/verify/")
    device.refresh_from_db()
    device.last_t = -1  # the code above was used; the next window's code is accepted
    device.save()
    verified = second.post("/staff/otp/verify/", {"token": _code(device), "next": "/staff/series/"})
    assert verified.status_code == 302
    assert verified["Location"] == "/staff/series/"
    assert second.get("/staff/series/").status_code == 200


def test_production_setting_requires_a_second_factor(account, settings):
    settings.STAFF_REQUIRE_OTP = True
    client = Client()
    sign_in(client, PASSWORD)
    response = client.get("/staff/series/")
    assert response.status_code == 302
    assert response["Location"].startswith("/staff/otp/enrol/")


def test_without_the_setting_staff_without_a_device_work_as_before(account, settings):
    settings.STAFF_REQUIRE_OTP = False
    client = Client()
    sign_in(client, PASSWORD)
    assert client.get("/staff/series/").status_code == 200
