"""What `make bench` requests, as JSON: URLs, signed-in session cookies and request bodies (careerfit.bench)."""

import json
import secrets
import string

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.test import Client

from assessments.forms import AnswerInput
from assessments.models import Result
from assessments.questionnaire import questionnaire_steps
from assessments.services import assessment_save_answers, assessment_save_profile, assessment_start
from counselling.loadgen import COHORT_NAME, COUNSELLOR_EMAIL, student_email
from counselling.models import Cohort
from roles.selectors import compiled_catalogue


def _session(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


class Command(BaseCommand):
    help = "Print the bench's requests for a database filled by generate_load (sessions are created for them)."

    def handle(self, *args, **options):
        User = get_user_model()
        try:
            student = User.objects.get(email=student_email(0))
            counsellor = User.objects.get(email=COUNSELLOR_EMAIL)
            cohort = Cohort.objects.get(name=COHORT_NAME)
        except (User.DoesNotExist, Cohort.DoesNotExist):
            raise CommandError("Run generate_load on this database first.") from None
        result = Result.objects.filter(assessment__owner=student).order_by("-created_at").first()
        catalogue = compiled_catalogue()
        steps = questionnaire_steps(catalogue)
        skills_step = steps[1]
        # A draft at its first skills step, with that step's answers saved: the full rating page, not the quick pass;
        # the next step is open and not yet seen: its first visit asks which of its skills were used at all.
        draft = assessment_start(owner=student)
        assessment_save_profile(
            assessment=draft, stage=catalogue.stages[0].slug, hours_per_week=8, interests=[], reach_step=2
        )
        levels = {skill.slug: index % 4 for index, skill in enumerate(skills_step.skills)}
        assessment_save_answers(
            assessment=draft,
            answers={slug: AnswerInput(level=level, not_sure=False, evidence="") for slug, level in levels.items()},
            reach_step=skills_step.number + 1,
        )
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))  # as Django makes them
        student_cookie = f"sessionid={_session(student)}; csrftoken={csrf}"
        counsellor_cookie = f"sessionid={_session(counsellor)}"
        step_url = f"/assessment/{draft.id}/step/{skills_step.number}/"
        first_visit_url = f"/assessment/{draft.id}/step/{skills_step.number + 1}/"
        step_form = {"csrfmiddlewaretoken": csrf, "action": "next", **{slug: str(v) for slug, v in levels.items()}}
        roles = catalogue.roles
        api_body = {
            "ratings": {slug: 3 for slug in list(catalogue.skill_by_slug)[:12]},
            "hours_per_week": 8,
            "experience": "none",
        }
        pages = [
            ("floor", "GET", "/bench/floor/", None, None, ""),
            # The same page for a signed-in student: what their session and user cost every page before it runs.
            ("floor, signed in", "GET", "/bench/floor/", student_cookie, None, ""),
            ("landing", "GET", "/", None, None, ""),
            ("role list", "GET", "/roles/", None, None, ""),
            ("role page", "GET", f"/roles/{roles[0].slug}/", None, None, ""),
            ("questionnaire step", "GET", step_url, student_cookie, None, ""),
            ("questionnaire step, first visit", "GET", first_visit_url, student_cookie, None, ""),
            ("questionnaire step POST", "POST", step_url, student_cookie, "form", step_form),
            ("results", "GET", f"/results/{result.id}/", student_cookie, None, ""),
            ("plan", "GET", f"/results/{result.id}/plan/", student_cookie, None, ""),
            ("my assessments", "GET", "/my/assessments/", student_cookie, None, ""),
            ("counsellor dashboard", "GET", f"/counsellor/cohorts/{cohort.id}/", counsellor_cookie, None, ""),
            (
                "student file",
                "GET",
                f"/counsellor/cohorts/{cohort.id}/students/{student.uuid}/",
                counsellor_cookie,
                None,
                "",
            ),
            ("cohort insights", "GET", f"/counsellor/cohorts/{cohort.id}/insights/", counsellor_cookie, None, ""),
            ("POST /api/v1/score", "POST", "/api/v1/score", None, "json", api_body),
        ]
        self.stdout.write(
            json.dumps(
                [
                    {"name": name, "method": method, "path": path, "cookie": cookie, "body_type": kind, "body": body}
                    for name, method, path, cookie, kind, body in pages
                ]
            )
        )
