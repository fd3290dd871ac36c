from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/home.html", {})


def start(request: HttpRequest) -> HttpResponse:
    return render(request, "assessments/home.html", {})
