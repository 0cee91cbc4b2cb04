"""The archive's own record files (reviews/…: the auditor's pairings and marks, reviews.py), written
and read beside the editions: each change one locked commit, read after the lock is taken so that
concurrent writers merge rather than overwrite, a file refused from its size before it is read.

A mixin of Archive (store.py): it uses the archive's repository, lock, recovery and rollback.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.errors import ArchiveError
from . import gitstore
from .files import write_atomic

RECORD_DIRS = ("reviews/",)  # the auditor's overrides and marks (versions/archive/reviews.py), beside the editions


def _fault(point: str) -> None:
    from .store import _fault as fault  # the fault-injection hook of every write (tests/test_faults.py)

    fault(point)


class RecordFiles:
    path: Any  # set by Archive; the methods below use its _repo, _locked, _recover, _rolled_back_on_error

    def write_file(self, path: str, data: bytes, message: str, author: str | None = None) -> str:
        """Commit one file of the archive's own records (reviews/…, see reviews.py) as a write of its
        own: locked, recovered, rolled back on error like an ingest, authored by AUTHOR when given.
        Returns the new commit."""
        return self.update_file(path, lambda _: (data, message), author)

    def update_file(self, path: str, change: Callable[[bytes | None], tuple[bytes, str]], author: str | None = None,
                    limit: int | None = None) -> str:
        """Commit CHANGE(the file at HEAD, or None) -> (new bytes, commit message) as one locked write:
        the file is read after the lock is taken, so two writers merging into one record file never
        lose each other's change (the second reads what the first committed). Returns the commit."""
        self._record_path(path)
        with self._repo() as repo, self._locked() as since:
            head = self._recover(repo, since)
            gitstore.check_no_link(self.path, path)
            found = gitstore.tree(repo, "HEAD", path).get(path)
            data, message = change(None if found is None else self._blob(repo, path, found, limit))
            with self._rolled_back_on_error(repo, head):
                write_atomic(self.path / path, data)
                repo.git.add("-A", "-f", "--", path)
                gitstore.publish(repo, head, message, {}, _fault, author=author)
            return repo.git.rev_parse("HEAD")

    def remove_files(self, paths: list[str], message: str) -> str:
        """Remove record files (reviews/…) in one locked commit; git history keeps them. Returns it."""
        for path in paths:
            self._record_path(path)
        with self._repo() as repo, self._locked() as since:
            head = self._recover(repo, since)
            with self._rolled_back_on_error(repo, head):
                repo.git.rm("-q", "--cached", "--ignore-unmatch", "--", *paths)
                for path in paths:
                    if not (self.path / path).is_symlink():
                        (self.path / path).unlink(missing_ok=True)
                gitstore.publish(repo, head, message, {}, _fault)
            return repo.git.rev_parse("HEAD")

    def read_file(self, path: str, limit: int | None = None) -> bytes | None:
        """A committed record file at HEAD, or None when there is none (or no archive). A file over
        LIMIT bytes is refused from its size, before it is read."""
        if not self.exists():
            return None
        with self._repo() as repo:
            found = gitstore.tree(repo, "HEAD", path).get(path)
            return None if found is None else self._blob(repo, path, found, limit)

    def _blob(self, repo: Any, path: str, blob_id: str, limit: int | None) -> bytes:
        if limit is not None:
            size = int(repo.git.cat_file("-s", blob_id))
            if size > limit:
                raise ArchiveError(f"{path} in archive {self.path} is {size:,} bytes; the limit is {limit:,} "
                                   "(forged?); policydiff verify lists it and policydiff repair sets it aside")
        return gitstore.blob(repo, self.path, blob_id)

    @staticmethod
    def _record_path(path: str) -> None:
        if not path.startswith(RECORD_DIRS) or ".." in path.split("/"):
            raise ArchiveError(f"{path} is not under {', '.join(RECORD_DIRS)}")

