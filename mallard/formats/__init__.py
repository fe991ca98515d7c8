"""Mallard's date and time formats (``FORMAT_MODULE_PATH``), for what Django formats itself, the admin
above all: "7 Dec 2026, 11:24" as on Mallard's own pages, not "Dec. 7, 2026, 11:24 a.m."."""
