"""Features working together, as the integrator wired them in the composition roots."""

import json

from warroom.app import EXIT_OK, main
from warroom.store.db import CrisisDatabase
from warroom.store.models import Post


def test_import_scores_language_and_sentiment(tmp_path, capsys):
    crisis = tmp_path / "c.warroom"
    assert main(["new", str(crisis), "--name", "Import"]) == EXIT_OK
    lines = [
        {
            "channel": "twitter",
            "id": "1",
            "created_at": "2021-03-10T08:00:00Z",
            "author": "client_a",
            "text": "Service horrible, aucune réponse, c'est une honte !",
        },
        {
            "channel": "twitter",
            "id": "2",
            "created_at": "2021-03-10T08:01:00Z",
            "author": "client_b",
            "text": "Thank you, great support team, wonderful work!",
        },
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in lines), "utf-8")
    assert main(["import", str(crisis), str(path)]) == EXIT_OK
    capsys.readouterr()
    db = CrisisDatabase.open(crisis)
    try:
        rows = {p.external_id: p for p in Post.select()}
    finally:
        db.close()
    assert rows["1"].lang == "fr" and rows["2"].lang == "en"
    assert rows["1"].sentiment < 0 < rows["2"].sentiment
