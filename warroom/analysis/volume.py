"""Volume series, robust baselines and spike detection (pure numpy, no Qt, no SQL).

A series is a count of posts per fixed interval. The baseline of an interval is the median
of the ``window`` intervals before it, and its spread the MAD (median absolute deviation):
both resist the spikes they are meant to reveal, and need no seasonality. An interval is a
spike when its count is at least ``multiple`` × the baseline (the L'Oréal case showed ×10),
at least ``min_count`` posts, and above baseline + ``mad_k`` × MAD.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np
import numpy.typing as npt

from warroom.domain.timeutil import to_utc

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class SpikeSettings:
    multiple: float = 3.0
    window: int = 12
    min_count: int = 20
    mad_k: float = 4.0
    min_history: int = 3  # intervals needed before anything is called a spike


@dataclass(frozen=True)
class Spike:
    index: int
    count: int
    baseline: float

    @property
    def ratio(self) -> float:
        return self.count / max(self.baseline, 1.0)


def bucketize(
    times: Iterable[datetime], start: datetime, interval: timedelta, buckets: int
) -> IntArray:
    """Count ``times`` into ``buckets`` intervals of ``interval`` from ``start``."""
    origin = to_utc(start).timestamp()
    step = interval.total_seconds()
    offsets = np.fromiter(
        ((to_utc(t).timestamp() - origin) // step for t in times), dtype=np.float64
    )
    inside = offsets[(offsets >= 0) & (offsets < buckets)].astype(np.int64)
    return np.bincount(inside, minlength=buckets).astype(np.int64)


def baseline(series: Sequence[int] | IntArray, window: int = 12) -> tuple[FloatArray, FloatArray]:
    """Rolling median and MAD of the ``window`` intervals *before* each interval.

    The first interval has no history: its baseline and spread are NaN.
    """
    values = np.asarray(series, dtype=np.float64)
    medians = np.full(values.shape, np.nan)
    mads = np.full(values.shape, np.nan)
    for index in range(1, len(values)):
        history = values[max(0, index - window) : index]
        median = float(np.median(history))
        medians[index] = median
        mads[index] = float(np.median(np.abs(history - median)))
    return medians, mads


def detect_spikes(
    series: Sequence[int] | IntArray, settings: SpikeSettings | None = None
) -> list[Spike]:
    """Every interval of ``series`` that is a spike against its own recent past."""
    rules = settings or SpikeSettings()
    values = np.asarray(series, dtype=np.int64)
    medians, mads = baseline(values, rules.window)
    spikes = []
    for index in range(rules.min_history, len(values)):
        count = int(values[index])
        base = float(medians[index])
        spread = float(mads[index])
        if count < rules.min_count:
            continue
        if count >= rules.multiple * max(base, 1.0) and count > base + rules.mad_k * spread:
            spikes.append(Spike(index, count, base))
    return spikes


def latest_spike(
    series: Sequence[int] | IntArray, settings: SpikeSettings | None = None
) -> Spike | None:
    """The spike at the last interval of ``series``, if it is one (for live alerts)."""
    values = np.asarray(series, dtype=np.int64)
    if len(values) == 0:
        return None
    found = detect_spikes(values, settings)
    return found[-1] if found and found[-1].index == len(values) - 1 else None


def negative_share(counts: IntArray, negatives: IntArray) -> FloatArray:
    """Share of negative posts per interval (NaN where there is no post)."""
    total = np.asarray(counts, dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, np.asarray(negatives, dtype=np.float64) / total, np.nan)


def choose_interval(span: timedelta, target_buckets: int = 120) -> timedelta:
    """A round interval (1 min … 1 day) giving about ``target_buckets`` bars over ``span``."""
    candidates = [1, 2, 5, 10, 15, 30, 60, 120, 180, 360, 720, 1440]
    minutes = max(span.total_seconds() / 60 / target_buckets, 1)
    for candidate in candidates:
        if candidate >= minutes:
            return timedelta(minutes=candidate)
    return timedelta(days=1)
