"""Reminder pages: the confirmation page behind an email's signed links, and the admins'
status page of the reminder machinery."""

from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from obligations.access import require_admin
from obligations.services.reminder_email import contract_review_url
from obligations.services.reminders import (
    ReminderAction,
    ReminderLinkError,
    reminder_action_apply,
    reminder_action_from_token,
    reminder_action_refusal,
    reminders_failed,
    reminders_status,
)

FAILED_SHOWN = 50


def _private(response: HttpResponse) -> HttpResponse:
    # The token in the address is a key to one action: keep it out of other sites' Referer
    # headers and out of indexes. Not "no-referrer": browsers then send `Origin: null` with the
    # page's own form, and Django's CSRF check rightly refuses the confirmation.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


# The signature authorises this one action for the emailed recipient, so no login is needed;
# GET only shows what will happen, and only the POST from that page acts (mail scanners GET).
@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def reminder_action(request: HttpRequest, token: str) -> HttpResponse:
    try:
        reminder, action = reminder_action_from_token(token=token)
    except ReminderLinkError as problem:
        return _link_problem(request, problem)
    user = request.user
    if user.is_authenticated and user.pk != reminder.recipient_id:
        return _link_problem(
            request,
            ReminderLinkError(
                "forbidden",
                f"You are signed in as {user.get_username()}, but this email was sent to "
                "someone else. Only its recipient can use its links.",
            ),
        )
    # Asked again on the POST: the right to act is checked when acting, not when the email left.
    refusal = reminder_action_refusal(reminder=reminder, action=action)
    if refusal is not None:
        return _link_problem(request, refusal)
    context = {
        "reminder": reminder,
        "deadline": reminder.deadline,
        "action": action,
        "is_done_action": action == ReminderAction.DONE,
        "snooze_days": action.snooze_days,
        "review_url": contract_review_url(reminder.deadline.contract),
    }
    if request.method == "POST":
        context["outcome"] = reminder_action_apply(reminder=reminder, action=action)
        return _private(render(request, "reminders/action_result.html", context))
    return _private(render(request, "reminders/action_confirm.html", context))


LINK_PROBLEM_STATUS = {"expired": 410, "gone": 404, "closed": 409, "moved": 409, "forbidden": 403}


def _link_problem(request: HttpRequest, problem: ReminderLinkError) -> HttpResponse:
    return _private(
        render(
            request,
            "reminders/link_problem.html",
            {"problem": problem, "reason": problem.reason},
            status=LINK_PROBLEM_STATUS.get(problem.reason, 400),
        )
    )


@require_GET
def reminders_status_page(request: HttpRequest) -> HttpResponse:
    membership = require_admin(request)
    organisation = membership.organisation
    failed = reminders_failed(organisation=organisation)
    return render(
        request,
        "reminders/status.html",
        {
            "organisation": organisation,
            "status": reminders_status(organisation=organisation),
            "failed": failed[:FAILED_SHOWN],
            "failed_more": max(failed.count() - FAILED_SHOWN, 0),
            "now": timezone.now(),
        },
    )
