"""Registration writes, one module per concern: requests (register, confirm), seats, waitlist
(cancel, promote, lapse), reminders, periodic (the jobs ``convene tick`` runs), sessions (a
session changed: tell its registrants), public (the form's, API's and magic link's checks),
join clicks, abuse (rate limits), and staff (the writes only staff make)."""

from convene.registrations.services.abuse import RateLimited, registration_rate_check
from convene.registrations.services.join import join_click_record
from convene.registrations.services.periodic import PeriodicRunError, periodic_run
from convene.registrations.services.public import (
    manage_link_request,
    registration_request_submit,
    registration_request_submit_by_slug,
)
from convene.registrations.services.reminders import reminders_send
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
    "PeriodicRunError",
    "RateLimited",
    "RegistrantIn",
    "STAFF_CONSENT_PREFIX",
    "SUBJECT_MAX",
    "join_click_record",
    "manage_link_request",
    "periodic_run",
    "registration_cancel",
    "registration_promote",
    "registration_rate_check",
    "registration_request_confirm",
    "registration_request_create",
    "registration_request_submit",
    "registration_request_submit_by_slug",
    "registration_staff_add",
    "registrations_lapse",
    "reminders_send",
    "session_cancel_notify",
    "session_confirmed_email",
    "session_day",
    "session_update_notify",
    "session_waitlist_promote",
    "waitlists_refill",
]
