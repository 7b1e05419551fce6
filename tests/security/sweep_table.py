"""The permission sweep's expectations: every page and every API operation × every role.

tests/security/test_sweep.py fails for a URL pattern or an OpenAPI operation without a row here (its
message gives the row to add, with what the route answers today), for a row whose route is gone,
and for any cell the server does not answer as written.

A row:   "plans:overview": row(pk="plan", GET="ok ok ok 403 403 403 403 login", POST="..."),

- the key: the URL pattern's name (PAGES), or the OpenAPI path (API), e.g. "/api/v1/plans/{id}/";
  "KEY[variant]" is a further row of the same route with other arguments (e.g. the sensitive draft).
- arguments: each URL parameter names an object of the sweep's world (tests/helpers/sweep.py
  WORLD_KEYS: plan, draft, submission, campaign, comment, org, bundle, word_import, org_import,
  version, component, process, pdf, docx, uidb64, token, result, action, event, event_result, activation,
  answer_token, member: a team member's key). `code`, `component`/`slug`, `number`, `fmt`, `key`,
  `uidb64`, `token` have defaults and may be left out; `pk`/`id` never. `query="from=1"` adds a
  query string.
- one string per HTTP method, eight outcomes in the order of the columns below. Pages need GET and
  POST (POST sends an empty form); API rows need every method the OpenAPI document lists for the path
  (a JSON body `{}`). Anything but GET is rolled back after each request.

The columns (tests/helpers/sweep.py ROLES), each a user standing towards one agency, Rayong's
provincial health office (PU21-HEALTH), whose plan, submission, comment, Word import… the
arguments name:
    coordinator approver viewer   its own members
    collector                     Rayong's provincial office: collects the agency's plans (its route)
    opdc                          OPDC's coordinator: the national collector (its route)
    unrelated                     the coordinator of a municipality on another route
    admin                         a superuser of no agency
    anonymous                     nobody signed in

The outcomes:
    ok        2xx
    redirect  3xx elsewhere than a login page (a form that did its work, or refused with a message)
    login     3xx to a login page
    400 401 403 404 405 409 415   that status
    *         not checked (only where the outcome depends on something the sweep is not about)

An agency's coordinator also collects for the units under it (PU21-HEALTH collects its hospital's
plans): hence some collector pages answer ok to the coordinator and approver too.
"""

from dataclasses import dataclass

from tests.helpers.sweep import ROLES

OUTCOMES = {"ok", "redirect", "login", "400", "401", "403", "404", "405", "409", "415", "*"}
METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@dataclass(frozen=True)
class Row:
    args: dict[str, str]
    expected: dict[str, tuple[str, ...]]  # method -> one outcome per role
    query: str = ""


def row(*, query: str = "", GET=None, POST=None, PUT=None, PATCH=None, DELETE=None, **args) -> Row:
    given = {"GET": GET, "POST": POST, "PUT": PUT, "PATCH": PATCH, "DELETE": DELETE}
    expected = {}
    for method, outcomes in given.items():
        if outcomes is None:
            continue
        cells = tuple(outcomes.split())
        assert len(cells) == len(ROLES), f"{method} {outcomes!r}: one outcome per role ({' '.join(ROLES)})"
        assert set(cells) <= OUTCOMES, f"{method} {outcomes!r}: outcomes are {sorted(OUTCOMES)}"
        expected[method] = cells
    return Row(args, expected, query)


# Pages; the same outcome with GET and POST unless the view takes one method only.
#      coordinator approver viewer collector opdc unrelated admin anonymous
EVERYONE = "ok ok ok ok ok ok ok ok"
SIGNED_IN = "ok ok ok ok ok ok ok login"
AGENCY = "ok ok ok 403 403 403 403 login"
AGENCY_OR_REVIEWERS = "ok ok ok ok ok 403 403 login"
EDITOR = "ok 403 403 403 403 403 403 login"
ADMINISTRATOR = "403 403 403 403 403 403 ok login"
GET_ONLY = "405 405 405 405 405 405 405 login"  # a POST to a download
POST_ONLY = "405 405 405 405 405 405 405 login"  # a GET to an action

PAGES = {
    "home":                      row(GET=SIGNED_IN, POST=SIGNED_IN),
    "login":                     row(GET=EVERYONE, POST=EVERYONE),
    "logout":                    row(GET="405 405 405 405 405 405 405 405", POST="login " * 8),
    "password_change":           row(GET=SIGNED_IN, POST=SIGNED_IN),
    "password_change_done":      row(GET=SIGNED_IN, POST="405 405 405 405 405 405 405 login"),
    "password_reset":            row(GET=EVERYONE, POST=EVERYONE),
    "password_reset_done":       row(GET=EVERYONE, POST="405 " * 8),
    "password_reset_confirm":    row(GET=EVERYONE, POST=EVERYONE),
    "password_reset_complete":   row(GET=EVERYONE, POST="405 " * 8),
    "set_language":              row(GET="redirect " * 8, POST="redirect " * 8),
    # organisations
    "orgs:list":                 row(GET=SIGNED_IN, POST=SIGNED_IN),
    "orgs:detail":               row(GET=SIGNED_IN, POST=SIGNED_IN),
    "orgs:tree":                 row(GET=SIGNED_IN, POST=SIGNED_IN),
    "orgs:import":               row(GET=ADMINISTRATOR, POST=ADMINISTRATOR),
    "orgs:import_detail":        row(pk="org_import", GET=ADMINISTRATOR, POST=ADMINISTRATOR),
    "orgs:import_sample":        row(GET=ADMINISTRATOR, POST=GET_ONLY),
    "orgs:export":               row(GET=ADMINISTRATOR, POST=GET_ONLY),
    # campaigns (OPDC's; the agency's submission is in review at the provincial office)
    "campaigns:list":            row(GET=SIGNED_IN, POST=SIGNED_IN),
    # (issue 10: a plain unit's coordinator is offered "open a campaign"; the form is its collector viewpoint)
    # the municipality ("unrelated") collects nobody's plans: it opens no campaign (issue 10)
    "campaigns:new":             row(GET="ok ok 403 ok ok 403 403 login", POST="ok ok 403 ok ok 403 403 login"),
    "campaigns:detail":          row(pk="campaign", GET=SIGNED_IN, POST=SIGNED_IN),
    "campaigns:edit":            row(pk="campaign", GET="403 403 403 403 ok 403 403 login",
                                     POST="403 403 403 403 ok 403 403 login"),
    "campaigns:close":           row(pk="campaign", GET=POST_ONLY, POST="403 403 403 403 redirect 403 403 login"),
    "campaigns:inbox":           row(pk="campaign", GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "campaigns:follow_up":       row(pk="campaign", GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "campaigns:send_reminders":  row(pk="campaign", GET=POST_ONLY,
                                     # an empty form: the page that asks to confirm the number of e-mails
                                     POST="ok ok 403 ok ok 403 403 login"),
    "campaigns:agency":          row(pk="campaign", GET=AGENCY, POST=AGENCY),
    "campaigns:agency_submit":   row(pk="campaign", GET=POST_ONLY, POST="redirect redirect 403 403 403 403 403 login"),
    "campaigns:agency_declare":  row(pk="campaign", GET=POST_ONLY, POST="redirect redirect 403 403 403 403 403 login"),
    "campaigns:submission":      row(pk="submission", GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "campaigns:review":          row(pk="submission", GET=POST_ONLY, POST="403 403 403 400 400 403 403 login"),
    "campaigns:approve":         row(pk="submission", GET=POST_ONLY, POST="403 redirect 403 403 403 403 403 login"),
    # the audit trail: the agency and OPDC's reviewers, not the provincial office
    "campaigns:audit":           row(pk="submission", GET="ok ok ok 403 ok 403 403 login",
                                     POST="ok ok ok 403 ok 403 403 login"),
    "campaigns:attachment":      row(pk="submission", GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "campaigns:comment_done":    row(pk="comment", GET=POST_ONLY, POST="redirect redirect 403 403 403 403 403 login"),
    # plans: the live plan is the agency's only (collectors read sent versions: campaigns, documents)
    "plans:mine":                row(GET=SIGNED_IN, POST=SIGNED_IN),
    "plans:org":                 row(GET=SIGNED_IN, POST="ok 403 403 403 403 403 403 login"),
    "plans:overview":            row(pk="plan", GET=AGENCY, POST=AGENCY),
    "plans:overview[sensitive draft]": row(pk="draft", GET=AGENCY, POST=AGENCY),
    # an empty form names no classification: 404 to the one who may change it
    "plans:classification":      row(pk="plan", GET=POST_ONLY, POST="404 403 403 403 403 403 403 login"),
    "plans:attachment":          row(pk="plan", GET=AGENCY, POST="400 403 403 403 403 403 403 login"),
    "plans:attachment_remove":   row(pk="plan", GET=POST_ONLY, POST="redirect 403 403 403 403 403 403 login"),
    "plans:versions":            row(pk="plan", GET=AGENCY, POST=AGENCY),
    "plans:version":             row(pk="plan", GET=AGENCY, POST=AGENCY),
    "plans:compare":             row(pk="plan", GET=AGENCY, POST=AGENCY),
    "plans:audit":               row(pk="plan", GET=AGENCY, POST=AGENCY),
    "plans:checklist":           row(pk="plan", GET=AGENCY, POST="redirect 403 403 403 403 403 403 login"),
    "plans:strategy_map":        row(pk="plan", GET=AGENCY, POST=AGENCY),
    # an empty form carries no revision: a conflict
    "plans:edit":                row(pk="plan", GET=AGENCY, POST="409 403 403 403 403 403 403 login"),
    "plans:edit[sensitive draft]": row(pk="draft", GET=AGENCY, POST="409 403 403 403 403 403 403 login"),
    # exchange
    "exchange:export_json":      row(pk="plan", GET=AGENCY, POST=AGENCY),
    "exchange:word_upload":      row(GET=EDITOR, POST="400 403 403 403 403 403 403 login"),
    "exchange:word_review":      row(pk="word_import", GET=EDITOR, POST=EDITOR),
    # bundles (the province's ZIP, asked for by the provincial office: its own)
    # An agency's people (phrom.members): its members, collectors and OPDC see them; its coordinators
    # (and administrators) change them; an invitation link that does not verify is 404 to anyone.
    "members:page":              row(GET="ok ok ok ok ok 403 ok login", POST="ok 403 403 403 403 403 ok login"),
    "members:resend":            row(pk="invitation", GET=POST_ONLY,
                                     POST="redirect 403 403 403 403 403 redirect login"),
    "members:cancel":            row(pk="invitation", GET=POST_ONLY,
                                     POST="redirect 403 403 403 403 403 redirect login"),
    "members:role":              row(pk="membership", GET=POST_ONLY,
                                     POST="redirect 403 403 403 403 403 redirect login"),
    "members:remove":            row(pk="membership", GET=POST_ONLY,
                                     POST="redirect 403 403 403 403 403 redirect login"),
    # Personal data (phrom.privacy): the notice is open to all; the export log is the agency's own
    "privacy:notice":            row(GET=EVERYONE, POST="405 405 405 405 405 405 405 405"),
    "privacy:exports":           row(GET="ok ok ok 403 403 403 ok login", POST=GET_ONLY),
    "members:accept":            row(GET="404 404 404 404 404 404 404 404", POST="404 404 404 404 404 404 404 404"),
    "bundles:list":              row(GET=SIGNED_IN, POST=SIGNED_IN),
    "bundles:detail":            row(pk="bundle", GET="403 403 403 ok 403 403 403 login",
                                     POST="403 403 403 ok 403 403 403 login"),
    "bundles:download":          row(pk="bundle", GET="403 403 403 ok 403 403 403 login", POST=GET_ONLY),
    # printed documents: the live plan (agency) and a sent version (also its collectors)
    "documents:plan":            row(pk="plan", GET=AGENCY, POST=AGENCY),
    "documents:submission":      row(pk="submission", GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    # pocket cards (issue 15, offline): contact data, the agency only; the site's service worker and manifest
    "documents:pocket_cards":    row(pk="plan", GET=AGENCY, POST=AGENCY),
    "documents:pocket_cards_pdf": row(pk="plan", GET=AGENCY, POST=AGENCY),
    "documents:pocket_cards_pdf[sensitive draft]": row(pk="draft", GET=AGENCY, POST=AGENCY),
    "documents:pocket_card_pdf": row(pk="plan", key="member", GET=AGENCY, POST=AGENCY),
    "service_worker":            row(GET=EVERYONE, POST="405 405 405 405 405 405 405 405"),
    "web_manifest":              row(GET=EVERYONE, POST="405 405 405 405 405 405 405 405"),
    # statistics: every agency member, in the member's own scope; the Cabinet report OPDC's only
    "statistics:dashboard":      row(GET="ok ok ok ok ok ok 403 login", POST="ok ok ok ok ok ok 403 login"),
    "statistics:sites":          row(GET="ok ok ok ok ok ok 403 login", POST="ok ok ok ok ok ok 403 login"),
    "statistics:agencies":       row(GET="ok ok ok ok ok ok 403 login", POST="ok ok ok ok ok ok 403 login"),
    "statistics:cabinet":        row(GET="403 403 403 403 ok 403 403 login", POST="403 403 403 403 ok 403 403 login"),
    # search across plans: every agency member, over the sent plans it may read; a GET form
    "search:search":             row(GET="ok ok ok ok ok ok 403 login", POST=GET_ONLY),
    # dependencies: the plan's own (its agency); who depends on a process (the agency, its collectors,
    # OPDC); the gap lists (OPDC and collectors, for the agencies whose sent plans they may read)
    "dependencies:plan":         row(pk="plan", GET=AGENCY, POST="404 403 403 403 403 403 403 login"),
    # the picker's list is an htmx fragment: opened directly, it sends the editor to its page
    "dependencies:picker":       row(pk="plan", GET="redirect 403 403 403 403 403 403 login",
                                     POST="redirect 403 403 403 403 403 403 login"),
    "dependencies:dependants":   row(GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "dependencies:gaps":         row(GET="ok ok ok ok ok 403 403 login", POST="ok ok ok ok ok 403 403 login"),
    "dependencies:services":     row(GET="ok ok ok ok ok 403 403 login", POST="ok ok ok ok ok 403 403 login"),
    "dependencies:service":      row(GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    # results of carrying plans out: the agency records, its readers (collectors, OPDC) read; any
    # coordinator records for its own agency; collecting offices (the unit collects its hospital's plans)
    # publish scenarios and see the overview across agencies
    "results:index":             row(GET=SIGNED_IN, POST=SIGNED_IN),
    "results:new_exercise":      row(GET="ok 403 403 ok ok ok 403 login", POST="ok 403 403 ok ok ok 403 login"),
    "results:new_event":         row(GET="ok 403 403 ok ok ok 403 login", POST="ok 403 403 ok ok ok 403 login"),
    "results:detail":            row(pk="result", GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "results:edit":              row(pk="result", GET=EDITOR, POST=EDITOR),
    "results:document":          row(pk="result", GET=AGENCY_OR_REVIEWERS, POST=GET_ONLY),
    "results:add_action":        row(pk="result", GET=POST_ONLY, POST="redirect 403 403 403 403 403 403 login"),
    "results:end_event":         row(pk="event_result", GET=POST_ONLY, POST="redirect 403 403 403 403 403 403 login"),
    "results:actions":           row(GET=SIGNED_IN, POST=SIGNED_IN),
    "results:action_status":     row(pk="action", GET=POST_ONLY, POST="redirect 403 403 403 403 403 403 login"),
    "results:scenarios":         row(GET=SIGNED_IN, POST="ok 403 403 ok ok 403 403 login"),
    "results:overview":          row(GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    "results:training":          row(GET=AGENCY_OR_REVIEWERS, POST=AGENCY_OR_REVIEWERS),
    # crisis mode: the agency's members follow an activation, its coordinators and approvers activate,
    # tick steps and close (an empty form closes the open activation of the world's plan, rolled back);
    # the live part is an htmx fragment (opened directly: the board); the answer link needs no login
    "crisis:plan":               row(pk="plan", GET=AGENCY, POST=AGENCY),
    "crisis:activate":           row(pk="plan", GET="ok ok 403 403 403 403 403 login", POST="ok ok 403 403 403 403 403 login"),
    "crisis:detail":             row(pk="activation", GET=AGENCY, POST=GET_ONLY),
    "crisis:live":               row(pk="activation", GET="redirect redirect redirect 403 403 403 403 login", POST=GET_ONLY),
    "crisis:step":               row(pk="activation", GET=POST_ONLY, POST="redirect redirect 403 403 403 403 403 login"),
    "crisis:close":              row(pk="activation", GET="ok ok 403 403 403 403 403 login",
                                     POST="redirect redirect 403 403 403 403 403 login"),
    "crisis:export":             row(pk="activation", GET=AGENCY, POST=GET_ONLY),
    "crisis:answer":             row(token="answer_token", GET=EVERYONE, POST="400 400 400 400 400 400 400 400"),
    # the API's own pages
    "api-schema":                row(GET=EVERYONE, POST="405 405 405 405 405 405 405 405"),
    "api-docs":                  row(GET=EVERYONE, POST="405 405 405 405 405 405 405 405"),
    # the Django admin: administrators only (its model pages: ADMIN_MODEL_PAGE below)
    "admin:index":               row(GET="login login login login login login ok login"),
    "admin:login":               row(GET="ok ok ok ok ok ok redirect ok"),
    "admin:logout":              row(GET="redirect redirect redirect redirect redirect redirect 405 redirect"),
    "admin:password_change":     row(GET="login login login login login login ok login"),
    "admin:password_change_done": row(GET="login login login login login login ok login"),
    "admin:autocomplete":        row(GET="login login login login login login 403 login"),
    "admin:jsi18n":              row(GET="login login login login login login ok login"),
}

# Every admin page without arguments and without a row above (each model's list and add form): no
# one but an administrator gets in (whether the administrator may add depends on the model).
ADMIN_MODEL_PAGE = row(GET="login login login login login login * login")
# Admin pages of one object (<object_id>) and the admin's catch-all are not swept.


# API operations (a JSON body {} for anything but GET). Anonymous callers: 401.
#      coordinator approver viewer collector opdc unrelated admin anonymous
API_SIGNED_IN = "ok ok ok ok ok ok ok 401"
API_AGENCY = "ok ok ok 403 403 403 403 401"
API_AGENCY_OR_REVIEWERS = "ok ok ok ok ok 403 403 401"
API_ANYONE_BAD_BODY = "400 400 400 400 400 400 400 401"  # any user may try; {} is not a valid body
API_EDITOR_BAD_BODY = "400 403 403 403 403 403 403 401"

API = {
    "/api/v1/me/":                                  row(GET=API_SIGNED_IN),
    "/api/v1/organisations/":                       row(GET=API_SIGNED_IN),
    "/api/v1/organisations/{code}/":                row(GET=API_SIGNED_IN),
    "/api/v1/organisations/{code}/members/":        row(GET="ok ok ok ok ok 403 ok 401"),
    "/api/v1/organisations/{code}/members/{id}/":   row(id="membership", PATCH="ok 403 403 403 403 403 ok 401",
                                                        DELETE="ok 403 403 403 403 403 ok 401"),
    "/api/v1/organisations/{code}/members/history/": row(GET="ok ok ok 403 403 403 ok 401"),
    "/api/v1/organisations/{code}/invitations/":    row(GET="ok 403 403 403 403 403 ok 401",
                                                        POST="400 403 403 403 403 403 400 401"),
    "/api/v1/organisations/{code}/invitations/{id}/": row(id="invitation", DELETE="ok 403 403 403 403 403 ok 401"),
    "/api/v1/organisations/{code}/invitations/{id}/resend/": row(id="invitation",
                                                                 POST="ok 403 403 403 403 403 ok 401"),
    "/api/v1/plan-templates/":                      row(GET=API_SIGNED_IN),
    "/api/v1/scenarios/":                           row(GET=API_SIGNED_IN),
    "/api/v1/statistics/":                          row(GET="ok ok ok ok ok ok 403 401"),
    "/api/v1/statistics/sites/":                    row(GET="ok ok ok ok ok ok 403 401"),
    "/api/v1/search/":                              row(query="q=แผน", GET="ok ok ok ok ok ok 403 401"),
    "/api/v1/rto-gaps/":                            row(GET="ok ok ok ok ok 403 403 401"),
    # results of carrying plans out (as their pages; a POST of {} is refused before anything is written)
    "/api/v1/results/":                             row(GET=API_SIGNED_IN),
    "/api/v1/results/{id}/":                        row(id="result", GET=API_AGENCY_OR_REVIEWERS, PUT=API_EDITOR_BAD_BODY),
    "/api/v1/results/{id}/{fmt}/":                  row(id="result", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/results/{id}/actions/":                row(id="result", GET=API_AGENCY_OR_REVIEWERS, POST=API_EDITOR_BAD_BODY),
    "/api/v1/exercises/":                           row(POST=API_ANYONE_BAD_BODY),
    "/api/v1/events/":                              row(POST=API_ANYONE_BAD_BODY),
    "/api/v1/events/{id}/end/":                     row(id="event", POST=API_EDITOR_BAD_BODY),
    "/api/v1/corrective-actions/":                  row(GET=API_SIGNED_IN),
    "/api/v1/corrective-actions/{id}/status/":      row(id="action", POST=API_EDITOR_BAD_BODY),
    "/api/v1/exercise-scenarios/":                  row(GET=API_SIGNED_IN, POST=API_ANYONE_BAD_BODY),
    "/api/v1/training-needs/":                      row(GET="ok ok ok ok ok 403 403 401"),
    # crisis mode (as its pages; a POST of {} to close closes the open activation, rolled back)
    "/api/v1/plans/{id}/activations/":              row(id="plan", GET=API_AGENCY, POST="400 400 403 403 403 403 403 401"),
    "/api/v1/activations/{id}/":                    row(id="activation", GET=API_AGENCY),
    "/api/v1/activations/{id}/steps/":              row(id="activation", POST="400 400 403 403 403 403 403 401"),
    "/api/v1/activations/{id}/close/":              row(id="activation", POST="ok ok 403 403 403 403 403 401"),
    "/api/v1/activations/{id}/export/":             row(id="activation", GET=API_AGENCY),
    # the answer link's token is the guard: no account ({} is no answer)
    "/api/v1/answers/{token}/":                     row(token="answer_token", GET="ok ok ok ok ok ok ok ok",
                                                        POST="400 400 400 400 400 400 400 400"),
    # plans: the live plan, its agency only
    "/api/v1/plans/":                               row(GET=API_SIGNED_IN, POST=API_ANYONE_BAD_BODY),
    "/api/v1/plans/{id}/":                          row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/{fmt}/":                    row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/pocket-cards/pdf/":         row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/pocket-cards/pdf/[sensitive draft]": row(id="draft", GET=API_AGENCY),
    "/api/v1/plans/{id}/pocket-cards/{key}/pdf/":   row(id="plan", key="member", GET=API_AGENCY),
    "/api/v1/plans/{id}/attachment/":               row(id="plan", GET=API_AGENCY,
                                                        PUT="415 403 403 403 403 403 403 401",
                                                        DELETE="ok 403 403 403 403 403 403 401"),
    "/api/v1/plans/{id}/audit/":                    row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/checklist/":                row(id="plan", GET=API_AGENCY, PUT=API_EDITOR_BAD_BODY),
    "/api/v1/plans/{id}/components/{component}/":   row(id="plan", GET=API_AGENCY, PUT=API_EDITOR_BAD_BODY),
    "/api/v1/plans/{id}/diff/":                     row(id="plan", query="from=1", GET=API_AGENCY),
    "/api/v1/plans/{id}/document/":                 row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/document/[sensitive draft]": row(id="draft", GET=API_AGENCY),
    "/api/v1/plans/{id}/{fmt}/[sensitive draft]":   row(id="draft", GET=API_AGENCY),
    "/api/v1/plans/{id}/export/[sensitive draft]":  row(id="draft", GET=API_AGENCY),
    "/api/v1/plans/{id}/export/":                   row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/findings/":                 row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/strategy-map/":             row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/versions/":                 row(id="plan", GET=API_AGENCY),
    "/api/v1/plans/{id}/versions/{number}/":        row(id="plan", GET=API_AGENCY),
    # importing: coordinators of any agency may post a file (each plan in it is then checked)
    "/api/v1/plans/import/":                        row(POST="400 403 403 400 400 400 400 401"),
    # campaigns
    "/api/v1/campaigns/":                           row(GET=API_SIGNED_IN, POST=API_ANYONE_BAD_BODY),
    "/api/v1/campaigns/{id}/":                      row(id="campaign", GET=API_SIGNED_IN,
                                                        PATCH="403 403 403 403 ok 403 403 401"),
    "/api/v1/campaigns/{id}/agencies/{code}/":      row(id="campaign", GET=API_AGENCY),
    "/api/v1/campaigns/{id}/close/":                row(id="campaign", POST="403 403 403 403 ok 403 403 401"),
    "/api/v1/campaigns/{id}/reopen/":               row(id="campaign", POST="403 403 403 403 ok 403 403 401"),
    "/api/v1/campaigns/{id}/declarations/":         row(id="campaign", POST=API_ANYONE_BAD_BODY),
    "/api/v1/campaigns/{id}/submissions/":          row(id="campaign", POST=API_ANYONE_BAD_BODY),
    "/api/v1/campaigns/{id}/follow-up/":            row(id="campaign", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/campaigns/{id}/inbox/":                row(id="campaign", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/campaigns/{id}/reminders/":            row(id="campaign", GET=API_AGENCY_OR_REVIEWERS,
                                                        POST="ok ok 403 ok ok 403 403 401"),
    # submissions: what was sent, to the agency and its collectors
    "/api/v1/submissions/{id}/":                    row(id="submission", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/submissions/{id}/{fmt}/":              row(id="submission", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/submissions/{id}/attachment/":         row(id="submission", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/submissions/{id}/audit/":              row(id="submission", GET="ok ok ok 403 ok 403 403 401"),
    "/api/v1/submissions/{id}/comments/":           row(id="submission", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/submissions/{id}/document/":           row(id="submission", GET=API_AGENCY_OR_REVIEWERS),
    "/api/v1/submissions/{id}/history/":            row(id="submission", GET=API_AGENCY_OR_REVIEWERS),
    # in review at the provincial office: nothing for the agency's approver to decide (409)
    "/api/v1/submissions/{id}/approve/":            row(id="submission", POST="403 409 403 403 403 403 403 401"),
    "/api/v1/submissions/{id}/decline/":            row(id="submission", POST="403 409 403 403 403 403 403 401"),
    "/api/v1/submissions/{id}/reviews/":            row(id="submission", POST="403 403 403 400 400 403 403 401"),
    # bundles
    "/api/v1/bundles/":                             row(GET=API_SIGNED_IN, POST=API_ANYONE_BAD_BODY),
    "/api/v1/bundles/{id}/":                        row(id="bundle", GET="403 403 403 ok 403 403 403 401"),
    "/api/v1/bundles/{id}/download/":               row(id="bundle", GET="403 403 403 ok 403 403 403 401"),
}
