from django.contrib import admin
from django.urls import include, path

from assessments import views as assessment_views
from assessments.api import api

urlpatterns = [
    path("", assessment_views.home, name="home"),
    path("roles/", include("roles.urls")),
    path("assessment/", include("assessments.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
