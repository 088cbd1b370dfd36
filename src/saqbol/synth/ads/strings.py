"""Vectorised string building: numbers, phones, hex ids, IPs and list columns as Arrow arrays.

Hundreds of thousands of strings a second are only reachable without a Python object per row:
rows are laid out as byte matrices and handed to Arrow as one buffer plus offsets.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from saqbol.synth.calls.numbers import digit_matrix

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)


def from_rows(mat: np.ndarray, start: np.ndarray, stop: np.ndarray) -> pa.StringArray:
    """Row i of a (n, L) uint8 matrix, bytes start[i]:stop[i], as one Arrow string array."""
    n, width = mat.shape
    cols = np.arange(width)
    keep = (cols >= start[:, None]) & (cols < stop[:, None])
    offsets = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(stop - start, out=offsets[1:])
    return pa.StringArray.from_buffers(
        n, pa.py_buffer(offsets.astype(np.int32)), pa.py_buffer(mat[keep].tobytes())
    )


def grouped(values: np.ndarray) -> pa.StringArray:
    """Non-negative integers with thin spaces of thousands, as prices are written: 4 500 000."""
    width = 15
    values = np.clip(values, 0, 10**width - 1)
    digits = digit_matrix(values, width)
    sep = (width - np.arange(width)) % 3 == 0  # a space goes before these digit columns
    sep[0] = False
    pos = np.arange(width) + np.cumsum(sep)
    mat = np.full((len(values), int(pos[-1]) + 1), ord(" "), dtype=np.uint8)
    mat[:, pos] = digits
    ndig = np.searchsorted(10 ** np.arange(1, width, dtype=np.int64), values, side="right") + 1
    start = pos[width - ndig]
    return from_rows(mat, start, np.full(len(values), mat.shape[1]))


def layouts(patterns: Sequence[str], which: np.ndarray, digits: np.ndarray) -> pa.StringArray:
    """``patterns[which[i]]`` with its ``d`` places filled by row i of an ASCII digit matrix.

    Every pattern has as many ``d`` as the matrix has columns (``8 ddd ddd dd dd`` for a
    10-digit national number).
    """
    n = len(which)
    width = max(len(p.encode()) for p in patterns)
    mat = np.zeros((n, width), dtype=np.uint8)
    lengths = np.zeros(n, dtype=np.int64)
    for k, pattern in enumerate(patterns):
        rows = np.flatnonzero(which == k)
        if len(rows) == 0:
            continue
        raw = np.frombuffer(pattern.encode(), dtype=np.uint8)
        holes = np.flatnonzero(raw == ord("d"))
        block = np.tile(raw, (len(rows), 1))
        block[:, holes] = digits[rows][:, : len(holes)]
        mat[rows, : len(raw)] = block
        lengths[rows] = len(raw)
    return from_rows(mat, np.zeros(n, dtype=np.int64), lengths)


def prefixed_hex(prefixes: Sequence[str], which: np.ndarray, keys: np.ndarray) -> pa.StringArray:
    """``prefixes[which[i]]`` + 16 lower-case hex digits of the uint64 ``keys[i]``."""
    k = keys.astype(np.uint64)
    shifts = np.arange(60, -4, -4, dtype=np.uint64)
    hexes = _HEX[((k[:, None] >> shifts) & np.uint64(15)).astype(np.int64)]
    pre = [p.encode() for p in prefixes]
    width = max(len(p) for p in pre) + 16
    mat = np.zeros((len(k), width), dtype=np.uint8)
    lengths = np.zeros(len(k), dtype=np.int64)
    for j, p in enumerate(pre):
        rows = np.flatnonzero(which == j)
        mat[rows, : len(p)] = np.frombuffer(p, dtype=np.uint8)
        mat[rows, len(p) : len(p) + 16] = hexes[rows]
        lengths[rows] = len(p) + 16
    return from_rows(mat, np.zeros(len(k), dtype=np.int64), lengths)


def ipv4(addresses: np.ndarray) -> pa.StringArray:
    """Dotted quads of uint32 addresses."""
    a = addresses.astype(np.uint32)
    octets = [
        pa.array(((a >> np.uint32(s)) & np.uint32(255)).astype(np.uint8)) for s in (24, 16, 8, 0)
    ]
    return pc.binary_join_element_wise(*(pc.cast(o, pa.string()) for o in octets), ".")


def list_column(values: pa.Array, counts: np.ndarray) -> pa.ListArray:
    """A list per row: the next ``counts[i]`` values, in order."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int32)
    np.cumsum(counts, out=offsets[1:])
    return pa.ListArray.from_arrays(pa.array(offsets), values)


def optional_lists(columns: Sequence[pa.Array]) -> pa.ListArray:
    """Row i's list is the non-null ``columns[k][i]``, in column order (empty when none)."""
    n = len(columns[0])
    valid = np.column_stack([c.is_valid().to_numpy(zero_copy_only=False) for c in columns])
    rows, ks = np.nonzero(valid)  # row-major, so each row's values stay together, in order
    values = pa.concat_arrays(list(columns)).take(pa.array(ks.astype(np.int64) * n + rows))
    return list_column(values, valid.sum(axis=1))


def take(table: Sequence[str] | pa.Array, idx: np.ndarray) -> pa.Array:
    """``table[idx]`` as Arrow strings; -1 gives null."""
    arr = table if isinstance(table, pa.Array) else pa.array(list(table), pa.string())
    codes = idx.astype(np.int64)
    return arr.take(pa.array(codes, mask=codes < 0))
