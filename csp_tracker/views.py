from django.shortcuts import render


def server_error(request):
    """The 500 page in the site's design. Uses the request's context processors, which
    read only settings, never the database (which may be what failed)."""
    return render(request, "500.html", status=500)
