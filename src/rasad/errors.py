"""Coded error messages, one place for every message a user can see."""

from __future__ import annotations


class Errors:
    E001 = "[E001] {path}: file not found"
    E002 = "[E002] {path}: looks like binary data ({why}), not text"
    E003 = "[E003] {path}: empty file"
    E004 = "[E004] {path}: {size} bytes is over the limit of {limit} bytes; split it or raise --max-bytes"
    E005 = "[E005] {path}: invalid UTF-8 ({count} bad byte sequences replaced with U+FFFD)"
    E006 = "[E006] {path}: cannot read ({why})"
    E007 = "[E007] {path}: not a usable JSON record ({why})"
    E008 = (
        "[E008] {path}: {why}; rasad reads .txt, .md, .json, .jsonl, .ndjson, .html, .htm"
        " and files without an extension"
    )
    E009 = "[E009] {path}: invalid {encoding} ({count} bad sequences replaced with U+FFFD)"
    E010 = "[E010] step {step!r} needs {missing} but no earlier step adds it"
    E011 = "[E011] unknown step {name!r}; known steps: {known}"
    E020 = "[E020] invalid date {value!r}: use YYYY-MM-DD"


class RasadError(Exception):
    """An error with a coded, user-facing message."""


class PipelineError(RasadError):
    pass


class InputError(RasadError):
    pass
