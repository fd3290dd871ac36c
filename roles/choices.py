"""The catalogue's fixed vocabularies: kinds, periods, experience levels, link groups.

Plain choices with no database behind them, so the catalogue's declaration (`roles.schema`), the models
and the pages all name the same values.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SkillKind(models.TextChoices):
    HARD = "hard", _("Technical skill")
    SOFT = "soft", _("Professional (soft) skill")


class SalaryPeriod(models.TextChoices):
    YEAR = "year", _("per year")
    HOUR = "hour", _("per hour")


class Experience(models.TextChoices):
    ANY = "any", _("All levels")
    ENTRY = "entry", _("Entry level")
    INTERMEDIATE = "intermediate", _("Intermediate")
    SENIOR = "senior", _("Senior or lead")
    PRINCIPAL = "principal", _("Principal or staff")
    CONTRACT = "contract", _("Contract")


class ResourceKind(models.TextChoices):
    COURSE = "course", _("Course")
    DOCS = "docs", _("Official documentation")
    TUTORIAL = "tutorial", _("Tutorial")
    BOOK = "book", _("Book")
    PRACTICE = "practice", _("Practice")
    VIDEO = "video", _("Video")


class Cost(models.TextChoices):
    FREE = "free", _("Free")
    PAID = "paid", _("Paid")


class EducationKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate or graduate certificate")
    DIPLOMA = "diploma", _("College diploma")
    DEGREE = "degree", _("Bachelor's degree")


class InstitutionKind(models.TextChoices):
    UNIVERSITY = "university", _("University")
    COLLEGE = "college", _("College")


class LinkGroup(models.TextChoices):
    STUDY = "study", _("Finding a program")
    FUNDING = "funding", _("Paying for school")
    ECOSYSTEM = "ecosystem", _("Ontario's tech community")
    REGULATORY = "regulatory", _("Regulation and privacy")
    LABOUR_MARKET = "labour-market", _("Wages and job outlook")


class YearsInTech(models.TextChoices):
    """How long someone has worked in tech: what a student says, and what a certification expects."""

    NONE = "none", _("Not yet")
    UNDER_2 = "under-2", _("Less than 2 years")
    TWO_TO_5 = "2-5", _("2 to 5 years")
    OVER_5 = "over-5", _("More than 5 years")


class CertificationLevel(models.TextChoices):
    FOUNDATIONAL = "foundational", _("Foundational")
    ASSOCIATE = "associate", _("Associate")
    PROFESSIONAL = "professional", _("Professional")
    SPECIALTY = "specialty", _("Specialty")
    EXPERT = "expert", _("Expert")


class CertificationStatus(models.TextChoices):
    ACTIVE = "active", _("Offered")
    RETIRED = "retired", _("Retired")


class RoleLevel(models.TextChoices):
    """How far into a career a role usually sits, with the years of experience it usually takes."""

    ENTRY = "entry", _("Entry level")
    INTERMEDIATE = "intermediate", _("Intermediate")
    SENIOR = "senior", _("Senior")


# The usual years of experience at each level: the bands "Machine Learning Engineer in Ontario" gives its
# salaries by (entry level 0–2 years, intermediate 3–5, senior 5 and more).
LEVEL_YEARS = {RoleLevel.ENTRY: (0, 2), RoleLevel.INTERMEDIATE: (3, 5), RoleLevel.SENIOR: (5, None)}
LEVEL_YEARS_SOURCE = "Machine Learning Engineer in Ontario (salary by experience)"


class RoleOrigin(models.TextChoices):
    SEED = "seed", _("From CareerFit's source guides")
    ADDED = "added", _("Added by CareerFit from public sources")


# NOC 2021's TEER categories (Training, Education, Experience and Responsibilities): the second digit of a
# five-digit code. Statistics Canada, National Occupational Classification 2021 Version 1.0.
TEER_CATEGORIES = {
    0: _("Management occupations"),
    1: _("Occupations that usually require a university degree"),
    2: _(
        "Occupations that usually require a college diploma or apprenticeship training of two or more years, "
        "or supervisory occupations"
    ),
    3: _(
        "Occupations that usually require a college diploma or apprenticeship training of less than two years, "
        "or more than six months of on-the-job training"
    ),
    4: _("Occupations that usually require a high school diploma, or several weeks of on-the-job training"),
    5: _("Occupations that usually need short-term work demonstration and no formal education"),
}
NOC_VERSION = "2021.0"
