from django.contrib import admin
from django.urls import include, path

from assessments import views as assessment_views

urlpatterns = [
    path("", assessment_views.home, name="home"),
    path("roles/", include("roles.urls")),
    path("assessment/", include("assessments.urls")),
    path("admin/", admin.site.urls),
]
