"""The one error type of Phrom: a refusal with a stable code, an HTTP status and a message in Thai
(and in English, for API clients that ask for it with Accept-Language).

Pages show `message` on the form (at `field` when the error names one); the API renders every error,
these and the framework's own, as one envelope (phrom.core.api.exception_handler, docs/errors.md).
Every code is in CODES with its status and default message, so a client can rely on the codes and a
test checks that each message has its Thai text. Messages are English msgids with {placeholders},
marked with gettext_noop; their Thai text is in phrom/core/locale (the framework's in DRF's own).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language, gettext_noop

from .messages import both


@dataclass(frozen=True)
class Code:
    status: int
    message: str  # the default message (English msgid); a raise may give a more precise one


CODES: dict[str, Code] = {
    # Any request (the framework raises these; their messages are DRF's own msgids, kept identical)
    "invalid": Code(400, gettext_noop("Some fields are not valid: see the messages beside them.")),
    "parse_error": Code(400, gettext_noop("Malformed request.")),
    "not_authenticated": Code(401, gettext_noop("Authentication credentials were not provided.")),
    "authentication_failed": Code(401, gettext_noop("Incorrect authentication credentials.")),
    "permission_denied": Code(403, gettext_noop("You do not have permission to perform this action.")),
    "not_found": Code(404, gettext_noop("Not found.")),
    "method_not_allowed": Code(405, gettext_noop('Method "{method}" not allowed.')),
    "not_acceptable": Code(406, gettext_noop("Could not satisfy the request Accept header.")),
    "unsupported_media_type": Code(415, gettext_noop('Unsupported media type "{media_type}" in request.')),
    "throttled": Code(429, gettext_noop("Request was throttled.")),
    # Plans
    "cannot_create": Code(400, gettext_noop("The plan could not be created.")),
    "stale_component": Code(409, gettext_noop("This part of the plan was saved by someone else after you opened it: "
                                              "reload it and enter your changes again.")),
    "revision_required": Code(428, gettext_noop("Send the revision you loaded (revision or If-Match).")),
    # Imports
    "too_large": Code(400, gettext_noop("The file is larger than {limit} MB: save the plan without pictures or split it.")),
    "empty": Code(400, gettext_noop("The file is empty.")),
    "encrypted": Code(400, gettext_noop("The file is protected with a password (encrypted): open it in Word, remove the "
                                        "password (File › Info › Protect Document) and upload it again.")),
    "old_word": Code(400, gettext_noop("This is an old Word 97–2003 file (.doc): open it in Word and save it as a Word "
                                       "document (.docx), then upload it again.")),
    "not_word": Code(400, gettext_noop("This is not a Word document (.docx): upload the plan as a .docx file.")),
    "zip_bomb": Code(400, gettext_noop("The file unpacks to far more data than a Word document holds (a \"ZIP bomb\"): "
                                       "it was not opened.")),
    # Campaigns and submissions
    "not_a_target": Code(403, gettext_noop("{org} is not among the agencies asked to send to this campaign.")),
    "wrong_plan": Code(403, gettext_noop("This plan belongs to another organisation.")),
    "sensitive_plan": Code(400, gettext_noop("This plan is security-sensitive: its content stays in the agency. "
                                             "Send a declaration (its title and the date it was reviewed) instead.")),
    "empty_plan": Code(400, gettext_noop("The plan has no content yet.")),
    "blocked": Code(400, gettext_noop("The plan cannot be sent yet: fix the problems listed first ({n}).")),
    "attachment_missing": Code(400, gettext_noop("This campaign asks for the Word or PDF copy of the plan: attach it first.")),
    "campaign_closed": Code(409, gettext_noop("The campaign “{title}” is closed: nothing more can be sent to it.")),
    "already_sent": Code(409, gettext_noop("The plan has already been sent and is being reviewed by {org}.")),
    "already_accepted": Code(409, gettext_noop("The plan has already been accepted for this campaign.")),
    "already_declared": Code(409, gettext_noop("The declaration has already been sent for this campaign.")),
    "not_awaiting_approval": Code(409, gettext_noop("Nothing is waiting for approval.")),
    "conflict": Code(409, gettext_noop("Someone else has just changed this submission: reload the page.")),
    # Documents
    "renderer_unavailable": Code(503, gettext_noop(
        "PDF files cannot be made on this server: the Chromium browser that prints them is not "
        "installed. An administrator can install it with: apt-get install chromium")),
    # Exchange imports (security: a plan's state comes from campaigns)
    "import_state_refused": Code(403, gettext_noop(
        "Only an administrator may import a plan with a state other than draft: a plan's state comes from the "
        "campaigns it is sent to. Nothing was imported.")),
    # Uploads whose content does not hold what a Word file or an attachment must (docs/word-import.md)
    "xml_entities": Code(400, gettext_noop("The file declares XML entities (a DTD), which Word never writes: it was not "
                                           "opened. Open the plan in Word, save it again as a .docx and upload that.")),
    "zip_mismatch": Code(400, gettext_noop("The file is damaged: its parts do not match the ZIP directory (sizes or "
                                           "checksums), so it was not opened. Open it in Word, save it again as a .docx "
                                           "and upload that.")),
    "damaged_word": Code(400, gettext_noop("The Word file is damaged or incomplete (parts every Word document has are "
                                           "missing or unreadable): open it in Word, save it again as a .docx and "
                                           "upload that.")),
    "attachment_mismatch": Code(400, gettext_noop("The file's content is not what its name says (.{extension}): attach "
                                                  "the plan as a real Word (.docx, .doc) or PDF (.pdf) file.")),
    # Agency members and invitations (phrom/members/services.py)
    "invitation_invalid": Code(404, gettext_noop("This invitation link does not work: it was cancelled or replaced by a "
                                                 "newer one. Ask the agency's coordinator to send it again.")),
    "invitation_expired": Code(410, gettext_noop("This invitation has expired: ask the agency's coordinator to send it again.")),
    "invitation_used": Code(409, gettext_noop("This invitation has already been accepted: sign in to use it.")),
    "invitation_pending": Code(409, gettext_noop("An invitation to {email} is already waiting for an answer: send it "
                                                 "again from the list of invitations instead.")),
    "not_pending": Code(409, gettext_noop("This invitation is no longer waiting for an answer.")),
    "already_member": Code(409, gettext_noop("{email} already belongs to this agency.")),
    "last_coordinator": Code(409, gettext_noop("{org} must keep at least one coordinator: make someone else coordinator "
                                               "first.")),
    "mail_unavailable": Code(503, gettext_noop("The e-mail could not be sent (the mail server did not answer), so nothing "
                                               "was changed: try again later.")),
    # Statistics (phrom.statistics)
    "statistics_bad_fiscal_year": Code(400, gettext_noop("Choose a fiscal year (B.E.) from 2563 to next year.")),
    # Faults of the server itself (issue 11: phrom.core.views.server_error, phrom.core.storage)
    "server_error": Code(500, gettext_noop("Something went wrong on the server and the request was not completed: try "
                                           "again. If it happens again, tell the system administrator.")),
    "database_unavailable": Code(503, gettext_noop("The database did not answer, so nothing was saved: try again in a "
                                                   "moment. If it happens again, tell the system administrator.")),
    "storage_full": Code(507, gettext_noop("The server's disk is full, so the file could not be written and nothing was "
                                           "kept: try again later, and tell the system administrator.")),
    # Backup and restore (phrom.backups, docs/backup.md): refusals of the `phrom backup` / `phrom restore` commands
    "backup_tool_missing": Code(503, gettext_noop("{tool} was not found: install PostgreSQL's client programs (Debian: "
                                                  "postgresql-client), or follow the manual procedure in docs/backup.md.")),
    "backup_failed": Code(500, gettext_noop("The database could not be copied: {detail}")),
    "backup_engine_unsupported": Code(400, gettext_noop("Backups support SQLite and PostgreSQL, not {engine}.")),
    "backup_unreadable": Code(400, gettext_noop("{archive} is not a Phrom backup of a version this Phrom reads.")),
    "backup_checksum": Code(400, gettext_noop("Checksum mismatch for {path}: the backup is damaged or was changed. "
                                              "Nothing was restored.")),
    "backup_unlisted_file": Code(400, gettext_noop("{archive} holds a file its manifest does not list (or a path outside "
                                                   "the backup): {path}. Nothing was restored.")),
    "backup_incomplete": Code(400, gettext_noop("The backup lacks {count} file(s) its manifest lists, e.g. {path}. "
                                                "Nothing was restored.")),
    "restore_not_empty": Code(409, gettext_noop("This installation already holds data ({where}): restore into an empty "
                                                "data directory, or add --force to replace it.")),
    "restore_engine_mismatch": Code(409, gettext_noop("This backup is of a {saved} database and this installation uses "
                                                      "{current}: set DATABASE_URL to match.")),
    "restore_failed": Code(500, gettext_noop("pg_restore failed: {detail}")),
    # Results of carrying plans out (phrom/results/services.py)
    "results_invalid": Code(400, gettext_noop("The record was not saved: correct the fields marked.")),
    "results_conflict": Code(409, gettext_noop("Someone else saved this result while you were editing it: nothing of "
                                               "yours was saved. Open it again to see their changes.")),
    "results_invalid_status": Code(400, gettext_noop("Choose open, in progress or done.")),
    # Crisis mode (phrom/crisis/services.py, tokens.py)
    "crisis_invalid": Code(400, gettext_noop("The activation was not changed: correct the field marked.")),
    "crisis_no_team": Code(400, gettext_noop("The plan has no BCP team yet: there is nobody to alert.")),
    "activation_open": Code(409, gettext_noop("This plan is already activated: follow the activation under way.")),
    "activation_closed": Code(409, gettext_noop("This activation has been closed.")),
    "answer_given": Code(409, gettext_noop("You have answered already: thank you. Your answer stands.")),
    "answer_link_expired": Code(410, gettext_noop("This answer link has expired. If you still need to answer, "
                                                  "call your BCP coordinator.")),
    "answer_link_invalid": Code(404, gettext_noop("This answer link is not valid: open the link exactly as you "
                                                  "received it, or call your BCP coordinator.")),
}


def in_language(th: str, en: str) -> str:
    """The Thai or the English text, whichever the request's language is (Thai unless English was asked)."""
    return en if get_language() == "en" and en else th


class PhromError(Exception):
    """A refused request or change.

    `code` is a key of CODES, which gives the status unless `status` says otherwise, and the message
    unless `msgid` gives a more precise one (with its {params}); `messages` is a ready (Thai, English)
    pair for a message whose placeholders differ by language. `field` names the form field or input
    path at fault; `details` are extra facts for API clients, added to the envelope as they are.
    """

    def __init__(self, code: str, msgid: str = "", /, *, status: int | None = None, field: str | None = None,
                 details: dict | None = None, messages: tuple[str, str] | None = None, **params):
        entry = CODES[code]  # an unknown code is a programming error: every code is documented
        self.code, self.status, self.field = code, status or entry.status, field
        self.details = details or {}
        self.message_th, self.message_en = messages or both(msgid or entry.message, **params)
        super().__init__(self.message_en)

    @property
    def message(self) -> str:
        return in_language(self.message_th, self.message_en)

    def as_dict(self) -> dict:
        """The body of the API's error envelope."""
        body = {"code": self.code, "message": self.message, "message_th": self.message_th,
                "message_en": self.message_en}
        if self.field:  # the same shape as the framework's invalid input: field -> its messages
            body["fields"] = {self.field: [self.message]}
        return {**body, **self.details}


class InvalidInput(PhromError):
    """Input refused field by field: `errors` lists {path, message_th, message_en}; the envelope adds
    `fields` (path -> its messages in the request's language)."""

    def __init__(self, errors: list[dict], code: str = "invalid", msgid: str = ""):
        self.errors = errors
        super().__init__(code, msgid)

    def as_dict(self) -> dict:
        fields: dict[str, list[str]] = {}
        for e in self.errors:
            fields.setdefault(e["path"], []).append(in_language(e["message_th"], e["message_en"]))
        return {**super().as_dict(), "fields": fields, "errors": self.errors}


def show_on_form(form, exc: PhromError) -> None:
    """A refusal on a page's form: beside its field when the form has that field, else above the form."""
    form.add_error(exc.field if exc.field in form.fields else None, exc.message)
