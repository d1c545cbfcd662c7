from django.apps import AppConfig


class SearchConfig(AppConfig):
    """The search box in every page's header and its results: every year's actions."""

    name = "search"
    verbose_name = "Search"
