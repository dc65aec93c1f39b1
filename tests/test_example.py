"""A teaching file: how we write tests in Convene. Read it before writing your first test.

1. Test services against the real database (SQLite or PostgreSQL, whichever DATABASE_URL says).
   No mocks of our own code: call the service, then look at the rows it wrote.
2. Assert something that can fail. A test that passes whatever the code does is a defect.
3. Every list page, endpoint and report gets a query-count test: add rows, count queries again,
   and expect the same number.
4. Bad input must give our own clear error, and must leave the database as it was.
"""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from convene.core.models import AuditLog
from convene.directory.models import Organisation
from convene.directory.selectors import organisation_is_member, organisation_list
from convene.directory.services import MembershipPeriod, organisation_create

# Tests that touch the database say so; pytest-django wraps each in a transaction it rolls back.
pytestmark = pytest.mark.django_db


def test_a_service_writes_rows_and_an_audit_entry(staff):
    # `staff` comes from tests/conftest.py: a real account created through a service.
    organisation = organisation_create(
        actor=staff,
        name="Gemeente Rotterdam",
        kind="local_authority",
        country="NL",
        memberships=[MembershipPeriod(dt.date(2016, 1, 1))],
    )
    # Look at what was written, through a selector, as the rest of the code would.
    assert organisation_is_member(organisation=organisation, on=dt.date(2020, 4, 14))
    # Every change leaves exactly one audit entry that names who did it.
    entry = AuditLog.objects.get(code="directory.organisation.created")
    assert (entry.object_id, entry.actor) == (str(organisation.pk), staff)


def test_bad_input_is_refused_and_nothing_is_written():
    with pytest.raises(ValidationError) as caught:
        organisation_create(actor=None, name="Stad Gent", kind="city", country="BE")
    # The error names the field, so a form or the API can show it next to the input.
    assert list(caught.value.message_dict) == ["kind"]
    assert not Organisation.objects.exists()
    assert not AuditLog.objects.exists()


def test_query_count_does_not_grow_with_rows():
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            for organisation in organisation_list():
                list(organisation.aliases.all())  # would be one query per row without prefetch
        return len(context.captured_queries)

    organisation_create(actor=None, name="Ville de Nantes", kind="local_authority", country="FR")
    before = queries()
    for n in range(5):
        organisation_create(
            actor=None, name=f"Comune {n}", kind="local_authority", country="IT", aliases=[f"C{n}"]
        )
    assert queries() == before
