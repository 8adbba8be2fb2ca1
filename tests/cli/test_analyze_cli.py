"""``dossier resolve|entities|actor|timeline|claims|export`` over a small resolved store."""
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "analyze"))
from analyze_fixtures import build_store  # noqa: E402

from dossier.cli import cli  # noqa: E402


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "cli.db"
    build_store(path).close()
    return str(path)


def run(*args):
    res = CliRunner().invoke(cli, list(args))
    return res


def test_entities_json(db):
    res = run("entities", "--db", db, "--format", "json")
    assert res.exit_code == 0, res.output
    ents = json.loads(res.output)
    assert any(e["name"] == "Steve Witkoff" and "Vitkoff" in e["aliases"] for e in ents)


def test_timeline_json_table_and_filters(db):
    res = run("timeline", "--db", db, "--format", "json")
    tl = json.loads(res.output)
    assert tl[0]["documents"] == ["a", "b", "b2"] and tl[0]["independent_reports"] == 2
    assert "reports" not in tl[0]
    res = run("timeline", "--db", db, "--format", "table", "--from", "2025-12-01", "--to", "2025-12",
              "--entity", "Vitkoff")
    assert res.exit_code == 0 and "Witkoff met Putin in Moscow" in res.output
    res = run("timeline", "--db", db, "--from", "yesterday")
    assert res.exit_code != 0 and "E302" in res.output


def test_actor_claims_resolve(db):
    res = run("actor", "Witkoff", "--db", db)
    assert res.exit_code == 0 and "Steve Witkoff" in res.output and "Vitkoff" in res.output
    res = run("actor", "Nobody", "--db", db)
    assert res.exit_code != 0 and "E203" in res.output
    res = run("claims", "--db", db, "--format", "json", "--about", "Putin")
    assert res.exit_code == 0 and len(json.loads(res.output)) == 2
    res = run("claims", "--db", db)
    assert "27 points vs 20 points" in res.output or "20 points vs 27 points" in res.output
    res = run("resolve", "--db", db, "--format", "json")
    assert json.loads(res.output)["timeline"] == 1


def test_export_formats(db, tmp_path):
    out = tmp_path / "net.graphml"
    res = run("export", "--db", db, "--format", "graphml", "-o", str(out))
    assert res.exit_code == 0
    ET.parse(out)
    res = run("export", "--db", db, "--format", "csv")
    assert res.output.splitlines()[0].startswith("event_id,date,event_type,mode,status,actor")
    res = run("export", "--db", db)
    assert all(json.loads(line)["kind"] for line in res.output.splitlines())


def test_a_missing_store_is_an_error_not_a_new_file(tmp_path):
    path = tmp_path / "nope.db"
    res = run("timeline", "--db", str(path))
    assert res.exit_code != 0 and "E200" in res.output
    assert not path.exists()


def test_tables_wrap_long_cells_rather_than_cut(db):
    """Narrow or piped, a table keeps every character of a cell: long ones wrap."""
    res = CliRunner().invoke(cli, ["claims", "--db", db], env={"COLUMNS": "80"})
    assert res.exit_code == 0 and "…" not in res.output
    words = set(res.output.split())
    assert {"the", "plan", "has", "27", "20", "points"} <= words
    assert max(len(line) for line in res.output.splitlines()) <= 80
    wide = CliRunner().invoke(cli, ["timeline", "--db", db], env={"COLUMNS": "200"})
    assert "Witkoff met Putin in Moscow" in wide.output and "Harbor Wire" in wide.output


def test_week_and_month_dates_sort_by_their_first_day():
    from dossier.cli.output import by_first_day
    rows = [{"date": d} for d in ("2025-12-07", None, "2025-W49", "2025-12", "2025-12-01",
                                  "XXXX-11-27", "2025-W49-WE", "2025-12-02")]
    assert [r["date"] for r in by_first_day(rows, "date")] == [
        "2025-12-01", "2025-W49", "2025-12", "2025-12-02", "2025-W49-WE", "2025-12-07",
        None, "XXXX-11-27"]


def test_table_wraps_a_cell_inside_its_column():
    from dossier.cli.output import table
    long = "Kremlin, Dmitriev and Witkoff met Kushner in Moscow on a cold Tuesday evening"
    out = table([{"date": "2025-12-02", "summary": long, "n": 6}], ["date", "summary", "n"],
                width=40)
    lines = out.splitlines()
    assert max(len(x) for x in lines) <= 40
    start = lines[0].index("summary")
    column = " ".join(x[start:start + 26].strip() for x in lines[2:])
    assert " ".join(column.split()).replace("- ", "-") == long
