from django.urls import path

from assessments import views

app_name = "assessments"
urlpatterns = [
    path("assessment/start/", views.start, name="start"),
    path("assessment/<uuid:assessment_id>/", views.resume, name="resume"),
    path("assessment/<uuid:assessment_id>/step/<int:number>/", views.step, name="step"),
    path("assessment/<uuid:assessment_id>/keep/", views.keep, name="keep"),
    path("assessment/<uuid:assessment_id>/delete/", views.delete, name="delete"),
    path("results/<uuid:result_id>/", views.result_detail, name="result"),
    path("results/<uuid:result_id>/target/", views.result_target, name="target"),
    path("results/<uuid:result_id>/rescore/", views.result_rescore, name="rescore"),
    path("results/<uuid:result_id>/retake/", views.result_retake, name="retake"),
    path("results/<uuid:result_id>/plan/", views.plan_detail, name="plan"),
    path("results/<uuid:result_id>/plan/pace/", views.plan_pace, name="pace"),
    path("results/<uuid:result_id>/plan/choice/", views.plan_choice, name="choice"),
    path("results/<uuid:result_id>/plan.csv", views.plan_csv, name="plan_csv"),
    path("my/assessments/", views.history, name="history"),
    path("my/growth/", views.growth, name="growth"),
]
