from django.contrib import admin
from django.urls import include, path

from accounts import views as account_views
from assessments import views as assessment_views
from assessments.api import api

urlpatterns = [
    path("", assessment_views.home, name="home"),
    path("privacy/", account_views.privacy, name="privacy"),
    path("", include("assessments.urls")),
    path("", include("counselling.urls")),
    path("roles/", include("roles.urls")),
    path("accounts/", include("accounts.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
