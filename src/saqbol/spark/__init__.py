"""Apache Spark paths: the same detectors on a cluster, for banks too big for one machine.

Optional: needs ``pyspark`` and a Java runtime. Each module gives the same numbers as its
pure numpy twin in ``saqbol.detectors``; the tests compare them column by column.
"""
