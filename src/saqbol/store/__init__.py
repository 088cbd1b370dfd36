"""Storage: tables, engines, migrations. Only ``saqbol.services`` talks to it."""

from saqbol.store.migrate import upgrade
from saqbol.store.session import make_engine, make_session_factory, transaction
from saqbol.store.tables import ApiKey, AuditHead, AuditRecord, Base, Entity, Report, ReportEntity

__all__ = [
    "ApiKey",
    "AuditHead",
    "AuditRecord",
    "Base",
    "Entity",
    "Report",
    "ReportEntity",
    "make_engine",
    "make_session_factory",
    "transaction",
    "upgrade",
]
