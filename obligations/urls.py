from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, re_path

from obligations.views import accounts as account_views
from obligations.views import assignments as assignment_views
from obligations.views import calendar as calendar_views
from obligations.views import contract_settings as contract_settings_views
from obligations.views import contracts as contract_views
from obligations.views import dashboard
from obligations.views import event_kinds as event_kind_views
from obligations.views import events as event_views
from obligations.views import family as family_views
from obligations.views import history as history_views
from obligations.views import members as member_views
from obligations.views import notifications as notification_views
from obligations.views import reminders as reminder_views
from obligations.views import review as review_views
from obligations.views import search as search_views
from obligations.views import unused_periods as unused_period_views
from obligations.views import upload as upload_views

# Each page area adds its routes in its own block below.
urlpatterns = [
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("password/change/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", account_views.password_reset, name="password_reset"),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            extra_context={"reset_hours": settings.PASSWORD_RESET_TIMEOUT // 3600}
        ),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    # Dashboard, contract list, events, calendar
    path("", dashboard.dashboard, name="dashboard"),
    path(
        "deadlines/<int:pk>/done/",
        dashboard.deadline_status,
        {"action": "done"},
        name="deadline_mark_done",
    ),
    path(
        "deadlines/<int:pk>/waive/",
        dashboard.deadline_status,
        {"action": "waive"},
        name="deadline_waive",
    ),
    path(
        "deadlines/<int:pk>/assign/",
        assignment_views.deadline_assign_view,
        name="deadline_assign",
    ),
    path(
        "obligations/<int:pk>/assign/",
        assignment_views.obligation_assign_view,
        name="obligation_assign",
    ),
    path("deadlines.csv", calendar_views.deadlines_csv, name="deadlines_csv"),
    path("contracts/", contract_views.contract_list, name="contract_list"),
    path("contracts/<int:pk>/events/", event_views.contract_events, name="contract_events"),
    path(
        "contracts/<int:pk>/settings/",
        contract_settings_views.contract_settings,
        name="contract_settings",
    ),
    path(
        "contracts/<int:pk>/archive/",
        contract_settings_views.contract_archive_view,
        name="contract_archive",
    ),
    path(
        "contracts/<int:pk>/restore/",
        contract_settings_views.contract_restore_view,
        name="contract_restore",
    ),
    path(
        "contracts/<int:pk>/delete/",
        contract_settings_views.contract_delete_view,
        name="contract_delete",
    ),
    path("calendar/", calendar_views.calendar_month, name="calendar"),
    path("calendar/<int:year>/<int:month>/", calendar_views.calendar_month, name="calendar_month"),
    path(
        "calendar/<int:year>/<int:month>/<int:day>/",
        calendar_views.calendar_day,
        name="calendar_day",
    ),
    path(
        "calendar/feed/regenerate/",
        calendar_views.calendar_feed_regenerate,
        name="calendar_feed_regenerate",
    ),
    re_path(
        r"^calendar/feed/(?P<token>[A-Za-z0-9_-]{16,64})\.ics$",
        calendar_views.calendar_feed,
        name="calendar_feed",
    ),
    # end of dashboard, contract list, events, calendar
    # Upload, review, history
    path("contracts/upload/", upload_views.contract_upload, name="contract_upload"),
    path("documents/<int:pk>/", upload_views.document_progress, name="document_progress"),
    path("documents/<int:pk>/retry/", upload_views.document_retry_view, name="document_retry"),
    path("documents/<int:pk>/delete/", upload_views.document_delete_view, name="document_delete"),
    path("contracts/<int:pk>/review/", review_views.contract_review, name="contract_review"),
    path(
        "contracts/<int:pk>/documents/add/",
        family_views.contract_document_add,
        name="contract_document_add",
    ),
    path(
        "documents/<int:pk>/changes/",
        family_views.document_changes_view,
        name="document_changes",
    ),
    path("contracts/<int:pk>/facts/", review_views.contract_facts, name="contract_facts"),
    path(
        "contracts/<int:pk>/obligations/bulk/",
        review_views.obligations_bulk_review,
        name="obligations_bulk_review",
    ),
    path("obligations/<int:pk>/", review_views.obligation_card, name="obligation_card"),
    path(
        "obligations/<int:pk>/confirm/",
        review_views.obligation_confirm_view,
        name="obligation_confirm",
    ),
    path(
        "obligations/<int:pk>/correct/",
        review_views.obligation_correct_view,
        name="obligation_correct",
    ),
    path(
        "obligations/<int:pk>/reject/",
        review_views.obligation_reject_view,
        name="obligation_reject",
    ),
    path("contracts/<int:pk>/history/", history_views.contract_history, name="contract_history"),
    path(
        "documents/<int:pk>/unused-periods/<int:index>/track/",
        unused_period_views.unused_period_track_view,
        name="unused_period_track",
    ),
    # end of upload, review, history
    # Reminders
    path("status/reminders/", reminder_views.reminders_status_page, name="reminders_status"),
    path("reminders/act/<str:token>/", reminder_views.reminder_action, name="reminder_action"),
    # end of Reminders
    path("search/", search_views.search_page, name="search"),
    path(
        "settings/notifications/",
        notification_views.notification_settings,
        name="notification_settings",
    ),
    path(
        "email/unsubscribe/<str:token>/",
        notification_views.unsubscribe,
        name="email_unsubscribe",
    ),
    # Members and invitations
    path("organisation/members/", member_views.members, name="members"),
    path("organisation/event-kinds/", event_kind_views.event_kinds, name="event_kinds"),
    path(
        "organisation/event-kinds/<int:pk>/rename/",
        event_kind_views.event_kind_rename,
        name="event_kind_rename",
    ),
    path(
        "organisation/event-kinds/<int:pk>/remove/",
        event_kind_views.event_kind_remove,
        name="event_kind_remove",
    ),
    path("organisation/members/<int:pk>/role/", member_views.member_role, name="member_role"),
    path(
        "organisation/members/<int:pk>/deactivate/",
        member_views.member_active,
        {"active": False},
        name="member_deactivate",
    ),
    path(
        "organisation/members/<int:pk>/reactivate/",
        member_views.member_active,
        {"active": True},
        name="member_reactivate",
    ),
    path(
        "organisation/invitations/<int:pk>/withdraw/",
        member_views.invitation_withdraw,
        name="invitation_withdraw",
    ),
    path(
        "invitations/<str:token>/",
        member_views.invitation_accept_view,
        name="invitation_accept",
    ),
]
