"""Hostile review shapes (issue 21, findings 11, 12, 25), shared by the suite (tests/test_review_hostile.py)
and the fuzz campaign (tests/fuzz/archive_shapes.py): marks files for `review --import`, and review files
forged in a received archive. Each shape is (name, bytes); an ID in them is replaced by a real change id.

Nothing here runs a command: the callers do, and hold every command to one result or one line, exit 2.
"""

from __future__ import annotations

import json
import random

ID = "@ID@"  # replaced by a change id of the pair


def _deep_array(depth: int) -> str:
    return "[" * depth + "]" * depth


def _deep_object(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


def marks_file_shapes() -> list[tuple[str, bytes]]:
    """Marks files that ended in exit 3 (finding 11) or were taken whole (duplicates, finding 25)."""
    mark = '{"id": "' + ID + '", "mark": "accepted", "note": %s}'
    shapes = [
        ("array nested 100,000 deep", '{"marks": ' + _deep_array(100_000) + "}"),
        ("note nested 50,000 objects deep", '{"marks": [' + mark % _deep_object(50_000) + "]}"),
        ("note of 5,000 digits", '{"marks": [' + mark % ("9" * 5000) + "]}"),
        ("id of 5,000 digits", '{"marks": [{"id": ' + "7" * 5000 + ', "mark": "accepted"}]}'),
        ("mark of 5,000 digits", '{"marks": [{"id": "' + ID + '", "mark": ' + "1" * 5000 + "}]}"),
        ("lone surrogate in a note", '{"marks": [' + mark % '"\\ud800"' + "]}"),
        ("note over 2,000 characters", '{"marks": [' + mark % json.dumps("x" * 2001) + "]}"),
        ("marks is a number", '{"marks": 5}'),
        ("a mark is a number", '{"marks": [5]}'),
        ("note is an array", '{"marks": [' + mark % "[1, 2]" + "]}"),
        ("id with a newline", '{"marks": [{"id": "a\\nb", "mark": "query"}]}'),
        ("unknown id", '{"marks": [{"id": "m-0000000000", "mark": "query"}]}'),
        ("NaN note", '{"marks": [' + mark % "NaN" + "]}"),
        ("not UTF-8", b'{"marks": [{"id": "\xff", "mark": "query"}]}'),
        ("conflicting duplicates", '{"marks": [' + mark % '"a"' + ", " + mark % '"b"' + "]}"),
    ]
    return [(name, data if isinstance(data, bytes) else data.encode("utf-8")) for name, data in shapes]


def duplicate_marks(copies: int) -> bytes:
    """One change marked COPIES times, the same way: stored once (finding 25)."""
    one = {"id": ID, "mark": "accepted", "note": "ok"}
    return json.dumps({"marks": [one] * copies}).encode("utf-8")


def review_file(document: str, old: str, new: str, links: object = (), marks: object = ()) -> dict:
    return {"schema": "policydiff/review/1", "document": document, "old": old, "new": new,
            "links": list(links) if isinstance(links, tuple) else links,
            "marks": list(marks) if isinstance(marks, tuple) else marks}


def stored_review_shapes(document: str, old: str, new: str, sha_old: str, sha_new: str) -> list[tuple[str, bytes]]:
    """Review files a received archive may carry (finding 12): each must be refused with one line by the
    commands that read it, listed by verify and set aside by repair. Unknown ids are no forgery: they
    are reported as stale, and the file stays."""
    at, by = "2026-01-01T00:00:00Z", "Mallory"
    link = {"old": "m004", "new": "m005", "by": by, "at": at, "old_sha256": sha_old, "new_sha256": sha_new}
    mark = {"id": ID, "mark": "accepted", "note": "", "by": by, "at": at, "kind": "measure", "measure": "m004",
            "summary": "x"}

    def doc(**parts: object) -> bytes:
        return json.dumps(review_file(document, old, new, **parts), ensure_ascii=False).encode("utf-8")

    base = doc(marks=[mark]).decode("utf-8")
    shapes = [
        ("links is a number", doc(links=5)),
        ("marks is a number", doc(marks=5)),
        ("a link is an array", doc(links=[[1]])),
        ("deep arrays in links", base.replace('"links": []', '"links": ' + _deep_array(100_000)).encode()),
        ("huge number as an id", base.replace(f'"id": "{ID}"', '"id": ' + "9" * 5000).encode()),
        ("huge number as a note", base.replace('"note": ""', '"note": ' + "9" * 5000).encode()),
        ("lone surrogate in a note", base.replace('"note": ""', '"note": "\\ud800"').encode()),
        ("note of 10 MB", doc(marks=[{**mark, "note": "x" * 10_000_000}])),
        ("note nested 50,000 deep", base.replace('"note": ""', '"note": ' + _deep_object(50_000)).encode()),
        ("mark of an unknown state", doc(marks=[{**mark, "mark": "approved"}])),
        ("two marks of one change", doc(marks=[mark, {**mark, "mark": "rejected"}])),
        ("a link without its sha256", doc(links=[{k: v for k, v in link.items() if k != "new_sha256"}])),
        ("another pair's names", json.dumps(review_file(document, new, old, marks=[mark])).encode()),
        ("not JSON", b"{\"schema\": \"policydiff/review/1\", "),
        ("not UTF-8", base.encode("utf-8").replace(b'"Mallory"', b'"\xff\xfe"')),
    ]
    return shapes


def unknown_id_review(document: str, old: str, new: str, sha_old: str, sha_new: str) -> bytes:
    """A valid file whose records name ids this pair does not have: stale, reported, never a crash."""
    at = "2026-01-01T00:00:00Z"
    links = [{"old": "m999", "new": "m998", "by": "M", "at": at, "old_sha256": sha_old, "new_sha256": sha_new},
             {"old": "ft-0000000000", "new": "un-0000000000", "by": "M", "at": at, "old_sha256": sha_old,
              "new_sha256": sha_new}]
    marks = [{"id": "m-0000000000", "mark": "query", "note": "gone", "by": "M", "at": at, "kind": "measure",
              "measure": "m999", "summary": "a change that is not there"}]
    return json.dumps(review_file(document, old, new, links, marks)).encode("utf-8")


def pick(rng: random.Random, shapes: list[tuple[str, bytes]]) -> tuple[str, bytes]:
    return rng.choice(shapes)


def with_id(data: bytes, change_id: str) -> bytes:
    return data.replace(ID.encode(), change_id.encode())
