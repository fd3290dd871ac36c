from django import forms
from django.utils.translation import gettext_lazy as _

from counselling.models import ReviewStatus


class JoinCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Join code"),
        max_length=20,
        help_text=_("The code your counsellor gave you, like ABCD-2345."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class ConsentForm(forms.Form):
    display_name = forms.CharField(
        label=_("Your name as counsellors will see it"),
        max_length=80,
        help_text=_("Your first name is enough. Counsellors never see your e-mail address."),
    )
    agree = forms.BooleanField(
        label=_("I agree to share my results with this cohort's counsellors, as described above."),
        error_messages={"required": _("Tick the box to agree, or go back if you do not want to share.")},
    )


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
    q = forms.CharField(label=_("Search by name"), required=False, max_length=80)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any status")), *ReviewStatus.choices]
    )
    target = forms.ChoiceField(label=_("Target role"), required=False)
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[("latest", _("Latest result")), ("name", _("Name")), ("fit", _("Best fit")), ("status", _("Status"))],
    )

    def __init__(self, *args, roles: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", _("Any target role")), *roles]
