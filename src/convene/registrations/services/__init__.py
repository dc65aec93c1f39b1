"""Registration writes: request, confirm, cancel, promote, lapse, and what staff do by hand
(one module per concern; ``staff`` holds the writes only staff make)."""

from convene.registrations.services.abuse import RateLimited, registration_rate_check
from convene.registrations.services.join import join_click_record
from convene.registrations.services.public import (
    manage_link_request,
    registration_request_submit,
    registration_request_submit_by_slug,
)
from convene.registrations.services.requests import (
    MembersOnlyRefused,
    RegistrantIn,
    registration_request_confirm,
    registration_request_create,
)
from convene.registrations.services.seats import HOLD, session_day
from convene.registrations.services.sessions import session_cancel_notify, session_update_notify
from convene.registrations.services.staff import (
    MESSAGE_MAX,
    STAFF_CONSENT_PREFIX,
    SUBJECT_MAX,
    registration_staff_add,
    session_confirmed_email,
)
from convene.registrations.services.waitlist import (
    registration_cancel,
    registration_promote,
    registrations_lapse,
    session_waitlist_promote,
    waitlists_refill,
)

__all__ = [
    "HOLD",
    "MESSAGE_MAX",
    "MembersOnlyRefused",
    "RateLimited",
    "RegistrantIn",
    "STAFF_CONSENT_PREFIX",
    "SUBJECT_MAX",
    "join_click_record",
    "manage_link_request",
    "registration_cancel",
    "registration_promote",
    "registration_rate_check",
    "registration_request_confirm",
    "registration_request_create",
    "registration_request_submit",
    "registration_request_submit_by_slug",
    "registration_staff_add",
    "registrations_lapse",
    "session_cancel_notify",
    "session_confirmed_email",
    "session_day",
    "session_update_notify",
    "session_waitlist_promote",
    "waitlists_refill",
]
