from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AgeBand, User
from accounts.validators import normalise_display_name


class DisplayNameField(forms.CharField):
    """A name others read: normalised, without invisible or direction-changing characters."""

    def to_python(self, value):
        raw = super().to_python(value)
        name = normalise_display_name(raw)
        if raw and not name:
            raise forms.ValidationError(_("Use letters others can see."), code="invisible")
        return name


AGE_BAND_FIELD = {
    "label": _("How old are you?"),
    "help_text": _(
        "We ask for an age range, never your date of birth. Under 13, a parent or guardian agrees before you "
        "share results with a counsellor."
    ),
    "error_messages": {"required": _("Choose your age range.")},
}


class UserCreationForm(auth_forms.BaseUserCreationForm):
    """Creates an account from an e-mail address, an optional display name, an age range and a password."""

    age_band = forms.ChoiceField(choices=AgeBand.choices, widget=forms.RadioSelect, **AGE_BAND_FIELD)

    class Meta:
        model = User
        fields = ("email", "display_name", "age_band")
        field_classes = {"display_name": DisplayNameField}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("An account with this e-mail address already exists. Log in instead."))
        return email


class UserChangeForm(auth_forms.UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"


class LoginForm(auth_forms.AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mail address"), widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"})
    )

    def clean_username(self) -> str:
        # One account whatever the case: the lockout counts it the same way (accounts.lockout).
        return self.cleaned_data["username"].strip().lower()


class SignupForm(UserCreationForm):
    """Sign-up. When it confirms the address by e-mail (settings.SIGNUP_CONFIRMS_EMAIL), it does not say
    whether the address has an account: accounts.services.signup_request handles both alike."""

    class Meta(UserCreationForm.Meta):
        labels = {"email": _("E-mail address")}
        help_texts = {"email": _("For logging in and resetting your password. Counsellors never see it.")}
        widgets = {"email": forms.EmailInput(attrs={"autocomplete": "email"})}

    def __init__(self, *args, confirm_by_email: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.confirm_by_email = confirm_by_email

    def clean_email(self) -> str:
        if self.confirm_by_email:
            return self.cleaned_data["email"].strip().lower()
        return super().clean_email()

    def _get_validation_exclusions(self):
        # Whether the address is taken is for signup_request to handle without saying so.
        exclude = super()._get_validation_exclusions()
        if self.confirm_by_email:
            exclude.add("email")
        return exclude


class ProfileForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("display_name",)
        field_classes = {"display_name": DisplayNameField}


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"})
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password
