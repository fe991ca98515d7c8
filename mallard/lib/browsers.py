"""A browser's name as a person knows it ("Firefox on Windows"), from its User-Agent header.

The signed-in devices page lists browsers by this name, so that someone checking for a device they
do not recognise reads "Safari on iPhone", not a 150-character header. The header is the browser's
own claim: the name is a hint for recognising one's devices, never a security check.
"""

from __future__ import annotations

# Checked in order: several browsers also name the engines they descend from ("Edg/… Chrome/…
# Safari/…"), so the most specific marker comes first.
_BROWSERS = (
    ("Edg", "Edge"),
    ("OPR/", "Opera"),
    ("SamsungBrowser/", "Samsung Internet"),
    ("Firefox/", "Firefox"),
    ("FxiOS/", "Firefox"),
    ("CriOS/", "Chrome"),
    ("Chrome/", "Chrome"),
    ("Chromium/", "Chromium"),
    ("Version/", "Safari"),  # Safari says "Version/17.4 … Safari/605.1.15"
)
_SYSTEMS = (
    ("iPhone", "iPhone"),
    ("iPad", "iPad"),
    ("Android", "Android"),
    ("Windows", "Windows"),
    ("CrOS", "ChromeOS"),
    ("Macintosh", "macOS"),
    ("Linux", "Linux"),
)


def browser_name(user_agent: str | None) -> str:
    """ "Chrome on Android", "Safari", "A browser on Linux", or "Unknown browser"."""
    header = user_agent or ""
    browser = next((name for marker, name in _BROWSERS if marker in header), None)
    system = next((name for marker, name in _SYSTEMS if marker in header), None)
    if browser and system:
        return f"{browser} on {system}"
    if browser:
        return browser
    if system:
        return f"A browser on {system}"
    return "Unknown browser"
