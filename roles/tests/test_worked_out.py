"""`roles.compiled.worked_out`: what pages work out from a catalogue, once per catalogue, language and work."""

import pytest
from django.utils import translation

from roles.compiled import CompiledCatalogue, worked_out
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db


def test_each_work_is_done_once_per_catalogue_and_language_and_answers_for_itself_alone():
    calls = []

    def titles(catalogue):
        calls.append(("titles", translation.get_language()))
        return [role.title for role in catalogue.roles]

    def slugs(catalogue):
        calls.append(("slugs", translation.get_language()))
        return [role.slug for role in catalogue.roles]

    catalogue = compiled_catalogue()
    other = CompiledCatalogue(version=catalogue.version + 1, catalogue=catalogue.catalogue)
    with translation.override("en"):
        first = worked_out(catalogue, titles)
        assert worked_out(catalogue, titles) is first
        assert worked_out(catalogue, slugs) == [role.slug for role in catalogue.roles]
        assert worked_out(other, titles) is not first
    with translation.override("fr"):
        assert worked_out(catalogue, titles) is not first

    assert first == [role.title for role in catalogue.roles]
    assert calls == [("titles", "en"), ("slugs", "en"), ("titles", "en"), ("titles", "fr")]
