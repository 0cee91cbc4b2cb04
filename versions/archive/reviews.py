"""The auditor's record of one pair of archived editions: pairing overrides and review marks.

Kept in the archive as `reviews/<document>/<old>..<new>.json` (schema `policydiff/review/1`, see
FORMAT.md), one commit per change, through the archive's public write_file/read_file. Every record
names who made it, when, and the sha256 of both sources it was made against: a record made against a
source that has since been replaced is reported as stale by the reader, never applied or dropped.
"""

from __future__ import annotations

import json
import os
import subprocess
from dataclasses import asdict, dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from ..model.errors import ArchiveError, PolicydiffError
from ..readers.load import read_input
from .records import field
from .store import Archive, StoredEdition

SCHEMA = "policydiff/review/1"
MarkState = Literal["accepted", "query", "rejected"]
MARK_STATES: tuple[MarkState, ...] = ("accepted", "query", "rejected")
MAX_NOTE = 2000  # characters of a note: a sign-off sheet, not a document store


@dataclass(frozen=True)
class StoredLink:
    """OLD pairs with NEW (None: with nothing), as the auditor said, against these two sources."""

    old: str
    new: str | None
    by: str
    at: str
    old_sha256: str
    new_sha256: str


@dataclass(frozen=True)
class StoredMark:
    id: str  # a change id of the engine (diffengine/ids.py)
    mark: MarkState
    note: str
    by: str
    at: str
    kind: str = ""  # what the change was when it was marked, for a mark whose change has vanished
    measure: str = ""
    summary: str = ""


@dataclass(frozen=True)
class Review:
    document: str
    old: str
    new: str
    links: tuple[StoredLink, ...] = ()
    marks: tuple[StoredMark, ...] = ()

    @property
    def path(self) -> str:
        return review_path(self.document, self.old, self.new)


def review_path(document: str, old: str, new: str) -> str:
    return f"reviews/{document}/{old}..{new}.json"


def to_json(review: Review) -> bytes:
    data = {"schema": SCHEMA, "document": review.document, "old": review.old, "new": review.new,
            "links": [asdict(x) for x in review.links], "marks": [asdict(x) for x in review.marks]}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2) + "\n").encode("utf-8")


def _text(item: dict[str, Any], key: str, where: str, optional: bool = False) -> Any:
    value = item.get(key)
    if (value is None and optional) or isinstance(value, str):
        return value
    raise ArchiveError(f"{where}: {key!r} must be text")


def from_json(data: bytes, where: str) -> Review:
    """A review file read back; anything malformed is an ArchiveError naming the file."""
    try:
        raw = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ArchiveError(f"{where} is not valid JSON: {exc}") from None
    if not isinstance(raw, dict) or raw.get("schema") != SCHEMA:
        raise ArchiveError(f"{where} is not a {SCHEMA} file")
    links = []
    for item in raw.get("links") or []:
        if not isinstance(item, dict):
            raise ArchiveError(f"{where}: a link must be an object")
        links.append(StoredLink(*(_text(item, k, where, k == "new")
                                  for k in ("old", "new", "by", "at", "old_sha256", "new_sha256"))))
    marks = []
    for item in raw.get("marks") or []:
        if not isinstance(item, dict) or item.get("mark") not in MARK_STATES:
            raise ArchiveError(f"{where}: a mark must be an object with mark {'|'.join(MARK_STATES)}")
        marks.append(StoredMark(*(_text(item, k, where) for k in ("id", "mark", "note", "by", "at", "kind",
                                                                 "measure", "summary"))))
    return Review(_text(raw, "document", where), _text(raw, "old", where), _text(raw, "new", where),
                  tuple(links), tuple(marks))


def load_review(archive: Archive, old: StoredEdition, new: StoredEdition) -> Review:
    """The review of OLD → NEW, empty when none was recorded yet."""
    path = review_path(old.document, old.edition, new.edition)
    data = archive.read_file(path)
    return Review(old.document, old.edition, new.edition) if data is None else from_json(data, path)


def with_links(review: Review, links: list[StoredLink]) -> Review:
    """REVIEW with LINKS added; a later link of the same old id replaces the earlier one."""
    kept = [x for x in review.links if x.old not in {link.old for link in links}]
    return replace(review, links=tuple(sorted([*kept, *links], key=lambda x: x.old)))


def with_marks(review: Review, marks: list[StoredMark]) -> Review:
    """REVIEW with MARKS added; a later mark of the same change replaces the earlier one."""
    for m in marks:
        if len(m.note) > MAX_NOTE:
            raise PolicydiffError(f"note of {m.id} has {len(m.note):,} characters; the limit is {MAX_NOTE:,}")
    kept = [x for x in review.marks if x.id not in {m.id for m in marks}]
    return replace(review, marks=tuple(sorted([*kept, *marks], key=lambda x: x.id)))


def save_review(archive: Archive, review: Review, what: str, by: str, old: StoredEdition,
                new: StoredEdition) -> str:
    """Commit REVIEW; the message says what, who, and the sha256 of both sources. Returns the commit."""
    message = (f"review {review.document}/{review.old}..{review.new}: {what}\n\n"
               f"by: {by}\nold: {old.name} sha256 {old.sha256}\nnew: {new.name} sha256 {new.sha256}\n")
    return archive.write_file(review.path, to_json(review), message, author=field(by))


REVIEWER_ENV = "POLICYDIFF_REVIEWER"  # who records a pairing or a mark, when --by is not given


def reviewer(by: str | None) -> str:
    """Who records: --by, else $POLICYDIFF_REVIEWER, else git's user.name; refused when none says."""
    name = (by or os.environ.get(REVIEWER_ENV) or "").strip()
    if not name:
        try:
            name = subprocess.run(["git", "config", "user.name"], capture_output=True, text=True,
                                  timeout=10).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            name = ""
    if not name:
        raise PolicydiffError(f"say who you are: --by NAME, or set {REVIEWER_ENV} (or git's user.name)")
    return " ".join(name.split())[:200]


def moment() -> datetime:
    """The one clock of policydiff: now, or SOURCE_DATE_EPOCH for reproducible builds. It dates the
    auditor's marks and pairings (now) and a report's "generated at" (api.generated_at)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    try:
        return datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    except (ValueError, OverflowError, OSError):
        raise PolicydiffError(f"SOURCE_DATE_EPOCH must be an integer number of seconds, not {epoch!r}") from None


def now() -> str:
    return moment().strftime("%Y-%m-%dT%H:%M:%SZ")


def archived_pair(store: Archive, old: str, new: str) -> tuple[StoredEdition, StoredEdition]:
    """OLD and NEW as archived editions of one document; a file is refused with the way to archive it."""
    for ref in (old, new):
        if os.path.exists(ref):
            raise PolicydiffError(f"{ref} is a file; pair and review work on archived editions: "
                                  f"policydiff ingest {ref}, then name its edition")
    a, b = store.resolve(old), store.resolve(new)
    if a.document != b.document:
        raise PolicydiffError(f"{a.name} and {b.name} are editions of different documents")
    return a, b


def read_marks_file(path: Path) -> list[tuple[str, str, str]]:
    """(id, mark, note) from a marks file: the HTML report's download or `review --format json`."""
    try:
        raw = json.loads(read_input(path).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicydiffError(f"{path} is not a marks file (JSON): {exc}") from None
    items = raw.get("marks", raw.get("changes")) if isinstance(raw, dict) else None
    if not isinstance(items, list):
        raise PolicydiffError(f"{path} is not a marks file: no list of marks")
    out = []
    for item in items:
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            raise PolicydiffError(f"{path}: every mark needs an id")
        if item.get("mark") is None:
            continue  # an unmarked change of a review listing
        if item["mark"] not in MARK_STATES:
            raise PolicydiffError(f"{path}: mark {item['mark']!r} of {item['id']}: choose from {', '.join(MARK_STATES)}")
        note = item.get("note") or ""
        out.append((item["id"], item["mark"], note if isinstance(note, str) else str(note)))
    return out
