"""UK phone numbers as the directory writes them: digits and spaces, as the reader would dial them."""

import re

WRITTEN = re.compile(r"^\+?\d+(?: \d+)*$")
UK_NUMBER = re.compile(
    r"^(?:"
    r"999|112|101|111|116\d{3}"  # emergency, police non-emergency, NHS 111, 116 helplines (Samaritans)
    r"|0[1-9]\d{8,9}|0800\d{4}"  # national numbers; a few freephone numbers are short (0800 1111)
    r"|\+44[1-9]\d{8,9}"  # the same from abroad
    r"|18000|18001(?:101|0[1-9]\d{8,9})"  # Relay UK: 18000 for 999, 18001 before any other number
    r")$"
)
SMS_SHORT_CODE = re.compile(r"^\d{5}$")


def phone_problem(number, *, sms=False):
    """Why `number` is not a UK number we can publish, or None when it is fine."""
    digits = number.replace(" ", "")
    if not WRITTEN.match(number) or not (UK_NUMBER.match(digits) or (sms and SMS_SHORT_CODE.match(digits))):
        return (
            f"{number!r} does not look like a UK phone number: write the digits with single spaces, "
            "for example 0808 801 0366"
        )
    return None
