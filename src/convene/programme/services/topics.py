"""The topic list, kept by staff: create a topic, rename it in any content language, retire it
(it stays on the sessions that have it, but is no longer offered) and bring it back."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from convene.core.audit import audit_record
from convene.core.models import User
from convene.core.translated import Translated, translations, translations_clean
from convene.programme.models import Topic
from convene.programme.services.base import _check_slug

#: Longest topic name, in any one language.
TOPIC_NAME_MAX_LENGTH = 200


def _check_name(name: Translated) -> dict[str, str]:
    return translations_clean(name, field="name", required=True, max_length=TOPIC_NAME_MAX_LENGTH)


@transaction.atomic
def topic_create(*, actor: User | None, slug: str, name: Translated) -> Topic:
    _check_slug(slug)
    names = _check_name(name)
    if Topic.objects.filter(slug=slug).exists():
        raise ValidationError({"slug": _("A topic with this slug already exists.")})
    try:
        with transaction.atomic():
            topic = Topic.objects.create(slug=slug, name=names)
    except IntegrityError as exc:
        raise ValidationError({"slug": _("A topic with this slug already exists.")}) from exc
    audit_record(actor=actor, code="programme.topic.created", obj=topic, details={"name": names})
    return topic


@transaction.atomic
def topic_update(*, actor: User | None, topic: Topic, name: Translated) -> Topic:
    """Rename a topic (its slug, used in addresses and filters, stays)."""
    names = _check_name(name)
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    before = translations(topic.name)
    if before == names:
        return topic
    topic.name = names  # type: ignore[assignment]  # the field stores the dict
    topic.save(update_fields=["name"])
    audit_record(
        actor=actor,
        code="programme.topic.updated",
        obj=topic,
        details={"before": before, "after": names},
    )
    return topic


@transaction.atomic
def topic_retire(*, actor: User | None, topic: Topic) -> Topic:
    """No longer offer ``topic`` for sessions; those that have it keep it. Idempotent."""
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if topic.retired_at is None:
        topic.retired_at = timezone.now()
        topic.save(update_fields=["retired_at"])
        audit_record(actor=actor, code="programme.topic.retired", obj=topic)
    return topic


@transaction.atomic
def topic_restore(*, actor: User | None, topic: Topic) -> Topic:
    """Offer a retired topic again. Idempotent."""
    topic = Topic.objects.select_for_update().get(pk=topic.pk)
    if topic.retired_at is not None:
        topic.retired_at = None
        topic.save(update_fields=["retired_at"])
        audit_record(actor=actor, code="programme.topic.restored", obj=topic)
    return topic
