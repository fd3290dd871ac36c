"""Helpers for tests in every app."""

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    def __init__(self, form_id: str | None):
        super().__init__()
        self.form_id = form_id
        self.in_form = form_id is None
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._select_default: str | None = None
        self._multiple = False
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and self.form_id and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            elif kind not in ("submit", "button", "file", "image", "reset"):
                self.data.setdefault(name, []).append(attrs.get("value", ""))
        elif tag == "select" and name:
            self._select, self._select_default = name, None
            self._multiple = "multiple" in attrs
            self.data.setdefault(name, [])
        elif tag == "option" and self._select is not None:
            if self._select_default is None:
                self._select_default = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, ""

    def handle_endtag(self, tag):
        if tag == "form" and self.form_id and self.in_form:
            self.in_form = False
        if tag == "select" and self._select is not None:
            # A single select with nothing selected submits its first option, as a browser does.
            if not self.data[self._select] and self._select_default is not None and not self._multiple:
                self.data[self._select].append(self._select_default)
            self._select = None
        if tag == "textarea" and self._textarea is not None:
            self.data.setdefault(self._textarea, []).append(self._text.lstrip("\n"))
            self._textarea = None

    def handle_data(self, data):
        if self._textarea is not None:
            self._text += data


def form_fields(html: str, form_id: str | None = None) -> dict[str, list[str]]:
    """The fields a browser would submit from a page's form (the first one, or the one with this id)."""
    parser = _FormParser(form_id)
    parser.feed(html)
    return parser.data


SIGNUP_PASSWORD = "learning-every-week"  # noqa: S105 (a test account's)


def sign_up(client, email: str = "ana@example.ca", **extra):
    """Sign up as a student does: the form, the link in the e-mail, the button. Returns the last response
    (the redirect after confirming, or the form again if it was refused)."""
    import re

    from django.core import mail

    data = {"email": email, "password1": SIGNUP_PASSWORD, "password2": SIGNUP_PASSWORD, "age_band": "13-17", **extra}
    sent = len(mail.outbox)
    response = client.post("/accounts/signup/", data)
    if response.status_code != 302 or response.url != "/accounts/signup/sent/":
        return response
    body = mail.outbox[sent].body
    link = re.search(r"https?://[^/\s]+(/accounts/signup/confirm/\S+/)", body)
    assert link, body
    return client.post(link.group(1))
