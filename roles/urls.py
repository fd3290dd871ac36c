from django.urls import path

from roles import views

app_name = "roles"
urlpatterns = [
    path("", views.role_list, name="list"),
    path("<slug:slug>/", views.role_detail, name="detail"),
    path("<slug:slug>/preview/", views.role_preview, name="preview"),
]
