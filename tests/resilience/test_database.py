from datetime import timedelta

import pytest
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    ProgrammingError,
    connection,
    transaction,
)
from django.utils import timezone

from gazette.challenge import nonces
from gazette.resilience.database import is_database_unavailable, relax_durability

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="synchronous_commit is PostgreSQL's"
)


def synchronous_commit() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        return cursor.fetchone()[0]


def test_lost_connections_and_full_disks_count_as_unavailable():
    assert is_database_unavailable(OperationalError("server closed the connection"))
    assert is_database_unavailable(InterfaceError("connection already closed"))
    assert not is_database_unavailable(ProgrammingError("column does not exist"))
    assert not is_database_unavailable(IntegrityError("duplicate key"))


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_durability_is_relaxed_for_one_transaction_only():
    with transaction.atomic():
        relax_durability()
        assert synchronous_commit() == "off"
    assert synchronous_commit() == "on"


@postgresql_only
@pytest.mark.django_db(transaction=True)
def test_a_nonce_spent_inside_a_callers_transaction_leaves_its_durability_alone():
    now = timezone.now()
    with transaction.atomic():
        assert nonces.nonce_store(nonce="n" * 24, keep_until=now + timedelta(1), now=now)
        assert synchronous_commit() == "on"
