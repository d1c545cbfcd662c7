"""Reads for the search page: every year's actions matching a visitor's words."""

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q, QuerySet

from actions.models import Action, ActionLead

# The fields a result shows with its matching words marked.
MARKED_FIELDS = ("action", "lead_text", "target", "timescale", "update")
# Where PostgreSQL's headline starts and ends a match: characters of Unicode's private use
# area, which no published text uses. The template marks the words between them (<mark>).
MATCH_START, MATCH_END = "\ue000", "\ue001"
# On SQLite each word is a condition of its own: enough of them to be a sentence.
MAX_WORDS = 12


@dataclass(frozen=True)
class SearchTerms:
    """A visitor's search: their words, and whether the database marked the matches in
    the text it returned (PostgreSQL) or the template finds them itself (SQLite)."""

    text: str
    marked_by_database: bool

    @property
    def words(self) -> list[str]:
        return self.text.split()[:MAX_WORDS]

    def pieces(self, text: str) -> list[tuple[str, bool]]:
        """`text` as (text, matched) pieces, in order; together they are the whole text."""
        if self.marked_by_database:
            pattern = re.compile(f"{MATCH_START}(.*?){MATCH_END}", re.DOTALL)
        elif self.words:
            pattern = re.compile(
                "({})".format("|".join(re.escape(word) for word in self.words)), re.IGNORECASE
            )
        else:
            return [(text, False)] if text else []
        # re.split with one group: plain text at even places, matches at odd ones.
        parts = pattern.split(text)
        return [(part, n % 2 == 1) for n, part in enumerate(parts) if part]


def search_terms(text: str) -> SearchTerms:
    return SearchTerms(text=text, marked_by_database=connection.vendor == "postgresql")


def action_search(terms: SearchTerms, *, public: bool = False) -> QuerySet[Action]:
    """Every year's actions that match (with `public`, of those the public sees), newest
    year first, the best matches first within a year (PostgreSQL's rank; on SQLite the rows
    in order), each with its fields as `<field>_marked` for terms.pieces(). Two queries a
    page: the count and the rows."""
    actions = Action.objects.for_public(public)
    actions = actions.select_related("priority__year")
    if terms.marked_by_database:
        query = SearchQuery(terms.text, search_type="websearch", config="english")
        marked = {
            f"{name}_marked": SearchHeadline(
                name,
                query,
                config="english",
                start_sel=MATCH_START,
                stop_sel=MATCH_END,
                highlight_all=True,
            )
            for name in MARKED_FIELDS
        }
        return (
            actions.filter(search_vector=query)
            .annotate(rank=SearchRank(F("search_vector"), query), **marked)
            .order_by("-priority__year__starts_on", "-rank", "priority__number", "position")
        )
    matches = Q()
    for word in terms.words:
        led_by = ActionLead.objects.filter(
            Q(agency__short_name__icontains=word) | Q(agency__name__icontains=word)
        ).values("action_id")
        text = Q(pk__in=led_by)
        for name in MARKED_FIELDS:
            text |= Q(**{f"{name}__icontains": word})
        matches &= text
    if not terms.words:
        return actions.none()
    return (
        actions.filter(matches)
        .annotate(**{f"{name}_marked": F(name) for name in MARKED_FIELDS})
        .order_by("-priority__year__starts_on", "priority__number", "position")
    )
