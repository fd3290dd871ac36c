from django.urls import path

from counselling import views

app_name = "counselling"
urlpatterns = [
    # Students
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/join/", views.join, name="join"),
    path("sharing/join/<str:code>/", views.consent, name="consent"),
    path("sharing/<uuid:membership_id>/stop/", views.stop, name="stop"),
    # Counsellors
    path("counsellor/", views.dashboard, name="dashboard"),
    path("counsellor/cohorts/new/", views.cohort_new, name="cohort_new"),
    path("counsellor/cohorts/<uuid:cohort_id>/", views.cohort, name="cohort"),
    path("counsellor/cohorts/<uuid:cohort_id>/code/", views.cohort_code, name="cohort_code"),
    path("counsellor/cohorts/<uuid:cohort_id>/export.csv", views.cohort_csv, name="cohort_csv"),
    path("counsellor/cohorts/<uuid:cohort_id>/insights/", views.insights, name="insights"),
    path("counsellor/cohorts/<uuid:cohort_id>/students/<uuid:student_uuid>/", views.student, name="student"),
    path(
        "counsellor/cohorts/<uuid:cohort_id>/students/<uuid:student_uuid>/status/",
        views.student_status,
        name="student_status",
    ),
    path(
        "counsellor/cohorts/<uuid:cohort_id>/students/<uuid:student_uuid>/notes/",
        views.student_note,
        name="student_note",
    ),
    path("counsellor/cohorts/<uuid:cohort_id>/results/<uuid:result_id>/", views.result, name="result"),
    path("counsellor/cohorts/<uuid:cohort_id>/results/<uuid:result_id>/plan/", views.plan, name="plan"),
    path("counsellor/cohorts/<uuid:cohort_id>/results/<uuid:result_id>/plan.csv", views.plan_csv, name="plan_csv"),
]
