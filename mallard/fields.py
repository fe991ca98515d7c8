"""Form fields every app shares: free text with a length limit.

A text that is too long comes back whole, with an error that says how long it is and what the
limit is, on every page alike. A text box of several lines says its limit under it ("Up to 5,000
characters.") and has no ``maxlength``, which in a browser silently cuts pasted text; a one-line
box keeps its ``maxlength``, so typing stops at the limit.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.widgets import Widget

TOO_LONG = (
    "This is %(show_value)d characters long; the limit is %(limit_value)d. "
    "Please shorten it: everything you typed is still here."
)


class LimitedTextField(forms.CharField):
    """Free text of at most ``max_length`` characters (a model field's, which may have none), line
    breaks counted as one."""

    def __init__(self, *, max_length: int | None, **kwargs: Any) -> None:
        super().__init__(max_length=max_length, **kwargs)
        self.error_messages["max_length"] = TOO_LONG
        if max_length is not None and isinstance(self.widget, forms.Textarea):
            limit = f"Up to {max_length:,} characters."
            self.help_text = f"{self.help_text} {limit}" if self.help_text else limit

    def widget_attrs(self, widget: Widget) -> dict[str, Any]:
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.Textarea):
            attrs.pop("maxlength", None)
        return attrs

    def to_python(self, value: Any) -> str:
        # Browsers send a line break as two characters; the limit counts it as the one stored.
        text = super().to_python(value) or ""
        return text.replace("\r\n", "\n")


class LongTextField(LimitedTextField):
    """A text box of ``rows`` lines, optional unless said otherwise."""

    def __init__(self, *, limit: int, rows: int = 6, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(max_length=limit, widget=forms.Textarea(attrs={"rows": rows}), **kwargs)
