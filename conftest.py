"""Fixtures shared by every app's tests."""

import pytest
from django.conf import settings
from hypothesis import settings as hypothesis_settings

# Examples are judged on what they check, never on how long one takes on a busy CI machine.
hypothesis_settings.register_profile("careerfit", deadline=None)
hypothesis_settings.load_profile("careerfit")


def load_shipped_catalogue() -> None:
    from roles.catalogue_files import read_catalogue
    from roles.services import catalogue_load

    result = read_catalogue(settings.CATALOGUE_DIR)
    assert result.ok, "\n".join(map(str, result.problems))
    catalogue_load(data=result.data, present=result.present)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database starts with the shipped catalogue loaded, once per session.

    pytest-django runs transactional tests after the others, and those flush the database; they ask for
    `shipped_catalogue`, which loads it again when it is missing.
    """
    with django_db_blocker.unblock():
        load_shipped_catalogue()


@pytest.fixture
def shipped_catalogue(django_db_blocker):
    from roles.models import Role

    with django_db_blocker.unblock():
        if not Role.objects.exists():
            load_shipped_catalogue()
