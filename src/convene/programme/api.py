"""Programme endpoints: staff create series and sessions. A session's seats are read through
``convene.registrations.api``.

Titles and descriptions are translated content: ``title`` is the English text going in and the
text in the request's language (``Accept-Language``, falling back to English) coming out;
``title_translations`` maps other content languages (``CONTENT_LANGUAGES``) to their text."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from convene.core.api_auth import staff_token
from convene.core.api_types import Moment, Text
from convene.core.translated import translations
from convene.programme import services
from convene.programme.models import AudiencePolicy, Series, Session, SessionStatus
from convene.programme.selectors import series_get_for_api

router = Router()


TRANSLATIONS_HELP = "Language code (one of CONTENT_LANGUAGES) to text; English is `title`."


def _merged(english: str, others: dict[str, str] | None) -> dict[str, str]:
    return {**(others or {}), "en": english}


class SeriesIn(Schema):
    slug: Text = Field(..., min_length=1, max_length=100)
    title: Text = Field(..., min_length=1, max_length=200, description="In English.")
    title_translations: dict[str, Text] | None = Field(None, description=TRANSLATIONS_HELP)
    description: Text = Field("", max_length=20_000, description="In English.")
    description_translations: dict[str, Text] | None = Field(None, description=TRANSLATIONS_HELP)
    audience_policy: AudiencePolicy = AudiencePolicy.OPEN
    timezone: Text = Field("Europe/Brussels", max_length=64)
    languages: list[Text] = Field([], max_length=50)


class SeriesOut(Schema):
    slug: str
    title: str = Field(..., description="In the request's language, else English.")
    title_translations: dict[str, str]
    description: str
    description_translations: dict[str, str]
    audience_policy: str
    timezone: str
    languages: list[str]

    @staticmethod
    def resolve_title(obj: Series) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_title_translations(obj: Series) -> dict[str, str]:
        return translations(obj.title)

    @staticmethod
    def resolve_description(obj: Series) -> str:
        return str(obj.description)

    @staticmethod
    def resolve_description_translations(obj: Series) -> dict[str, str]:
        return translations(obj.description)


class SessionIn(Schema):
    slug: Text = Field(..., min_length=1, max_length=100)
    title: Text = Field(..., min_length=1, max_length=200, description="In English.")
    title_translations: dict[str, Text] | None = Field(None, description=TRANSLATIONS_HELP)
    starts_at: Moment
    ends_at: Moment
    timezone: Text | None = Field(None, max_length=64)
    capacity: int | None = Field(None, ge=0, le=1_000_000)
    status: SessionStatus = SessionStatus.DRAFT
    abstract: Text = Field("", max_length=20_000, description="In English.")
    abstract_translations: dict[str, Text] | None = Field(None, description=TRANSLATIONS_HELP)
    languages: list[Text] = Field([], max_length=50)
    join_url: Text = Field("", max_length=500)
    audience_policy: AudiencePolicy | None = None


class SessionOut(Schema):
    slug: str
    series: str = Field(..., alias="series.slug")
    title: str = Field(..., description="In the request's language, else English.")
    title_translations: dict[str, str]
    starts_at: dt.datetime
    ends_at: dt.datetime
    timezone: str
    capacity: int | None
    status: str

    @staticmethod
    def resolve_title(obj: Session) -> str:
        return str(obj.title)

    @staticmethod
    def resolve_title_translations(obj: Session) -> dict[str, str]:
        return translations(obj.title)


@router.post("series", response={201: SeriesOut}, auth=staff_token)
def series_create(request: HttpRequest, payload: SeriesIn) -> Status[Series]:
    series = services.series_create(
        actor=request.user,  # type: ignore[arg-type]
        slug=payload.slug,
        title=_merged(payload.title, payload.title_translations),
        description=_merged(payload.description, payload.description_translations),
        audience_policy=payload.audience_policy.value,
        timezone=payload.timezone,
        languages=payload.languages,
    )
    return Status(201, series)


@router.post("series/{slug}/sessions", response={201: SessionOut}, auth=staff_token)
def session_create(request: HttpRequest, slug: str, payload: SessionIn) -> Status[Session]:
    series = series_get_for_api(slug=slug)
    session = services.session_create(
        actor=request.user,  # type: ignore[arg-type]
        series=series,
        slug=payload.slug,
        title=_merged(payload.title, payload.title_translations),
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        timezone=payload.timezone,
        capacity=payload.capacity,
        status=payload.status.value,
        abstract=_merged(payload.abstract, payload.abstract_translations),
        languages=payload.languages,
        join_url=payload.join_url,
        audience_policy=payload.audience_policy.value if payload.audience_policy else "",
    )
    return Status(201, session)
