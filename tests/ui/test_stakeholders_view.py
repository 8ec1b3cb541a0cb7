"""The Stakeholders view, driven as a user would: drag, arrow keys, clicks, dialogs."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from warroom.domain.filters import PostFilter
from warroom.store import logbook
from warroom.store.models import Author, StakeholderGroup
from warroom.store.stakeholders import get_group
from warroom.ui.stakeholders import StakeholdersView
from warroom.ui.stakeholders.heatmap import GAP_ROLE


def group_id(name):
    return StakeholderGroup.get(StakeholderGroup.name == name).id


def make_view(qtbot, ctx):
    view = StakeholdersView(ctx)
    qtbot.addWidget(view)
    view.resize(1300, 780)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: view.loads >= 1 and view.chart.points > 0, timeout=10_000)
    return view


def last_entry(db):
    return logbook.entries(db, since_seq=logbook.count(db) - 1)[0]


def drag(widget, start: QPoint, end: QPoint) -> None:
    """A real press-move-release with the left button held during the moves."""
    from PySide6.QtTest import QTest

    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 11):
        point = start + (end - start) * (step / 10)
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            QPointF(point),
            QPointF(widget.mapToGlobal(point)),
            Qt.MouseButton.NoButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        QApplication.sendEvent(widget, move)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)


def test_view_is_registered_and_truthful(qtbot, window):
    view = window.views["stakeholders"]
    assert not view.is_placeholder
    assert window.docks["stakeholders"].windowTitle() == "Stakeholders"
    qtbot.waitUntil(lambda: view.item_count() == 11, timeout=5000)
    assert len(view.grid.bubbles) == view.heatmap.heat_model.rowCount() == 11


def test_drag_changes_power_and_interest_and_is_logged(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    competitors = group_id("Competitors")
    assert (get_group(competitors).power, get_group(competitors).interest) == (2, 3)
    before = logbook.count(demo_crisis.db)
    grid = view.grid
    start = grid.bubble_centre(competitors).toPoint()
    end = grid.cell_centre(5, 5).toPoint()
    with qtbot.waitSignal(grid.group_moved, timeout=5000) as moved:
        drag(grid.viewport(), start, end)
    assert moved.args == [competitors, 5, 5]
    qtbot.waitUntil(lambda: get_group(competitors).power == 5, timeout=5000)
    assert get_group(competitors).interest == 5
    qtbot.waitUntil(lambda: logbook.count(demo_crisis.db) == before + 1, timeout=5000)
    entry = last_entry(demo_crisis.db)
    assert entry.automatic and entry.category == "system"
    assert "Competitors" in entry.text and "power 2 → 5" in entry.text
    assert "interest 3 → 5" in entry.text and "manage closely" in entry.text
    assert entry.links == (("stakeholder", competitors),)
    assert entry.on_behalf_of == "Inès Benali"
    # The grid redraws from the stored values: the bubble sits in its new cell.
    qtbot.waitUntil(
        lambda: competitors in grid.bubbles and grid.bubbles[competitors].power == 5,
        timeout=5000,
    )
    assert logbook.verify(demo_crisis.db).ok


def test_drop_in_the_same_cell_changes_nothing(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    media = group_id("Media / journalists")
    before = logbook.count(demo_crisis.db)
    start = view.grid.bubble_centre(media).toPoint()
    with qtbot.assertNotEmitted(view.grid.group_moved, wait=200):
        drag(view.grid.viewport(), start, start + QPoint(6, 4))
    assert logbook.count(demo_crisis.db) == before
    assert get_group(media).power == 4


def test_arrow_keys_move_the_selected_group(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    prospects = group_id("Prospects")
    qtbot.mouseClick(
        view.grid.viewport(),
        Qt.MouseButton.LeftButton,
        pos=view.grid.bubble_centre(prospects).toPoint(),
    )
    assert view.selected_group == prospects
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: get_group(prospects).power == 3, timeout=5000)
    assert "power 2 → 3" in last_entry(demo_crisis.db).text


def test_heat_map_click_asks_the_feed_for_that_group_and_channel(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    qtbot.mouseClick(view.heat_button, Qt.MouseButton.LeftButton)
    assert view.stack.currentWidget() is view.heatmap
    model = view.heatmap.heat_model
    customers = group_id("Affected customers")
    row = [g.id for g in view.matrix.groups].index(customers)
    column = view.matrix.channels.index("facebook")
    index = model.index(row, column)
    assert "30 posts" in model.data(index)
    assert model.data(index, GAP_ROLE) is True  # no statement on facebook, ever
    rect = view.heatmap.visualRect(index)
    with qtbot.waitSignal(ctx.navigator.show_posts, timeout=5000) as shown:
        qtbot.mouseClick(view.heatmap.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wanted = shown.args[0]
    assert isinstance(wanted, PostFilter)
    assert wanted.group_id == customers
    assert wanted.channels == frozenset({"facebook"})
    assert wanted.since is None  # whole crisis selected
    assert wanted.label == "Affected customers on facebook"
    # The keyboard does the same: move to the reddit cell, press Enter.
    view.heatmap.setFocus()
    view.heatmap.setCurrentIndex(model.index(row, view.matrix.channels.index("reddit")))
    with qtbot.waitSignal(ctx.navigator.show_posts, timeout=5000) as shown:
        qtbot.keyClick(view.heatmap, Qt.Key.Key_Return)
    assert shown.args[0].channels == frozenset({"reddit"})
    assert shown.args[0].group_id == customers


def test_heat_map_window_narrows_the_filter(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    view.set_mode(1)
    loads = view.loads
    view.window_box.setCurrentIndex(2)  # last 24 hours
    qtbot.waitUntil(lambda: view.loads > loads, timeout=5000)
    model = view.heatmap.heat_model
    twitter = view.matrix.channels.index("twitter")
    index = model.index(0, twitter)
    with qtbot.waitSignal(ctx.navigator.show_posts, timeout=5000) as shown:
        qtbot.mouseClick(
            view.heatmap.viewport(),
            Qt.MouseButton.LeftButton,
            pos=view.heatmap.visualRect(index).center(),
        )
    assert shown.args[0].since == view.matrix.as_of - view.window_box.currentData()


def test_models_follow_the_qt_contract(qtbot, qtmodeltester, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    qtmodeltester.check(view.heatmap.heat_model)
    view.open_members()
    qtbot.waitUntil(lambda: view.dialog.loaded >= 1, timeout=5000)
    qtmodeltester.check(view.dialog.model)
    view.dialog.reject()
    view.open_rules()
    qtbot.waitUntil(lambda: view.dialog.model.rowCount() > 0, timeout=5000)
    qtmodeltester.check(view.dialog.model)
    view.dialog.reject()


def test_group_editor_saves_and_logs(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    partners = group_id("Partners / suppliers")
    view.selected_group = partners
    qtbot.mouseClick(view.edit_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    assert dialog.name.text() == "Partners / suppliers"
    dialog.key_messages.setPlainText("Briefing partenaires à 14h ; contact dédié.")
    qtbot.mouseClick(dialog.channel_checks["support"], Qt.MouseButton.LeftButton)
    dialog.channel_weights["support"].setValue(0.4)
    dialog.owner.setCurrentText("Hugo Lefèvre")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    qtbot.waitUntil(lambda: get_group(partners).owner == "Hugo Lefèvre", timeout=5000)
    stored = get_group(partners)
    assert stored.key_messages.startswith("Briefing partenaires")
    assert dict(stored.channels) == {"linkedin": 1.0, "support": 0.4}
    text = last_entry(demo_crisis.db).text
    assert "owner — → Hugo Lefèvre" in text and "+support 0.4" in text
    assert "key messages edited" in text


def test_editor_refuses_a_duplicate_name_and_keeps_the_group(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    view.selected_group = group_id("Prospects")
    view.edit_group(view.selected_group)
    view.dialog.name.setText("Competitors")
    before = logbook.count(demo_crisis.db)
    view.dialog.accept()
    qtbot.waitUntil(lambda: "already exists" in view.message.text(), timeout=5000)
    assert view.message.isVisible()
    assert get_group(view.selected_group).name == "Prospects"
    assert logbook.count(demo_crisis.db) == before


def test_members_override_locks_an_author_in_a_group(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    qtbot.mouseClick(view.members_button, Qt.MouseButton.LeftButton)
    dialog = view.dialog
    qtbot.waitUntil(lambda: dialog.loaded >= 1, timeout=5000)
    # Opened from the selected group (Affected customers): look everywhere instead.
    assert dialog.filter.currentText() == "Affected customers"
    assert {row.group_name for row in dialog.model.rows} == {"Affected customers"}
    dialog.filter.setCurrentIndex(0)
    qtbot.waitUntil(lambda: dialog.model.rowCount() > 30, timeout=5000)
    loaded = dialog.loaded
    qtbot.keyClicks(dialog.search, "j_rousseau")
    qtbot.waitUntil(lambda: dialog.loaded > loaded and dialog.model.rowCount() == 1, timeout=5000)
    assert dialog.model.rows[0].group_name == "Media / journalists"
    rect = dialog.table.visualRect(dialog.model.index(0, 0))
    qtbot.mouseClick(dialog.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: dialog.reason.text().startswith("Why: rule #"), timeout=5000)
    dialog.target.setCurrentIndex(dialog.target.findText("Affected customers"))
    qtbot.mouseClick(dialog.assign_button, Qt.MouseButton.LeftButton)
    author = lambda: Author.get(Author.handle == "j_rousseau")  # noqa: E731
    qtbot.waitUntil(lambda: author().group_locked, timeout=5000)
    assert author().group.name == "Affected customers"
    assert "@j_rousseau (twitter) in “Affected customers”" in last_entry(demo_crisis.db).text
    qtbot.waitUntil(lambda: dialog.model.rows and dialog.model.rows[0].locked, timeout=5000)
    # Back to the rules: she is a journalist first.
    dialog.table.selectRow(0)
    qtbot.mouseClick(dialog.release_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not author().group_locked, timeout=5000)
    assert author().group.name == "Media / journalists"


def test_hostile_group_text_is_shown_as_plain_text(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    StakeholderGroup.update(
        name="<b>Clients</b> <img src=x>", expectations="\x07" + "x" * 5000
    ).where(StakeholderGroup.name == "Affected customers").execute()
    view = make_view(qtbot, ctx)
    assert view.panel.details.textFormat() == Qt.TextFormat.PlainText
    assert "<b>Clients</b> <img src=x>" in view.panel.details.text()
    model = view.heatmap.heat_model
    assert model.headerData(0, Qt.Orientation.Vertical).startswith("<b>Clients</b>")


def test_new_authors_join_their_group_live(qtbot, demo_crisis, make_context):
    from warroom.domain.timeutil import parse_utc
    from warroom.store.models import Post

    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    regulators = group_id("Regulators")
    posts_before = view.matrix.totals[regulators].posts
    db = demo_crisis.db

    def arrive():
        with db.atomic():
            author = Author.create(
                channel="twitter",
                handle="cnil_like",
                display_name="Autorité",
                kind="authority",
                profile="Autorité de protection des données personnelles",
                created_at=parse_utc("2021-03-11T20:00:00Z"),
            )
            Post.create(
                channel="twitter",
                external_id="live-1",
                author=author,
                text="Nous suivons la situation des données hébergées à Strasbourg.",
                created_at=parse_utc("2021-03-11T21:00:00Z"),
                fetched_at=parse_utc("2021-03-11T21:00:10Z"),
                reach=5000,
                sentiment=0.0,
            )

    ctx.runner.run_write(arrive, changed={"authors", "posts"})
    qtbot.waitUntil(lambda: view.matrix.totals[regulators].posts == posts_before + 1, timeout=5000)
    assert Author.get(Author.handle == "cnil_like").group.name == "Regulators"


def test_screenshots_of_both_modes(qtbot, demo_crisis, make_context, tmp_path):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    images = []
    for mode in (0, 1):
        view.set_mode(mode)
        qtbot.wait(50)
        path = tmp_path / f"stakeholders-{mode}.png"
        assert view.grab().save(str(path))
        images.append(QImage(str(path)))
    for image in images:
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 9)
            for y in range(0, image.height(), 9)
        }
        assert len(colours) > 20
    assert images[0] != images[1]


def test_gap_thresholds_dialog_changes_the_flags(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    customers = group_id("Affected customers")
    assert (customers, "facebook") in view.matrix.gaps
    view.open_thresholds()
    dialog = view.dialog
    assert dialog.hours["facebook"].value() == 6
    dialog.hours["facebook"].setValue(24 * 14)  # two weeks: the demo's 47 h are fine
    loads = view.loads
    dialog.accept()
    qtbot.waitUntil(lambda: view.loads > loads, timeout=5000)
    assert (customers, "facebook") not in view.matrix.gaps
    assert (customers, "twitter") in view.matrix.gaps
    assert "facebook 336 h" in last_entry(demo_crisis.db).text


def test_side_panel_follows_the_clicked_group(qtbot, demo_crisis, make_context):
    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    assert view.chart.marker_count() == 1  # Affected customers: the communiqué
    assert "14 of 30 members" in view.panel.reach.text()
    regulators = group_id("Regulators")
    centre = view.grid.bubble_centre(regulators).toPoint()
    qtbot.mouseClick(view.grid.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.waitUntil(lambda: view.chart.marker_count() == 0, timeout=5000)
    assert view.panel.details.text().startswith("Regulators — KEEP SATISFIED")
    assert "No published statement addresses this group yet." in view.panel.reach.text()
    assert view.chart.points > 0


def test_replay_cursor_shows_the_matrix_as_it_stood_read_only(qtbot, demo_crisis, make_context):
    """Per group, the posts counted at the cursor are exactly those its members had
    published by then; bubbles cannot be dragged or moved by keys, editing is off."""
    import sqlite3

    from warroom.domain.timeutil import format_utc, parse_utc

    ctx = make_context(demo_crisis)
    view = make_view(qtbot, ctx)
    assert view.window_box.currentData() is None  # the whole crisis
    conn = sqlite3.connect(demo_crisis.path)
    times = sorted(parse_utc(at) for (at,) in conn.execute("SELECT created_at FROM post"))
    when = times[len(times) // 3]
    expected = dict(
        conn.execute(
            "SELECT a.group_id, count(*) FROM post p JOIN author a ON a.id = p.author_id"
            " WHERE a.group_id IS NOT NULL AND p.created_at <= ? GROUP BY 1",
            (format_utc(when),),
        ).fetchall()
    )
    conn.close()
    live_posts = {g: t.posts for g, t in view.matrix.totals.items()}
    ctx.navigator.as_of_changed.emit(when)
    qtbot.waitUntil(lambda: view.matrix.as_of == when, timeout=10_000)
    got = {g: t.posts for g, t in view.matrix.totals.items() if t.posts}
    assert got == expected and got != {g: n for g, n in live_posts.items() if n}
    assert view.as_of.text().strip().startswith("Replay at")
    assert not view.edit_button.isEnabled() and not view.more_button.isEnabled()
    competitors = group_id("Competitors")
    before = logbook.count(demo_crisis.db)
    grid = view.grid
    with qtbot.assertNotEmitted(view.grid.group_moved, wait=200):
        drag(
            grid.viewport(),
            grid.bubble_centre(competitors).toPoint(),
            grid.cell_centre(5, 5).toPoint(),
        )
    qtbot.mouseClick(
        grid.viewport(), Qt.MouseButton.LeftButton, pos=grid.bubble_centre(competitors).toPoint()
    )
    grid.setFocus()
    qtbot.keyClick(grid, Qt.Key.Key_Up)
    qtbot.wait(200)
    assert (get_group(competitors).power, logbook.count(demo_crisis.db)) == (2, before)
    ctx.navigator.as_of_changed.emit(None)
    qtbot.waitUntil(lambda: {g: t.posts for g, t in view.matrix.totals.items()} == live_posts)
    assert view.edit_button.isEnabled()
    qtbot.keyClick(grid, Qt.Key.Key_Up)  # live again: the key moves the group
    qtbot.waitUntil(lambda: get_group(competitors).power == 3, timeout=5000)
