"""The providers' answers read the way docs/crisis.md says (against real local HTTP servers), and an
e-mail backend other than SMTP (files, console, the tests' outbox) still gets Django's e-mail."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from phrom.crisis import providers, services
from phrom.crisis.delivery import deliver_due
from phrom.crisis.models import Message
from tests.helpers.gateways import Gateway, point_gateways_at

T0 = timezone.make_aware(datetime.datetime(2026, 12, 5, 9, 0))


@pytest.fixture
def message(settings, plan, coordinator):
    point_gateways_at(settings, Gateway(), None)  # never started: configured only
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟดับทั้งอาคาร", now=T0)
    return Message.objects.select_related("recipient", "activation").get(activation=activation, recipient__key="m1")


@pytest.mark.parametrize(("status", "outcome"), [
    (200, None), (202, None), (409, None),  # 409: this reference / retry key was taken already
    (429, providers.Unavailable), (500, providers.Unavailable), (503, providers.Unavailable),
    (400, providers.Refused), (401, providers.Refused), (404, providers.Refused),
])
def test_how_a_gateway_answer_is_read(settings, message, status, outcome):
    with Gateway() as gateway:
        gateway.status = status
        settings.PHROM_SMS_GATEWAY_URL = gateway.url + "/sms"
        if outcome is None:
            providers.Providers().send(message, "s", "ข้อความ")
        else:
            with pytest.raises(outcome):
                providers.Providers().send(message, "s", "ข้อความ")


def test_a_gateway_nobody_answers_is_unavailable(settings, message):
    settings.PHROM_SMS_GATEWAY_URL = "http://127.0.0.1:9/sms"  # nothing listens on the discard port
    with pytest.raises(providers.Unavailable):
        providers.Providers().send(message, "s", "ข้อความ")


def test_ids_stay_the_same_for_a_message(message):
    assert providers.retry_key(message) == providers.retry_key(Message.objects.get(pk=message.pk))
    assert providers.reference(message) == f"{message.activation_id}/alert::m1:sms"
    assert providers.message_id(message) == f"<crisis.{message.activation_id}.{message.pk}@127.0.0.1>"


def test_another_mail_backend_gets_djangos_email(settings, plan, coordinator):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    point_gateways_at(settings, None, None)
    activation = services.activate(coordinator, plan, scenario=plan.scenarios.first(), message="ไฟดับทั้งอาคาร",
                                   is_test=True, now=T0)
    assert deliver_due(activation.pk, now=T0).sent == 1
    [sent] = mail.outbox
    assert sent.to == ["somchai@example.go.th"] and sent.subject.startswith("[ทดสอบ]")
    assert sent.extra_headers["Message-ID"] == providers.message_id(activation.messages.get())
    assert "ไฟดับทั้งอาคาร" in sent.body and "/crisis/answer/" in sent.body


def test_the_link_in_a_message_reads_back_to_its_person(message):
    from django.urls import reverse

    from phrom.crisis import tokens

    url = tokens.answer_url(message.recipient)
    token = url.rsplit("/", 2)[1]
    assert url == "http://127.0.0.1:8000" + reverse("crisis:answer", kwargs={"token": token})
    assert tokens.read_token(token) == message.recipient
