from django.contrib import admin
from django.urls import include, path

from assessments import views as assessment_views
from assessments.api import api

urlpatterns = [
    path("", assessment_views.home, name="home"),
    path("", include("assessments.urls")),
    path("", include("counselling.urls")),
    path("roles/", include("roles.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
