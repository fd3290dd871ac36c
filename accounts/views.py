"""Accounts: sign up, log in and out, reset a password, see, download or delete what is stored."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from accounts import services
from accounts.backends import USER_BACKEND
from accounts.forms import DeleteAccountForm, LoginForm, ProfileForm, SignupForm
from assessments import session as browser


def _next_url(request: HttpRequest, default: str) -> str:
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default


def _welcome_back_kept(request: HttpRequest, user) -> None:
    if browser.claim_kept(request, user):
        messages.success(request, _("Your assessment is saved to your account."))


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    """The privacy notice, with this deployment's contact, retention and session limits."""
    return render(
        request,
        "privacy.html",
        {
            "privacy_contact": settings.PRIVACY_CONTACT,
            "retention": settings.RETENTION_DAYS,
            "idle_minutes": settings.SESSION_IDLE_MINUTES,
            "max_hours": settings.SESSION_MAX_HOURS,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request, reverse("assessments:history"))
    if request.user.is_authenticated:
        return redirect(next_url)
    confirm = settings.SIGNUP_CONFIRMS_EMAIL
    form = SignupForm(request.POST if request.method == "POST" else None, confirm_by_email=confirm)
    if request.method == "POST" and form.is_valid() and confirm:
        services.signup_request(
            request=request,
            email=form.cleaned_data["email"],
            password=form.cleaned_data["password1"],
            display_name=form.cleaned_data["display_name"],
            age_band=form.cleaned_data["age_band"],
        )
        request.session[SIGNUP_NEXT] = next_url
        return redirect("accounts:signup_sent")
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend=USER_BACKEND)
        _welcome_back_kept(request, user)
        messages.success(request, _("Welcome to CareerFit. Your account is ready."))
        return redirect(next_url)
    return render(request, "accounts/signup.html", {"form": form, "next": next_url})


SIGNUP_NEXT = "careerfit_signup_next"


@require_safe
def signup_sent(request: HttpRequest) -> HttpResponse:
    console = settings.DEBUG and settings.EMAIL_BACKEND.endswith(".console.EmailBackend")
    return render(request, "accounts/signup_sent.html", {"console": console})


@require_http_methods(["GET", "HEAD", "POST"])
def signup_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    """Confirming is a button, not the link itself: mail scanners open links, and must not use them up."""
    if request.method != "POST":
        return render(request, "accounts/signup_confirm.html")
    user = services.signup_confirm(uidb64=uidb64, token=token)
    if user is None:
        return render(request, "accounts/signup_confirm.html", {"invalid": True}, status=400)
    login(request, user, backend=USER_BACKEND)
    _welcome_back_kept(request, user)
    messages.success(request, _("Welcome to CareerFit. Your account is ready."))
    next_url = request.session.pop(SIGNUP_NEXT, "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = reverse("assessments:history")
    return redirect(next_url)


class LoginView(auth_views.LoginView):
    template_name = "accounts/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        _welcome_back_kept(self.request, form.get_user())
        return response


class LogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("home")


class PasswordResetView(auth_views.PasswordResetView):
    """Sends a reset link by e-mail, saying the same whether or not an account uses the address; where reset
    mail is off (PASSWORD_RESET_BY_EMAIL=false), says whom to ask instead."""

    template_name = "accounts/password_reset_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not settings.PASSWORD_RESET_BY_EMAIL:
            return render(request, "accounts/password_reset_off.html")
        return super().dispatch(request, *args, **kwargs)

    email_template_name = "accounts/password_reset_email.txt"
    subject_template_name = "accounts/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    success_url = reverse_lazy("accounts:password_reset_complete")


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


def _account_page(
    request: HttpRequest,
    *,
    form: ProfileForm | None = None,
    delete_form: DeleteAccountForm | None = None,
    status: int = 200,
) -> HttpResponse:
    return render(
        request,
        "accounts/account.html",
        {
            "form": form or ProfileForm(instance=request.user),
            "delete_form": delete_form or DeleteAccountForm(user=request.user),
            "assessment_count": request.user.assessments.count(),
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account(request: HttpRequest) -> HttpResponse:
    form = ProfileForm(request.POST if request.method == "POST" else None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("accounts:account")
    return _account_page(request, form=form)


@login_required
def download(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(
        json.dumps(services.user_export(user=request.user), indent=2, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="careerfit-my-data.json"'
    return response


@login_required
@require_POST
def delete(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST, user=request.user)
    if not form.is_valid():
        return _account_page(request, delete_form=form, status=400)
    user = request.user
    logout(request)
    services.user_delete(user=user)
    messages.success(request, _("Your account and everything in it are deleted."))
    return redirect("home")
