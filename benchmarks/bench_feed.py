"""The Feed on a 1,000,000-post crisis, beside raw sqlite3 doing the same queries.

Figures (targets from issue #4): first screen (< 1 s), scroll to an arbitrary position,
apply a filter and run an FTS query (< 200 ms), and the longest GUI-thread stall while
500 posts/s are ingested for 60 s (< 50 ms), measured as the lateness of a 10 ms QTimer
heartbeat. Peers: raw sqlite3 running the same SQL on its own connection (the id list in
feed order, a first page by keyset, the OFFSET page a naive model would read) and raw
sqlite3 inserting the same batches.

    .venv/bin/python benchmarks/bench_feed.py [--posts 1000000] [--file PATH] [--seconds 60]

The crisis file is generated once (tests/helpers/bigcrisis.py, about a minute for 1M posts) and
kept at PATH (default: the system temp folder) for later runs.
"""

from __future__ import annotations

import argparse
import collections
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from tests.helpers.bigcrisis import T0, generate
from warroom.domain.timeutil import format_utc
from warroom.store.db import CrisisDatabase
from warroom.ui import gc_guard

ORDER = "ORDER BY created_at DESC, id DESC"
PAGE = "SELECT p.id, p.text, a.handle FROM post p JOIN author a ON a.id = p.author_id"
FTS = "id IN (SELECT rowid FROM post_fts WHERE post_fts MATCH ?)"


def spin(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def wait_until(predicate, timeout_s: float = 60) -> float:
    start = time.perf_counter()
    while not predicate():
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if time.perf_counter() - start > timeout_s:
            raise TimeoutError("the feed did not answer in time")
    return time.perf_counter() - start


def raw(conn: sqlite3.Connection, sql: str, params=()) -> tuple[float, int]:
    start = time.perf_counter()
    rows = conn.execute(sql, params).fetchall()
    return time.perf_counter() - start, len(rows)


def show(label: str, ours: float, peers: list[tuple[str, float]]) -> None:
    text = "  ".join(f"{name} {seconds * 1000:8.1f} ms" for name, seconds in peers)
    print(f"{label:34s} warroom {ours * 1000:8.1f} ms   | raw sqlite3: {text}")


def screen_painted(view) -> float:
    """Paint the visible rows (reads their pages) and return the time it took."""
    start = time.perf_counter()
    view.table.viewport().grab()
    return time.perf_counter() - start


def bench_open(ctx_factory, path: Path, conn: sqlite3.Connection):
    from warroom.ui.feed.view import FeedView

    start = time.perf_counter()
    ctx = ctx_factory()
    view = FeedView(ctx)
    view.resize(1400, 900)
    view.show()
    wait_until(lambda: view.model.rowCount() > 0)
    screen_painted(view)
    ours = time.perf_counter() - start
    wait_until(lambda: not view._loading)
    complete = time.perf_counter() - start
    # As the program does once its window is up (warroom.ui.gc_guard): what lives as long
    # as the window is left out of later garbage collections.
    gc_guard.install(QApplication.instance()).freeze_long_lived()
    ids_t, count = raw(conn, f"SELECT id FROM post {ORDER}")
    page_t, _ = raw(conn, f"{PAGE} ORDER BY p.created_at DESC, p.id DESC LIMIT 40")
    show(
        f"first screen ({count:,} posts)",
        ours,
        [("first page", page_t)],
    )
    show("  whole list (scrollbar)", complete, [("id list", ids_t)])
    return ctx, view


def bench_scroll(view, conn: sqlite3.Connection) -> None:
    row = int(view.model.rowCount() * 0.61)
    start = time.perf_counter()
    view.table.scrollTo(view.model.index(row, 0))
    QApplication.processEvents()
    screen_painted(view)
    ours = time.perf_counter() - start
    offset_t, _ = raw(conn, f"{PAGE} ORDER BY p.created_at DESC, p.id DESC LIMIT 40 OFFSET {row}")
    anchor = view.model.post_id(row)
    (at,) = conn.execute("SELECT created_at FROM post WHERE id = ?", (anchor,)).fetchone()
    keyset_t, _ = raw(
        conn,
        f"{PAGE} WHERE (p.created_at, p.id) <= (?, ?) ORDER BY p.created_at DESC, p.id DESC"
        " LIMIT 40",
        (at, anchor),
    )
    show(f"scroll to row {row:,}", ours, [("OFFSET page", offset_t), ("keyset page", keyset_t)])


def bench_filter(view, conn: sqlite3.Connection, label: str, apply, where: str, params) -> None:
    generation = view._generation
    resets = []
    view.model.modelReset.connect(lambda: resets.append(time.perf_counter()))
    start = time.perf_counter()
    apply()
    wait_until(lambda: view._generation > generation and bool(resets))
    screen_painted(view)
    first = time.perf_counter() - start
    wait_until(lambda: not view._loading)
    complete = time.perf_counter() - start
    ids_t, count = raw(conn, f"SELECT id FROM post WHERE {where} {ORDER}", params)
    page_t, _ = raw(
        conn,
        f"{PAGE} WHERE {where.replace('channel', 'p.channel').replace('id IN', 'p.id IN')}"
        " ORDER BY p.created_at DESC, p.id DESC LIMIT 40",
        params,
    )
    assert view.model.rowCount() == count, (view.model.rowCount(), count)
    show(f"{label} ({count:,} posts)", first, [("first page", page_t)])
    show("  whole list (scrollbar)", complete, [("id list", ids_t)])


class Heartbeat:
    """A 10 ms QTimer; how late each beat comes is how long the GUI thread was busy."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.lateness: list[float] = []
        self.timer = QTimer()
        self.timer.setInterval(10)
        self.timer.timeout.connect(self._beat)
        self.last = 0

    def start(self) -> None:
        self.clock.start()
        self.last = self.clock.nsecsElapsed()
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _beat(self) -> None:
        now = self.clock.nsecsElapsed()
        self.lateness.append((now - self.last) / 1e6 - 10)
        self.last = now

    def summary(self) -> tuple[float, float, int]:
        values = sorted(self.lateness) or [0.0]
        p99 = values[min(len(values) - 1, int(len(values) * 0.99))]
        return values[-1], p99, sum(1 for v in values if v > 50)


class StallTracer:
    """``--trace-stalls``: a thread that, while the GUI heartbeat is late by more than
    ``threshold_ms``, samples the GUI thread's Python stack every 5 ms, and prints the
    innermost frames seen most often — what the GUI thread was doing when it stalled."""

    def __init__(self, heart: Heartbeat, threshold_ms: float = 30.0) -> None:
        import threading

        self.heart, self.threshold = heart, threshold_ms
        self.main = threading.main_thread().ident
        self.samples: collections.Counter[str] = collections.Counter()
        self.others: collections.Counter[str] = collections.Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def start(self) -> None:
        import gc

        self._gc_started = 0.0
        self.collections: list[tuple[int, float]] = []  # (generation, ms) of each collection
        gc.callbacks.append(self._on_gc)
        self._thread.start()

    def _on_gc(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._gc_started = time.perf_counter()
        else:
            self.collections.append(
                (info["generation"], (time.perf_counter() - self._gc_started) * 1000)
            )

    def stop(self) -> None:
        import gc

        gc.callbacks.remove(self._on_gc)
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        import sys
        import threading
        import traceback

        while not self._stop.wait(0.005):
            late = (self.heart.clock.nsecsElapsed() - self.heart.last) / 1e6 - 10
            if late < self.threshold:
                continue
            frames = sys._current_frames()
            frame = frames.pop(self.main, None)
            if frame is None:
                continue
            stack = traceback.extract_stack(frame)[-4:]
            where = " <- ".join(
                f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(stack)
            )
            self.samples[where] += 1
            for ident, other in frames.items():  # what the other threads were doing
                if ident == threading.get_ident():
                    continue
                top = traceback.extract_stack(other)[-2:]
                self.others[
                    " <- ".join(
                        f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(top)
                    )
                ] += 1

    def report(self) -> None:
        print(f"stall samples (GUI thread, every 5 ms while > {self.threshold:.0f} ms late):")
        for stack, count in self.samples.most_common(12):
            print(f"  {count:4d}  {stack}")
        for generation in (0, 1, 2):
            times = [ms for g, ms in self.collections if g == generation]
            if times:
                print(
                    f"  garbage collections of generation {generation}: {len(times)},"
                    f" longest {max(times):.1f} ms, total {sum(times):.0f} ms"
                )
        print("meanwhile in the other threads:")
        for stack, count in self.others.most_common(12):
            print(f"  {count:4d}  {stack}")


def bench_ingest(ctx, view, path: Path, seconds: int, rate: int, trace: bool = False) -> None:
    """Insert ``rate`` posts/s in batches of rate/10 through the writer pool, announce
    them on "posts", and time the GUI heartbeat meanwhile."""
    db = ctx.crisis.db
    chart_before, generation = view.chart.series, view._generation
    view.bar.clear()
    if view._generation == generation:  # the filter was clear already: reload it anyway
        view.refresh()
    wait_until(lambda: not view._loading)
    # The chart of the cleared filter (the volume over the whole crisis, seconds at 1M
    # posts) must be in before the heartbeat starts: its arrival is the filter change's
    # cost, not the ingestion's.
    wait_until(lambda: view.chart.series is not chart_before)
    view.table.scrollTo(view.model.index(5000, 0))
    spin(2000)
    batch = rate // 10
    counter = {"n": 0, "insert_s": []}
    run = int(time.time())  # external ids unique across runs on the same file
    base = db.execute_sql("SELECT max(id) FROM post").fetchone()[0]
    when = format_utc(T0.replace(year=2031))

    def insert_batch() -> None:
        started = time.perf_counter()
        first = counter["n"]
        rows = [
            (
                "twitter",
                f"live-{run}-{first + i}",
                1 + (first + i) % 1000,
                f"Arrivée en direct {first + i} #hexacloud",
                when,
                when,
            )
            for i in range(batch)
        ]
        counter["n"] += batch
        with db.atomic():
            db.cursor().executemany(
                "INSERT INTO post (channel, external_id, author_id, text, created_at,"
                " fetched_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        counter["insert_s"].append(time.perf_counter() - started)

    heart = Heartbeat()
    feeder = QTimer()
    feeder.setInterval(100)
    feeder.timeout.connect(lambda: ctx.runner.run_write(insert_batch, changed={"posts"}))
    tracer = StallTracer(heart) if trace else None
    heart.start()
    if tracer:
        tracer.start()
    feeder.start()
    spin(seconds * 1000)
    feeder.stop()
    during = heart.summary()
    if tracer:
        tracer.stop()
        tracer.report()
    ctx.runner.writer.waitForDone()
    wait_until(lambda: view.model.rowCount() >= 0 and not view._loading)
    spin(1000)
    heart.stop()
    arrived = db.execute_sql("SELECT count(*) FROM post WHERE id > ?", (base,)).fetchone()[0]
    peer = sqlite3.connect(path)
    peer_times = []
    for n in range(50):
        rows = [
            ("twitter", f"peer-{run}-{n}-{i}", 1, f"Arrivée pair {i}", when, when)
            for i in range(batch)
        ]
        started = time.perf_counter()
        with peer:
            peer.executemany(
                "INSERT INTO post (channel, external_id, author_id, text, created_at,"
                " fetched_at) VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
        peer_times.append(time.perf_counter() - started)
    peer.close()
    mean_store = sum(counter["insert_s"]) / max(1, len(counter["insert_s"]))
    print(
        f"ingest {rate}/s for {seconds} s: {arrived:,} posts stored, feed rows now "
        f"{view.model.rowCount():,}"
    )
    quiet = Heartbeat()
    quiet.start()
    spin(10_000)
    quiet.stop()
    idle = quiet.summary()
    print(
        f"{'longest GUI stall':34s} warroom {during[0]:8.1f} ms (p99 {during[1]:.1f} ms, "
        f"{during[2]} beats > 50 ms)   | the same heartbeat with nothing to do: "
        f"{idle[0]:.1f} ms (p99 {idle[1]:.1f} ms, {idle[2]} beats > 50 ms)"
    )
    print(
        f"{'insert a batch of ' + str(batch):34s} warroom writer {mean_store * 1000:8.1f} ms mean"
        f"   | raw sqlite3 {sum(peer_times) / len(peer_times) * 1000:.1f} ms mean"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--file", type=Path, default=None)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--rate", type=int, default=500)
    parser.add_argument(
        "--trace-stalls", action="store_true", help="print what the GUI thread did when late"
    )
    parser.add_argument("--ingest-only", action="store_true", help="skip to the ingestion")
    args = parser.parse_args()
    path = args.file or Path(tempfile.gettempdir()) / f"warroom-bench-{args.posts}.warroom"
    if not path.exists():
        began = time.perf_counter()
        generate(path, args.posts)
        print(f"generated {args.posts:,} posts in {time.perf_counter() - began:.0f} s: {path}")
    os.environ.setdefault("WARROOM_CONFIG_DIR", tempfile.mkdtemp())
    from warroom.ui.application import build_context, ensure_app, make_settings

    ensure_app()
    conn = sqlite3.connect(path)
    # Warm the OS cache with the whole file first, so that neither side pays for cold
    # reads the other one then gets for free.
    began = time.perf_counter()
    conn.execute("SELECT sum(length(text)), sum(likes) FROM post").fetchall()
    conn.execute(f"SELECT id FROM post {ORDER}").fetchall()
    conn.execute("SELECT count(*) FROM post_fts WHERE post_fts MATCH 'hexacloud OR a*'").fetchall()
    print(f"(cache warmed in {time.perf_counter() - began:.1f} s)")

    def make_ctx():
        return build_context(CrisisDatabase.open(path), make_settings(), "Bench")

    ctx, view = bench_open(make_ctx, path, conn)
    if args.ingest_only:
        bench_ingest(ctx, view, path, args.seconds, args.rate, args.trace_stalls)
        ctx.runner.shutdown()
        ctx.crisis.close()
        conn.close()
        return 0
    bench_scroll(view, conn)
    bar = view.bar
    bench_filter(
        view,
        conn,
        "filter channel = facebook",
        lambda: bar._channel_actions["facebook"].setChecked(True),
        "channel = ?",
        ("facebook",),
    )
    bar._channel_actions["facebook"].setChecked(False)
    wait_until(lambda: not view._loading)

    def search(text: str):
        bar.search.setText(text)
        bar.search.returnPressed.emit()

    bench_filter(
        view,
        conn,
        'FTS "classé seveso"',
        lambda: search('"classé seveso"'),
        FTS,
        ('"classe seveso"',),
    )
    bench_filter(view, conn, "FTS prefix sauv*", lambda: search("sauv*"), FTS, ('"sauv"*',))
    bench_ingest(ctx, view, path, args.seconds, args.rate, args.trace_stalls)
    ctx.runner.shutdown()
    ctx.crisis.close()
    conn.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
