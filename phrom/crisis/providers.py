"""The providers a crisis message is handed to: e-mail (Django's SMTP connection, one per run), an SMS
gateway over HTTP and the LINE Messaging API. Each answers "accepted" by returning, or raises
`Unavailable` (down, timeout, 5xx, 429: try again later) or `Refused` (a permanent 4xx: this channel
will never take it — the person's next channel is tried).

Each message carries an id that stays the same when it is sent again (after a worker died between
handing it over and recording it), so the far end can tell a resend:
- e-mail: Message-ID <crisis.<activation>.<message>@<Phrom's host>>;
- SMS gateway: `reference` "<activation>/<message key>" (docs/crisis.md: the gateway's request format);
- LINE: X-Line-Retry-Key, a UUID derived from the same (LINE answers 409 to a key it accepted: sent).
"""

from __future__ import annotations

import base64
import json
import smtplib
import urllib.error
import urllib.request
import uuid
from email.header import Header
from email.utils import formataddr, formatdate, parseaddr
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from .channels import EMAIL, LINE, SMS

RETRY_KEYS = uuid.UUID("5f1f2b8e-6a43-4a8e-9d1c-7c1b0c6e2a15")  # namespace of the LINE retry keys


class Unavailable(Exception):
    """The provider could not take the message now: retried later."""


class Refused(Exception):
    """The provider will never take this message (bad address, unknown user): next channel."""


def reference(message) -> str:
    return f"{message.activation_id}/{message.key}"


def retry_key(message) -> str:
    return str(uuid.uuid5(RETRY_KEYS, reference(message)))


def message_id(message) -> str:
    host = urlsplit(settings.PHROM_BASE_URL).hostname or "phrom.localhost"
    return f"<crisis.{message.activation_id}.{message.pk}@{host}>"


def timeout() -> float:
    return settings.PHROM_GATEWAY_TIMEOUT


def _post(url: str, body: dict, headers: dict) -> None:
    """POST JSON; 2xx and 409 (already accepted under this key) are accepted."""
    request = urllib.request.Request(url, data=json.dumps(body, ensure_ascii=False).encode(), method="POST",
                                     headers={"Content-Type": "application/json; charset=utf-8", **headers})
    try:
        with urllib.request.urlopen(request, timeout=timeout()) as response:
            response.read()
    except urllib.error.HTTPError as exc:
        if exc.code == 409:
            return
        detail = f"HTTP {exc.code}: {exc.read()[:300].decode(errors='replace')}"
        if exc.code == 429 or exc.code >= 500:
            raise Unavailable(detail) from None
        raise Refused(detail) from None
    except (urllib.error.URLError, OSError) as exc:  # refused, unreachable, timed out
        raise Unavailable(f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}") from None


class Providers:
    """The providers of one delivery run; the SMTP connection is opened at the first e-mail and kept."""

    def __init__(self):
        self.connection = None
        self.subjects: dict[str, str] = {}
        self.sender = parseaddr(settings.DEFAULT_FROM_EMAIL)
        self.from_header = formataddr(self.sender, charset="utf-8")

    def send(self, message, subject: str, text: str) -> None:
        r = message.recipient
        if message.channel == EMAIL:
            self._email(message, r.email, subject, text)
        elif message.channel == SMS:
            _post(settings.PHROM_SMS_GATEWAY_URL, {"to": r.phone, "text": text, "reference": reference(message)},
                  {"Authorization": f"Bearer {settings.PHROM_SMS_GATEWAY_TOKEN}"})
        elif message.channel == LINE:
            _post(settings.PHROM_LINE_API_URL.rstrip("/") + "/v2/bot/message/push",
                  {"to": r.line_id, "messages": [{"type": "text", "text": text[:5000]}]},
                  {"Authorization": f"Bearer {settings.PHROM_LINE_CHANNEL_TOKEN}", "X-Line-Retry-Key": retry_key(message)})
        else:
            raise Refused(f"unknown channel {message.channel}")

    def _email(self, message, address: str, subject: str, text: str) -> None:
        try:
            if self.connection is None:
                self.connection = get_connection(fail_silently=False)
                self.connection.open()
            smtp = getattr(self.connection, "connection", None)
            if isinstance(smtp, smtplib.SMTP) and address.isascii():
                smtp.sendmail(self.sender[1], [address], self._mime(message, address, subject, text))
            else:  # another backend (files, console, tests' outbox), or an address to encode: Django's way
                mail = EmailMessage(subject, text, to=[address], headers={"Message-ID": message_id(message)},
                                    connection=self.connection)
                mail.send()
        except smtplib.SMTPRecipientsRefused as exc:
            raise Refused(f"{type(exc).__name__}: {exc}") from None
        except (smtplib.SMTPException, OSError) as exc:
            self.close()
            raise Unavailable(f"{type(exc).__name__}: {exc}") from None

    def _mime(self, message, address: str, subject: str, text: str) -> bytes:
        """The e-mail as it goes over the wire, written directly: thousands go out in an activation,
        most with the same subject (encoded once), and Django's message classes cost more than the
        SMTP exchange itself (bench/crisis.py)."""
        if subject not in self.subjects:
            self.subjects[subject] = Header(subject, "utf-8").encode()
        headers = [
            f"From: {self.from_header}", f"To: {address}",
            f"Subject: {self.subjects[subject]}", f"Date: {formatdate(localtime=True)}",
            f"Message-ID: {message_id(message)}", "MIME-Version: 1.0",
            'Content-Type: text/plain; charset="utf-8"', "Content-Transfer-Encoding: base64",
        ]
        return ("\r\n".join(headers) + "\r\n\r\n").encode() + base64.encodebytes(text.encode()).replace(b"\n", b"\r\n")

    def close(self) -> None:
        if self.connection is not None:
            try:
                self.connection.close()
            except (smtplib.SMTPException, OSError):
                pass
            self.connection = None
