import email
import email.policy

import pytest
from django.core.mail import EmailMessage, send_mail
from django.urls import reverse

from convene.core.mail import outbox_get, outbox_list

pytestmark = pytest.mark.django_db


def test_each_message_is_one_eml_file(outbox_dir):
    send_mail(
        "Confirm your registration", "Click http://127.0.0.1:8000/c/abc", None, ["a@x.example"]
    )
    send_mail("Reminder", "Tomorrow", None, ["b@x.example", "c@x.example"])
    files = sorted(outbox_dir.glob("*.eml"))
    assert len(files) == 2
    parsed = [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]
    assert sorted(str(m["Subject"]) for m in parsed) == ["Confirm your registration", "Reminder"]
    assert not list(outbox_dir.glob(".tmp-*"))  # written atomically, nothing left behind


def test_outbox_reads_text_and_attachments(outbox_dir):
    message = EmailMessage("Séance du 14 avril", "Bonjour Marie,\nà bientôt.", to=["m@x.example"])
    message.attach("session.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.send()
    [item] = outbox_list()
    assert item.subject == "Séance du 14 avril"
    assert "à bientôt" in item.text
    assert item.attachments == [("session.ics", "text/calendar", 30)]


def test_staff_list_and_read_messages(staff_client):
    send_mail(
        "Confirm", "Open http://127.0.0.1:8000/confirm/xyz to confirm.", None, ["a@x.example"]
    )
    page = staff_client.get(reverse("outbox"))
    assert page.status_code == 200
    [item] = outbox_list()
    assert item.name in page.content.decode()
    assert 'Sent <span class="muted">(Europe/Brussels)</span>' in page.content.decode()
    detail = staff_client.get(reverse("outbox-message", args=[item.name]))
    assert detail.status_code == 200
    assert 'href="http://127.0.0.1:8000/confirm/xyz"' in detail.content.decode()


def test_attachment_download(staff_client):
    message = EmailMessage("Invite", "See attached.", to=["m@x.example"])
    message.attach("invite.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")
    message.send()
    [item] = outbox_list()
    response = staff_client.get(reverse("outbox-attachment", args=[item.name, 0]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"BEGIN:VCALENDAR")
    assert staff_client.get(reverse("outbox-attachment", args=[item.name, 5])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get(reverse("outbox"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("staff-login"))


def test_signed_in_non_staff_is_refused(client, django_user_model):
    user = django_user_model.objects.create_user("member@x.example", "pw")
    client.force_login(user)
    assert client.get(reverse("outbox")).status_code == 403


@pytest.mark.parametrize("name", ["../secret_key.eml", ".tmp-1.eml", "nope.eml", "x.txt"])
def test_only_outbox_files_can_be_read(staff_client, name):
    assert outbox_get(name=name) is None
    assert staff_client.get(f"/staff/outbox/{name}").status_code == 404
