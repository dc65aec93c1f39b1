"""Programme writes. ``base``: creating and changing series and sessions; ``planning``: what the
staff planning pages add (publish, duplicate, topics and speakers)."""

from convene.programme.services.base import (
    CALENDAR_FIELDS,
    series_create,
    series_section_set,
    session_cancel,
    session_create,
    session_update,
    speaker_add,
)
from convene.programme.services.planning import (
    SpeakerLine,
    series_duplicate,
    series_publish,
    series_unpublish,
    series_update,
    session_duplicate,
    session_publish,
    session_topics_speakers_set,
    session_unpublish,
)

__all__ = [
    "CALENDAR_FIELDS",
    "SpeakerLine",
    "series_create",
    "series_section_set",
    "series_duplicate",
    "series_publish",
    "series_unpublish",
    "series_update",
    "session_cancel",
    "session_create",
    "session_duplicate",
    "session_publish",
    "session_topics_speakers_set",
    "session_unpublish",
    "session_update",
    "speaker_add",
]
