"""The words pages use for the model's parts: key facts' titles, kinds of difference,
external references, languages."""

from __future__ import annotations

from babel import Locale, UnknownLocaleError
from markupsafe import Markup

EXTERNAL_LABEL = {"wikidata": "Wikidata {}", "geonames": "GeoNames {}"}  # a URL shows its host
FACT_TITLE = {"name": "Name", "date": "Date", "places": "Place", "participants": "Participant",
              "roles": "Role", "parent": "Part of", "based_in": "Based in", "within": "Within",
              "coordinates": "Coordinates"}
FACT_TITLES = {**FACT_TITLE, "places": "Places", "participants": "Participants"}
FACT_LABEL = {name: title.lower() for name, title in FACT_TITLE.items()}  # in running text
DIFFERENCE_INTRO = {
    "conflict": "The values cannot all be true.",
    "unclassified": "The editors have not yet said what kind of difference these are.",
    "scope": "The values count different things or report different moments; both can be true.",
    "precision": "The values agree at different precision (a range and a figure within it, a year and a "
                 "date in it).",
    "wording": "The same thing in other words.",
    "spelling": "The same name, spelt differently.",
}
UNCITED = Markup(' <span class="dossier-uncited">(no source cited)</span>')


def language_name(code: str) -> str:
    try:
        return Locale.parse(code.replace("-", "_")).get_display_name("en") or code
    except (ValueError, UnknownLocaleError):
        return code
