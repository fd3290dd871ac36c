"""Reading and checking catalogue files, without a database."""

import textwrap
from pathlib import Path

import pytest
from django.conf import settings

from roles.catalogue_files import read_catalogue
from roles.schema import SECTIONS, graph_cycles

CAN = "[I can a., I can b., I can c., I can d., I can e.]"


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


def valid_catalogue(tmp_path: Path) -> Path:
    write(
        tmp_path,
        "skills.yaml",
        f"""
        categories:
          - {{slug: programming, name: Programming}}
        skills:
          - {{slug: python, name: Python, category: programming, can: {CAN}, hours: [1, 2, 3, 4, 5]}}
          - slug: pandas
            name: pandas
            category: programming
            can: {CAN}
            hours: [1, 2, 3, 4, 5]
            prerequisites: [{{skill: python, level: 2}}]
        """,
    )
    write(
        tmp_path,
        "roles.yaml",
        """
        roles:
          - slug: data-scientist
            title: Data Scientist
            summary: Turns data into decisions.
            level: intermediate
            noc_code: '21211'
            noc_title: Data scientists
            education: A degree.
            sources: The seeds.
            requirements:
              - {skill: python, level: 3, importance: core}
              - {skill: pandas, level: 2, importance: nice}
            roadmap:
              - {title: Foundation, skills: [python]}
        """,
    )
    return tmp_path


def test_a_valid_catalogue_reads_without_problems(tmp_path):
    result = read_catalogue(valid_catalogue(tmp_path))

    assert result.problems == []
    assert {skill.slug for skill in result.catalogue.skills} == {"python", "pandas"}
    pandas = next(skill for skill in result.catalogue.skills if skill.slug == "pandas")
    assert [(p.skill, p.level) for p in pandas.prerequisites] == [("python", 2)]
    role = result.catalogue.roles[0]
    assert role.requirements[1].model_dump() == {"skill": "python", "level": 3, "importance": "core"}
    assert result.present == {"categories", "skills", "roles"}


def test_it_reports_every_problem_together_with_its_file_and_place(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        f"""
        categories:
          - {{slug: programming, name: Programming}}
        skills:
          - {{slug: python, name: Python, category: programming, can: {CAN}, hours: [1, 2, 3, 4, 5]}}
          - {{slug: python, name: Python again, category: programming, can: {CAN}, hours: [1, 2, 3, 4, 5]}}
          - slug: docker
            name: Docker
            category: programming
            can: {CAN}
            hours: [1, 2, 3, 4, 5]
            prerequisites: [{{skill: kubernetes, level: 2}}]
          - slug: kubernetes
            name: Kubernetes
            category: programming
            can: {CAN}
            hours: [1, 2, 3, 4, 5]
            prerequisites: [{{skill: docker, level: 3}}]
          - {{slug: sql, name: SQL, category: nowhere, can: {CAN}}}
        """,
    )
    write(
        tmp_path,
        "b.yaml",
        """
        roles:
          - slug: devops-engineer
            title: DevOps Engineer
            summary: Automates delivery.
            requirements:
              - {skill: docker, level: 7, importance: core}
              - {skill: terraform, level: 3, importance: core}
              - {skill: docker, level: 2, importance: nice}
              - {skill: kubernetes, level: 3, importance: vital}
            certifications: [no-such-cert]
          - slug: data-engineer
            summary: Builds pipelines.
            requirements:
              - {skill: python, level: 3, importance: core}
            colour: blue
        """,
    )

    problems = [str(problem) for problem in read_catalogue(tmp_path).problems]
    a, b = str(tmp_path / "a.yaml"), str(tmp_path / "b.yaml")

    expected = [
        f"{a}:5: skills[python]: duplicate slug 'python' (first defined at {a}:4)",
        f"{a}:18: skills[sql]: missing field 'hours'",
        f"{a}:11: skills[docker].prerequisites: prerequisite cycle: docker → kubernetes → docker",
        f"{b}:6: roles[devops-engineer].requirements[docker]: 'level' must be a level from 1 to 5, not 7",
        f"{b}:9: roles[devops-engineer].requirements[kubernetes]: "
        "'importance' must be one of core, important, nice, not 'vital'",
        f"{b}:11: roles[data-engineer]: missing field 'title'",
        f"{b}:15: roles[data-engineer]: unknown field 'colour' (expected one of: slug, title, summary, ",
    ]
    for message in expected:
        assert any(problem.startswith(message) for problem in problems), (
            f"{message!r} not reported; got:\n" + "\n".join(problems)
        )


def test_it_reports_references_to_entries_that_do_not_exist_with_their_place(tmp_path):
    write(
        tmp_path,
        "a.yaml",
        f"""
        categories:
          - {{slug: programming, name: Programming}}
        skills:
          - {{slug: docker, name: Docker, category: programming, can: {CAN}, hours: [1, 2, 3, 4, 5]}}
          - {{slug: sql, name: SQL, category: nowhere, can: {CAN}, hours: [1, 2, 3, 4, 5]}}
        roles:
          - slug: devops-engineer
            title: DevOps Engineer
            summary: Automates delivery.
            level: intermediate
            noc_code: '21231'
            noc_title: Software engineers and designers
            education: A degree.
            sources: The seeds.
            requirements:
              - {{skill: docker, level: 3, importance: core}}
              - {{skill: terraform, level: 3, importance: core}}
            certifications: [no-such-cert]
        """,
    )
    a = str(tmp_path / "a.yaml")

    problems = [str(problem) for problem in read_catalogue(tmp_path).problems]

    assert problems == [
        f"{a}:5: skills[sql].category: unknown category 'nowhere'",
        f"{a}:18: roles[devops-engineer].certifications: unknown certification 'no-such-cert'",
        f"{a}:17: roles[devops-engineer].requirements[terraform].skill: unknown skill 'terraform'",
    ]


def test_a_duplicate_requirement_is_reported_once_the_requirements_are_otherwise_valid(tmp_path):
    write(
        tmp_path,
        "roles.yaml",
        """
        roles:
          - slug: devops-engineer
            title: DevOps Engineer
            summary: Automates delivery.
            requirements:
              - {skill: docker, level: 3, importance: core}
              - {skill: docker, level: 2, importance: nice}
        """,
    )

    problems = [str(problem) for problem in read_catalogue(tmp_path, known={"skills": {"docker"}}).problems]

    assert problems == [
        f"{tmp_path / 'roles.yaml'}:5: roles[devops-engineer]: duplicate requirement: "
        "the skill 'docker' is already required by this role"
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("skills: [\n  {slug: x\n", "not valid YAML"),
        ("categories:\n  - {slug: a, name: A}\n  - {slug: b, name: B, name: C}\n", "the key 'name' appears twice"),
        ("favourite_roles: []\n", "unknown section 'favourite_roles'"),
        ("- just a list\n", "a catalogue file must be a mapping of sections"),
        ("categories: {slug: a}\n", "a section must be a list of entries"),
        ("categories:\n  - {slug: Not A Slug!, name: A}\n", "'slug' must use only letters, digits, hyphens"),
        ("categories:\n  - {slug: a, name: A, description: !!binary aGk=}\n", "cannot be read; write plain text"),
        ("categories:\n  - {slug: a, name: ''}\n", "'name' must not be empty"),
        ("roles:\n  - {slug: r, title: T, summary: S, requirements: [], published: yes}\n", "'published' must be true"),
        ("links:\n  - {slug: a, group: study, title: A, url: not-a-url}\n", "'url' is not a web address"),
        ("links:\n  - {slug: a, group: gossip, title: A, url: 'https://a.ca'}\n", "'group' must be one of"),
        (
            "skills:\n  - {slug: a, name: A, category: c, can: [I can a.], hours: [1, 2, 3, 4, 5]}\n",
            "'can' must list exactly 5 non-empty descriptors",
        ),
        (
            f"skills:\n  - {{slug: a, name: A, category: c, can: {CAN}, hours: [1, 0, 3, 4, 5]}}\n",
            "'hours' must list exactly 5 whole numbers of hours, each at least 1",
        ),
        (
            f"skills:\n  - {{slug: a, name: A, category: c, can: {CAN}, hours: [1, 2, 3, 4, 5], "
            "prerequisites: [{skill: b, level: 9}]}\n",
            "skills[a].prerequisites[b]: 'level' must be a level from 1 to 5, not 9",
        ),
        (
            "resources:\n  - {slug: r, skill: s, title: T, url: 'https://a.ca', kind: book, levels: [3, 2]}\n",
            "'levels' goes down, from 3 to 2",
        ),
        (
            "education_paths:\n  - {slug: e, kind: degree, name: N, duration: D, min_months: 48, max_months: 12,"
            " who_for: W, focus: F}\n",
            "'max_months' (12) is below 'min_months' (48)",
        ),
        (
            "roles:\n  - slug: r\n    title: T\n    summary: S\n    requirements: []\n"
            "    salaries:\n      - {label: L, min: 100, max: 50, source: S}\n",
            "'max' (50) is below 'min' (100)",
        ),
        (
            "roles:\n  - slug: r\n    title: T\n    summary: S\n    requirements: []\n",
            "'requirements' must list at least one requirement (or set published: false)",
        ),
        (f"categories:\n  - {{slug: c, name: {'x' * 81}}}\n", "'name' is 81 characters long; the most allowed is 80"),
        (
            "categories:\n  - {slug: a, name: Data}\n  - {slug: b, name: data}\n",
            "the name 'data' is already used by 'a'",
        ),
        (
            f"skills:\n  - {{slug: a, name: A, category: c, can: {CAN}, hours: [1, 2, 3, 4, 5], "
            "prerequisites: [{skill: a, level: 2}]}\n"
            "categories:\n  - {slug: c, name: C}\n",
            "a skill cannot be its own prerequisite",
        ),
    ],
)
def test_each_kind_of_mistake_gets_a_clear_message(tmp_path, text, message):
    path = tmp_path / "catalogue.yaml"
    path.write_text(text, encoding="utf-8")

    problems = [str(problem) for problem in read_catalogue(path).problems]

    assert any(message in problem for problem in problems), problems
    assert all(problem.startswith(str(path)) for problem in problems)


def test_a_file_that_does_not_parse_is_reported_alone_instead_of_as_a_flood_of_unknown_skills(tmp_path):
    valid_catalogue(tmp_path)
    (tmp_path / "skills.yaml").write_text("skills:\n  - slug: python\n    description: broken: colon\n")

    problems = read_catalogue(tmp_path).problems

    assert len(problems) == 1
    assert problems[0].line == 3 and "not valid YAML" in problems[0].message


def test_a_missing_path_is_a_problem_not_a_crash(tmp_path):
    problems = read_catalogue(tmp_path / "nowhere").problems

    assert [p.message for p in problems] == ["no such file or directory"]


def test_cycles_are_each_found_once():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"d"}, "e": {"a"}}

    assert graph_cycles(graph) == [["a", "b", "c"], ["d"]]
    assert graph_cycles({"a": {"b"}, "b": set()}) == []


# ------------------------------------------------------------------------------- the shipped catalogue

SEED_ROLES = {
    "ai-ml-engineer": (
        "AI / ML Engineer",
        120_000,
        160_000,
        {"google-professional-ml-engineer", "aws-ml-specialty", "azure-ai-engineer-associate"},
    ),
    "data-scientist": (
        "Data Scientist",
        90_000,
        150_000,
        {"certified-analytics-professional", "ibm-data-science-professional", "azure-data-scientist-associate"},
    ),
    "cloud-solutions-architect": (
        "Cloud Solutions Architect",
        100_000,
        150_000,
        {"aws-solutions-architect-professional", "azure-solutions-architect-expert", "togaf"},
    ),
    "devops-engineer": (
        "DevOps Engineer",
        115_000,
        147_000,
        {"aws-devops-engineer-professional", "microsoft-devops-engineer-expert", "google-professional-devops-engineer"},
    ),
    "cybersecurity-engineer": (
        "Cybersecurity Engineer (Security Architect)",
        90_000,
        150_000,
        {"cissp", "ceh", "comptia-security-plus", "cism", "cisa"},
    ),
    "software-architect": (
        "Software Architect",
        100_000,
        150_000,
        {
            "togaf",
            "aws-solutions-architect-professional",
            "azure-solutions-architect-expert",
            "pmp",
            "certified-scrummaster",
        },
    ),
    "data-engineer": (
        "Data Engineer",
        90_000,
        150_000,
        {"google-professional-data-engineer", "azure-data-engineer-associate", "aws-data-analytics-specialty"},
    ),
}


@pytest.fixture(scope="module")
def shipped():
    result = read_catalogue(settings.CATALOGUE_DIR)
    assert result.problems == []
    catalogue = result.catalogue
    return {section: {entry.slug: entry for entry in getattr(catalogue, section)} for section in SECTIONS}


def test_the_shipped_catalogue_has_every_seed_role_with_salary_certifications_and_five_roadmap_steps(shipped):
    for slug, (title, low, high, certifications) in SEED_ROLES.items():
        role = shipped["roles"][slug]
        assert role.title == title
        canada = next(s for s in role.salaries if s.label == "Canada")
        assert (canada.min, canada.max, canada.period) == (low, high, "year")
        assert certifications <= set(role.certifications), slug
        assert len(role.roadmap) == 5, slug
        assert all(step.skills for step in role.roadmap), slug
        assert len(role.top_companies) >= 6, slug
        assert len(role.responsibilities) == 5, slug


def test_every_role_has_ten_or_more_requirements_including_soft_skills(shipped):
    soft = {slug for slug, skill in shipped["skills"].items() if skill.kind == "soft"}
    for slug, role in shipped["roles"].items():
        required = {r.skill for r in role.requirements}
        # Seed roles list a dozen or more; entry roles ask for less.
        assert role.requirement_count() >= (10 if role.level == "entry" else 12), slug
        assert required & soft, f"{slug} requires no soft skill"
        assert {r.importance for r in role.requirements} == {"core", "important", "nice"}, slug


def test_skills_are_shared_across_roles_at_different_levels(shipped):
    assert len(shipped["skills"]) >= 60
    python_levels = {
        slug: r.level for slug, role in shipped["roles"].items() for r in role.requirements if r.skill == "python"
    }
    python_levels |= {
        slug: g.level for slug, role in shipped["roles"].items() for g in role.any_of if "python" in g.skills
    }
    assert len(python_levels) >= 5
    assert len(set(python_levels.values())) >= 2


def test_every_skill_has_five_descriptors_hours_and_a_resource(shipped):
    with_resources = {resource.skill for resource in shipped["resources"].values()}
    for slug, skill in shipped["skills"].items():
        assert len(skill.can) == 5 and all(d.startswith("I can") for d in skill.can), slug
        assert len(skill.hours) == 5 and all(h >= 1 for h in skill.hours), slug
        assert slug in with_resources, f"{slug} has no learning resource"


def test_the_ml_engineer_guide_is_all_in_the_catalogue(shipped):
    role = shipped["roles"]["ai-ml-engineer"]
    assert len(role.daily_activities) == 9
    assert len(role.main_tasks) == 9
    assert len(role.questions) == 5
    ontario = {s.experience: (s.min, s.max, s.period) for s in role.salaries if s.region == "Ontario"}
    assert ontario == {
        "entry": (75_000, 110_000, "year"),
        "intermediate": (100_000, 140_000, "year"),
        "senior": (120_000, 180_000, "year"),
        "principal": (200_000, None, "year"),
        "contract": (60, 120, "hour"),
    }
    soft_skills = {
        "problem-framing",
        "communication",
        "collaboration",
        "adaptability",
        "ethical-judgment",
        "documentation-storytelling",
        "time-management",
    }
    assert soft_skills <= {r.skill for r in role.requirements}
    assert {stage for a in shipped["advice"].values() if a.roles == ("ai-ml-engineer",) for stage in a.stages} == {
        "high-school",
        "post-secondary",
        "career-switcher",
        "newcomer",
    }
    paths = {p.kind: (p.min_months, p.max_months) for p in shipped["education_paths"].values()}
    assert paths == {"certificate": (8, 12), "diploma": (24, 36), "degree": (48, 56)}
    institutions = shipped["institutions"].values()
    assert sum(i.kind == "university" for i in institutions) == 16
    assert sum(i.kind == "college" for i in institutions) == 14
    assert all(i.url.startswith("https://") and i.city for i in institutions)
    link_urls = {link.url for link in shipped["links"].values()}
    assert {
        "https://www.ontariouniversitiesinfo.ca",
        "https://www.ontransfer.ca",
        "https://vectorinstitute.ai",
        "https://www.peo.on.ca",
        "https://www.ipc.on.ca/health-sector/",
        "https://www.jobbank.gc.ca/trend-analysis",
    } <= link_urls
