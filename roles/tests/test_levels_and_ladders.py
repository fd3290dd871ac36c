"""Entry roles, NOC 2021 codes and career ladders: the role list's filters, the role page, the files and the
admin."""

import re

import pytest
from django.urls import reverse

from roles import models as m
from roles.catalogue_files import read_catalogue
from roles.selectors import compiled_catalogue
from roles.tests.test_admin import admin_url, editor, post_form  # noqa: F401 (editor is a fixture)
from roles.tests.test_views import add_roles

pytestmark = pytest.mark.django_db

ENTRY = [
    "cloud-support-associate",
    "data-analyst",
    "it-support-specialist",
    "junior-software-developer",
    "qa-analyst",
    "soc-analyst",
    "web-developer",
]


def listed(response) -> list[str]:
    return re.findall(r'class="stretched-link" href="/roles/([-a-z0-9]+)/"', response.content.decode())


def test_every_role_carries_its_level_noc_code_title_teer_education_and_sources():
    catalogue = compiled_catalogue()

    for role in catalogue.roles:
        assert role.level and re.fullmatch(r"\d{5}", role.noc_code) and role.noc_title, role.slug
        assert role.teer in (1, 2) and role.education and "2021" in role.sources, role.slug
    assert sorted(role.slug for role in catalogue.roles if role.level == "entry") == ENTRY
    assert {role.slug for role in catalogue.roles if role.origin == "added"} == set(ENTRY)
    assert catalogue.role_by_slug["it-support-specialist"].noc_url == (
        "https://noc.esdc.gc.ca/Structure/NOCProfile?GocTemplateCulture=en-CA&code=22221&version=2021.0"
    )


def test_every_entry_role_leads_to_a_seed_role():
    catalogue = compiled_catalogue()
    seeds = {role.slug for role in catalogue.roles if role.origin == "seed"}

    def reaches_a_seed(slug, seen=()):
        return any(
            s in seeds or (s not in seen and reaches_a_seed(s, (*seen, s)))
            for s in catalogue.role_by_slug[slug].leads_to
        )

    assert all(reaches_a_seed(slug) for slug in ENTRY)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"level": "entry"}, ENTRY),
        ({"level": "senior"}, ["cloud-solutions-architect", "cybersecurity-engineer", "software-architect"]),
        ({"q": "analyst"}, ["data-analyst", "qa-analyst", "soc-analyst"]),
        ({"q": "21232"}, ["junior-software-developer"]),
        (
            {"q": "2123"},
            [
                "cloud-solutions-architect",
                "devops-engineer",
                "junior-software-developer",
                "software-architect",
                "web-developer",
            ],
        ),
        ({"q": "DATA SCIENTIST"}, ["data-scientist"]),
        ({"q": "analyst", "level": "senior"}, []),
        ({"q": "  ", "level": ""}, None),  # nothing to filter by: every role
    ],
)
def test_the_role_list_filters_by_level_and_searches_titles_and_noc_codes(client, query, expected):
    response = client.get(reverse("roles:list"), query)

    assert response.status_code == 200
    shown = listed(response)
    if expected is None:
        assert len(shown) == 14
    else:
        assert sorted(shown) == expected
    if expected == []:
        assert "No role matches. Try another word or level." in response.content.decode()


def test_a_bad_filter_is_named_and_filters_nothing(client):
    response = client.get(reverse("roles:list"), {"level": "astronaut", "q": "x" * 101})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Choose entry level, intermediate, senior or all levels." in html
    assert 'id="id_q_error"' in html and 'aria-invalid="true"' in html
    assert len(listed(response)) == 14


def test_the_filtered_list_runs_one_query_for_fourteen_roles_or_thirty_seven(client, django_assert_num_queries):
    compiled_catalogue()
    with django_assert_num_queries(1):
        client.get(reverse("roles:list"), {"level": "intermediate", "q": "e"})
    add_roles(23)
    compiled_catalogue()
    with django_assert_num_queries(1):
        response = client.get(reverse("roles:list"), {"level": "intermediate"})
    assert len(listed(response)) == 4 + 23


def test_a_role_page_shows_its_level_occupation_education_ladder_and_sources(client):
    html = client.get(reverse("roles:detail", args=["soc-analyst"])).content.decode()

    assert "Entry level · usually 0–2 years of experience" in html
    assert (
        '<a href="https://noc.esdc.gc.ca/Structure/NOCProfile?GocTemplateCulture=en-CA&amp;code=21220&amp;version=2021.0">'
        "21220 Cybersecurity specialists</a>"
    ) in html
    assert "TEER 1: Occupations that usually require a university degree" in html
    assert "employers may ask for security certifications or vendor training (NOC 2021, 21220)" in html
    assert re.search(
        r'Comes from: <a href="/roles/it-support-specialist/">IT Support Specialist \(Help Desk\)</a>', html
    )
    assert re.search(r'Leads to: <a href="/roles/cybersecurity-engineer/">Cybersecurity Engineer', html)
    assert "A role CareerFit added beside its source guides." in html
    senior = client.get(reverse("roles:detail", args=["software-architect"])).content.decode()
    assert "Senior · usually 5 or more years of experience" in senior
    assert "A role CareerFit added" not in senior


def test_a_role_page_runs_the_same_queries_with_more_roles_on_its_ladder(client, django_assert_num_queries):
    compiled_catalogue()
    with django_assert_num_queries(1):
        client.get(reverse("roles:detail", args=["devops-engineer"]))
    add_roles(23)
    m.Role.objects.get(slug="devops-engineer").leads_to.add(*m.Role.objects.filter(slug__startswith="extra-"))
    compiled_catalogue()
    with django_assert_num_queries(1):
        html = client.get(reverse("roles:detail", args=["devops-engineer"])).content.decode()
    assert html.count('href="/roles/extra-') == 23


def test_the_files_refuse_a_role_without_its_place_and_a_ladder_that_loops(tmp_path):
    python = "    requirements: [{skill: python, level: 1, importance: core}]\n"
    placed = "    noc_code: '21231'\n    noc_title: T\n    education: E\n    sources: S\n"
    (tmp_path / "roles.yaml").write_text(
        "roles:\n"
        f"  - slug: a\n    title: A\n    summary: S\n{python}"
        f"  - slug: b\n    title: B\n    summary: S\n    level: entry\n{placed}    leads_to: [c]\n{python}"
        f"  - slug: c\n    title: C\n    summary: S\n    level: senior\n{placed}    leads_to: [b]\n{python}"
        f"  - slug: d\n    title: D\n    summary: S\n    level: senior\n{placed}    leads_to: [d]\n{python}",
        encoding="utf-8",
    )

    problems = [
        str(problem).split(": ", 1)[1] for problem in read_catalogue(tmp_path, known={"skills": {"python"}}).problems
    ]

    assert "roles[a]: every role needs 'level', 'noc_code', 'noc_title', 'education', 'sources'" in problems
    assert "roles[d]: 'leads_to' lists the role itself" in problems
    assert "roles[b].leads_to: a career ladder that loops: b → c → b" in problems


def test_an_editor_cannot_make_a_ladder_loop_in_the_admin(client, editor):  # noqa: F811
    role = m.Role.objects.get(slug="cloud-solutions-architect")
    url = admin_url(m.Role, "change", role.pk)
    it_support = str(m.Role.objects.get(slug="it-support-specialist").pk)

    response = post_form(client, url, {"leads_to": [it_support]}, "role_form")

    assert response.status_code == 200
    assert (
        "This makes a career ladder loop: Cloud Solutions Architect → IT Support Specialist (Help Desk) → "
        in response.content.decode()
    )
    assert not role.leads_to.exists()

    ok = post_form(
        client, url, {"level": "senior", "noc_title": "Software engineers and designers (cloud)"}, "role_form"
    )
    assert ok.status_code == 302
    assert m.Role.objects.get(pk=role.pk).noc_title == "Software engineers and designers (cloud)"
    assert 'name="leads_to"' in client.get(url).content.decode()
