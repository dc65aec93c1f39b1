"""Writes for announcements: a draft written and changed by staff, sent once to its audience
through the task queue; a recipient leaving the list (their ``network_news`` consent is
withdrawn); a bounce recorded by staff or by the mail provider."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.announcements import selectors
from convene.announcements.models import (
    Announcement,
    AnnouncementRecipient,
    AnnouncementStatus,
    AudienceGroup,
    BouncedAddress,
    BounceSource,
)
from convene.core.audit import audit_record
from convene.core.countries import is_country_code
from convene.core.models import User
from convene.core.tasks import enqueue_with_transaction
from convene.core.translated import Translated, translations_clean
from convene.directory.models import ConsentChannel, OrganisationKind
from convene.directory.services.consent import consent_withdraw
from convene.programme.models import Series

SUBJECT_MAX_LENGTH = 200


def _clean(
    *,
    subject: Translated,
    body: Translated,
    groups: Sequence[str],
    countries: Sequence[str],
    kinds: Sequence[str],
) -> dict[str, object]:
    groups = list(dict.fromkeys(groups))
    if not groups:
        raise ValidationError({"groups": _("Choose at least one group of people.")})
    unknown = [g for g in groups if g not in AudienceGroup.values]
    if unknown:
        raise ValidationError({"groups": _("Unknown group %(group)s.") % {"group": unknown[0]}})
    clean_countries = sorted({c.strip().upper() for c in countries if c.strip()})
    bad = [c for c in clean_countries if not is_country_code(c)]
    if bad:
        raise ValidationError(
            {"countries": _("%(country)s is not a country code.") % {"country": bad[0]}}
        )
    clean_kinds = sorted(set(kinds))
    if any(k not in OrganisationKind.values for k in clean_kinds):
        raise ValidationError({"kinds": _("Unknown kind of organisation.")})
    return {
        "subject": translations_clean(
            subject, field="subject", required=True, max_length=SUBJECT_MAX_LENGTH
        ),
        "body": translations_clean(body, field="body", required=True),
        "groups": groups,
        "countries": clean_countries,
        "kinds": clean_kinds,
    }


@transaction.atomic
def announcement_create(
    *,
    actor: User | None,
    series: Series,
    subject: Translated,
    body: Translated,
    groups: Sequence[str],
    countries: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> Announcement:
    """A draft announcement of ``series``: nothing is sent until ``announcement_send``."""
    values = _clean(subject=subject, body=body, groups=groups, countries=countries, kinds=kinds)
    announcement = Announcement.objects.create(series=series, created_by=actor, **values)
    audit_record(actor=actor, code="announcements.announcement.created", obj=announcement)
    return announcement


@transaction.atomic
def announcement_update(
    *,
    actor: User | None,
    announcement: Announcement,
    subject: Translated,
    body: Translated,
    groups: Sequence[str],
    countries: Sequence[str] = (),
    kinds: Sequence[str] = (),
) -> Announcement:
    values = _clean(subject=subject, body=body, groups=groups, countries=countries, kinds=kinds)
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.status != AnnouncementStatus.DRAFT:
        raise ValidationError(_("This announcement was sent: it can no longer be changed."))
    for name, value in values.items():
        setattr(locked, name, value)
    locked.save(update_fields=list(values))
    audit_record(actor=actor, code="announcements.announcement.updated", obj=locked)
    return locked


@transaction.atomic
def announcement_send(*, actor: User | None, announcement: Announcement) -> int:
    """Fix the recipients of a draft and queue the mails; the number of recipients.

    The row is locked and must still be a draft, so a second click (or a second staff member)
    sends nothing: it raises ``ValidationError``. The mails leave through the task queue after
    the commit (``send_announcement_task``)."""
    locked = Announcement.objects.select_for_update().get(pk=announcement.pk)
    if locked.status != AnnouncementStatus.DRAFT:
        raise ValidationError(_("This announcement was already sent."))
    now = timezone.now()
    people = selectors.audience(
        groups=locked.groups, countries=locked.countries, kinds=locked.kinds, now=now
    ).values_list("pk", "email", "preferred_language")
    recipients = [
        AnnouncementRecipient(announcement=locked, person_id=pk, email=email, language=language)
        for pk, email, language in people
    ]
    AnnouncementRecipient.objects.bulk_create(recipients, batch_size=500)
    locked.status = AnnouncementStatus.SENT
    locked.sent_at = now
    locked.sent_by = actor if actor is not None and actor.pk else None
    locked.recipient_count = len(recipients)
    locked.save(update_fields=["status", "sent_at", "sent_by", "recipient_count"])
    audit_record(
        actor=actor,
        code="announcements.announcement.sent",
        obj=locked,
        details={"recipients": len(recipients)},
    )
    if recipients:
        from convene.announcements.tasks import send_announcement_task

        enqueue_with_transaction(send_announcement_task, announcement_id=locked.pk)
    return len(recipients)


def _withdraw_consent(recipient: AnnouncementRecipient) -> None:
    """The directory's one way to withdraw a consent; the person acts through their own link."""
    if recipient.person is not None:
        consent_withdraw(
            person=recipient.person, purpose=selectors.PURPOSE, channel=ConsentChannel.PERSON
        )


@transaction.atomic
def recipient_unsubscribe(*, recipient: AnnouncementRecipient) -> bool:
    """The person behind an announcement's unsubscribe link leaves the network's news: their
    consent is withdrawn and the recipient row records when. False if already done."""
    locked = AnnouncementRecipient.objects.select_for_update().get(pk=recipient.pk)
    if locked.unsubscribed_at is not None:
        return False
    locked.unsubscribed_at = timezone.now()
    locked.save(update_fields=["unsubscribed_at"])
    _withdraw_consent(locked)
    audit_record(
        actor=None,
        code="announcements.recipient.unsubscribed",
        obj=locked.announcement,
        details={"recipient": locked.pk},
    )
    return True


@transaction.atomic
def bounce_record(
    *, actor: User | None, email: str, reason: str = "", source: str = BounceSource.STAFF
) -> BouncedAddress:
    """Mark ``email`` as bouncing: later announcements skip it, and the latest announcement
    recipient at that address (not yet marked) records the bounce."""
    email = email.strip()
    try:
        validate_email(email)
    except ValidationError as exc:
        raise ValidationError({"email": _("Enter a valid email address.")}) from exc
    if source not in BounceSource.values:
        raise ValidationError({"source": _("Unknown source.")})
    reason = " ".join(reason.split())[:500]
    now = timezone.now()
    bounced: BouncedAddress | None = (
        BouncedAddress.objects.select_for_update()
        .annotate(lower=Lower("email"))
        .filter(lower=email.lower())
        .first()
    )
    if bounced is None:
        bounced = BouncedAddress.objects.create(
            email=email, reason=reason, source=source, first_bounced_at=now, last_bounced_at=now
        )
    else:
        bounced.count += 1
        bounced.last_bounced_at = now
        bounced.reason = reason or bounced.reason
        bounced.source = source
        bounced.save(update_fields=["count", "last_bounced_at", "reason", "source"])
    latest = (
        AnnouncementRecipient.objects.annotate(lower=Lower("email"))
        .filter(lower=email.lower(), bounced_at__isnull=True, mailed_at__isnull=False)
        .order_by("-mailed_at", "-pk")
        .first()
    )
    if latest is not None:
        latest.bounced_at = now
        latest.save(update_fields=["bounced_at"])
    audit_record(
        actor=actor,
        code="announcements.bounce.recorded",
        obj=bounced,
        details={"source": source, "recipient": latest.pk if latest else None},
    )
    return bounced
