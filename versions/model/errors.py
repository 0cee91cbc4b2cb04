"""Exceptions the library raises; only cli.py turns them into messages and exit codes."""


class PolicydiffError(Exception):
    """A refused input or a failed operation the user can act on (exit 2)."""


class EditionParseError(PolicydiffError):
    """The input is not a report this parser can read."""


class EditionXMLError(PolicydiffError):
    """Normalized XML that is malformed, hostile or not valid against the schema."""


class ArchiveError(PolicydiffError):
    """The archive cannot be read or written as asked."""
