"""The rules for a person's name that Mallard puts into e-mails and pages.

A name reaches other people: a therapist's name is in every invitation a client receives, an
invitee's name in the greeting. So a name is a name: short, on one line, with no link and nothing
that looks like markup, or a practice-branded e-mail could carry someone else's message.
"""

from __future__ import annotations

import re
import unicodedata

NAME_MAX_LENGTH = 80

# Characters no one's name needs and markup or templates use.
_MARKUP = set("<>{}[]|\\`*=#$%^~")
# A link's scheme, "www.", an e-mail address, or a domain such as "example.com" (a name such as
# "Dr.Smith" passes: a domain's last part is written in lower case, or is a common one in capitals).
_LINK = re.compile(
    r"(?i:[a-z][a-z0-9+.-]*://|\b(?:https?|mailto|javascript|data|tel|sms):|www\.|@)"
    r"|\b[A-Za-z0-9-]+\.(?:[a-z]{2,24}|COM|NET|ORG|INFO|IO|CO|UK|ME|APP)(?=$|[\s/:?#,;)!])"
)


def name_problem(name: str) -> str | None:
    """Why ``name`` (already stripped) cannot be used as a person's name, or None if it can."""
    if not name:
        return "Please enter a name."
    if len(name) > NAME_MAX_LENGTH:
        return f"A name can be at most {NAME_MAX_LENGTH} characters long."
    if any(unicodedata.category(char).startswith("C") for char in name):
        return "A name must be on one line, without tabs or control characters."
    if any(char in _MARKUP for char in name):
        return "A name cannot contain characters such as < > { } [ ] or *."
    if _LINK.search(name):
        return "A name cannot contain a web or email address."
    return None
