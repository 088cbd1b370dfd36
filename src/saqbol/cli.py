"""The ``saqbol`` command line: commands parse, call a service and render; nothing more."""

from __future__ import annotations

import functools
import getpass
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from pydantic import TypeAdapter, ValidationError
from rich.console import Console
from rich.table import Table

from saqbol.api.problems import clean_message
from saqbol.config import get_settings
from saqbol.errors import BadRequest, InvalidInput, NotFound, SaqbolError
from saqbol.schemas import EntityKind, ReportIn, Role
from saqbol.services import audit, keys, registry, reports
from saqbol.store import make_engine, make_session_factory, transaction, upgrade
from saqbol.store.session import read_only

app = typer.Typer(help="Saqbol: anti-fraud platform for Kazakhstan.", no_args_is_help=True)
keys_app = typer.Typer(help="API keys (each maps to one role).", no_args_is_help=True)
audit_app = typer.Typer(help="The hash-chained audit log.", no_args_is_help=True)
report_app = typer.Typer(help="Victim complaints.", no_args_is_help=True)
entity_app = typer.Typer(help="The shared fraud registry.", no_args_is_help=True)
db_app = typer.Typer(help="Database schema.", no_args_is_help=True)
check_app = typer.Typer(help="Check messages and links for fraud.", no_args_is_help=True)
resources_app = typer.Typer(
    help="The monitoring registry of fraudulent web resources.", no_args_is_help=True
)
generate_app = typer.Typer(help="Synthetic data with ground truth.", no_args_is_help=True)
score_app = typer.Typer(help="Score events in bulk.", no_args_is_help=True)
screen_app = typer.Typer(help="Operator-side screening of telecom traffic.", no_args_is_help=True)
credit_app = typer.Typer(
    help="Voluntary refusal of loans: set, lift, view and check bans.", no_args_is_help=True
)
for sub, name in (
    (keys_app, "keys"),
    (audit_app, "audit"),
    (report_app, "report"),
    (entity_app, "entity"),
    (db_app, "db"),
    (check_app, "check"),
    (resources_app, "resources"),
    (generate_app, "generate"),
    (score_app, "score"),
    (screen_app, "screen"),
    (credit_app, "credit-ban"),
):
    app.add_typer(sub, name=name)

console = Console()
err_console = Console(stderr=True)
F = TypeVar("F", bound=Callable[..., Any])
JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


def cli_errors(func: F) -> F:
    """User mistakes print ``error: ...`` and exit 2; other known failures exit 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except ValidationError as exc:
            for e in exc.errors():
                field = ".".join(str(p) for p in e["loc"]) or "input"
                err_console.print(f"error: {field}: {clean_message(e['msg'])}", markup=False)
            raise typer.Exit(2) from None
        except SaqbolError as exc:
            err_console.print(f"error: {exc}", markup=False)
            raise typer.Exit(2 if isinstance(exc, InvalidInput | BadRequest) else 1) from None

    return wrapper  # type: ignore[return-value]


def _actor() -> str:
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):
        return "cli:unknown"


def _now() -> datetime:
    return datetime.now(UTC)


def _factory(migrate: bool = True):  # type: ignore[no-untyped-def]
    engine = make_engine(get_settings().database_url)
    if migrate:
        upgrade(engine)
    return make_session_factory(engine)


@contextmanager
def _stages(disable: bool) -> Iterator[Callable[[str], None]]:
    """A spinner on stderr naming the batch's current stage; ``step("...")`` moves it on."""
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = (SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn())
    with Progress(*columns, console=err_console, transient=True, disable=disable) as bar:
        task = bar.add_task("reading", total=None)
        yield lambda stage: bar.update(task, description=stage)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Bind address.")] = None,
    port: Annotated[int | None, typer.Option(help="Port.")] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes.")] = 1,
) -> None:
    """Migrate the database and serve the API (OpenAPI at /docs)."""
    import uvicorn

    from saqbol.api.app import create_app

    settings = get_settings()
    engine = make_engine(settings.database_url)
    upgrade(engine)
    bind = {"host": host or settings.host, "port": port or settings.port, "log_level": "warning"}
    if workers == 1:
        uvicorn.run(create_app(settings, engine), **bind)
    else:  # each worker builds its own app from the same SAQBOL_* settings
        engine.dispose()
        uvicorn.run("saqbol.api.app:create_app", factory=True, workers=workers, **bind)


@db_app.command("upgrade")
@cli_errors
def db_upgrade() -> None:
    """Create or migrate the schema to the latest revision."""
    _factory(migrate=True)
    console.print("schema is up to date")


@keys_app.command("create")
@cli_errors
def keys_create(
    role: Annotated[str, typer.Option(help="One of: " + ", ".join(Role.__args__))],
    name: Annotated[str, typer.Option(help="Who holds the key, e.g. 'Halyk antifraud'.")],
    as_json: JsonFlag = False,
) -> None:
    """Create a key and print it once; only its hash is stored."""
    with transaction(_factory()) as session:
        row, secret = keys.create_key(
            session=session, role=role, name=name, actor=_actor(), now=_now()
        )
    if as_json:
        _print_json({"id": row.id, "role": row.role, "name": row.name, "key": secret})
    else:
        console.print(
            f"key {row.id} ({row.role}, {row.name}); store it now, it is not shown again:"
        )
        console.print(secret, markup=False, highlight=False)


@keys_app.command("list")
@cli_errors
def keys_list(as_json: JsonFlag = False) -> None:
    """List keys (never their secrets)."""
    with transaction(_factory()) as session:
        rows = [
            {
                "id": k.id,
                "role": k.role,
                "name": k.name,
                "prefix": k.prefix,
                "created_at": k.created_at.isoformat(),
                "revoked": k.revoked_at is not None,
            }
            for k in keys.list_keys(session=session)
        ]
    _render(rows, as_json, "API keys")


@keys_app.command("revoke")
@cli_errors
def keys_revoke(key_id: int) -> None:
    """Revoke a key; requests with it get 401 from now on."""
    with transaction(_factory()) as session:
        keys.revoke_key(session=session, key_id=key_id, actor=_actor(), now=_now())
    console.print(f"key {key_id} revoked")


@audit_app.command("verify")
@cli_errors
def audit_verify(as_json: JsonFlag = False) -> None:
    """Check the hash chain; exit 1 and name the first broken record if it was tampered with."""
    with transaction(_factory()) as session:
        check = audit.verify(session=session)
    if as_json:
        _print_json(
            {
                "ok": check.ok,
                "records": check.records,
                "broken_at": check.broken_at,
                "problem": check.problem,
            }
        )
    elif check.ok:
        console.print(f"audit chain intact: {check.records} records")
    else:
        console.print(f"audit chain BROKEN at record {check.broken_at}: {check.problem}")
    if not check.ok:
        raise typer.Exit(1)


@report_app.command("add")
@cli_errors
def report_add(
    path: Annotated[Path, typer.Argument(help="JSON file: one report object or a list of them.")],
    as_json: JsonFlag = False,
) -> None:
    """File reports from a JSON file; if any one is invalid, none is filed."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InvalidInput(f"cannot read: {exc.strerror}", field=str(path)) from None
    except json.JSONDecodeError as exc:
        raise BadRequest(f"not valid JSON: {exc}", field=str(path)) from None
    items = data if isinstance(data, list) else [data]
    drafts = [r.to_draft() for r in TypeAdapter(list[ReportIn]).validate_python(items)]
    secret = get_settings().secret
    with transaction(_factory()) as session:
        filed = [
            reports.file_report(session=session, draft=d, actor=_actor(), secret=secret, now=_now())
            for d in drafts
        ]
        rows = [{"id": r.id, "entities": [e.masked for e in r.entities]} for r in filed]
    _render(rows, as_json, "Filed reports")


@entity_app.command("show")
@cli_errors
def entity_show(
    type: Annotated[EntityKind | None, typer.Option("--type", help="Identifier type.")] = None,
    value: Annotated[str | None, typer.Option(help="Raw value, any common format.")] = None,
    hash: Annotated[str | None, typer.Option("--hash", help="Keyed hash instead.")] = None,
    entity_id: Annotated[int | None, typer.Option("--id", help="Registry id instead.")] = None,
    as_json: JsonFlag = False,
) -> None:
    """Show one entity of the registry and the reports that named it (values masked)."""
    settings = get_settings()
    with transaction(_factory()) as session:
        if entity_id is not None:
            row = registry.get_entity(session=session, entity_id=entity_id)
        else:
            row = registry.find_entity(
                session=session, secret=settings.secret, kind=type, value=value, value_hash=hash
            )
        data = _entity_dict(row) if row is not None else {"found": False}
    if as_json:
        _print_json(data)
    else:
        _render([data], False, "Entity")


def _entity_dict(row: Any) -> dict[str, Any]:
    return {
        "found": True,
        "id": row.id,
        "type": row.kind,
        "masked": row.masked,
        "status": row.status,
        "report_count": row.report_count,
        "first_seen": row.first_seen.isoformat(),
        "last_seen": row.last_seen.isoformat(),
        "hash": row.value_hash,
        "report_ids": [r.id for r in row.reports],
    }


def _render(rows: list[dict[str, Any]], as_json: bool, title: str) -> None:
    if as_json:
        _print_json(rows)
        return
    table = Table(title=title)
    for column in rows[0] if rows else ["(none)"]:
        table.add_column(column)
    for row in rows:
        table.add_row(*(str(v) for v in row.values()))
    console.print(table)


@app.command()
@cli_errors
def demo(
    reports_count: Annotated[int, typer.Option("--reports", min=1, max=100_000)] = 200,
    seed: Annotated[int, typer.Option(help="Seed of the synthetic generator.")] = 7,
    keys_file: Annotated[Path, typer.Option(help="Where to write the demo keys.")] = Path(
        "demo-keys.txt"
    ),
) -> None:
    """Load a small synthetic demo data set and one key per role (once per database)."""
    from saqbol.synth.demo import load_demo

    with transaction(_factory()) as session:
        summary = load_demo(
            session=session,
            secret=get_settings().secret,
            n_reports=reports_count,
            seed=seed,
            actor=_actor(),
            now=_now(),
        )
    if summary.keys:
        keys_file.write_text("".join(f"{r}\t{k}\n" for r, k in summary.keys.items()))
        keys_file.chmod(0o600)
        console.print(f"demo keys (one per role) written to {keys_file}")
    console.print(summary.message)


@check_app.command("text")
@cli_errors
def check_text(
    text: Annotated[str | None, typer.Argument(help="The message; omit with --jsonl.")] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Read {"id", "text"} lines from stdin, write results.')
    ] = False,
    sender: Annotated[str | None, typer.Option(help="Who sent it (phone or sender name).")] = None,
    lang: Annotated[str, typer.Option(help="Language of the reasons: kk, ru or en.")] = "ru",
    as_json: JsonFlag = False,
) -> None:
    """Is this message a scam, which kind, and why?"""
    from saqbol.detectors.text import Message, TextContext, default_detector
    from saqbol.detectors.urls import default_url_detector
    from saqbol.services import text_check

    if lang not in ("kk", "ru", "en"):
        raise InvalidInput("expected kk, ru or en", field="lang")
    detector, urls = default_detector(), default_url_detector()
    if jsonl:
        out = sys.stdout
        for result in text_check.check_lines(sys.stdin.buffer, detector, lang, urls):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    if text is None:
        raise InvalidInput("give the message as an argument, or use --jsonl", field="text")
    detector.validate(text)
    context = text_check.with_url_verdicts(TextContext(), [text], urls, None)
    verdict = detector.detect_batch([Message(text, sender=sender)], context)[0]
    result = text_check.render(verdict, lang)
    if as_json:
        _print_json(result)
        return
    console.print(
        f"[bold]{result['label']}[/bold] ({result['typology']}, score "
        f"{result['score']:.2f}, language {result['lang']})"
    )
    for reason in result["reasons"]:
        console.print(f"  - {reason['text']}", markup=False)


@check_app.command("url")
@cli_errors
def check_url(
    urls: Annotated[
        list[str] | None, typer.Argument(help="Links or domains; omit with --jsonl.")
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help='Read {"id", "url"} lines from stdin, write results.')
    ] = False,
    lang: Annotated[str, typer.Option(help="Language of the reasons: kk, ru or en.")] = "ru",
    as_json: JsonFlag = False,
) -> None:
    """Is this link phishing, which brand does it imitate, and why?"""
    from saqbol.detectors.urls import default_url_detector
    from saqbol.services import url_check

    if lang not in ("kk", "ru", "en"):
        raise InvalidInput("expected kk, ru or en", field="lang")
    detector = default_url_detector()
    if jsonl:
        out = sys.stdout
        for result in url_check.check_lines(sys.stdin.buffer, detector, lang):
            out.write(json.dumps(result, ensure_ascii=False) + "\n")
        return
    if not urls:
        raise InvalidInput("give one or more links, or use --jsonl", field="url")
    for url in urls:
        detector.check(url)  # an unreadable link is an error (exit 2), not a verdict
    results = [url_check.render(v, lang) for v in detector.check_batch(urls)]
    if as_json:
        _print_json(results)
        return
    for result in results:
        brand = f", {result['brand']}" if result["brand"] else ""
        console.print(
            f"[bold]{result['verdict']}[/bold] {result['url']} (score {result['score']:.2f}{brand})"
        )
        for reason in result["reasons"]:
            console.print(f"  - {reason['text']}", markup=False)


@resources_app.command("complain")
@cli_errors
def resources_complain(
    url: str,
    source: Annotated[
        str, typer.Option(help="monitoring, citizen, volunteer or partner.")
    ] = "monitoring",
    note: str = "",
    as_json: JsonFlag = False,
) -> None:
    """Record a fraudulent link (merged into its domain's resource)."""
    from saqbol.detectors.urls import default_url_detector
    from saqbol.services import resources

    with transaction(_factory()) as session:
        result = resources.file_complaint(
            session=session, detector=default_url_detector(), url=url, reporter=_actor(),
            source=source, now=_now(), note=note,
        )  # fmt: skip
        row = resources.resource_dict(result.resource)
    _render([row], as_json, "Resource")


@resources_app.command("list")
@cli_errors
def resources_list(
    status: Annotated[str | None, typer.Option(help="Only this status.")] = None,
    limit: int = 50,
    as_json: JsonFlag = False,
) -> None:
    """The analysts' queue, highest priority first."""
    from saqbol.services import resources

    with read_only(_factory()) as session:
        rows, total = resources.list_resources(session=session, status=status, limit=limit)
        items = [resources.resource_dict(r) for r in rows]
    _render(items, as_json, f"Resources ({total})")


@resources_app.command("status")
@cli_errors
def resources_status(
    resource_id: int,
    status: str,
    document: Annotated[
        str, typer.Option(help="Order or notice letter (for block_requested).")
    ] = "",
    addressee: Annotated[str, typer.Option(help="regulator, hosting, registrar or platform.")] = "",
    note: str = "",
    as_json: JsonFlag = False,
) -> None:
    """Move a resource along detected → under_review → block_requested → blocked (audited)."""
    from saqbol.services import resources

    with transaction(_factory()) as session:
        row = resources.set_status(
            session=session, resource_id=resource_id, status=status, actor=_actor(), now=_now(),
            document=document, addressee=addressee, note=note,
        )  # fmt: skip
        item = resources.resource_dict(row)
    _render([item], as_json, "Resource")


@resources_app.command("export")
@cli_errors
def resources_export(
    format: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
) -> None:
    """The block list (block requested or blocked) for operators, on stdout."""
    from saqbol.services import resources

    with read_only(_factory()) as session:
        rows = resources.blocklist(session)
    sys.stdout.write(resources.export(rows, format))


if __name__ == "__main__":  # pragma: no cover
    app()


@generate_app.command("payments")
@cli_errors
def generate_payments(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the Parquet files to.")],
    seed: Annotated[int, typer.Option(help="Same seed, same bank.")] = 1,
    customers: Annotated[int, typer.Option(min=50, help="Persons in the bank.")] = 10_000,
    days: Annotated[int, typer.Option(min=1, max=3660, help="Days simulated.")] = 30,
    with_mules: Annotated[
        bool,
        typer.Option(
            "--mules",
            help="Add laundering typologies (fan-in/out, cycles, stacks, ...) and look-alike "
            "honest accounts; accounts_truth.parquet labels every account.",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """A synthetic bank: payments.parquet, loans.parquet, truth.parquet (+ accounts, reports,
    accounts_truth)."""
    from rich.progress import Progress

    from saqbol.synth.payments import generate_payments as generate

    out.mkdir(parents=True, exist_ok=True)
    with Progress(console=err_console, transient=True, disable=as_json) as bar:
        task = bar.add_task("generating", total=days)
        summary = generate(
            seed=seed,
            customers=customers,
            days=days,
            out_dir=out,
            mules=with_mules,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    info = {
        "out": str(out),
        "payments": summary.payments,
        "loans": summary.loans,
        "fraud_payments": summary.fraud_payments,
        "scenarios": dict(summary.scenarios),
    }
    if as_json:
        _print_json(info)
    else:
        console.print(
            f"{summary.payments:,} payments, {summary.loans:,} loans, "
            f"{summary.fraud_payments:,} fraudulent, written to {out}"
        )


@score_app.command("payments")
@cli_errors
def score_payments_file(
    source: Annotated[Path, typer.Argument(help="Payments: .parquet, .csv or .jsonl.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the scores (same types).")],
    loans: Annotated[
        Path | None, typer.Option(help="Loans disbursed (default: loans.* next to SOURCE).")
    ] = None,
    reports: Annotated[
        Path | None, typer.Option(help="Complaints (reported_at, type, value) to link payees.")
    ] = None,
    registry: Annotated[
        bool,
        typer.Option(
            "--registry",
            help="Also use the shared registry of SAQBOL_DATABASE_URL (its listed cards, "
            "IBANs and phones, each from when it was first seen).",
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Score every payment of a file; one output row per input row, in the same order."""
    import time

    from saqbol.detectors.payments.columns import LOAN_SCHEMA, PAYMENT_SCHEMA
    from saqbol.services import payment_batch

    started = time.perf_counter()
    if loans is None:
        sibling = source.with_name("loans" + source.suffix)
        loans = sibling if sibling.is_file() and sibling != source else None
    with _stages(disable=as_json) as step:
        loan_frame = payment_batch.read_events(loans, LOAN_SCHEMA) if loans else None
        report_frame = _read_reports(reports) if reports else None
        if registry:
            import polars as pl

            with read_only(_factory()) as session:
                listed = payment_batch.registry_complaints(session)
            report_frame = listed if report_frame is None else pl.concat([report_frame, listed])
        # The frame is handed over, not kept here, so its unused columns can be freed early.
        result = payment_batch.score_payments(
            payment_batch.read_events(source, PAYMENT_SCHEMA),
            loan_frame,
            _payment_detector(),
            reports=report_frame,
            progress=step,
        )
        step("writing")
        payment_batch.write_scores(result.scores, out)
    elapsed = time.perf_counter() - started
    counts = dict(result.scores["decision"].value_counts().iter_rows())
    total = result.scores.height
    info = {
        "payments": total,
        "invalid": result.invalid,
        "duplicates": result.duplicates,
        "decisions": {d: counts.get(d, 0) for d in ("allow", "review", "hold")},
        "seconds": round(elapsed, 2),
        "out": str(out),
    }
    if as_json:
        _print_json(info)
    else:
        d = info["decisions"]
        console.print(
            f"{total:,} payments in {elapsed:.1f} s: {d['allow']:,} allow, "
            f"{d['review']:,} review, {d['hold']:,} hold; {result.invalid:,} invalid, "
            f"{result.duplicates:,} repeated ids -> {out}"
        )


@generate_app.command("calls")
@cli_errors
def generate_calls(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the Parquet files to.")],
    seed: Annotated[int, typer.Option(help="Same seed, same traffic.")] = 1,
    subscribers: Annotated[int, typer.Option(min=100, help="The operator's SIMs.")] = 20_000,
    days: Annotated[int, typer.Option(min=1, max=366, help="Days simulated.")] = 7,
    as_json: JsonFlag = False,
) -> None:
    """Synthetic CDRs of a Kazakh operator: cdr, roaming, usage, subscribers, SIP trunks and
    the truth about calls (spoofed) and SIMs (SIM-box)."""
    from rich.progress import Progress

    from saqbol.synth.calls import generate_calls as generate

    with Progress(console=err_console, transient=True, disable=as_json) as bar:
        task = bar.add_task("generating", total=days)
        summary = generate(
            seed=seed,
            subscribers=subscribers,
            days=days,
            out_dir=out,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    info = {"out": str(out), "calls": summary.calls, "spoofed_calls": summary.spoofed_calls,
            "sims": summary.sims, "simbox_sims": summary.simbox_sims}  # fmt: skip
    if as_json:
        _print_json(info)
    else:
        console.print(
            f"{summary.calls:,} calls ({summary.spoofed_calls:,} spoofed), {summary.sims:,} SIMs "
            f"({summary.simbox_sims:,} in SIM-boxes), written to {out}"
        )


@generate_app.command("ads")
@cli_errors
def generate_ads(
    out: Annotated[Path, typer.Option("--out", help="Directory to write the Parquet files to.")],
    seed: Annotated[int, typer.Option(help="Same seed, same marketplace.")] = 1,
    ads: Annotated[int, typer.Option(min=100, help="Ads to write.")] = 100_000,
    as_json: JsonFlag = False,
) -> None:
    """A synthetic marketplace: ads.parquet and truth.parquet (ad_id, is_fraud, ring_id)."""
    from rich.progress import Progress

    from saqbol.synth.ads import generate_ads as generate

    with Progress(console=err_console, transient=True, disable=as_json) as bar:
        task = bar.add_task("generating", total=ads)
        summary = generate(
            seed=seed,
            ads=ads,
            out_dir=out,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    info = {"out": str(out), "ads": summary.ads, "fraud_ads": summary.fraud_ads,
            "rings": summary.rings}  # fmt: skip
    if as_json:
        _print_json(info)
    else:
        console.print(
            f"{summary.ads:,} ads ({summary.fraud_ads:,} fraudulent in {summary.rings} rings), "
            f"written to {out}"
        )


@screen_app.command("ads")
@cli_errors
def screen_ads(
    source: Annotated[Path, typer.Argument(help="Ads: a Parquet file with the ad columns.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write one row per ad.")],
    reference: Annotated[
        Path | None,
        typer.Option(
            help="The platform's recent ads (Parquet, the ad columns), not screened: their "
            "prices join the medians and copies of them count."
        ),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Screen every ad: score, decision (publish / warn_buyers / hold_for_review / reject),
    reasons; one output row per ad, in the same order. A large file is screened in parts
    (ten million ads in a few gigabytes), with the same result."""
    import time

    from saqbol.detectors.ads.screen import ad_reference
    from saqbol.rules import load_ad_rules
    from saqbol.services import ad_screening

    started = time.perf_counter()
    with _stages(disable=as_json) as step:
        ad_screening.scan_ads(source)  # a bad file is named before the reference is read
        rules = load_ad_rules()
        known = ad_reference(ad_screening.read_ads(reference), rules) if reference else None
        step("screening")
        decisions = ad_screening.screen_parquet(
            source,
            out,
            rules,
            ad_screening.default_context(),
            known,
            progress=lambda done, total: step(f"screening: {done:,} of {total:,} ads"),
        )
    elapsed = time.perf_counter() - started
    screened = sum(decisions.values())
    info = {"ads": screened, "decisions": decisions, "seconds": round(elapsed, 2),
            "out": str(out)}  # fmt: skip
    if as_json:
        _print_json(info)
    else:
        shown = ", ".join(f"{decisions.get(d, 0):,} {d}" for d in
                          ("publish", "warn_buyers", "hold_for_review", "reject"))  # fmt: skip
        console.print(f"{screened:,} ads in {elapsed:.1f} s: {shown} -> {out}")


@screen_app.command("calls")
@cli_errors
def screen_calls(
    source: Annotated[Path, typer.Argument(help="A CDR directory (cdr.parquet, ...) or file.")],
    out: Annotated[Path, typer.Option("--out", help="Directory for calls, sims and daily.")],
    sims: Annotated[bool, typer.Option(help="Also rank the SIMs for SIM-boxes.")] = True,
    registry: Annotated[
        bool,
        typer.Option(
            "--registry", help="Also use the phone numbers on the registry of SAQBOL_DATABASE_URL."
        ),
    ] = False,
    as_json: JsonFlag = False,
) -> None:
    """Screen every call (block / flag / allow, reasons), rank SIMs, count verdicts per day."""
    import time

    from rich.progress import Progress

    from saqbol.services import call_screening

    started = time.perf_counter()
    context = None
    if registry:
        from saqbol.store.tables import Entity

        with read_only(_factory()) as session:
            rows = session.query(Entity.value, Entity.status).filter(Entity.kind == "phone").all()
        base = source if source.is_dir() else source.parent
        context = call_screening.load_context(
            base,
            reported=frozenset(v for v, st in rows if st == "reported"),
            blocked=frozenset(v for v, st in rows if st in ("confirmed", "blocked")),
        )
    with Progress(console=err_console, transient=True, disable=as_json) as bar:
        task = bar.add_task("screening", total=None)
        summary = call_screening.screen_directory(
            source,
            out,
            _sim_detector() if sims else None,
            context=context,
            progress=lambda done, total: bar.update(task, completed=done, total=total),
        )
    elapsed = time.perf_counter() - started
    info = {
        "calls": summary.calls,
        "verdicts": summary.verdicts,
        "reasons": summary.reasons,
        "sims": summary.sims,
        "sims_flagged": summary.sims_flagged,
        "seconds": round(elapsed, 2),
        "out": {k: str(v) for k, v in summary.paths.items()},
    }
    if as_json:
        _print_json(info)
        return
    v = summary.verdicts
    console.print(
        f"{summary.calls:,} calls in {elapsed:.1f} s: {v.get('block', 0):,} blocked, "
        f"{v.get('flag', 0):,} flagged, {v.get('error', 0):,} bad records; "
        f"{summary.sims_flagged:,} of {summary.sims:,} SIMs flagged as SIM-boxes -> {out}"
    )


def _sim_detector():  # type: ignore[no-untyped-def]
    from saqbol.models import load_simbox_detector

    return load_simbox_detector()


@app.command("mules")
@cli_errors
def mules(
    source: Annotated[Path, typer.Argument(help="Transfers: .parquet or .csv.")],
    out: Annotated[Path, typer.Option("--out", help="Where to write one row per account.")],
    columns: Annotated[
        str | None,
        typer.Option(
            help="Map another bank's columns: src=…,dst=…,amount=…,time=… "
            "(optional event_id, currency, kind, device_id, ip)."
        ),
    ] = None,
    time_unit: Annotated[
        str, typer.Option(help="Unit of numeric times: s, ms, us or day (simulation steps).")
    ] = "s",
    reports: Annotated[
        Path | None, typer.Option(help="Complaints (reported_at, type, value) naming accounts.")
    ] = None,
    clusters: Annotated[
        Path | None, typer.Option(help="Also write the ranked clusters of suspects here.")
    ] = None,
    registry: Annotated[
        bool,
        typer.Option(
            "--registry",
            help="Also count the cards, IBANs and phones listed on the registry of "
            "SAQBOL_DATABASE_URL as complaints.",
        ),
    ] = False,
    spark: Annotated[
        bool, typer.Option("--spark", help="Compute the features on Apache Spark.")
    ] = False,
    master: Annotated[str, typer.Option(help="Spark master URL (with --spark).")] = "local[2]",
    as_json: JsonFlag = False,
) -> None:
    """Score every account of a transfer file as a drop: score, role, reasons, cluster."""
    import time

    from saqbol.detectors.mules.transfers import parse_column_map
    from saqbol.services import mule_batch

    started = time.perf_counter()
    try:
        column_map = parse_column_map(columns) if columns else None
    except ValueError as exc:
        raise InvalidInput(str(exc), field="columns") from None
    detector = _mule_detector()
    with _stages(disable=as_json) as step:
        table = mule_batch.read_table(source)
        step("checking rows")
        transfers = mule_batch.normalise(table, detector.rules.rates, column_map, time_unit)
        payments = table if "payee_account" in table.columns else None
        del table
        report_frame = _read_reports(reports) if reports else None
        if registry:
            import polars as pl

            from saqbol.services import payment_batch

            with read_only(_factory()) as session:
                listed = payment_batch.registry_complaints(session)
            report_frame = listed if report_frame is None else pl.concat([report_frame, listed])
        run = mule_batch.score_transfers(
            transfers,
            detector,
            payments=payments,
            reports=report_frame,
            progress=step,
            spark_master=master if spark else None,
        )
        step("writing")
        mule_batch.write_scores(run, out, clusters)
    elapsed = time.perf_counter() - started
    roles = dict(run.scored["role"].value_counts().iter_rows())
    info = {
        "transfers": run.graph.n_edges,
        "dropped": dict(run.dropped),
        "accounts": run.scored.height,
        "roles": roles,
        "clusters": int(run.scored["cluster_id"].max() or 0),
        "seconds": round(elapsed, 2),
        "out": str(out),
    }
    if as_json:
        _print_json(info)
    else:
        flagged = sum(roles.get(r, 0) for r in ("mule", "organiser", "cash_out"))
        dropped = ", ".join(f"{k} {v:,}" for k, v in run.dropped.items()) or "none"
        console.print(
            f"{run.graph.n_edges:,} transfers, {run.scored.height:,} accounts in {elapsed:.1f} s: "
            f"{flagged:,} flagged ({roles.get('mule', 0):,} mules, "
            f"{roles.get('organiser', 0):,} organisers, {roles.get('cash_out', 0):,} cash-out), "
            f"{roles.get('victim', 0):,} likely victims; rows dropped: {dropped} -> {out}"
        )


@app.command("trace")
@cli_errors
def trace(
    event_id: Annotated[str, typer.Argument(help="The victim's payment (its event id).")],
    transfers: Annotated[
        Path | None,
        typer.Option(help="Transfer file (default: SAQBOL_TRANSFERS_PATH)."),
    ] = None,
    hops: Annotated[int, typer.Option(min=1, max=20, help="Transfers to follow.")] = 5,
    horizon_days: Annotated[
        float, typer.Option(min=0.0, help="Money not moved on within this many days stays.")
    ] = 30.0,
    columns: Annotated[str | None, typer.Option(help="Column map, as for `saqbol mules`.")] = None,
    time_unit: Annotated[str, typer.Option(help="Unit of numeric times.")] = "s",
    as_json: JsonFlag = False,
) -> None:
    """Follow a payment's money forward hop by hop: paths, current holders, what to freeze."""
    from saqbol.detectors.mules.graph import build_graph
    from saqbol.detectors.mules.transfers import parse_column_map
    from saqbol.rules import load_mule_rules
    from saqbol.services import mule_batch, tracing

    path = transfers or (Path(p) if (p := get_settings().transfers_path) else None)
    if path is None:
        raise InvalidInput("give --transfers or set SAQBOL_TRANSFERS_PATH", field="transfers")
    try:
        column_map = parse_column_map(columns) if columns else None
    except ValueError as exc:
        raise InvalidInput(str(exc), field="columns") from None
    table = mule_batch.read_table(path)
    graph = build_graph(
        mule_batch.normalise(table, load_mule_rules().rates, column_map, time_unit).transfers
    )
    del table
    try:
        found = tracing.trace_event(graph, event_id, hops=hops, horizon_days=horizon_days)
    except NotFound as exc:
        raise InvalidInput(str(exc), field="event_id") from None
    result = tracing.trace_to_dict(found)
    if as_json:
        _print_json(result)
        return
    console.print(f"{event_id}: {result['amount']:,.0f} tenge, {len(result['hops']) - 1} transfers")
    for h in result["hops"][1:]:
        console.print(
            f"  {h['time']}  {h['from']} -> {h['to']} ({h['to_kind']})  "
            f"{h['traced']:,.0f} of {h['amount']:,.0f}",
            markup=False,
        )
    console.print("freeze:" if result["freeze"] else "freeze: nothing left in bank accounts")
    for f in result["freeze"]:
        console.print(f"  {f['account']}  {f['amount']:,.0f} tenge since {f['since']}")
    for c in result["cashed_out"]:
        console.print(f"  left via {c['kind']}: {c['to']}  {c['amount']:,.0f} tenge", markup=False)


def _mule_detector():  # type: ignore[no-untyped-def]
    from saqbol.services.mule_batch import default_detector

    return default_detector()


def _payment_detector():  # type: ignore[no-untyped-def]
    from saqbol.detectors.payments.detector import PaymentDetector
    from saqbol.models import load_payment_model
    from saqbol.rules import load_payment_rules

    return PaymentDetector(load_payment_rules(), load_payment_model())


def _read_reports(path: Path) -> Any:
    import polars as pl

    try:
        frame = pl.read_parquet(path) if path.suffix == ".parquet" else pl.read_csv(path)
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise InvalidInput(f"cannot read {path.name}: {exc}", field="reports") from None
    missing = {"reported_at", "type", "value"} - set(frame.columns)
    if missing:
        raise InvalidInput(f"missing columns: {', '.join(sorted(missing))}", field="reports")
    return frame.with_columns(pl.col("reported_at").cast(pl.Datetime("us", "UTC"), strict=False))


IinOption = Annotated[str, typer.Option("--iin", help="The citizen's IIN (12 digits).")]
CLI_LENDER = 0  # the key id recorded for checks made from the command line


def _ban_dict(ban: Any) -> dict[str, Any]:
    from saqbol.services import credit_ban

    if ban is None:
        return {"active": False}
    return {
        "active": True,
        "scope": credit_ban.scope_of(ban),
        "channel": ban.channel,
        "set_at": ban.set_at.isoformat(),
    }


@credit_app.command("set")
@cli_errors
def credit_ban_set(
    iin: IinOption,
    scope: Annotated[str, typer.Option(help="bank_loans, microcredits or both.")] = "both",
    channel: Annotated[str, typer.Option(help="online (remote loans only) or all.")] = "all",
    as_json: JsonFlag = False,
) -> None:
    """Set (or change) a citizen's ban, as the operator on the citizen's written request."""
    from saqbol.services import credit_ban

    with transaction(_factory()) as session:
        ban = credit_ban.set_ban(
            session=session,
            iin=iin,
            scope=scope,
            channel=channel,
            secret=get_settings().secret,
            now=_now(),
            actor=_actor(),
        )
        info = _ban_dict(ban)
    _print_json(info) if as_json else console.print(f"ban in force: {scope}, {channel}")


@credit_app.command("lift")
@cli_errors
def credit_ban_lift(iin: IinOption, as_json: JsonFlag = False) -> None:
    """Lift a citizen's ban (exit 2 when none is in force)."""
    from saqbol.errors import Conflict
    from saqbol.services import credit_ban

    try:
        with transaction(_factory()) as session:
            credit_ban.lift_ban(
                session=session, iin=iin, secret=get_settings().secret, now=_now(), actor=_actor()
            )
    except Conflict as exc:
        raise InvalidInput(exc.message, field=exc.field) from None
    _print_json({"active": False}) if as_json else console.print("ban lifted")


@credit_app.command("show")
@cli_errors
def credit_ban_show(iin: IinOption, as_json: JsonFlag = False) -> None:
    """Show the ban in force for an IIN."""
    from saqbol.services import credit_ban

    with read_only(_factory()) as session:
        info = _ban_dict(
            credit_ban.view_ban(session=session, iin=iin, secret=get_settings().secret)
        )
    if as_json:
        _print_json(info)
    elif info["active"]:
        console.print(f"ban in force since {info['set_at']}: {info['scope']}, {info['channel']}")
    else:
        console.print("no ban in force")


@credit_app.command("check")
@cli_errors
def credit_ban_check(
    iin: IinOption,
    product: Annotated[str, typer.Option(help="bank_loan or microcredit.")] = "bank_loan",
    channel: Annotated[str, typer.Option(help="online or offline.")] = "online",
    as_json: JsonFlag = False,
) -> None:
    """Check an IIN as a lender would: banned or not, and the check id (audited)."""
    from saqbol.services import credit_ban

    with transaction(_factory()) as session:
        row = credit_ban.check(
            session=session,
            lender_key_id=CLI_LENDER,
            iin=iin,
            product=product,
            channel=channel,
            secret=get_settings().secret,
            now=_now(),
            actor=_actor(),
        )
        info = {"banned": row.banned, "check_id": row.id}
    if as_json:
        _print_json(info)
    else:
        console.print(f"{'BANNED' if row.banned else 'not banned'} (check {info['check_id']})")


@credit_app.command("sign-in")
@cli_errors
def credit_ban_sign_in(
    iin: IinOption,
    minutes: Annotated[int, typer.Option(min=1, max=1440, help="How long it is valid.")] = 15,
) -> None:
    """Print a citizen token for an IIN (stands in for the eGov sign-in in tests and demos);
    send it as the X-Citizen-Token header with a citizen key."""
    from saqbol.services import citizen_token

    token = citizen_token.issue(iin, secret=get_settings().secret, now=_now(), ttl_s=minutes * 60)
    sys.stdout.write(token + "\n")
