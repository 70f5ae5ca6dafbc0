from django.contrib import admin

from obligations import models


class ClauseInline(admin.TabularInline):
    model = models.Clause
    extra = 0
    fields = ["position", "ref", "heading", "start", "end", "kinds"]


@admin.register(models.Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "time_zone", "created_at"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(models.Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role", "email_mode"]
    list_filter = ["organisation", "role"]
    exclude = ["calendar_token"]


@admin.register(models.Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "organisation",
        "counterparty",
        "status",
        "governing_law",
        "start_date",
    ]
    list_filter = ["organisation", "status", "governing_law"]
    search_fields = ["title", "counterparty"]


@admin.register(models.FactOrigin)
class FactOriginAdmin(admin.ModelAdmin):
    list_display = ["contract", "fact", "origin", "by", "at"]
    list_filter = ["origin"]


@admin.register(models.ContractDocument)
class ContractDocumentAdmin(admin.ModelAdmin):
    list_display = ["original_name", "contract", "format", "page_count", "extraction_status"]
    list_filter = ["format", "extraction_status"]
    readonly_fields = ["sha256", "size", "text"]
    inlines = [ClauseInline]


@admin.register(models.Obligation)
class ObligationAdmin(admin.ModelAdmin):
    list_display = ["summary", "contract", "party", "kind", "period_amount", "period_unit"]
    list_filter = ["review_status", "party", "kind"]
    search_fields = ["summary", "quote"]
    raw_id_fields = ["clause", "document"]


@admin.register(models.ReviewLog)
class ReviewLogAdmin(admin.ModelAdmin):
    list_display = ["contract", "obligation", "action", "actor", "at"]
    list_filter = ["action"]


@admin.register(models.Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["contract", "kind", "occurred_on", "created_by"]
    list_filter = ["kind"]


@admin.register(models.Deadline)
class DeadlineAdmin(admin.ModelAdmin):
    list_display = ["obligation", "contract", "deadline", "act_by", "status"]
    list_filter = ["status"]
    raw_id_fields = ["obligation", "event"]


@admin.register(models.Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ["deadline", "recipient", "kind", "offset_days", "send_at", "state", "attempts"]
    list_filter = ["state", "kind"]
    raw_id_fields = ["deadline"]


@admin.register(models.SweepStatus)
class SweepStatusAdmin(admin.ModelAdmin):
    list_display = ["name", "last_started_at", "last_finished_at", "last_claimed"]


@admin.register(models.Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ("email", "organisation", "role", "created_at", "accepted_at", "revoked_at")
    list_filter = ("organisation", "role")
    search_fields = ("email",)


@admin.register(models.AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "organisation", "actor", "action", "subject")
    list_filter = ("organisation", "action")
    search_fields = ("subject",)
