"""The benchmark's catalogues and measurements (the figures themselves are reported, never asserted)."""

import zipfile

from assessments import benchmark


def write_zip(path, name, text):
    with zipfile.ZipFile(path, "w") as bundle:
        bundle.writestr(name, text)


def test_esco_occupations_become_roles_with_essential_skills_core_at_3_and_optional_nice_at_2(tmp_path):
    skills = "conceptType,conceptUri,skillType,reuseLevel,preferredLabel\n" + "".join(
        f"S,http://data.europa.eu/esco/skill/{key},skill,x,{label}\n"
        for key, label in (("k1", "use Python"), ("k2", "write SQL"))
    )
    occupations = (
        "conceptType,conceptUri,iscoGroup,preferredLabel\nO,http://data.europa.eu/esco/occupation/o1,1,analyst\n"
    )
    with zipfile.ZipFile(tmp_path / "esco-v1.1.1-classification-en-csv.zip", "w") as bundle:
        bundle.writestr("skills_en.csv", skills)
        bundle.writestr("occupations_en.csv", occupations)
    write_zip(
        tmp_path / "esco-v1.1.1-relations-csv.zip",
        "occupationSkillRelations.csv",
        "occupationUri,relationType,skillType,skillUri\n"
        "http://data.europa.eu/esco/occupation/o1,essential,skill,http://data.europa.eu/esco/skill/k1\n"
        "http://data.europa.eu/esco/occupation/o1,optional,skill,http://data.europa.eu/esco/skill/k2\n"
        "http://data.europa.eu/esco/occupation/o1,optional,skill,http://data.europa.eu/esco/skill/missing\n",
    )

    catalogue = benchmark.esco_catalogue(tmp_path)

    assert [(role.slug, role.title) for role in catalogue.roles] == [("o1", "analyst")]
    assert [(r.skill, r.level, r.importance) for r in catalogue.roles[0].requirements] == [
        ("k1", 3, "core"),
        ("k2", 2, "nice"),
    ]


def test_a_measurement_checks_the_engine_against_numpy_and_times_both():
    catalogue = benchmark.synthetic_catalogue(roles=20, requirements=10, skills=50)
    levels = benchmark.student(catalogue, rated=15)

    row = benchmark.measure("tiny", catalogue, levels)

    assert (row.roles, row.links, row.rated) == (20, 200, 15)
    assert row.engine_ms > 0 and row.numpy_ms > 0 and row.engine_with_plan_ms > 0
    assert row.plan_items >= 0
