"""`{% load search_marks %}`: a search result's text with the visitor's words marked."""

from django import template

register = template.Library()


@register.filter
def search_pieces(text: str, terms) -> list[tuple[str, bool]]:
    """`{% for piece, matched in action.update_marked|search_pieces:terms %}`: the text in
    pieces, each saying whether it matched; the template puts <mark> round the matches."""
    return terms.pieces(text or "")
