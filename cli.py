"""The `policydiff` command: parse arguments, call the library API (api.py), map errors to exit codes.

Exit codes follow diff(1): 0 nothing to report, 1 differences or problems found, 2 trouble
(refused input, archive error), 3 a bug in policydiff.
"""

from __future__ import annotations

import io
import math
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from . import api
from .versions.model.errors import PolicydiffError


class Trouble(click.ClickException):
    """A refused input or failed operation: one line on stderr, exit 2 (not 1, which means 'differences').

    The message may quote a file name or an argument: its controls and newlines are shown escaped."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(api.one_line(message))


class Bug(click.ClickException):
    exit_code = 3


class UsageLine(click.ClickException):
    """A usage error as the README promises every refusal: one line (with where to look), exit 2."""

    exit_code = 2

    @classmethod
    def of(cls, exc: click.UsageError) -> UsageLine:
        where = f" (see '{exc.ctx.command_path} -h')" if exc.ctx is not None else ""
        return cls(api.one_line(exc.format_message()) + where)


class PolicydiffGroup(click.Group):
    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None,
                     **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise UsageLine.of(exc) from None

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise UsageLine.of(exc) from None
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except PolicydiffError as exc:
            raise Trouble(str(exc)) from None
        except BrokenPipeError:
            sys.stderr.close()  # the reader went away (| head): nothing left to report
            raise click.exceptions.Exit(0) from None
        except KeyboardInterrupt:
            raise Trouble("interrupted") from None
        except Exception as exc:  # noqa: BLE001 - the one place that turns a bug into exit 3
            raise Bug(f"internal error ({type(exc).__name__}: {exc}); this is a bug in policydiff, "
                      "please report it with the command you ran") from None


@click.group(cls=PolicydiffGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(api.__version__, "--version", prog_name="policydiff")
@click.option("--archive", "archive_path", type=click.Path(path_type=Path), envvar=api.ARCHIVE_ENV,
              default=api.DEFAULT_ARCHIVE, show_default=True, show_envvar=True,
              help="The git archive of editions (created on first use).")
@click.pass_context
def cli(ctx: click.Context, archive_path: Path) -> None:
    """Find what changed between editions of a government policy progress report.

    \b
    Example:
      policydiff ingest examples/iryokiki-kihonkeikaku_fy2024.txt
      policydiff list
      policydiff show fy2024
    """
    ctx.obj = archive_path
    _tolerant_streams()


def _tolerant_streams() -> None:
    """A terminal in cp932 or EUC-JP (a Japanese Windows console, a redirect there) gets what its
    encoding holds and '?' for the rest (·, ⟨U+202E⟩, ⏎), never a UnicodeEncodeError."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors == "strict":
            stream.reconfigure(errors="replace")


def _archive_option(fn):
    """--archive after the subcommand too (`policydiff diff A B --archive out/archive`), as a newcomer
    types it; given there, it wins over the one before the subcommand and $POLICYDIFF_ARCHIVE."""

    def keep(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
        if value is not None:
            ctx.obj = value

    return click.option("--archive", type=click.Path(path_type=Path), expose_value=False, is_eager=True,
                        callback=keep, help="The git archive of editions (as before the subcommand).")(fn)


def _given(ctx: click.Context, name: str) -> bool:
    """Whether the user typed option NAME (not its default, not an environment variable)."""
    return ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE


def _refuse(option: str, why: str) -> None:
    """An option that does not apply to what the command does: refused, never silently ignored."""
    raise click.BadParameter(why, param_hint=option)


class RegistryChoice(click.Choice):
    """--format choices read from a renderer registry when the command runs, so a format registered
    after this module was imported (a plugin, a test) is offered too."""

    def __init__(self, formats) -> None:
        self.formats = formats
        self.case_sensitive = True

    @property
    def choices(self) -> tuple[str, ...]:  # type: ignore[override]
        return self.formats()


PROGRESS_MIN_PAGES = 100  # a PDF this long takes seconds to read: say how far it is


def _progress() -> Callable[[int, int], None] | None:
    """'reading page N of M' on stderr, rewritten in place, for a long PDF when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None

    def report(page: int, pages: int) -> None:
        if pages >= PROGRESS_MIN_PAGES:
            click.echo(f"\rreading page {page:,} of {pages:,}", err=True, nl=page == pages)

    return report


def _write(text: str, output: Path | None, color: bool | None = None) -> None:
    if output is None:
        click.echo(text, nl=False, color=color)  # color=True: keep ANSI codes asked for with --color always
    else:
        api.write_output(output, text)


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--document", help="Document id (default: recognised from the report).")
@click.option("--edition", "edition_label", help="Edition label (default: fy<results year>, e.g. fy2024).")
@click.option("--replace", is_flag=True, help="Replace an existing edition whose source differs (history is kept).")
@_archive_option
@click.pass_context
def ingest(ctx: click.Context, file: Path, document: str | None, edition_label: str | None, replace: bool) -> None:
    """Parse a report FILE into normalized XML and store it, with its source, in the archive.

    \b
    Example:
      policydiff ingest examples/iryokiki-kihonkeikaku_fy2024.txt
      policydiff ingest tests/data/pdf/seed-chromium.pdf --document iryokiki-kihonkeikaku --edition fy2024-pdf
    """
    result = api.ingest(file, ctx.obj, document=document, edition=edition_label, replace=replace,
                        progress=_progress())
    ed, c = result.edition, result.edition.counts()
    what = {"added": "ingested", "replaced": "replaced", "unchanged": "unchanged (same source already stored):"}
    click.echo(f"{what[result.status]} {ed.name}: {c['measures']} measures, {c['budgets']} budget lines, "
               f"{c['successions']} successions, {c['warnings']} warnings"
               + (f" [commit {result.commit[:10]}]" if result.status != "unchanged" else ""))
    if ed.synthetic:
        click.echo(f"note: {ed.name} is a SYNTHETIC edition, not a real report", err=True)
    if result.asked_label:
        click.echo(f"note: stored as {ed.edition}, not {result.asked_label}: a synthetic edition never takes "
                   "a real edition's label", err=True)


@cli.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_archive_option
@click.pass_context
def list_(ctx: click.Context, fmt: str) -> None:
    """List the editions in the archive.

    \b
    Example:
      policydiff list
      policydiff list --format json
    """
    listed = api.render_list(ctx.obj, fmt)
    if not listed:
        click.echo(f"no editions in {ctx.obj} yet; add one with: policydiff ingest FILE", err=True)
    click.echo(listed, nl=False)


@cli.command()
@click.argument("edition")
@click.option("--format", "fmt", type=RegistryChoice(api.view_formats), default="text", show_default=True)
@click.option("--summary", is_flag=True, help="Only the counts, budgets, successions and warnings.")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file.")
@_archive_option
@click.pass_context
def show(ctx: click.Context, edition: str, fmt: str, summary: bool, output: Path | None) -> None:
    """Show an EDITION: a name in the archive (DOCUMENT/EDITION or a unique label) or a file.

    \b
    Example:
      policydiff show fy2024
      policydiff show iryokiki-kihonkeikaku/fy2024 --format json
      policydiff show examples/iryokiki-kihonkeikaku_fy2024.txt --summary
    """
    if summary and fmt != "text":
        _refuse("--summary", f"the summary is a text view; --format {fmt} shows the whole edition")
    ed = api.open_edition(edition, ctx.obj, progress=_progress())
    _write(api.render_edition(ed, fmt, api.ReportOptions(summary_only=summary)), output)


class Unit(click.FloatRange):
    """A threshold from 0 to 1. click's FloatRange lets NaN through (every comparison with NaN is
    false), and a NaN threshold behaves like 0: refused here."""

    def __init__(self) -> None:
        super().__init__(0, 1)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if math.isnan(number):
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


def _fail_kinds(value: str) -> frozenset[str]:
    kinds = frozenset(k.strip() for k in value.split(",") if k.strip())
    if kinds - set(api.FAIL_KINDS) or not kinds:
        raise click.BadParameter(f"choose from {','.join(api.FAIL_KINDS)} (comma-separated)", param_hint="--fail-on")
    return kinds


def _csv(value: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in value.split(",") if x.strip()) if value else ()


def _report_options(fn):
    """Options shared by `diff` and `plans`: format and file, filters, thresholds, exit policy."""
    options = [
        click.option("--format", "fmt", type=RegistryChoice(api.report_formats), default="text", show_default=True,
                     help="text (terminal), json (machines), html (self-contained report), markdown (PR comment), "
                          "csv (budget changes for a spreadsheet)."),
        click.option("-o", "--output", type=click.Path(path_type=Path),
                     help="Write the report to a file instead of stdout."),
        click.option("--status", "statuses", default="", metavar="KINDS",
                     help=f"Only measures of these kinds: {','.join(api.STATUS_FILTERS)}."),
        click.option("--ministry", "ministries", default="", metavar="CODES",
                     help="Only measures of these ministries, e.g. 厚 or 厚,経."),
        click.option("--measure", "measure_ids", default="", metavar="IDS", help="Only these measures, e.g. m004."),
        click.option("--mark", "mark_states", default="", metavar="MARKS",
                     help=f"Only changes with these review marks: {','.join(api.MARK_FILTERS)} (archived pairs)."),
        click.option("--outcome", "outcomes", default="", metavar="KINDS",
                     help=f"Only follow-through entries of these outcomes: {','.join(api.OUTCOME_FILTERS)}."),
        click.option("--table", type=click.Choice(api.CSV_TABLES), default=None,
                     help="csv: this table of the annual layer instead of the budget changes "
                          "(budgets = budget steps, follow-through, events)."),
        click.option("--relation", type=click.Choice(api.RELATIONS), default=None,
                     help="How the editions relate (default: from their fiscal years): next-year (a follow-through "
                          "ledger of last year's plans), revision (same years), other."),
        click.option("--fail-on", default="any", show_default=True, metavar="KINDS",
                     help=f"Exit 1 only for these kinds of change: {','.join(api.FAIL_KINDS)}. added/removed: "
                          "measures (never program names); ended: a program ended or vanished; new-program: one "
                          "named for the first time; rename: a succession or rename; dropped, unclear: last year's "
                          "plans; budget: a budget line changed (between years: a budget step that moved). Between "
                          "years `any` is all of them but new-program and rename, which every year brings."),
        click.option("--rename-threshold", type=Unit(), default=0.6, show_default=True,
                     help="Least confidence (0..1) for an inferred program rename."),
        click.option("--match-threshold", type=Unit(), default=0.6, show_default=True,
                     help="Least similarity (0..1) for two differently titled measures to be paired."),
        click.option("--show-format-only", is_flag=True, help="Also show changes of width, quotes or wrapping."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto", show_default=True,
                     help="Colour the text format (auto: on a terminal, unless NO_COLOR is set)."),
        click.option("--lang", type=click.Choice(["ja", "en"]), default="ja", show_default=True,
                     help="Labels of the HTML report."),
        click.option("--summary", is_flag=True, help="text: only the summary (counts, relation), no measures."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def _check_report_options(ctx: click.Context, opts: dict[str, Any]) -> None:
    """Refuse bad filter values, and options that do not apply, before any edition is read."""
    _fail_kinds(opts["fail_on"])
    bad = api.filter_problem(_csv(opts["statuses"]), _csv(opts["outcomes"]), _csv(opts["mark_states"]))
    if bad:
        raise click.BadParameter(bad[1], param_hint=bad[0])
    if opts["table"] and opts["fmt"] != "csv":
        raise click.BadParameter("--table goes with --format csv", param_hint="--table")
    if _given(ctx, "lang") and opts["fmt"] != "html":
        _refuse("--lang", f"it sets the labels of the HTML report; --format {opts['fmt']} has none (add --format html)")
    if opts["summary"] and opts["fmt"] != "text":
        _refuse("--summary", f"the summary is the text format's head; --format {opts['fmt']} shows the whole report")
    if _given(ctx, "color") and opts["fmt"] != "text":
        _refuse("--color", f"it colours the text format; --format {opts['fmt']} has no colours")
    if ctx.command.name == "plans":
        ledger = "plans compares one edition's results with its own plans: there is no follow-through ledger " \
                 "(policydiff diff OLD NEW between years has one)"
        if opts["outcomes"]:
            _refuse("--outcome", ledger)
        if opts["table"] == "follow-through":
            _refuse("--table", ledger)
        if opts["relation"]:
            _refuse("--relation", "plans always compares an edition's results with its plans (one edition)")
        if opts["mark_states"]:
            _refuse("--mark", "review marks are recorded on two archived editions (policydiff review OLD NEW)")


def _check_against(diff: api.Diff, opts: dict[str, Any]) -> None:
    """Refuse the options that do not apply to this pair, once the diff says what the pair is."""
    if not diff.between_years and (opts["outcomes"] or opts["table"] == "follow-through"):
        option = "--outcome" if opts["outcomes"] else "--table"
        _refuse(option, f"the follow-through ledger is made between years (relation next-year); "
                        f"{diff.old.label} → {diff.new.label} is relation {diff.relation}")
    archived = all(dict(side.origin).get("archive_name") for side in (diff.old, diff.new))
    if opts["mark_states"] and not archived:
        _refuse("--mark", "review marks are recorded on two archived editions; OLD or NEW here is a file")


def _nothing_matches(diff: api.Diff, shown: api.Diff, opts: dict[str, Any]) -> str | None:
    """One line when the filters leave nothing to show, saying what each --measure is instead."""
    given = [(flag, opts[key]) for flag, key in (("--status", "statuses"), ("--ministry", "ministries"),
                                                 ("--measure", "measure_ids"), ("--outcome", "outcomes"),
                                                 ("--mark", "mark_states")) if opts[key]]
    layers = ("measures", "budgets", "renames", "follow_through", "unplanned_results", "program_events")
    if not given or any(getattr(shown, layer) for layer in layers):
        return None
    what = [f"{m.old_id or m.new_id} is {diff.reads_as(m)}{', moved' if m.moved else ''}, of {','.join(m.ministries)}"
            for m in diff.measures if {m.old_id, m.new_id} & set(_csv(opts["measure_ids"]))]
    return api.one_line(f"note: nothing matches {' '.join(f'{f} {v}' for f, v in given)} among the "
                        f"{len(diff.measures)} measures compared" + (f" ({'; '.join(what[:5])})" if what else ""))


def _emit(diff: api.Diff, opts: dict[str, Any], marks: tuple[api.Mark, ...] = ()) -> int:
    """Write the report the options ask for; exit 1 if the diff has changes of the --fail-on kinds."""
    unknown = api.unknown_filters(diff, _csv(opts["ministries"]), _csv(opts["measure_ids"]))
    if unknown:
        raise Trouble("; ".join(unknown))
    _check_against(diff, opts)
    shown = api.select(diff, _csv(opts["statuses"]), _csv(opts["ministries"]), _csv(opts["measure_ids"]),
                       _csv(opts["outcomes"]))
    shown = api.select_marks(shown, {m.id: m.state for m in marks}, _csv(opts["mark_states"]))
    note = _nothing_matches(diff, shown, opts)
    if note:
        click.echo(note, err=True)
    failed = shown.has_changes(_fail_kinds(opts["fail_on"]))  # the exit code tells of what is shown
    color, output = opts["color"], opts["output"]
    use_color = color == "always" or (color == "auto" and output is None and sys.stdout.isatty()
                                      and not os.environ.get("NO_COLOR"))
    options = api.ReportOptions(show_format_only=opts["show_format_only"], color=use_color, lang=opts["lang"],
                                generated_at=api.generated_at() if opts["fmt"] == "html" else None,
                                table=opts["table"] or "", marks=marks, summary_only=opts["summary"])
    _write(api.render(shown, opts["fmt"], options), output, color=use_color or None)
    return 1 if failed else 0


def _options(opts: dict[str, Any]) -> api.Options:
    return api.Options(match_threshold=opts["match_threshold"], rename_threshold=opts["rename_threshold"],
                       relation=opts["relation"])


@cli.command()
@click.argument("old")
@click.argument("new")
@_report_options
@_archive_option
@click.pass_context
def diff(ctx: click.Context, old: str, new: str, **opts: Any) -> None:
    """Compare two editions. OLD and NEW are files (.xml = normalized XML, else report text, parsed
    in memory) or editions in the archive. Exit 0: no change, 1: changes, 2: trouble.

    \b
    Example:
      policydiff diff fy2024 fy2024-synthetic
      policydiff diff fy2024 fy2024-synthetic --summary
      policydiff diff fy2024 fy2024-synthetic --format html -o report.html
      policydiff diff examples/iryokiki-kihonkeikaku_fy2024.txt out/fy2024-synthetic.txt --format json -o diff.json
      policydiff diff fy2024 fy2024-synthetic --status changed,added --ministry 厚
      policydiff diff fy2024 fy2024-synthetic --fail-on budget,removed
    Between years (after make demo, fy2025-synthetic is a hand-written SYNTHETIC next edition):
      policydiff diff fy2024 fy2025-synthetic --outcome dropped,partial   # plans not carried out
      policydiff diff fy2024 fy2025-synthetic --format csv --table budgets -o steps.csv
      policydiff diff fy2024 fy2025-synthetic --fail-on dropped,ended
    """
    _check_report_options(ctx, opts)
    ctx.exit(_emit(api.diff(old, new, ctx.obj, _options(opts), progress=_progress()), opts,
                   api.marks_for(old, new, ctx.obj)))


@cli.command()
@click.argument("edition")
@_report_options
@_archive_option
@click.pass_context
def plans(ctx: click.Context, edition: str, **opts: Any) -> None:
    """Compare what one EDITION reports as done (results, FY N) with what it plans (FY N+1):
    programs continuing, renamed, new or ended, and budgets of year N against year N+1.

    \b
    Example:
      policydiff plans fy2024
      policydiff plans examples/iryokiki-kihonkeikaku_fy2024.txt --format html -o plans.html
      policydiff plans fy2024 --format json -o plans.json
    """
    _check_report_options(ctx, opts)
    ctx.exit(_emit(api.plans(edition, ctx.obj, _options(opts), progress=_progress()), opts))


@cli.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True,
              help="Where to write the synthetic edition's text.")
@click.option("--truth", type=click.Path(path_type=Path), help="Also write the ground truth (JSON) here.")
@click.option("--seed", type=int, default=2025, show_default=True, help="Random seed: the same seed, the same edits.")
@click.option("--edits", type=click.IntRange(1, 500), default=12, show_default=True, help="How many edits to apply.")
def synth(file: Path, output: Path, truth: Path | None, seed: int, edits: int) -> None:
    """Make a SYNTHETIC next edition of a report FILE by applying known edits, for tests and demos.

    The text's first line marks it synthetic, and every report made from it says so. It is not a
    real report.

    \b
    Example:
      policydiff synth examples/iryokiki-kihonkeikaku_fy2024.txt -o out/next.txt --truth out/truth.json
    """
    made = api.synth(file, seed=seed, edits=edits)
    api.write_output(output, made.text)
    if truth is not None:
        api.write_output(truth, made.truth)
    click.echo(f"wrote SYNTHETIC edition {output} ({edits} known edits, seed {seed})")


@cli.command()
@click.argument("document", required=False)
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_archive_option
@click.pass_context
def lineage(ctx: click.Context, document: str | None, fmt: str) -> None:
    """Program lineages (A → B → C) across the archive's editions of DOCUMENT, oldest first, from
    stated successions and from renames found between consecutive editions.

    \b
    Example:
      policydiff lineage
      policydiff lineage iryokiki-kihonkeikaku --format json
    """
    click.echo(api.render_lineage(document, ctx.obj, fmt), nl=False)


def _pairs_progress(what: str) -> Callable[[int, int], None] | None:
    """'WHAT: pair N of M' on stderr, rewritten in place, when stderr is a terminal."""
    if not sys.stderr.isatty():
        return None
    return lambda done, total: click.echo(f"\r{what}: pair {done} of {total}", err=True, nl=done == total)


@cli.command()
@click.argument("document", required=False)
@click.option("--document", "document_option", help="The document to follow (default: every document).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv", "html"]), default="text", show_default=True)
@click.option("--part", "parts", default="", metavar="PARTS",
              help="Only these parts: measures,programs,follow-through (csv: one table, default programs).")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file.")
@_archive_option
@click.pass_context
def timeline(ctx: click.Context, document: str | None, document_option: str | None, fmt: str, parts: str,
             output: Path | None) -> None:
    """Every edition of a DOCUMENT in fiscal order, each pair with its relation: measure lineages,
    program budget series across renames and successions, and the follow-through of plans per year
    (promised again N years running, dropped and never mentioned again). Synthetic editions are
    marked and never counted as a real year. One timeline per document.

    \b
    Example:
      policydiff timeline
      policydiff timeline iryokiki-kihonkeikaku --part follow-through
      policydiff timeline --format json -o timeline.json
      policydiff timeline --format csv --part measures -o lineages.csv
    """
    if document and document_option and document != document_option:
        raise click.BadParameter(f"two documents named: {document} and {document_option}", param_hint="--document")
    for part in _csv(parts):
        if part not in api.TIMELINE_PARTS:
            raise click.BadParameter(f"no part {part!r}; choose from {','.join(api.TIMELINE_PARTS)}", param_hint="--part")
    found = api.timeline(document or document_option, ctx.obj, progress=_pairs_progress("timeline"))
    _write(api.render_timeline(found, fmt, _csv(parts)), output)


@cli.command()
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="The site's folder (created; pages policydiff did not write are left alone).")
@_archive_option
@click.pass_context
def site(ctx: click.Context, out_dir: Path) -> None:
    """Write a static site of the whole archive: an index of documents and editions, every
    consecutive pair's report (linked both ways), a page per program (budget chart) and per measure
    lineage, and a search box. No server: open index.html from disk, or serve the folder as it is.
    Only pages whose inputs changed are rewritten.

    \b
    Example:
      policydiff site -o site/
      policydiff site -o out/site --archive policydiff-archive
    """
    done = api.site(out_dir, ctx.obj, progress=_pairs_progress("site"))
    click.echo(f"site {done.path}: {done.rewritten} page(s) rewritten, {done.unchanged} unchanged, "
               f"{done.removed} removed; open {done.path / 'index.html'}")


@cli.command()
@click.argument("database", type=click.Path(path_type=Path, dir_okay=False))
@_archive_option
@click.pass_context
def export(ctx: click.Context, database: Path) -> None:
    """Write the archive as an SQLite DATABASE (editions, measures, bullets, budgets, programs,
    program events, follow-through, review marks), replaced atomically on a rerun. Datasette,
    pandas and sqlite-utils open it as it is.

    \b
    Example:
      policydiff export archive.db
      datasette archive.db
    """
    counts = api.export(database, ctx.obj, progress=_pairs_progress("export"))
    click.echo(f"wrote {database}: " + ", ".join(f"{n} {table}" for table, n in counts.items()))


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--check", is_flag=True, help="Only check that every FILE reads as an edition; print nothing.")
def textconv(files: tuple[Path, ...], check: bool) -> None:
    """Print a report FILE (PDF, text or XML) as stable, line-oriented text: one block per measure
    with its id, goal, ministries, bullets and budgets. For git: `git diff` of report files.

    \b
    Example:
      policydiff textconv tests/data/pdf/seed-chromium.pdf
      git config diff.policydiff.textconv "policydiff textconv"
      echo '*.pdf diff=policydiff' >> .gitattributes
      policydiff textconv --check examples/iryokiki-kihonkeikaku_fy2024.txt   # pre-commit: it reads
    """
    for file in files:
        text = api.textconv(file)
        if not check:
            click.echo(text, nl=False)


def _link(value: str) -> tuple[str, str]:
    old, sep, new = value.partition("=")
    if not sep or not old.strip() or not new.strip():
        raise click.BadParameter(f"{value!r}: write OLD_ID=NEW_ID, e.g. m004=m005", param_hint="--link")
    return old.strip(), new.strip()


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--link", "links", multiple=True, metavar="OLD_ID=NEW_ID",
              help="Pair these two measures (m004=m005), or a plan's ledger entry with a result (ft-…=un-…).")
@click.option("--unlink", "unlinks", multiple=True, metavar="OLD_ID",
              help="Pair this old measure, or this plan's ledger entry (ft-…), with nothing.")
@click.option("--by", help=f"Who records it (default: ${api.REVIEWER_ENV}, else git's user.name).")
@_archive_option
@click.pass_context
def pair(ctx: click.Context, old: str, new: str, links: tuple[str, ...], unlinks: tuple[str, ...],
         by: str | None) -> None:
    """Correct how two archived editions OLD and NEW pair their measures (ids as `show` prints them).
    The correction is committed to the archive with both sources' sha256; every later diff of the
    pair applies it and shows it as "paired by the auditor". Without --link/--unlink: list them.

    \b
    Example:
      policydiff pair fy2024 fy2024-synthetic --link m010=m011 --by "A. Auditor"
      policydiff pair fy2024 fy2024-synthetic --unlink m004
      policydiff pair fy2024 fy2025-synthetic --link ft-5ff5ec2769=un-8fdc1bd216   # an unclear plan: its candidate answers it
    """
    if by is not None and not (links or unlinks):
        _refuse("--by", "it names who records a --link or --unlink; without them pair only lists")
    done = api.pair(old, new, ctx.obj, [_link(x) for x in links], list(unlinks), by)
    if done.commit:
        click.echo(f"recorded {len(links) + len(unlinks)} pairing(s) [commit {done.commit[:10]}]", err=True)
    for x in done.review.links:  # names and ids from a review file: someone else's text, never live
        click.echo(f"{api.one_line(x.old)} → {api.one_line(x.new or '(nothing)')}\tby {api.one_line(x.by)}, {x.at}")
    for line in done.diff.stale_overrides:
        click.echo(f"stale: {api.one_line(line)}")


@cli.command()
@click.argument("old")
@click.argument("new")
@click.option("--mark", "marks", multiple=True, type=(str, click.Choice(api.MARK_STATES)),
              metavar="ID accepted|query|rejected", help="Mark a change (ids as this command lists them).")
@click.option("--note", default="", help="A note for the marks given with --mark.")
@click.option("--import", "import_file", type=click.Path(path_type=Path),
              help="Bring in marks from a file (the HTML report's download, or review --format json).")
@click.option("--by", help=f"Who marks (default: ${api.REVIEWER_ENV}, else git's user.name).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the sheet to a file.")
@_archive_option
@click.pass_context
def review(ctx: click.Context, old: str, new: str, marks: tuple[tuple[str, str], ...], note: str,
           import_file: Path | None, by: str | None, fmt: str, output: Path | None) -> None:
    """The sign-off sheet of two archived editions: every change with a stable id and its mark.
    Marks are committed to the archive; a mark whose change vanished (a re-ingest) is reported.

    \b
    Example:
      policydiff review fy2024 fy2025-synthetic
      policydiff review fy2024 fy2025-synthetic --mark ft-5ff5ec2769 query --note "see p.8"
      policydiff review fy2024 fy2025-synthetic --format json -o marks.json   # fill in marks, then:
      policydiff review fy2024 fy2025-synthetic --import marks.json
      policydiff review fy2024 fy2025-synthetic --format csv -o signoff.csv
    """
    if note and not marks:
        _refuse("--note", "it is the note of the marks given with --mark ID accepted|query|rejected")
    if by is not None and not (marks or import_file):
        _refuse("--by", "it names who records --mark or --import; without them review only lists")
    sheet = api.review(old, new, ctx.obj, [(i, s, note) for i, s in marks], import_file, by)
    _write(api.render_review(sheet, fmt), output)


@cli.command()
@_archive_option
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Check the archive: schema-valid XML, source sha256, git fsck. Exit 1 if problems are found.

    \b
    Example:
      policydiff verify
      policydiff verify --archive policydiff-archive
    """
    result = api.verify(ctx.obj)
    for line in api.review_records(ctx.obj):
        click.echo(line)
    for path, message in result.problems:
        click.echo(api.one_line(f"{path}: {message}"))
    if result.problems:
        click.echo(f"{len(result.problems)} problem(s) in {result.path}", err=True)
        ctx.exit(1)
    click.echo(f"ok: {result.editions} edition(s) in {result.path} verified", err=True)


@cli.command()
@_archive_option
@click.pass_context
def reparse(ctx: click.Context) -> None:
    """Rebuild every edition's XML from its stored source with this parser (one commit).

    \b
    Example:
      policydiff reparse
    """
    changed = api.reparse(ctx.obj)
    click.echo(api.one_line(f"reparsed: {len(changed)} edition(s) changed" + (": " + ", ".join(changed) if changed else "")))


@cli.command()
@_archive_option
@click.pass_context
def repair(ctx: click.Context) -> None:
    """Recover the archive after an interrupted write: stale git locks, leftovers, a missing tag,
    HEAD off branch main. Safe to run at any time.

    \b
    Example:
      policydiff repair
    """
    done = api.repair(ctx.obj)
    for line in done:
        click.echo(api.one_line(line))
    click.echo(f"ok: {api.open_archive(ctx.obj).path} " + ("repaired" if done else "needed no repair"), err=True)


def main() -> None:
    cli(prog_name="policydiff")


if __name__ == "__main__":
    main()
