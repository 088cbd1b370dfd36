"""One place to start Spark, so that local runs and a cluster differ only in configuration.

``local_session()`` is what tests, benchmarks and ``--spark`` use: two local cores, no web
UI, bound to the loopback address, UTC session time (the features read whole UTC seconds),
few shuffle partitions (a laptop-sized bank drowns in 200 tiny tasks) and quiet logs. A
cluster is the same call with another ``master`` (``spark://host:7077``, ``yarn``, ``k8s://…``)
and, where needed, more ``shuffle_partitions`` and ``conf``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOG4J2 = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = console
appender.console.type = Console
appender.console.name = console
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = %d{yy/MM/dd HH:mm:ss} %p %c{1}: %m%n%ex
"""
DEFAULTS: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.execution.arrow.pyspark.enabled": "true",
}


def local_session(
    master: str = "local[2]",
    app_name: str = "saqbol",
    *,
    shuffle_partitions: int = 8,
    driver_memory: str = "2g",
    conf: Mapping[str, str] | None = None,
) -> SparkSession:
    """A Spark session for ``master``; ``conf`` entries override the defaults here.

    Python workers run this interpreter (``sys.executable``) on a local master, so they see
    the same packages as the driver; on a cluster an existing ``PYSPARK_PYTHON`` is kept.
    ``driver_memory`` only applies when this call starts the JVM (the first session).
    """
    from pyspark.sql import SparkSession

    local = master.startswith("local")
    for name in ("PYSPARK_PYTHON", "PYSPARK_DRIVER_PYTHON"):
        if local:
            os.environ[name] = sys.executable
        else:
            os.environ.setdefault(name, sys.executable)
    settings = dict(DEFAULTS)
    settings["spark.sql.shuffle.partitions"] = str(shuffle_partitions)
    settings["spark.driver.memory"] = driver_memory
    if local:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
        settings["spark.driver.bindAddress"] = "127.0.0.1"
        settings["spark.driver.host"] = "127.0.0.1"
    settings["spark.driver.extraJavaOptions"] = f"-Dlog4j2.configurationFile={_log_config()}"
    settings |= dict(conf or {})
    builder = SparkSession.builder.master(master).appName(app_name)
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _log_config() -> Path:
    """Errors only: Spark's own default logs a page of warnings at every start."""
    path = Path(tempfile.gettempdir()) / "saqbol-spark-log4j2.properties"
    if not path.exists() or path.read_text() != LOG4J2:
        part = path.with_suffix(f".{os.getpid()}.tmp")
        part.write_text(LOG4J2)
        part.replace(path)  # atomic: two sessions starting at once read a whole file
    return path
