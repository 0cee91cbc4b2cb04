"""Putting an archive back in order after an interruption git cannot undo by itself: a commit left
without its tag (killed between moving the branch and the tag), a tag moved to a commit its branch
never reached (killed while git renamed refs/heads/main.lock), and HEAD off branch main (a detached
checkout). Used by every write before it starts, and by `policydiff repair`."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..model.errors import ArchiveError
from . import gitstore
from .records import StoredEdition, escape_field, name_problem, parse_record, record_message

BRANCH = "refs/heads/main"
HISTORY_DEPTH = 50  # commits walked back from HEAD looking for untagged editions


@dataclass(frozen=True)
class Untagged:
    name: str
    commit: str
    subject: str
    record: str  # the tag message the commit should have got


def head_problem(repo: Any, root: Path) -> str | None:
    """Why policydiff cannot write on HEAD now (None: HEAD is branch main)."""
    sym = repo.git.symbolic_ref("-q", "HEAD", with_exceptions=False).strip()
    if sym == BRANCH:
        return None
    where = f"on {sym.removeprefix('refs/heads/')}" if sym else f"detached at {repo.git.rev_parse('--short', 'HEAD')}"
    return (f"HEAD of archive {root} is not on branch main ({where}, after a git checkout?); run policydiff "
            f"repair to put it back, or git -C {root} checkout main")


def head_to_main(repo: Any, root: Path) -> list[str]:
    """Put HEAD back on main: main moves forward to HEAD when HEAD is ahead (commits made on a detached
    HEAD), HEAD goes back to main when it is behind; diverged histories are refused."""
    if head_problem(repo, root) is None:
        return []
    head = repo.git.rev_parse("HEAD")
    main = repo.git.rev_parse("-q", "--verify", BRANCH, with_exceptions=False).strip()
    if not main or _is_ancestor(repo, main, head):
        repo.git.update_ref("-m", "policydiff repair", BRANCH, head, main or "0" * 40)
        repo.git.symbolic_ref("HEAD", BRANCH)
        return [f"moved main to {head[:12]} and put HEAD back on main"]
    if _is_ancestor(repo, head, main):
        repo.git.symbolic_ref("HEAD", BRANCH)
        gitstore.rollback(repo, "HEAD")
        return [f"put HEAD back on main at {main[:12]} (it was at {head[:12]})"]
    raise ArchiveError(f"HEAD ({head[:12]}) and main ({main[:12]}) of archive {root} have diverged; policydiff "
                       f"will not choose: git -C {root} checkout main (HEAD's commits stay reachable by id)")


def _is_ancestor(repo: Any, old: str, new: str) -> bool:
    git = gitstore.git_module()
    try:
        repo.git.merge_base("--is-ancestor", old, new)
    except git.exc.GitCommandError:
        return False
    return True


def untagged(repo: Any, editions: dict[str, StoredEdition]) -> list[Untagged]:
    """Editions that a policydiff commit on HEAD's line wrote after the commit their tag marks: the
    write was killed between moving the branch and moving the tag. Hand commits are never tagged."""
    name, email = gitstore.AUTHOR
    log = repo.git.log("--first-parent", f"-n{HISTORY_DEPTH}", "--format=%H%x00%an%x00%ae%x00%B%x01", "HEAD")
    tagged_at = {ed.commit: ed.name for ed in editions.values()}
    reports = gitstore.tree(repo, "HEAD", "reports/")
    seen: set[str] = set()
    found = []
    for chunk in log.split("\x01"):
        if not chunk.strip():
            continue
        commit, author, mail, message = chunk.lstrip("\n").split("\0", 3)
        for tag in [t for c, t in tagged_at.items() if c == commit]:
            seen.add(tag)
        if (author, mail) != (name, email):
            continue
        for edition, record in _written(message, editions):
            if edition not in seen:
                seen.add(edition)
                path = f"reports/{edition}.xml"
                current = reports.get(path)  # the XML that commit wrote is still the one on HEAD
                stale_tag = editions.get(edition) is None or editions[edition].commit != commit
                if stale_tag and current is not None and gitstore.tree(repo, commit, path).get(path) == current:
                    found.append(Untagged(edition, commit, message.splitlines()[0], record))
    return found


def _written(message: str, editions: dict[str, StoredEdition]) -> list[tuple[str, str]]:
    """(edition, tag record) for each edition a policydiff commit message says it wrote."""
    subject = message.splitlines()[0] if message else ""
    if subject.startswith("ingest "):
        name = subject.removeprefix("ingest ")
        record = parse_record(message)
        if _valid(name) and {"source", "sha256", "parser"} <= record.keys():
            return [(name, message if message.endswith("\n") else message + "\n")]
    if subject.startswith("reparse with parser "):
        parser = subject.removeprefix("reparse with parser ")
        out = []
        for line in message.splitlines()[1:]:
            name = line.removeprefix("edition: ")
            old = editions.get(name)
            if line.startswith("edition: ") and old is not None:
                out.append((name, record_message(f"reparse {name}", escape_field(old.source_name), old.sha256, parser, {})))
        return out
    return []


def _valid(name: str) -> bool:
    document, sep, edition = name.partition("/")
    return bool(sep) and not name_problem(document) and not name_problem(edition)


def tag_untagged(repo: Any, found: list[Untagged], editions: dict[str, StoredEdition]) -> list[str]:
    """Give each untagged edition its tag, in one ref transaction."""
    if not found:
        return []
    name, email = gitstore.AUTHOR
    updates = []
    for u in found:
        obj = (f"object {u.commit}\ntype commit\ntag {u.name}\ntagger {name} <{email}> {int(time.time())} +0000\n\n"
               f"{u.record}")
        tag = gitstore.git_stdin(repo, obj, "mktag")
        old = repo.git.rev_parse("-q", "--verify", f"refs/tags/{u.name}", with_exceptions=False).strip()
        updates.append(f"update refs/tags/{u.name} {tag} {old or '0' * 40}")
    gitstore.git_stdin(repo, "\n".join(updates) + "\n", "update-ref", "--stdin")
    return [f"tagged {u.name} on commit {u.commit[:12]} ({u.subject}): the write was interrupted at the tag step"
            for u in found]


@dataclass(frozen=True)
class Ahead:
    commit: str
    subject: str
    tags: tuple[str, ...]


def ahead_of_branch(repo: Any, editions: dict[str, StoredEdition]) -> Ahead | None:
    """A policydiff write killed while git renamed refs/heads/main.lock: its tags already mark the new
    commit, a child of HEAD, which main never reached. Everything of the write is in place but the
    branch, so it is rolled forward (rolling back would need the tags' old values, which are gone)."""
    head = repo.git.rev_parse("HEAD")
    tagged: dict[str, list[str]] = {}
    for ed in editions.values():
        if ed.commit != head:
            tagged.setdefault(ed.commit, []).append(ed.name)
    if not tagged:
        return None
    found = []  # one git log for every tagged commit: a write runs this before it starts
    listing = repo.git.log("--no-walk=unsorted", "--format=%H%x00%P%x00%cn%x00%B%x01", *tagged)
    for chunk in listing.split("\x01"):
        if chunk.strip():
            commit, parents, committer, message = chunk.lstrip("\n").split("\0", 3)
            if parents.split() == [head] and committer == gitstore.AUTHOR[0] and _written(message, editions):
                found.append(Ahead(commit, message.splitlines()[0], tuple(sorted(tagged[commit]))))
    return found[0] if len(found) == 1 else None


def ahead_problem(repo: Any, editions: dict[str, StoredEdition]) -> str | None:
    ahead = ahead_of_branch(repo, editions)
    if ahead is None:
        return None
    return (f"tag {', '.join(ahead.tags)} marks commit {ahead.commit[:12]} ({ahead.subject}), which branch main "
            "does not reach: a write was interrupted while git moved the branch; policydiff repair moves main to it")


def branch_to_ahead(repo: Any, editions: dict[str, StoredEdition]) -> list[str]:
    """Move main forward to the commit an interrupted write tagged (see ahead_of_branch)."""
    ahead = ahead_of_branch(repo, editions)
    if ahead is None:
        return []
    head = repo.git.rev_parse("HEAD")
    repo.git.update_ref("-m", "policydiff repair", BRANCH, ahead.commit, head)
    gitstore.rollback(repo, "HEAD")  # the working tree and index as the commit has them
    return [f"moved main to {ahead.commit[:12]} ({ahead.subject}), which tag {', '.join(ahead.tags)} already "
            "marked: the write was interrupted while git moved the branch"]
