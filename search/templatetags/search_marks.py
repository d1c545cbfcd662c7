"""`{% load search_marks %}`: a search result's text with the visitor's words marked."""

from django import template

register = template.Library()


@register.filter
def search_pieces(text: str, terms) -> list[tuple[str, bool]]:
    """`{% for piece, matched in action.update_marked|search_pieces:terms %}`: the text in
    pieces, each saying whether it matched; the template puts <mark> round the matches."""
    return terms.pieces(text or "")


@register.filter
def holds_sample_data(page) -> bool:
    """Whether a page of results shows an action of a generated sample year (the page's
    rows with their years, read already: no query)."""
    return any(action.priority.year.is_sample for action in page)
