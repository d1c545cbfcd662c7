"""csp_tracker.links.link: reverse(), remembered, under any script prefix."""

from django.urls import clear_script_prefix, reverse, set_script_prefix

from csp_tracker.links import link


def test_a_link_is_what_reverse_gives():
    cases = [
        ("priorities:year_detail", {"year": "2011-12"}),
        ("priorities:priority_detail", {"year": "2011-12", "number": 3}),
        ("actions:agency_detail", {"slug": "dbc"}),
        ("stats:ward_detail", {"ward_set": "dacorum-2007", "ward": "boxmoor"}),
    ]
    for name, kwargs in cases:
        assert link(name, **kwargs) == reverse(name, kwargs=kwargs)
        assert link(name, **dict(reversed(kwargs.items()))) == reverse(name, kwargs=kwargs)
    assert link("actions:agency_detail", slug="dbc") == "/agencies/dbc/"


def test_a_link_follows_the_script_prefix_of_a_site_served_under_a_path():
    assert link("actions:agency_detail", slug="dbc") == "/agencies/dbc/"
    set_script_prefix("/csp/")
    try:
        assert link("actions:agency_detail", slug="dbc") == "/csp/agencies/dbc/"
        assert link("actions:agency_detail", slug="dbc") == reverse(
            "actions:agency_detail", kwargs={"slug": "dbc"}
        )
    finally:
        clear_script_prefix()
    assert link("actions:agency_detail", slug="dbc") == "/agencies/dbc/"
