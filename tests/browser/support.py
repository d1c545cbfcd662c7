"""What the browser tests share: viewports, the site's pages, and small page helpers."""

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}


def site_pages(year) -> dict[str, list[str]]:
    """Every page of the site for `year`, as paths grouped by kind of page."""
    from actions.models import Action, Agency, Initiative
    from stats.models import CrimeCategory, StatisticsSnapshot

    priorities = list(year.priorities.order_by("number"))
    return {
        "home and year": ["/", year.get_absolute_url()],
        "priorities": [p.get_absolute_url() for p in priorities]
        + [priorities[0].get_absolute_url() + "?q=zzzz"]
        + [f"/years/{year.slug}/actions/", f"/years/{year.slug}/actions/?status=red&days=30"],
        "actions": [
            a.get_absolute_url()
            for a in Action.objects.filter(priority__year=year).order_by(
                "priority__number", "position"
            )
        ],
        "agencies": ["/agencies/"]
        + [a.get_absolute_url() for a in Agency.objects.order_by("slug")],
        "linked work": [i.get_absolute_url() for i in Initiative.objects.order_by("pk")],
        "crime figures": ["/county/"]
        + [s.get_absolute_url() for s in StatisticsSnapshot.objects.filter(year=year)]
        + [c.get_absolute_url() for c in CrimeCategory.objects.order_by("position")],
        "reports and open data": [
            f"/years/{year.slug}/report/",
            f"/years/{year.slug}/report/changes/",
            "/published/",
            *(p.get_absolute_url() for p in year.published.all()),
            "/open-data/",
        ],
        "search": ["/search/", "/search/?q=burglary", "/search/?q=zzzz"],
        "not found": ["/no-such-page/", year.get_absolute_url() + "priorities/9/"],
    }


def one_page_of_each_shape(year) -> dict[str, list[str]]:
    """For the kinds of page with one page a row (an action's, an agency's): one page for
    each combination of what such a page shows or leaves out. Within a combination the
    pages have the same markup and differ by their words (which the layout tests read on
    every page), so axe-core, which checks the markup, checks one of them."""
    from actions.models import Action, Agency
    from core.templatetags.csp import refers_to_row_above

    actions = Action.objects.filter(priority__year=year).prefetch_related(
        "leads", "history", "milestones", "continued_by"
    )
    by_shape = {}
    for action in actions.order_by("priority__number", "position"):
        shape = (
            min(len(action.leads.all()), 2),
            action.initiative_id is not None,
            bool(action.update),
            bool(action.progress_status),
            action.continues_id is not None,
            bool(action.continued_by.all()),
            bool(action.history.all()),
            bool(action.milestones.all()),
            action.internal,
            refers_to_row_above(action.target) or refers_to_row_above(action.update),
        )
        by_shape.setdefault(shape, action.get_absolute_url())
    agencies = Agency.objects.prefetch_related("aliases", "units", "leads")
    by_agency_shape = {}
    for agency in agencies.order_by("slug"):
        led = len(agency.leads.all())
        shape = (
            agency.parent_id is not None,
            bool(agency.units.all()),
            bool(agency.aliases.all()),
            0 if not led else 1 if led <= 50 else 2,  # none, a page, more than a page
        )
        by_agency_shape.setdefault(shape, agency.get_absolute_url())
    return {
        "actions": list(by_shape.values()),
        "agencies": ["/agencies/", *by_agency_shape.values()],
    }


PAGE_KINDS = [
    "home and year",
    "priorities",
    "actions",
    "agencies",
    "linked work",
    "crime figures",
    "reports and open data",
    "search",
    "not found",
]


def axe_and_width_problems(page, axe, label: str, width: int) -> list[str]:
    """What axe-core finds on the page, and whether it is wider than `width` pixels (it
    scrolls sideways), as lines for a test's failure message."""
    problems = []
    results = axe.run(page)
    if results.violations_count:
        problems.append(f"{label}:\n{results.generate_report()}")
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > width:
        problems.append(f"{label}: {scroll_width}px wide at {width}px")
    return problems


def visit(page, path: str, kind: str = ""):
    """Go to `path` and check the answer: 404 for the "not found" kind, else 200."""
    expected = 404 if kind == "not found" else 200
    response = page.goto(path)
    assert response is not None, f"no response for {path}"
    assert response.status == expected, f"{path} answered {response.status}, not {expected}"
    return response
