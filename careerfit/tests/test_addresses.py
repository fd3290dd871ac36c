"""`address` gives the very address `reverse` gives, for every page whose arguments are UUIDs or numbers."""

import uuid

import pytest
from django.template import Context, Template
from django.test import override_settings
from django.urls import (
    NoReverseMatch,
    URLPattern,
    URLResolver,
    get_resolver,
    include,
    path,
    register_converter,
    reverse,
    set_script_prefix,
)
from django.urls.converters import IntConverter, UUIDConverter
from django.urls.resolvers import RoutePattern

from careerfit.addresses import address


def _view(request, **kwargs):  # pragma: no cover - never requested
    raise AssertionError


class HexConverter(UUIDConverter):
    """A UUID written as 32 hex digits: not as `str` writes it."""

    regex = "[0-9a-f]{32}"

    def to_url(self, value):
        return value.hex


register_converter(HexConverter, "hex")
# A URLconf of this test's own, where the results' address has moved, and a page whose converter writes UUIDs its
# own way.
urlpatterns = [
    path(
        "moved/",
        include(
            (
                [
                    path("<uuid:result_id>/", _view, name="result"),
                    path("hex/<hex:result_id>/", _view, name="hex"),
                    path("{braces}/<uuid:result_id>/", _view, name="braces"),
                ],
                "assessments",
            )
        ),
    )
]


def named_patterns(patterns=None, namespace=""):
    """(namespaced name, the converters of its arguments in order) for every page of the project named by `path()`."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from named_patterns(entry.url_patterns, inner)
        elif isinstance(entry, URLPattern) and isinstance(entry.pattern, RoutePattern) and entry.name:
            yield f"{namespace}{entry.name}", list(entry.pattern.converters.values())


def test_every_page_with_uuid_or_number_arguments_has_the_address_reverse_gives():
    checked = 0
    for name, converters in named_patterns():
        if not all(isinstance(converter, UUIDConverter | IntConverter) for converter in converters):
            continue
        for _ in range(3):
            arguments = [
                uuid.uuid4() if isinstance(converter, UUIDConverter) else int.from_bytes(uuid.uuid4().bytes[:3])
                for converter in converters
            ]
            assert address(name, *arguments) == reverse(name, args=arguments), name
        checked += 1
    # The pages the app links to from its lists: none may be left out by a change of the URLconf's shape.
    assert checked > 40


def test_the_same_name_twice_in_an_address_and_numbers_that_look_like_placeholders():
    cohort, student = uuid.uuid4(), uuid.uuid4()
    assert address("counselling:student", cohort, cohort) == f"/counsellor/cohorts/{cohort}/students/{cohort}/"
    assert address("counselling:student", cohort, student) == f"/counsellor/cohorts/{cohort}/students/{student}/"
    placeholder = uuid.UUID(int=2)  # what stands for a second argument while the name is reversed
    assert address("counselling:student", placeholder, student) == reverse(
        "counselling:student", args=[placeholder, student]
    )
    assert address("assessments:step", student, 987_654_322) == f"/assessment/{student}/step/987654322/"


def test_it_follows_the_script_prefix_of_a_deployment_under_a_sub_path():
    result = uuid.uuid4()
    try:
        set_script_prefix("/careers/")
        assert address("assessments:result", result) == f"/careers/results/{result}/"
    finally:
        set_script_prefix("/")
    assert address("assessments:result", result) == f"/results/{result}/"


def test_it_follows_a_change_of_urlconf():
    result = uuid.uuid4()
    assert address("assessments:result", result) == f"/results/{result}/"
    with override_settings(ROOT_URLCONF=__name__):
        assert address("assessments:result", result) == f"/moved/{result}/"
        # A converter that writes the placeholder otherwise is left to `reverse`.
        assert address("assessments:hex", result) == f"/moved/hex/{result.hex}/"
        assert address("assessments:braces", result) == f"/moved/%7Bbraces%7D/{result}/"
    assert address("assessments:result", result) == f"/results/{result}/"


@pytest.mark.parametrize("argument", ["not-a-uuid", True, 1.5])
def test_anything_but_uuids_and_numbers_is_refused_as_reverse_refuses_it(argument):
    with pytest.raises(NoReverseMatch):
        reverse("assessments:result", args=[argument])
    with pytest.raises(NoReverseMatch):
        address("assessments:result", argument)
    with pytest.raises(NoReverseMatch):
        address("assessments:step", uuid.uuid4(), argument)


def test_more_arguments_than_a_page_takes_are_refused_as_reverse_refuses_them():
    with pytest.raises(NoReverseMatch):
        address("assessments:result", *(uuid.uuid4() for _ in range(4)))


def test_a_string_reverse_accepts_is_accepted_too():
    result = uuid.uuid4()
    assert address("assessments:result", str(result)) == f"/results/{result}/"


def test_the_template_tag_draws_what_url_draws():
    context = Context({"cohort": uuid.uuid4(), "student": uuid.uuid4()})
    tag = Template("{% load site %}{% address 'counselling:student_note' cohort student %}").render(context)
    url = Template("{% url 'counselling:student_note' cohort student %}").render(context)
    assert tag == url and str(context["student"]) in tag
