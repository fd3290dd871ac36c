"""Cohort insights (withheld below five students) and the CSV exports (what they hold and never hold)."""

import csv
import io
import re

import pytest
from django.utils import timezone, translation

from counselling import services
from counselling.insights import Tally, TargetCount, cohort_insights
from counselling.models import Membership
from counselling.tests import factories as make
from roles import models as m
from roles.selectors import compiled_catalogue

pytestmark = pytest.mark.django_db

DEVOPS = {"linux": 3, "shell-scripting": 3, "git": 3, "docker": 3, "observability": 3}


@pytest.fixture
def lee():
    return make.counsellor("lee@school.ca", "Ms Lee")


def cohort_of(lee, count: int, *, target="devops-engineer"):
    cohort = make.cohort(f"Cohort of {count}", lee)
    for index in range(count):
        # Everyone has Linux 3 (DevOps needs 3); only the first two have Kubernetes at 3.
        levels = {**DEVOPS, "kubernetes": 3 if index < 2 else 1}
        make.share(make.student(f"s{index}@x.ca", f"Student {index}", levels=levels, target=target), cohort)
    return cohort


def test_with_four_students_every_figure_is_withheld_and_the_page_says_so(lee):
    cohort = cohort_of(lee, 4)

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/insights/").content.decode()

    assert "Withheld: only 4 students share a result; figures need at least 5." in html
    assert "Withheld: figures need at least 5 students." in html
    assert "%" not in re.sub(r"<[^>]+>", "", html[html.index("The same figures as a table") : html.index("</table>")])
    assert re.search(r"Kubernetes</th>\s*<td class=\"num\"><span title=\"fewer than 5 students\">withheld</span>", html)


def test_with_five_students_the_figures_appear(lee):
    cohort = cohort_of(lee, 5)

    client = make.logged_in(lee)
    html = client.get(f"/counsellor/cohorts/{cohort.id}/insights/").content.decode()
    for_devops = client.get(f"/counsellor/cohorts/{cohort.id}/insights/", {"role": "devops-engineer"}).content.decode()

    # Kubernetes: 3 of the 5 are below DevOps's 3; Linux: none is.
    assert re.search(r"Kubernetes</th>\s*<td class=\"num\">60 % <span[^>]*>\(3/5\)</span>", for_devops)
    assert re.search(
        r"Linux &amp; operating systems</th>\s*<td class=\"num\">0 % <span[^>]*>\(0/5\)</span>", for_devops
    )
    assert re.search(r"DevOps Engineer</th><td class=\"num\">5</td>", html)
    assert '<svg class="heatmap"' in html and '<svg class="histogram"' in html
    assert "Withheld" not in html
    # The role menu offers every role and keeps the one asked for.
    menus = [
        re.search(r'<select id="role" name="role"[^>]*>(.*?)</select>', page).group(1) for page in (html, for_devops)
    ]
    assert [re.findall(r"<option [^>]*selected>([^<]+)<", menu) for menu in menus] == [
        ["Each student&#x27;s own target role"],
        ["Students aiming at DevOps Engineer"],
    ]
    assert menus[0].count("<option ") == 1 + len(compiled_catalogue().roles)


def test_each_cohort_counts_only_the_students_sharing_with_it(lee):
    five = cohort_of(lee, 5)
    other = make.cohort("Another class", lee)
    for index in range(3):
        make.share(make.student(f"o{index}@x.ca", f"Other {index}", levels=DEVOPS, target="devops-engineer"), other)

    client = make.logged_in(lee)
    fives = client.get(f"/counsellor/cohorts/{five.id}/insights/", {"role": "devops-engineer"}).content.decode()
    threes = client.get(f"/counsellor/cohorts/{other.id}/insights/").content.decode()

    assert re.search(r"Kubernetes</th>\s*<td class=\"num\">60 % <span[^>]*>\(3/5\)</span>", fives)
    assert "Withheld: only 3 students share a result; figures need at least 5." in threes


def test_a_target_role_with_fewer_than_five_students_is_withheld_even_in_a_big_cohort(lee):
    cohort = cohort_of(lee, 6)
    make.share(make.student("d@x.ca", "Dana", levels={"python": 3}, target="data-scientist"), cohort)
    client = make.logged_in(lee)

    for_data = client.get(f"/counsellor/cohorts/{cohort.id}/insights/", {"role": "data-scientist"}).content.decode()
    overall = client.get(f"/counsellor/cohorts/{cohort.id}/insights/").content.decode()

    assert "withheld" in for_data and "%" not in re.sub(
        r"<[^>]+>", "", for_data[for_data.index("<tbody>") : for_data.index("</tbody>")]
    )
    # No column of "withheld" for Data Scientist's one student: counted under "All students", and said so.
    table = overall[overall.index("The same figures as a table") : overall.index("</table>")]
    assert "Data Scientist" not in table and 'All students<br><span class="small fw-normal">7 students</span>' in table
    assert 'DevOps Engineer<br><span class="small fw-normal">6 students</span>' in table
    assert "1 target role chosen by fewer than 5 students has no column of its own" in overall
    # The side tables keep the same promise: no count of 1 to 4 anywhere.
    targets = overall[overall.index('id="targets-heading"') : overall.index('id="fits-heading"')]
    assert re.search(r"DevOps Engineer</th><td class=\"num\">6</td>", targets)
    assert "Data Scientist" not in targets
    others = r"Other target roles, each chosen by fewer than 5</th><td class=\"num\">fewer than 5</td>"
    assert re.search(others, targets)
    fits = overall[overall.index('id="fits-heading"') :]
    shown = [int(n) for n in re.findall(r"<td class=\"num\">(\d+)</td>", fits)]
    assert shown and all(n == 0 or n >= 5 for n in shown), shown
    assert sum(shown) + 5 * fits.count("fewer than 5</td>") >= 7


def test_an_unknown_role_in_the_filter_is_refused_clearly(lee):
    cohort = cohort_of(lee, 1)

    response = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/insights/", {"role": "astronaut"}, follow=True)

    assert "Choose a role from the list." in response.content.decode()


def test_insights_judge_each_result_by_its_own_catalogue_not_todays(lee):
    cohort = cohort_of(lee, 5)
    # Today's catalogue asks for Kubernetes at 1, which every student reaches; their results were scored
    # when DevOps needed 3, and that is what their results said.
    m.Requirement.objects.filter(role__slug="devops-engineer", skill__slug="kubernetes").update(required_level=1)

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/insights/", {"role": "devops-engineer"})

    assert re.search(r"Kubernetes</th>\s*<td class=\"num\">60 % <span[^>]*>\(3/5\)</span>", html.content.decode())


def test_insights_order_skills_by_how_many_lack_them_only_when_that_can_be_shown():
    devops = compiled_catalogue().role_by_slug["devops-engineer"]

    def figures(students: int):
        # Every student below Kubernetes' level but one; nobody below Linux's.
        lacking = {"kubernetes": students - 1, "linux": 0}
        tallies = [
            Tally("devops-engineer", r.skill, r.skill.title(), students, lacking.get(r.skill, students))
            for r in devops.requirements
        ]
        targets = [TargetCount("devops-engineer", "DevOps Engineer", students, (0, 0, students, 0, 0))]
        return cohort_insights(tallies=tallies, targets=targets, role_slug="devops-engineer")

    shown, hidden = figures(5), figures(4)

    assert shown.rows[-1].skill == "linux"  # nobody lacks it
    assert shown.rows[-2].skill == "kubernetes"  # 4 of 5 lack it; every other skill 5 of 5
    assert [row.skill_name for row in hidden.rows] == sorted((row.skill_name for row in hidden.rows), key=str.casefold)
    assert shown.fit_buckets == (("0–19 %", 0), ("20–39 %", 0), ("40–59 %", 5), ("60–79 %", 0), ("80–100 %", 0))
    assert hidden.fit_buckets == () and hidden.targets == ()


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_the_cohort_table_exports_as_csv_without_what_it_must_not_contain(lee):
    cohort = make.cohort("Grade 12", lee)
    maya = make.student("maya@example.ca", "Maya", levels=DEVOPS, target="devops-engineer", evidence="my-private-link")
    make.share(maya, cohort)
    gone = make.student("gone@example.ca", "Gone", levels=DEVOPS)
    services.membership_end(membership=make.share(gone, cohort))
    services.note_add(cohort=cohort, student=maya, author=lee, text="confidential remark", shared_with_student=False)

    response = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/export.csv")
    rows = csv_rows(response)
    text = response.content.decode("utf-8-sig")

    assert rows[0] == [
        "Student",
        "Sharing since",
        "Status",
        "Latest result",
        "Best fit",
        "Fit (%)",
        "Target role",
        "Results",
    ]
    assert [row[0] for row in rows[1:]] == ["Maya"]
    assert rows[1][2] == "New" and rows[1][6] == "DevOps Engineer" and rows[1][7] == "1"
    for secret in ("maya@example.ca", "Gone", "gone@example.ca", "confidential", "my-private-link", "password"):
        assert secret not in text


def test_the_csv_lists_every_sharing_student_by_name_with_their_latest_result_and_how_many(lee):
    cohort = make.cohort("Grade 12", lee)
    ben = make.student("ben@example.ca", "Ben", levels={"python": 1})
    make.add_result(ben, DEVOPS, target="devops-engineer")  # his latest, of two
    make.share(ben, cohort)
    make.share(make.student("ana@example.ca", "Ana"), cohort)  # no result yet
    make.share(make.student("cy@example.ca", ""), cohort)
    Membership.objects.filter(student=ben).update(status="follow-up")
    ben.refresh_from_db()

    rows = csv_rows(make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/export.csv"))

    today = timezone.localdate().isoformat()
    latest = ben.latest_result
    assert rows[1:] == [
        ["(no name)", today, "New", "", "", "", "", "0"],  # an empty name sorts first
        ["Ana", today, "New", "", "", "", "", "0"],
        [
            "Ben",
            today,
            "Follow up",
            timezone.localtime(latest.created_at).date().isoformat(),
            latest.best_role_title,
            str(latest.best_fit),
            "DevOps Engineer",
            "2",
        ],
    ]


def test_one_students_plan_exports_as_csv_and_the_download_is_recorded(lee):
    cohort = make.cohort("Grade 12", lee)
    maya = make.student("maya@example.ca", "Maya", levels=DEVOPS, target="devops-engineer", evidence="my-notes")
    make.share(maya, cohort)
    result = maya.assessments.get().results.get()

    response = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/results/{result.id}/plan.csv")
    rows = csv_rows(response)

    items = [f"{i.group}: {i.skill_name}" if i.group else i.skill_name for i in result.learning_plan().items]
    assert [row[1] for row in rows[1 : 1 + len(items)]] == items
    assert "maya@example.ca" not in response.content.decode() and "my-notes" not in response.content.decode()
    assert result.views.get().kind == "plan-csv"


# The DevOps Engineer column's Kubernetes cell: "{share} % ({lacking}/{out of})".
KUBERNETES = r"Kubernetes</th>\s*<td class=\"num\">{} % <span[^>]*>\({}\)</span>"


def devops_insights(counsellor, cohort) -> str:
    url = f"/counsellor/cohorts/{cohort.id}/insights/"
    return make.logged_in(counsellor).get(url, {"role": "devops-engineer"}).content.decode()


def test_insights_follow_a_students_change_of_target(lee):
    cohort = cohort_of(lee, 6)

    assert re.search(KUBERNETES.format(67, "4/6"), devops_insights(lee, cohort))

    # Student 0, who has Kubernetes at 3, now plans for Data Scientist: DevOps keeps five, four of them lacking it.
    student = cohort.memberships.get(student__email="s0@x.ca").student
    result = student.assessments.get().results.get()
    assert (
        make.logged_in(student).post(f"/results/{result.id}/target/", {"target": "data-scientist"}).status_code == 302
    )

    assert re.search(KUBERNETES.format(80, "4/5"), devops_insights(lee, cohort))


def test_the_page_counts_the_students_whose_latest_result_has_a_target_and_says_how_many(lee):
    cohort = cohort_of(lee, 5)
    make.share(make.student("zero@x.ca", "No skills yet", levels={}), cohort)  # nothing fits: no target

    client = make.logged_in(lee)
    pages = [client.get(f"/counsellor/cohorts/{cohort.id}/insights/").content.decode() for _ in range(2)]

    for html in pages:  # drawn, then served from the cache
        assert f"<h1>Insights: {cohort.name}</h1>" in html
        assert f'<a href="/counsellor/cohorts/{cohort.id}/">{cohort.name}</a>' in html
        assert "From the latest result of the 5 students who share with this cohort." in html
        assert re.search(r"DevOps Engineer</th><td class=\"num\">5</td>", html)


def test_insights_follow_a_student_who_stops_sharing_and_one_who_submits_again(lee):
    cohort = cohort_of(lee, 6)

    html = devops_insights(lee, cohort)
    assert re.search(KUBERNETES.format(67, "4/6"), html) and "the 6 students who share" in html

    # Student 1 (with Kubernetes at 3) stops sharing: five are left, four of them lacking it.
    services.membership_end(membership=cohort.memberships.get(student__email="s1@x.ca"))
    html = devops_insights(lee, cohort)
    assert re.search(KUBERNETES.format(80, "4/5"), html) and "the 5 students who share" in html

    # Student 4 submits again with Kubernetes at 3: their latest result counts, not the earlier one.
    make.add_result(
        cohort.memberships.get(student__email="s4@x.ca").student, {**DEVOPS, "kubernetes": 3}, target="devops-engineer"
    )
    assert re.search(KUBERNETES.format(60, "3/5"), devops_insights(lee, cohort))


def test_the_heatmap_writes_every_name_in_full_and_has_a_legend(lee):
    cohort = make.cohort("Testers", lee)
    for index in range(5):
        levels = {"python": 2, "git": 2, "test-automation": 1 + index % 2}
        make.share(make.student(f"q{index}@x.ca", f"Q {index}", levels=levels, target="qa-analyst"), cohort)

    html = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/insights/").content.decode()
    svg = html[html.index('<svg class="heatmap"') : html.index("</svg>")]

    assert ">Test automation (Selenium, Playwright, Cypress)</text>" in svg  # 47 characters, once cut at 31
    assert ">QA &amp; Test Automation Analyst</text>" in svg  # once cut at 22
    legend = re.sub(r"<[^>]+>", " ", html[html.index('class="heatmap-legend') : html.index("Skills most lacking")])
    for band in ("0–19 %", "20–39 %", "40–59 %", "60–79 %", "80–100 %", "withheld (fewer than 5 students)"):
        assert band in legend


def test_the_charts_write_their_numbers_with_a_point_in_french(lee):
    """French writes 735,2 where English writes 735.2: no browser reads a viewBox or a coordinate written so."""
    cohort = make.cohort("Testers", lee)
    for index in range(5):
        levels = {"python": 2, "git": 2, "test-automation": 1 + index % 2}
        make.share(make.student(f"q{index}@x.ca", f"Q {index}", levels=levels, target="qa-analyst"), cohort)

    with translation.override("fr-ca"):
        html = make.logged_in(lee).get(f"/counsellor/cohorts/{cohort.id}/insights/").content.decode()

    for chart in ("heatmap", "histogram"):
        svg = html[html.index(f'<svg class="{chart}"') :]
        svg = svg[: svg.index("</svg>")]
        (view_box,) = re.findall(r'viewBox="([^"]*)"', svg)
        numbers = view_box.split() + re.findall(r' (?:x|x1|x2|y|y1|y2|width|height)="([^"]*)"', svg)
        assert len(numbers) > 20
        assert all(re.fullmatch(r"-?\d+(\.\d+)?", number) for number in numbers), (chart, numbers)
