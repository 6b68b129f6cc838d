"""An editor's second step: an authenticator app (TOTP) and single-use recovery codes (django-otp)."""

import re
from base64 import b32encode

import segno
from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

APP_DEVICE_NAME = "Authenticator app"
RECOVERY_DEVICE_NAME = "Recovery codes"
RECOVERY_CODE_COUNT = 10
# An app shows six digits; recovery codes are eight letters and digits. Telling them apart by shape means a
# recovery code is never tried against the app's device (which would slow the app's next code down).
APP_CODE = re.compile(r"\d{6}")


def has_device(user):
    """Whether the account has anything to pass the second step with, app or recovery codes."""
    return any(
        model.objects.filter(user=user, confirmed=True).exists() for model in (TOTPDevice, StaticDevice)
    )


def matching_device(user, code):
    """The confirmed device that accepts `code`, or None. A recovery code is used up as it is accepted."""
    code = "".join(code.split()).lower()
    model = TOTPDevice if APP_CODE.fullmatch(code) else StaticDevice
    for device in model.objects.filter(user=user, confirmed=True):
        if device.verify_is_allowed()[0] and device.verify_token(code):
            return device
    return None


def device_being_set_up(user):
    """The account's unconfirmed app device, made on first asking; its secret stays the same until confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=False)


def secret_text(device):
    """The secret as an authenticator app asks for it typed in: base32, in groups of four."""
    secret = b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def qr_code_data_uri(device):
    """The otpauth URI as a QR code, an SVG in a data: URI (the CSP allows images from data:, nothing else)."""
    return segno.make(device.config_url, error="m").svg_data_uri(scale=5, dark="#000", light="#fff")


def confirm_app(device, code):
    """Confirm the device being set up if `code` is right. Returns whether it was."""
    if not device.verify_token("".join(code.split())):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return True


@transaction.atomic
def issue_recovery_codes(user, count=RECOVERY_CODE_COUNT):
    """A fresh set of single-use recovery codes for `user`; any earlier set stops working. Returns the codes."""
    device, _ = StaticDevice.objects.get_or_create(user=user, name=RECOVERY_DEVICE_NAME)
    device.confirmed = True
    device.save()
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes
