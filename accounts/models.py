import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AgeBand(models.TextChoices):
    """Asked instead of a date of birth: enough to know when a guardian must agree to sharing."""

    UNDER_13 = "under-13", _("Under 13")
    FROM_13_TO_17 = "13-17", _("13 to 17")
    ADULT = "18-plus", _("18 or older")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email: str, password: str | None = None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def get_by_natural_key(self, username):
        # E-mail addresses are matched without regard to case, so "Ana@School.ca" finds "ana@school.ca".
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who signs in: a student, a counsellor or a catalogue editor. Identified by e-mail."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("display name"),
        max_length=80,
        blank=True,
        help_text=_("Optional. Shown to you and to counsellors you share results with."),
    )
    age_band = models.CharField(
        _("age"),
        max_length=8,
        choices=AgeBand.choices,
        blank=True,
        help_text=_("Asked at sign-up or before first sharing; never a date of birth."),
    )
    is_staff = models.BooleanField(_("staff status"), default=False, help_text=_("Can sign in to the catalogue admin."))
    is_active = models.BooleanField(_("active"), default=True)
    email_confirmed = models.BooleanField(
        _("e-mail confirmed"),
        default=True,
        help_text=_("Off from sign-up until the link e-mailed to the address is opened; the account cannot log in."),
    )
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)
    # The most recent of the student's results, kept by the services that save, delete or hand over results
    # (`assessments.services.latest_result_refresh`): counsellors' lists of hundreds of students read each
    # one's latest result through it instead of searching all their results.
    latest_result = models.ForeignKey(
        "assessments.Result", null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    # Its time, best fit and target role, kept beside it, are what cohort tables sort and filter by and insights
    # count by: read through `latest_result`, a cohort of 500 read 500 result rows of kilobytes each, most of the
    # table's and the insights' time on SQLite. With its two roles' titles as it recorded them, they are all a
    # cohort table's row shows of it, so a page of the table reads no result row. All are None when there is
    # no result.
    latest_result_at = models.DateTimeField(null=True, blank=True, editable=False)
    latest_best_fit = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    latest_target_role = models.SlugField(null=True, blank=True, editable=False, db_index=False)
    latest_best_role_title = models.CharField(max_length=120, null=True, blank=True, editable=False)
    latest_target_role_title = models.CharField(max_length=120, null=True, blank=True, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.UniqueConstraint(Lower("email"), name="accounts_user_email_case_insensitive_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name or self.email

    @property
    def needs_guardian_consent(self) -> bool:
        return self.age_band == AgeBand.UNDER_13

    def get_full_name(self) -> str:
        return self.display_name or self.email

    def get_short_name(self) -> str:
        return self.display_name or self.email.split("@")[0]


class Session(AbstractBaseSession):
    """A browser's session, kept as Django's database sessions keep theirs (settings.SESSION_ENGINE is
    `accounts.sessions`), with the signed-in person's id in a column of its own, set from the session's data
    each time it is saved: a request then reads its session and its person in one statement.

    The column is a plain id, without a database constraint: a session saved by a request still running when
    its account was deleted cannot fail to save, and it signs nobody in (Django finds no such user). Deleting
    an account deletes its sessions (Django's cascade).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        editable=False,
        on_delete=models.CASCADE,
        db_constraint=False,
        related_name="+",
    )

    @classmethod
    def get_session_store_class(cls):
        from accounts.sessions import SessionStore

        return SessionStore
