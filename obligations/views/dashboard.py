from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from obligations.access import organisation_for


def dashboard(request: HttpRequest) -> HttpResponse:
    return render(
        request, "obligations/dashboard.html", {"organisation": organisation_for(request)}
    )
