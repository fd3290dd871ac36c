"""Saved results move to the catalogue's one shape (roles.schema) and the engine's own output.

- A catalogue snapshot is stored as the catalogue's declaration (format 2) instead of the old spec shape.
- A result's plan is stored as the engine's Plan (assessments.planning.Plan) instead of a page-ready copy.
- A result's ranking is no longer stored: it is the fixed fit formula applied to the answers and the
  result's own snapshot, so the page computes it, the same as it was first shown.

Self-contained on purpose: it converts JSON to JSON and imports nothing from the app, so later changes
to the app cannot change what it does.
"""

from django.db import migrations
from django.utils.text import slugify


def _snapshot(data: dict) -> dict:
    if data.get("format") == 2:
        return data

    def role(r: dict) -> dict:
        return {
            "slug": r["slug"],
            "title": r["title"],
            "summary": r.get("summary") or r["title"],
            "salaries": [
                {
                    "label": s["label"],
                    "experience": s.get("experience", "any"),
                    "min": s["minimum"],
                    "max": s["maximum"],
                    "period": s.get("period", "year"),
                    "region": s.get("region") or "Canada",
                    "source": s.get("source") or "CareerFit catalogue",
                    "note": s.get("note", ""),
                }
                for s in r.get("salaries", ())
            ],
            "certifications": sorted(r.get("certifications", ())),
            "requirements": [
                {"skill": q["skill"], "level": q["level"], "importance": q["importance"]} for q in r["requirements"]
            ],
            "roadmap": [
                {"title": p["title"], "description": p.get("description", ""), "skills": sorted(p.get("skills", ()))}
                for p in sorted(r.get("phases", ()), key=lambda p: p["position"])
            ],
        }

    return {
        "format": 2,
        "version": data["version"],
        "categories": data.get("categories", []),
        "skills": [
            {
                "slug": s["slug"],
                "name": s["name"],
                "category": s["category"],
                "kind": s.get("kind", "hard"),
                "description": s.get("description", ""),
                "can": list(s["descriptors"]),
                "hours": list(s["hours"]),
                "prerequisites": [{"skill": slug, "level": level} for slug, level in s.get("prerequisites", ())],
            }
            for s in data.get("skills", ())
        ],
        "stages": data.get("stages", []),
        "roles": [role(r) for r in data.get("roles", ())],
        "certifications": data.get("certifications", []),
        "resources": [
            {
                "slug": r["slug"],
                "skill": r["skill"],
                "title": r["title"],
                "url": r["url"],
                "kind": r["kind"],
                "cost": r["cost"],
                "hours": r["hours"],
                "levels": [r["min_level"], r["max_level"]],
            }
            for r in data.get("resources", ())
        ],
        "education_paths": data.get("education_paths", []),
        "institutions": data.get("institutions", []),
        "advice": data.get("advice", []),
        "links": data.get("links", []),
    }


def _plan(plan: dict, snapshot: dict) -> dict:
    """The old page-ready plan as the engine's Plan, finding each catalogue entry it showed in the snapshot."""
    if "items" in plan:
        return plan
    by_name = {item["skill_name"]: item["skill"] for phase in plan["phases"] for item in phase["items"]}
    resources = {(r["skill"], r["title"], r["url"]): r for r in snapshot["resources"]}
    certifications = {c["name"]: c for c in snapshot["certifications"]}
    paths = {p["name"]: p for p in snapshot["education_paths"]}
    institutions = {i["name"]: i for i in snapshot["institutions"]}
    advice = {(a["title"], tuple(a["items"])): a for a in snapshot["advice"]}
    links = {link["url"]: link for link in snapshot["links"]}
    stages = {s["slug"]: s for s in snapshot["stages"]}

    def resource(skill: str, shown: dict) -> dict:
        return resources.get((skill, shown["title"], shown["url"])) or {
            "slug": slugify(shown["title"])[:50] or "resource",
            "skill": skill,
            "title": shown["title"],
            "url": shown["url"],
            "kind": shown["kind"],
            "cost": shown["cost"],
            "hours": shown["hours"],
            "levels": [1, 5],
        }

    education = plan["education"]
    return {
        "role": plan["role"],
        "role_title": plan["role_title"],
        "hours_per_week": plan["hours_per_week"],
        "start": plan["start"],
        "items": [
            {
                "skill": item["skill"],
                "skill_name": item["skill_name"],
                "from_level": item["from_level"],
                "to_level": item["to_level"],
                "hours": item["hours"],
                "phase": phase["title"],
                "phase_position": phase["position"],
                "start_week": item["start_week"],
                "end_week": item["end_week"],
                "importance": item["importance"],
                "weight": item["weight"],
                "needed_for": [by_name.get(name, name) for name in item["needed_for"]],
                "resources": [resource(item["skill"], shown) for shown in item["resources"]],
            }
            for phase in plan["phases"]
            for item in phase["items"]
        ],
        "total_hours": plan["total_hours"],
        "weeks": plan["weeks"],
        "finish_date": plan["finish_date"],
        "certifications": [
            {
                "certification": certifications.get(c["name"])
                or {
                    "slug": slugify(c["name"])[:50] or "certification",
                    "name": c["name"],
                    "issuer": c["issuer"],
                    "url": c["url"],
                    "description": c["description"],
                    "skills": [],
                },
                "covers": [by_name.get(name, name) for name in c["covers"]],
                "for_role": c["for_role"],
            }
            for c in plan["certifications"]
        ],
        "education": {
            "stage": stages.get(education["stage"]),
            "paths": [paths[p["name"]] for p in education["paths"] if p["name"] in paths],
            "universities": [institutions[i["name"]] for i in education["universities"] if i["name"] in institutions],
            "colleges": [institutions[i["name"]] for i in education["colleges"] if i["name"] in institutions],
            "advice": [advice[(a["title"], tuple(a["items"]))] for a in education["advice"] if (a["title"], tuple(a["items"])) in advice],
            "links": [links[link["url"]] for link in education["links"] if link["url"] in links],
        },
    }


def forward(apps, schema_editor):
    CatalogueSnapshot = apps.get_model("assessments", "CatalogueSnapshot")
    Result = apps.get_model("assessments", "Result")
    snapshots = {}
    for snapshot in CatalogueSnapshot.objects.iterator():
        snapshot.data = _snapshot(snapshot.data)
        snapshot.save(update_fields=["data"])
        snapshots[snapshot.pk] = snapshot.data
    for result in Result.objects.only("id", "plan", "catalogue_id").iterator():
        converted = _plan(result.plan, snapshots[result.catalogue_id])
        if converted is not result.plan:
            result.plan = converted
            result.save(update_fields=["plan"])


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]

    operations = [
        migrations.RunPython(forward, migrations.RunPython.noop, elidable=False),
        migrations.RemoveField(model_name="result", name="ranking"),
    ]
