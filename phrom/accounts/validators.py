import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def _is_letter(char: str) -> bool:
    # Thai vowel and tone marks (ั ิ ี ่ ้ …) are combining marks, not letters to str.isalpha():
    # they are part of the word, not the digit or symbol the rule asks for.
    return unicodedata.category(char)[0] in {"L", "M"}


class CharacterClassValidator:
    """A password mixes letters with digits or symbols."""

    def validate(self, password, user=None):
        has_letter = any(_is_letter(c) for c in password)
        has_other = any(not _is_letter(c) for c in password)
        if not (has_letter and has_other):
            raise ValidationError(
                _("The password must contain letters and at least one digit or symbol."), code="password_classes"
            )

    def get_help_text(self):
        return _("Your password must contain letters and at least one digit or symbol.")
