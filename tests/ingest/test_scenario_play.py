"""Playing scenarios into exercise crises: speed, pause/resume/jump, resume without
duplicates, exercise marking, and refusal to mix with a real crisis."""

from datetime import timedelta

import pytest

from tests.helpers.scenarios import mini, write
from warroom.app import EXIT_ERROR, EXIT_OK, main
from warroom.domain.scenario import parse_scenario
from warroom.domain.timeutil import parse_utc
from warroom.ingest.scenario import PlaybackClock, ScenarioPlayer
from warroom.ingest.scenario_expand import expand
from warroom.ingest.scenario_play import load_instantly, play_headless
from warroom.store import logbook
from warroom.store.crisis import crisis_info
from warroom.store.db import CrisisDatabase
from warroom.store.exercise import NotAnExercise, claim_for_exercise, deliveries
from warroom.store.models import Post, Rumor, Statement


class FakeTime:
    """A wall clock the test advances itself (the player's sleep moves it)."""

    def __init__(self):
        self.now = 1000.0
        self.slept = 0.0

    def __call__(self):
        return self.now

    def sleep(self, seconds):
        self.slept += seconds
        self.now += seconds


@pytest.mark.parametrize("speed", [1, 10, 100])
def test_speed_control_maps_wall_time_to_scenario_time(crisis, speed):
    scenario = parse_scenario(mini())
    fake = FakeTime()
    seen = []
    play_headless(
        crisis.db,
        scenario,
        speed=speed,
        clock=PlaybackClock(speed, now=fake),
        sleep=fake.sleep,
        progress=lambda p: seen.append((fake.now - 1000.0, p.position)),
        max_wait=3600,
    )
    last_step = max(s.at for s in expand(scenario))
    assert fake.slept == pytest.approx(last_step.total_seconds() / speed, rel=0.01)
    for wall, position in seen:  # scenario time = wall time × speed
        assert position.total_seconds() == pytest.approx(wall * speed, abs=1e-6)


def test_speed_outside_1_to_100_is_refused():
    with pytest.raises(ValueError, match="between 1 and 100"):
        PlaybackClock(0.5)
    clock = PlaybackClock(2)
    with pytest.raises(ValueError, match="between 1 and 100"):
        clock.set_speed(101)


def test_pause_resume_jump_and_speed_change():
    fake = FakeTime()
    steps = expand(parse_scenario(mini()))
    player = ScenarioPlayer(steps, PlaybackClock(10, now=fake))
    player.clock.start()
    fake.now += 30  # 300 s of scenario time
    first = player.due()
    assert first and all(s.at <= timedelta(seconds=300) for s in first)
    player.clock.pause()
    fake.now += 10_000
    assert player.due() == [] and player.clock.position() == timedelta(seconds=300)
    assert player.seconds_until_next() is None
    player.clock.resume()
    player.clock.set_speed(100)
    fake.now += 6  # 600 s more
    assert player.clock.position() == timedelta(seconds=900)
    player.clock.jump(timedelta(hours=1))
    jumped = player.due()
    assert jumped and max(s.at for s in jumped) <= timedelta(hours=1)
    with pytest.raises(ValueError, match="back in time"):
        player.clock.jump(timedelta(minutes=5))
    assert [s.kind for s in player.upcoming(3)][:1] == ["log"]


def test_instant_load_writes_every_kind_of_inject(crisis):
    scenario = parse_scenario(mini())
    report = load_instantly(crisis.db, scenario, rename=True)
    expected_posts = sum(1 for s in expand(scenario) if s.post is not None)
    assert report.posts == expected_posts == Post.select().count()
    info = crisis_info()
    assert info.is_exercise and info.display_name == "EXERCISE — Mini exercise"
    assert info.phase == "recovery" and info.opened_at == parse_utc("2021-03-10T00:00:00Z")
    rumor = Rumor.get()
    assert rumor.status == "corrected_at_source" and rumor.corrected_by == "Fire brigade"
    # The post that spread it before it was registered is linked to it.
    assert Post.get(Post.external_id == "f1").rumor_id == rumor.id
    assert rumor.rebuttal_statement_id == Statement.get().id
    # Replies from our own account mark the post they answer as answered.
    answered = Post.select().where(Post.answered_at.is_null(False)).count()
    assert answered > 5
    entries = logbook.entries(crisis.db, limit=100)
    texts = [e.text for e in entries]
    assert "Incoming call — Prefecture: Press point at 7" in texts
    assert "Press request — AFP: How many customers?" in texts
    assert entries[-2].amends == entries[-3].seq  # the amendment inject
    assert all(e.event_time >= parse_utc("2021-03-10T00:00:00Z") for e in entries)
    assert logbook.verify(crisis.db).ok
    assert {d["kind"] for d in deliveries()} >= {"post", "burst", "rumor", "call", "statement"}


def test_a_resumed_exercise_never_delivers_twice(crisis):
    scenario = parse_scenario(mini())
    load_instantly(crisis.db, scenario)
    posts, entries = Post.select().count(), logbook.count(crisis.db)
    again = load_instantly(crisis.db, scenario)
    assert (again.posts, again.injects) == (0, 0)
    assert (Post.select().count(), logbook.count(crisis.db)) == (posts, entries)


def test_real_crisis_with_data_is_refused_and_left_untouched(crisis):
    logbook.append(crisis.db, logbook.NewEntry(text="Real call", operator="Claire"))
    with pytest.raises(NotAnExercise, match="never mixed"):
        claim_for_exercise(crisis.db, "mini", "Director")
    assert not crisis_info().is_exercise and logbook.count(crisis.db) == 1


def test_an_empty_crisis_is_marked_as_exercise_and_logged(crisis):
    assert claim_for_exercise(crisis.db, "mini", "Director") is True
    assert crisis_info().is_exercise
    assert "EXERCISE" in logbook.entries(crisis.db)[0].text


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_plays_headless_into_a_new_exercise(tmp_path, capsys):
    doc = mini()
    for inject in doc["injects"]:  # squeeze the chronogramme into 70 seconds
        minutes = int(inject["at"][1:3]) * 60 + int(inject["at"][4:6])
        inject["at"] = minutes
    doc["injects"][1]["duration"] = 30
    doc["injects"][1]["answers"]["delay"]["twitter"] = 5
    path = write(tmp_path / "fast.json", doc)
    target = tmp_path / "exercise.warroom"
    code, out, _err = run(capsys, "scenario", "play", target, path, "--speed", 100, "--headless")
    assert code == EXIT_OK
    assert "call Prefecture: Press point at 7" in out
    assert out.strip().splitlines()[-1].startswith("EXERCISE mini:")
    crisis = CrisisDatabase.open(target)
    try:
        assert crisis_info().is_exercise
        assert Post.select().count() == sum(
            1 for s in expand(parse_scenario(doc)) if s.post is not None
        )
    finally:
        crisis.close()


def test_cli_refuses_real_crisis_and_bad_speed(tmp_path, capsys):
    real = tmp_path / "real.warroom"
    assert run(capsys, "new", real, "--name", "Real")[0] == EXIT_OK
    assert run(capsys, "log", real, "Appel du préfet")[0] == EXIT_OK
    code, _out, err = run(capsys, "scenario", "play", real, "bad-buzz", "--headless")
    assert code == EXIT_ERROR and "real crisis with data" in err
    code, _out, err = run(capsys, "scenario", "play", real, "bad-buzz", "--speed", "0")
    assert code == EXIT_ERROR and "between 1 and 100" in err


def test_cli_check_reports_problems_with_lines(tmp_path, capsys):
    doc = mini()
    doc["injects"][3]["claim"] = ""
    path = write(tmp_path / "bad.json", doc)
    code, _out, err = run(capsys, "scenario", "check", path)
    assert code == EXIT_ERROR
    assert "injects[3].claim: must be a non-empty text" in err and ": line " in err
    code, out, _err = run(capsys, "scenario", "check", "bad-buzz", "--json")
    assert code == EXIT_OK and '"name": "bad-buzz"' in out


def test_only_the_declared_amendment_amends(crisis):
    load_instantly(crisis.db, parse_scenario(mini()))
    amended = [e for e in logbook.entries(crisis.db, limit=100) if e.amends is not None]
    assert [e.text for e in amended] == ["Correction: next update at 16:40"]


def test_live_play_stamps_injects_with_their_arrival_time(crisis):
    from warroom.domain.timeutil import utcnow

    before = utcnow()
    fake = FakeTime()
    play_headless(crisis.db, parse_scenario(mini()), speed=100,
                  clock=PlaybackClock(100, now=fake), sleep=fake.sleep, max_wait=3600)  # fmt: skip
    after = utcnow()
    times = [p.created_at for p in Post.select()]
    assert all(before <= t <= after for t in times)  # never dated in the future


def test_stats_text_marks_the_exercise(tmp_path, capsys):
    target = tmp_path / "ex.warroom"
    path = write(tmp_path / "mini.json", mini())
    assert run(capsys, "scenario", "play", target, path, "--instant")[0] == EXIT_OK
    code, out, _err = run(capsys, "stats", target)
    assert code == EXIT_OK and out.splitlines()[0] == "EXERCISE — Mini exercise"


def test_the_writer_itself_refuses_a_real_crisis(crisis):
    logbook.append(crisis.db, logbook.NewEntry(text="Real call", operator="Claire"))
    with pytest.raises(NotAnExercise):
        load_instantly(crisis.db, parse_scenario(mini()), rename=False)
    assert Post.select().count() == 0 and not crisis_info().is_exercise
