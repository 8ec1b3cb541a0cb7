"""Baselines and spike detection on synthetic series and on real Twitter15 cascades."""

import ast
from datetime import UTC, datetime, timedelta

import numpy as np

from tests.conftest import SHARED_DATA
from warroom.analysis import volume

TREES = SHARED_DATA / "propagation" / "twitter15" / "tree"


def test_flat_noisy_series_has_no_spike_and_a_tenfold_burst_is_found():
    rng = np.random.default_rng(7)
    series = rng.poisson(30, 96)
    assert volume.detect_spikes(series) == []
    series[60] = 300  # the L'Oréal case: ten times the usual volume
    spikes = volume.detect_spikes(series, volume.SpikeSettings(multiple=5))
    assert [s.index for s in spikes] == [60]
    assert spikes[0].ratio > 8
    assert volume.latest_spike(series[:61]).index == 60
    assert volume.latest_spike(series[:62]) is None


def test_baseline_is_robust_to_the_spike_itself():
    series = [10] * 20 + [500] + [10] * 5
    medians, mads = volume.baseline(series, window=12)
    assert np.isnan(medians[0])
    assert medians[21] == 10  # the spike does not lift the baseline after it
    assert mads[21] == 0


def test_small_counts_never_alert():
    assert volume.detect_spikes([0, 0, 0, 1, 0, 0, 9, 0]) == []


def test_bucketize_and_negative_share():
    start = datetime(2021, 3, 10, tzinfo=UTC)
    times = [start + timedelta(minutes=m) for m in (0, 1, 14, 15, 59, 60, -5)]
    counts = volume.bucketize(times, start, timedelta(minutes=15), 4)
    assert counts.tolist() == [3, 1, 0, 1]
    share = volume.negative_share(np.array([4, 0]), np.array([1, 0]))
    assert share[0] == 0.25 and np.isnan(share[1])
    assert volume.choose_interval(timedelta(days=3)) == timedelta(minutes=60)
    assert volume.choose_interval(timedelta(hours=1)) == timedelta(minutes=1)


def _delays(path):
    delays = []
    for line in path.read_text().splitlines():
        if "->" not in line:
            continue
        child = ast.literal_eval(line.split("->")[1])
        delays.append(float(child[2]))
    return delays


def test_real_twitter15_cascades_spike_at_their_start():
    """A rumor cascade is a burst: its first intervals dwarf the quiet that precedes it."""
    trees = sorted(TREES.glob("*.txt"))
    assert len(trees) >= 50
    found = 0
    for path in trees[:50]:
        delays = [d for d in _delays(path) if d >= 0]
        if len(delays) < 80:
            continue
        start = datetime(2015, 1, 1, tzinfo=UTC)
        # Six quiet hours of background chatter (2 posts per 10 minutes), then the cascade.
        times = [start + timedelta(minutes=5 + 10 * i) for i in range(36) for _ in range(2)]
        onset = start + timedelta(hours=6)
        times += [onset + timedelta(minutes=d) for d in delays]
        series = volume.bucketize(times, start, timedelta(minutes=10), 72)
        spikes = volume.detect_spikes(series, volume.SpikeSettings(min_count=5))
        assert spikes, f"{path.name}: no spike in {series.tolist()}"
        # Within two hours of the onset, never during the quiet hours before it.
        assert 36 <= spikes[0].index < 48, f"{path.name}: first spike at {spikes[0].index}"
        assert all(s.index >= 36 for s in spikes)
        found += 1
    assert found >= 10
