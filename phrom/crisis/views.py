"""The pages of crisis mode: activating a plan, the live board of an activation (who was alerted, by
which channel, who answered, the procedures ticked off against the RTO clocks), closing it into a
draft result, its export, and the answer page each person alerted opens from their message.
Thin views over phrom.crisis.services (the state changes) and .board (what is shown)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from phrom.accounts import permissions
from phrom.core import tabular
from phrom.core.errors import PhromError, show_on_form
from phrom.plans.views import plan_page

from . import access, board, services, tokens
from .forms import ActivateForm, AnswerForm, CloseForm
from .models import Activation, Answer
from .report import figures

EXPORT_TYPES = {"csv": "text/csv; charset=utf-8",
                "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _posted(request):
    """The form's data: bound on any POST, even an empty one (refused field by field)."""
    return request.POST if request.method == "POST" else None


@login_required
def plan_activations(request, pk):
    """The plan's activations, the open one first, and the way to activate it."""
    plan = access.plan_for(request.user, pk, act=False)
    return render(request, "crisis/plan.html", plan_page(
        request, plan, "crisis", activations=plan.activations.select_related("started_by", "result"),
        can_activate=permissions.can_activate_plan(request.user, plan.organisation)))


@login_required
def activate(request, pk):
    """Activate the plan for one of its scenarios; what would go wrong is listed before the button."""
    plan = access.plan_for(request.user, pk, act=True)
    form = ActivateForm(_posted(request), plan=plan)
    status = 200
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            activation = services.activate(request.user, plan, scenario=d["scenario"], message=d["message"],
                                           is_test=d["is_test"], mode=d["mode"], answer_minutes=d["answer_minutes"])
        except PhromError as e:
            show_on_form(form, e)
            status = e.status
        else:
            messages.success(request, _("The plan is activated: the first alerts are on their way."))
            return redirect("crisis:detail", activation.pk)
    return render(request, "crisis/activate.html", plan_page(
        request, plan, "crisis", form=form, warnings=board.warnings(plan), open=board.open_activation(plan),
    ), status=status)


def _board_context(activation: Activation) -> dict:
    now = timezone.now()
    return {"activation": activation, "figures": figures(activation), "people": board.people(activation),
            "clocks": board.clocks(activation, now), "chart": board.chart(activation, now), "now": now}


@login_required
@require_GET
def detail(request, pk):
    """The live board."""
    activation = access.activation_for(request.user, pk)
    return render(request, "crisis/board.html", {
        **_board_context(activation), "procedures": board.procedures(activation),
        "can_act": permissions.can_activate_plan(request.user, activation.organisation),
        "plan_readable": permissions.can_read_live_plan(request.user, activation.organisation),
    })


@login_required
@require_GET
def live(request, pk):
    """The board's live part, asked for every few seconds by htmx; opened directly, the board."""
    activation = access.activation_for(request.user, pk)
    if not request.htmx:
        return redirect("crisis:detail", activation.pk)
    return render(request, "crisis/_live.html", _board_context(activation))


@login_required
@require_POST
def step(request, pk):
    """Tick a procedure step off (or untick it); htmx gets the checklist back, a plain form the board."""
    activation = access.activation_for(request.user, pk, act=True)
    try:
        number = int(request.POST.get("step", ""))
    except ValueError:
        number = -1
    try:
        services.mark_step(request.user, activation, number, request.POST.get("done") == "1")
    except PhromError as e:
        if request.htmx:
            return HttpResponse(e.message, status=e.status, content_type="text/plain; charset=utf-8")  # board.js shows it
        messages.error(request, e.message)
    if request.htmx:
        return render(request, "crisis/_procedures.html", {
            "activation": activation, "procedures": board.procedures(activation), "can_act": True})
    return redirect(reverse("crisis:detail", args=[activation.pk]) + "#procedures")


@login_required
def close(request, pk):
    """Close the activation (after a confirmation): it becomes a draft result the coordinator completes."""
    activation = access.activation_for(request.user, pk, act=True)
    if not activation.is_open:
        messages.error(request, PhromError("activation_closed").message)  # in the page's language
        return redirect("crisis:detail", activation.pk)
    form = CloseForm(_posted(request), activation=activation)
    if request.method == "POST" and form.is_valid():
        try:
            closed = services.close(request.user, activation, hazard=form.cleaned_data.get("hazard"))
        except PhromError as e:
            show_on_form(form, e)
        else:
            messages.success(request, _("The activation is closed. Its timeline, the answers and the steps done are "
                                        "in this draft result: complete it."))
            return redirect("results:detail", closed.result_id)
    return render(request, "crisis/close.html", {"activation": activation, "form": form,
                                                 "figures": figures(activation)})


@login_required
@require_GET
def export(request, pk):
    """The board as a table: ?format=csv (default) or xlsx."""
    activation = access.activation_for(request.user, pk)
    fmt = request.GET.get("format", "csv")
    if fmt not in EXPORT_TYPES:
        fmt = "csv"
    return export_response(activation, fmt)


def export_response(activation: Activation, fmt: str) -> HttpResponse:
    header, rows = board.table(activation)
    data = tabular.csv_bytes(header, rows) if fmt == "csv" else tabular.xlsx_bytes(header, rows, title="activation")
    response = HttpResponse(data, content_type=EXPORT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="activation-{activation.organisation.code}-{activation.pk}.{fmt}"'
    return response


# --------------------------------------------------------------------------- the answer page (no login)


def _refused(request, error: PhromError, recipient=None):
    return render(request, "crisis/answer_refused.html", {"error": error, "recipient": recipient}, status=error.status)


# Without CSRF protection on purpose: the page is opened from an SMS or LINE message on a phone that has no
# session with Phrom (and often a browser inside the chat app that drops cookies), and what a forged request
# would need is the person's own signed link: the link itself is the guard. It carries no session either.
@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request, token):
    """The person alerted says they received the alert, are safe, can work or need help (once)."""
    try:
        recipient = tokens.read_link(request, token)
    except PhromError as e:
        return _refused(request, e)
    activation = recipient.activation
    form = AnswerForm(_posted(request))
    if request.method == "POST" and recipient.answered_at is None and activation.is_open:
        if form.is_valid():
            try:
                recipient = services.answer(recipient, form.cleaned_data["answer"], form.cleaned_data["note"])
            except PhromError as e:
                if e.code != "answer_given":  # closed meanwhile
                    return _refused(request, e, recipient)
                recipient.refresh_from_db(fields=["answer", "note", "answered_at"])  # a second tap: the first stands
            else:
                return render(request, "crisis/answered.html", {"recipient": recipient, "activation": activation,
                                                                "just_now": True})
    if recipient.answered_at is not None:
        return render(request, "crisis/answered.html", {"recipient": recipient, "activation": activation})
    if not activation.is_open:
        return _refused(request, PhromError("activation_closed"), recipient)
    return render(request, "crisis/answer.html", {"recipient": recipient, "activation": activation, "form": form,
                                                  "answers": Answer.choices}, status=400 if form.errors else 200)

