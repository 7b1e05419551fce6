"""People of the test structure: a member of one organisation, and a coordinator and an approver in
every organisation (the `people` fixture)."""

from phrom.accounts.models import Membership
from tests.factories import MembershipFactory, UserFactory


def member(org, role=Membership.Role.COORDINATOR, username=None):
    kwargs = {"username": username} if username else {}
    return MembershipFactory(organisation=org, role=role, user=UserFactory(**kwargs)).user


R = Membership.Role


class People:
    """A coordinator and an approver in every organisation of the structure (usernames: CODE-role)."""

    def __init__(self, structure):
        self.s = structure
        for name, org in vars(structure).items():
            setattr(self, f"{name}_coordinator", member(org, R.COORDINATOR, f"{org.code.lower()}-coordinator"))
            setattr(self, f"{name}_approver", member(org, R.APPROVER, f"{org.code.lower()}-approver"))

    def coordinator(self, org):
        return getattr(self, f"{self._name(org)}_coordinator")

    def approver(self, org):
        return getattr(self, f"{self._name(org)}_approver")

    def _name(self, org):
        return next(n for n, o in vars(self.s).items() if o.pk == org.pk)
