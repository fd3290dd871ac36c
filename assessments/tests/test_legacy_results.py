"""Results saved before the catalogue took its one shape open with everything they showed then.

`fixtures/legacy_results.json.gz` holds three results saved by the earlier code (a Grade 11 student, a
sysadmin moving to DevOps, a data analyst): their catalogue snapshot, answers, profile, and the ranking and
plan exactly as the earlier results page stored them. The test puts them in a database at the migration
before the change, migrates forward, opens each result and plan, and compares every figure they show.
"""

import gzip
import json
import uuid
from pathlib import Path

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from roles.formatting import salary_text

FIXTURE = Path(__file__).parent / "fixtures" / "legacy_results.json.gz"
BEFORE = [("assessments", "0001_initial")]
CONTRIBUTION_FIELDS = (
    "skill",
    "skill_name",
    "importance",
    "weight",
    "required",
    "current",
    "points",
    "possible",
    "gap_weight",
)


def _load_legacy_results() -> tuple[dict, list[uuid.UUID]]:
    legacy = json.loads(gzip.decompress(FIXTURE.read_bytes()))
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Snapshot = old.get_model("assessments", "CatalogueSnapshot")
    Assessment = old.get_model("assessments", "Assessment")
    Result = old.get_model("assessments", "Result")
    snapshots = {
        fingerprint: Snapshot.objects.create(fingerprint=fingerprint, version=saved["version"], data=saved["data"])
        for fingerprint, saved in legacy["snapshots"].items()
    }
    ids = []
    for saved in legacy["results"]:
        assessment = Assessment.objects.create(
            status="submitted",
            stage=saved["profile"]["stage"],
            hours_per_week=saved["profile"]["hours_per_week"],
            interests=saved["profile"]["interests"],
        )
        result = Result.objects.create(
            assessment=assessment,
            kind=saved["kind"],
            catalogue=snapshots[saved["catalogue"]],
            **{
                field: saved[field]
                for field in (
                    "answers",
                    "profile",
                    "ranking",
                    "target_role",
                    "plan",
                    "best_role_title",
                    "best_fit",
                    "target_role_title",
                )
            },
        )
        ids.append(result.id)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    return legacy, ids


@pytest.mark.django_db(transaction=True)
def test_results_saved_by_the_earlier_code_show_the_same_scores_explanations_and_plans(client, shipped_catalogue):
    legacy, ids = _load_legacy_results()

    for saved, result_id in zip(legacy["results"], ids, strict=True):
        response = client.get(f"/results/{result_id}/")
        assert response.status_code == 200, saved["persona"]
        rows = response.context["page"].rows
        assert [(r.slug, r.rank, r.fit, r.unmet_core, r.points, r.possible) for r in rows] == [
            (r["slug"], r["rank"], r["fit"], r["unmet_core"], r["points"], r["possible"]) for r in saved["ranking"]
        ], saved["persona"]
        for row, was in zip(rows, saved["ranking"], strict=True):
            assert (
                salary_text(minimum=row.salary.min, maximum=row.salary.max, period=row.salary.period)
                == (was["salary"]["text"])
            )
            assert {
                (
                    c.skill,
                    c.skill_name,
                    c.importance,
                    c.weight,
                    c.required,
                    c.current,
                    c.points,
                    c.possible,
                    c.gap_weight,
                )
                for c in row.lines
            } == {tuple(c[key] for key in CONTRIBUTION_FIELDS) for c in was["contributions"]}
            assert [(g.skill, g.current, g.required, g.gap_weight) for g in row.gaps] == [
                (g["skill"], g["current"], g["required"], g["weight"]) for g in was["gaps"]
            ]
        assert response.context["page"].target.slug == saved["target_role"]

        plan_page = client.get(f"/results/{result_id}/plan/")
        assert plan_page.status_code == 200
        plan, was = plan_page.context["page"].plan, saved["plan"]
        names = plan.skill_names()
        assert (plan.role, plan.role_title, plan.total_hours, plan.weeks) == (
            was["role"],
            was["role_title"],
            was["total_hours"],
            was["weeks"],
        )
        assert (plan.start.isoformat(), plan.finish_date.isoformat()) == (was["start"], was["finish_date"])
        assert [
            (phase.title, phase.hours, [(i.skill_name, i.from_level, i.to_level, i.hours) for i in phase.items])
            for phase in plan.phases()
        ] == [
            (
                p["title"],
                p["hours"],
                [(i["skill_name"], i["from_level"], i["to_level"], i["hours"]) for i in p["items"]],
            )
            for p in was["phases"]
        ]
        for item, before in zip(plan.items, [i for p in was["phases"] for i in p["items"]], strict=True):
            assert (item.start_week, item.end_week, item.importance, item.weight) == (
                before["start_week"],
                before["end_week"],
                before["importance"],
                before["weight"],
            )
            assert [names[s] for s in item.needed_for] == before["needed_for"]
            assert [(r.title, r.url, r.kind, r.cost, r.hours) for r in item.resources] == [
                (r["title"], r["url"], r["kind"], r["cost"], r["hours"]) for r in before["resources"]
            ]
        assert [(c.certification.name, [names[s] for s in c.covers], c.for_role) for c in plan.certifications] == [
            (c["name"], c["covers"], c["for_role"]) for c in was["certifications"]
        ]
        education, was_education = plan.education, was["education"]
        assert (education.stage.name if education.stage else "") == was_education["stage_name"]
        assert [p.name for p in education.paths] == [p["name"] for p in was_education["paths"]]
        assert [i.name for i in education.universities + education.colleges] == [
            i["name"] for i in was_education["universities"] + was_education["colleges"]
        ]
        assert [(a.title, list(a.items)) for a in education.advice] == [
            (a["title"], a["items"]) for a in was_education["advice"]
        ]
        assert [link.url for link in education.links] == [link["url"] for link in was_education["links"]]
        assert client.get(f"/results/{result_id}/plan.csv").status_code == 200


@pytest.mark.django_db(transaction=True)
def test_the_migration_records_each_saved_results_target_requirements_from_its_own_snapshot():
    from assessments.models import Result, TargetRequirement
    from assessments.selectors import catalogue_for_result
    from assessments.services import target_requirements

    _, ids = _load_legacy_results()

    checked = 0
    for result in Result.objects.filter(id__in=ids).select_related("catalogue"):
        catalogue = catalogue_for_result(result)
        role = catalogue.role_by_slug.get(result.target_role)
        expected = target_requirements(role, catalogue, result.levels()) if role else []
        recorded = TargetRequirement.objects.filter(result=result)
        as_rows = lambda rows: sorted((r.target_role, r.skill, r.skill_name, r.required, r.level) for r in rows)  # noqa: E731
        assert as_rows(recorded) == as_rows(expected), result.target_role
        checked += bool(expected)
    assert checked == len(ids)
