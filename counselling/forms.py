from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts.forms import AGE_BAND_FIELD, DisplayNameField
from accounts.models import AgeBand
from counselling.models import ReviewStatus
from roles.compiled import CompiledCatalogue, worked_out


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=20,
        help_text=_("The code your counsellor gave you, like ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ConsentForm(forms.Form):
    display_name = DisplayNameField(
        label=_("Your name as counsellors will see it"),
        max_length=80,
        help_text=_("Your first name is enough. Counsellors never see your e-mail address."),
    )
    agree = forms.BooleanField(
        label=_("I agree to share my results with this cohort's counsellors, as described above."),
        error_messages={"required": _("Tick the box to agree, or go back if you do not want to share.")},
    )
    age_band = forms.ChoiceField(choices=AgeBand.choices, widget=forms.RadioSelect, **AGE_BAND_FIELD)
    guardian_name = DisplayNameField(label=_("Your parent's or guardian's name"), max_length=80, required=False)
    guardian_agrees = forms.BooleanField(
        label=_(
            "I am this student's parent or guardian. I have read what counsellors will and will not see, "
            "and I agree that my child shares their results with this cohort."
        ),
        required=False,
    )

    def __init__(self, *args, student, **kwargs):
        super().__init__(*args, **kwargs)
        if student.age_band:  # asked once, at sign-up or here
            del self.fields["age_band"]
            if not student.needs_guardian_consent:
                del self.fields["guardian_name"], self.fields["guardian_agrees"]
        else:
            for name in ("guardian_name", "guardian_agrees"):
                self.fields[name].help_text = _("Only if you are under 13.")
        self.student = student

    def needs_guardian(self) -> bool:
        band = self.cleaned_data.get("age_band") or self.student.age_band
        return band == AgeBand.UNDER_13

    def clean(self):
        cleaned = super().clean()
        if self.needs_guardian():
            if not cleaned.get("guardian_name"):
                self.add_error("guardian_name", _("Under 13, a parent or guardian gives their name here."))
            if not cleaned.get("guardian_agrees"):
                self.add_error(
                    "guardian_agrees", _("Under 13, a parent or guardian ticks this box to agree to sharing.")
                )
        return cleaned


class CohortForm(forms.Form):
    name = forms.CharField(
        label=_("Cohort name"), max_length=120, help_text=_("For example “Grade 12 Computer Science, period 3”.")
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Review status"), choices=ReviewStatus.choices)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4}))
    shared_with_student = forms.BooleanField(
        label=_("Share this note with the student (they will see it on their results)"), required=False
    )


class CohortFilterForm(forms.Form):
    """Finds students in a cohort's table: by name, review status and target role, in an order.

    Its fields are built once per catalogue and language and shared by every request's form, as a questionnaire
    step's are: nothing changes a field once it is built, and building them (the roles normalised as choices
    twice) took a twentieth of the table's page."""

    def __init__(self, *args, catalogue: CompiledCatalogue, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(worked_out(catalogue, _filter_fields))


def _filter_fields(catalogue: CompiledCatalogue) -> dict[str, forms.Field]:
    """In the active language: every label is translated here, once."""
    return {
        "q": forms.CharField(label=gettext("Search by name"), required=False, max_length=80),
        "status": forms.ChoiceField(
            label=gettext("Status"),
            required=False,
            choices=[("", gettext("Any status")), *((value, str(label)) for value, label in ReviewStatus.choices)],
        ),
        "target": forms.ChoiceField(
            label=gettext("Target role"),
            required=False,
            choices=[("", gettext("Any target role")), *((role.slug, role.title) for role in catalogue.roles)],
        ),
        "sort": forms.ChoiceField(
            label=gettext("Sort by"),
            required=False,
            choices=[
                ("latest", gettext("Latest result")),
                ("name", gettext("Name")),
                ("fit", gettext("Best fit")),
                ("status", gettext("Status")),
            ],
        ),
    }
