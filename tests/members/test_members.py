"""An agency manages its own people: invitations by e-mail (over real SMTP), roles, removal, history."""

import re

import pytest
from django.urls import reverse

from phrom.accounts.models import Membership
from phrom.members import services
from phrom.members.models import Invitation, MemberEvent
from tests.conftest import member
from tests.helpers.campaigns import open_campaign
from tests.helpers.plans import make_plan

R = Membership.Role


def _link(mail) -> str:
    return re.search(r"https?://\S+/members/join/\S+/", mail.text).group(0)


def _path(link: str) -> str:
    return "/" + link.split("/", 3)[3]


@pytest.fixture
def unit(structure):
    return structure.rayong_unit


@pytest.fixture
def coordinator(unit):
    return member(unit, R.COORDINATOR, "unit-coordinator")


def test_invitation_mail_link_lets_a_new_person_make_an_account_and_join(client, unit, coordinator, smtp_server):
    client.force_login(coordinator)
    page = client.get(reverse("members:page", args=[unit.code]))
    assert "ยังไม่มีผู้ใดในหน่วยงานนี้อนุมัติแผนได้" in page.content.decode()  # no approver: warned
    response = client.post(reverse("members:page", args=[unit.code]), {"email": "malee@moph.go.th", "role": R.APPROVER})
    assert response.status_code == 302
    [mail] = smtp_server.to("malee@moph.go.th")
    assert unit.name_th in mail.subject and "ผู้อนุมัติ" in mail.text
    link = _link(mail)

    client.logout()
    page = client.get(_path(link))
    assert unit.name_th in page.content.decode()
    response = client.post(_path(link), {"username": "malee", "first_name": "มาลี", "last_name": "ดีงาม",
                                         "password1": "Kanchana-2570!", "password2": "Kanchana-2570!"})
    assert response.status_code == 302
    joined = Membership.objects.get(organisation=unit, user__username="malee")
    assert joined.role == R.APPROVER and joined.user.email == "malee@moph.go.th"
    # The link is used up, and the page says so.
    again = client.get(_path(link))
    assert again.status_code == 409 and "ตอบรับ" in again.content.decode()

    client.force_login(coordinator)
    page = client.get(reverse("members:page", args=[unit.code])).content.decode()
    assert "มาลี ดีงาม" in page and 'id="no-approver"' not in page
    assert [e.action for e in MemberEvent.objects.filter(organisation=unit)] == ["joined", "invited"]


def test_a_signed_in_person_joins_with_the_account_they_have(client, unit, coordinator, smtp_server, structure):
    services.invite(unit, email="somchai@example.org", role=R.VIEWER, user=coordinator)
    someone = member(structure.municipality, R.COORDINATOR, "somchai")
    client.force_login(someone)
    response = client.post(_path(_link(smtp_server.to("somchai@example.org")[0])))
    assert response.status_code == 302
    assert Membership.objects.get(organisation=unit, user=someone).role == R.VIEWER


def test_resend_replaces_the_link_and_cancel_kills_it(client, unit, coordinator, smtp_server):
    invitation = services.invite(unit, email="a@example.org", role=R.VIEWER, user=coordinator)
    client.force_login(coordinator)
    client.post(reverse("members:resend", args=[unit.code, invitation.pk]))
    first, second = smtp_server.to("a@example.org")
    assert client.get(_path(_link(first))).status_code == 404  # replaced by the newer one
    assert client.get(_path(_link(second))).status_code == 200
    client.post(reverse("members:cancel", args=[unit.code, invitation.pk]))
    assert client.get(_path(_link(second))).status_code == 404
    assert Invitation.objects.get().state == Invitation.State.CANCELLED


def test_an_expired_link_is_refused(client, unit, coordinator, smtp_server, settings):
    invitation = services.invite(unit, email="late@example.org", role=R.VIEWER, user=coordinator)
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    response = client.get(_path(_link(smtp_server.to("late@example.org")[0])))
    assert response.status_code == 410 and "หมดอายุ" in response.content.decode()


def test_no_invitation_is_stored_when_the_mail_server_is_down(unit, coordinator, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens there
    with pytest.raises(services.PhromError) as refused:
        services.invite(unit, email="x@example.org", role=R.VIEWER, user=coordinator)
    assert refused.value.code == "mail_unavailable"
    assert not Invitation.objects.exists() and not MemberEvent.objects.exists()


def test_one_pending_invitation_per_address_and_no_second_membership(unit, coordinator, smtp_server):
    services.invite(unit, email="b@example.org", role=R.VIEWER, user=coordinator)
    with pytest.raises(services.PhromError) as twice:
        services.invite(unit, email="B@example.org", role=R.APPROVER, user=coordinator)
    assert twice.value.code == "invitation_pending"
    coordinator.email = "boss@example.org"
    coordinator.save()
    with pytest.raises(services.PhromError) as already:
        services.invite(unit, email="boss@example.org", role=R.VIEWER, user=coordinator)
    assert already.value.code == "already_member"


def test_roles_change_people_leave_and_the_agency_keeps_a_coordinator(client, unit, coordinator):
    colleague = Membership.objects.get(user=member(unit, R.VIEWER, "colleague"))
    own = Membership.objects.get(user=coordinator)
    client.force_login(coordinator)
    client.post(reverse("members:role", args=[unit.code, colleague.pk]), {"role": R.APPROVER})
    colleague.refresh_from_db()
    assert colleague.role == R.APPROVER
    page = client.post(reverse("members:remove", args=[unit.code, own.pk]), follow=True).content.decode()
    assert "ต้องมีผู้ประสานงานอย่างน้อยหนึ่งคน" in page and Membership.objects.filter(pk=own.pk).exists()
    client.post(reverse("members:remove", args=[unit.code, colleague.pk]))
    assert not Membership.objects.filter(pk=colleague.pk).exists()
    history = client.get(reverse("members:page", args=[unit.code])).content.decode()
    assert "เปลี่ยนบทบาท" in history and "นำออก" in history


def test_a_collector_sees_the_contacts_but_changes_nothing(client, unit, coordinator, province_user):
    coordinator.email = "coord@moph.go.th"
    coordinator.save()
    client.force_login(province_user)
    page = client.get(reverse("members:page", args=[unit.code])).content.decode()
    assert "coord@moph.go.th" in page and "ส่งคำเชิญ" not in page
    own = Membership.objects.get(user=coordinator)
    assert client.post(reverse("members:remove", args=[unit.code, own.pk])).status_code == 403
    assert client.post(reverse("members:page", args=[unit.code]), {"email": "x@y.org", "role": R.VIEWER}).status_code == 403
    assert "ประวัติ" not in page  # the history is the agency's own


def test_a_viewer_of_the_agency_cannot_invite(client, unit, coordinator):
    viewer = member(unit, R.VIEWER, "viewer")
    client.force_login(viewer)
    assert client.post(reverse("members:page", args=[unit.code]), {"email": "x@y.org", "role": R.VIEWER}).status_code == 403


def test_the_plan_page_and_the_send_form_warn_when_nobody_can_approve(client, unit, coordinator, structure, people):
    Membership.objects.filter(organisation=unit, role=R.APPROVER).delete()
    plan = make_plan(unit, coordinator)
    campaign = open_campaign(structure.opdc, people.opdc_coordinator)
    client.force_login(coordinator)
    for url in (reverse("plans:overview", args=[plan.pk]), reverse("campaigns:agency", args=[campaign.pk, unit.code])):
        page = client.get(url).content.decode()
        assert 'id="no-approver"' in page and reverse("members:page", args=[unit.code]) in page
    member(unit, R.APPROVER, "the-approver")
    assert 'id="no-approver"' not in client.get(reverse("plans:overview", args=[plan.pk])).content.decode()


def test_a_superuser_adding_themselves_in_the_admin_shows_in_the_agency_history(client, unit, coordinator, admin_user):
    client.force_login(admin_user)
    response = client.post(reverse("admin:accounts_membership_add"),
                           {"user": admin_user.pk, "organisation": unit.pk, "role": R.COORDINATOR})
    assert response.status_code == 302
    mine = Membership.objects.get(user=admin_user, organisation=unit)
    client.post(reverse("admin:accounts_membership_change", args=[mine.pk]),
                {"user": admin_user.pk, "organisation": unit.pk, "role": R.VIEWER})
    client.post(reverse("admin:accounts_membership_delete", args=[mine.pk]), {"post": "yes"})
    assert not Membership.objects.filter(user=admin_user, organisation=unit).exists()
    assert [(e.action, e.actor_id) for e in MemberEvent.objects.filter(organisation=unit)] == [
        ("removed", admin_user.pk), ("role_changed", admin_user.pk), ("added", admin_user.pk)]
    client.force_login(coordinator)
    assert "ผู้ดูแลระบบเพิ่มเข้าหน่วยงาน" in client.get(reverse("members:page", args=[unit.code])).content.decode()
