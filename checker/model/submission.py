"""The Housing Ombudsman's annual submission: when each reporting year's is due, and how sure.

The one place these facts live; `self-assessment-not-submitted` and `complaints submission` read
them. The HO's "Guidance on annual submissions" and its annual submissions page (SOURCE, and
https://www.housing-ombudsman.org.uk/centre-for-learning/key-topics/complaint-handling/chc-annual-submissions/)
state, for the year 3 (2026-27) form: "landlords with over 1,000 homes must submit the form by
30 September"; "landlords with under 1,000 homes must submit the form within 6 months after their
financial year-end". Readings:

- a form's year is the year it is submitted in, so the 2026-27 form reports on the reporting year
  that ended before it (2025-26, due by 30 September 2026);
- "by 30 September" is the first 30 September after the reporting year ends; "within 6 months
  after" the year end is on or before the last day of the sixth month after it;
- a council's financial year is its reporting year (`reporting_year` in council.yaml); for one
  that runs April to March both dates are 30 September;
- where they differ and the size does not settle which applies (exactly 1,000 homes, which the
  HO does not address, or no `housing_stock`), the earlier date;
- every other form's deadline is not confirmed: it is taken to be the 2026-27 form's, and said to
  be unconfirmed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from checker.calendar import periods
from checker.calendar.workdays import add_months

SOURCE = (
    "https://www.housing-ombudsman.org.uk/landlords-info/complaint-handling-code/"
    "guidance-on-annual-submissions"
)
HOMES = 1000  # "over 1,000 homes" / "under 1,000 homes"


@dataclass(frozen=True)
class Form:
    """What the HO says of one year's submission form."""

    larger_by: tuple[int, int] = (9, 30)  # month and day, for a landlord with over 1,000 homes
    smaller_within_months: int = 6  # months after the financial year end, for under 1,000
    verified: bool = False  # stated by the HO for this form's year


# Each form the HO has stated the deadline for, by the form's year.
FORMS: dict[str, Form] = {"2026-27": Form(verified=True)}
ASSUMED = Form()  # any other year's form: the 2026-27 form's deadline, unconfirmed


@dataclass(frozen=True)
class Due:
    """One reporting year's submission deadline."""

    year: str  # the reporting year the submission reports on
    form: str  # the form's year (the year it is submitted in)
    date: date
    verified: bool
    basis: str  # which of the HO's rules gives the date, in words

    def unconfirmed(self) -> str:
        """A clause for a message: '' when the HO has stated this form's deadline."""
        if self.verified:
            return ""
        stated = ", ".join(sorted(year for year, form in FORMS.items() if form.verified))
        return (
            f" (the HO has stated its deadline only for the {stated} form; the {self.form} form's "
            "is taken to be the same, which is unconfirmed)"
        )


def due(year: str, start_month: int, homes: int | None) -> Due:
    """When the annual submission reporting on `year` is due, for a landlord with `homes`."""
    _, end = periods.bounds(year, start_month)
    after = end + timedelta(days=1)
    form_year = periods.label(after, start_month)
    form = FORMS.get(form_year, ASSUMED)
    month, day = form.larger_by
    larger = date(end.year, month, day)
    if larger <= end:
        larger = date(end.year + 1, month, day)
    smaller = add_months(after, form.smaller_within_months) - timedelta(days=1)
    larger_words = f"over {HOMES:,} homes: by {larger.day} {larger:%B} after the year ends"
    smaller_words = (
        f"under {HOMES:,} homes: within {form.smaller_within_months} months after the financial "
        "year end"
    )
    if homes is not None and homes > HOMES:
        when, basis = larger, larger_words
    elif homes is not None and homes < HOMES:
        when, basis = smaller, smaller_words
    elif larger == smaller:
        when, basis = larger, f"{larger_words}; {smaller_words}: the same date"
    else:
        size = "no housing stock is stated" if homes is None else f"exactly {HOMES:,} homes"
        when = min(larger, smaller)
        basis = f"{size}, so the earlier of ({larger_words}) and ({smaller_words})"
    return Due(year, form_year, when, form.verified, basis)


def reported_year(completed: date, start_month: int) -> str:
    """The reporting year a self-assessment reports on: the last full one before it was completed
    (the year `complaints score` measures it against)."""
    return periods.last_full_year(completed, start_month)


@dataclass(frozen=True)
class Answer:
    """One provision as section 2 of the form asks it: complies, yes or no."""

    provision: str
    declared: str | None  # the self-assessment's answer: yes, no, partial; None if unanswered
    action: str | None = None  # what will be done, where the answer is not yes
    timescale: str | None = None  # the action's date (`due`)

    @property
    def complies(self) -> str | None:
        """The form's yes or no ("partial" is not yes); None where unanswered."""
        if self.declared is None:
            return None
        return "yes" if self.declared == "yes" else "no"


@dataclass(frozen=True)
class Submission:
    """What one year's annual submission form asks, as the repository answers it."""

    council: str
    as_of: date
    due: Due
    submitted: str | None  # when the self-assessment records it was submitted
    organisation: dict  # name, housing_stock, complaints_officer, senior_lead, member_responsible
    publications: dict[str, str | None]  # policy, self_assessment, annual_report, response
    assessment: str | None  # the self-assessment section 2 is answered from (its path)
    answers: tuple[Answer, ...]
    missing: tuple[str, ...]  # each thing a complete submission still needs, with its fix
