"""The user's own policy files: laid over the bundled ones field by field, a new marketplace
added, a bad file refused in one line naming file and field, and `returns-tui policy`."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tui.cli
from tests.builders import a_case
from tui.cli import main
from tui.domain.policy import RULE_NAMES
from tui.domain.settings import Settings
from tui.store.case_store import CaseStore
from tui.store.locations import bundled_data_path, user_policy_folder
from tui.store.policies import (
    bundled_policies,
    forget_loaded_policies,
    policies_in_force,
    rule_book,
)

GENERIC_FILE = bundled_data_path("policies") / "generic.json"


@pytest.fixture
def yours(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty user policy folder of this test's own, read afresh."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = user_policy_folder()
    assert folder.is_relative_to(tmp_path)
    folder.mkdir(parents=True)
    forget_loaded_policies()
    yield folder
    forget_loaded_policies()


def write(folder: Path, name: str, data: Any) -> Path:
    path = folder / name
    path.write_text(data if isinstance(data, str) else json.dumps(data))
    return path


def test_a_user_file_changes_only_the_fields_it_gives(yours: Path) -> None:
    path = write(
        yours,
        "aliexpress.json",
        {
            "rules": {
                "return_window_days": {"value": 20},
                "refund_business_days": {"value": {"card": [2, 9]}},
            }
        },
    )
    bundled = bundled_policies()["AliExpress"]
    mine = policies_in_force().policies["AliExpress"]
    assert mine.return_window_days == 20
    refunds = mine.refund_business_days
    assert (refunds["card"].fastest, refunds["card"].slowest) == (2, 9)
    assert {m: t for m, t in refunds.items() if m != "card"} == {
        m: t for m, t in bundled.refund_business_days.items() if m != "card"
    }
    for rule in RULE_NAMES:
        if rule not in ("return_window_days", "refund_business_days"):
            assert getattr(mine, rule) == getattr(bundled, rule), rule
            assert mine.sources[rule] == bundled.sources[rule], rule
    # The guide no longer vouches for the number: the user's file does.
    cited = mine.sources["return_window_days"]
    assert (cited.says, cited.certainty) == ("your file", "L")
    assert str(path) in cited.source
    assert bundled_policies()["AliExpress"].return_window_days == 15


def test_a_user_file_moves_only_its_deadline_in_due(
    yours: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store_path = tmp_path / "returns.json"
    store = CaseStore.open(store_path)
    store.save(a_case())  # received 2026-11-10: the bundled window closes 2026-11-25
    store.close()

    explained: dict[str, str] = {}

    def due() -> dict[str, str]:
        forget_loaded_policies()
        arguments = ["due", "--db", str(store_path), "--as-of", "2026-11-11", "--within", "90"]
        main([*arguments, "--json"])
        items = json.loads(capsys.readouterr().out)
        explained.update({item["kind"]: item["explanation"] for item in items})
        return {item["kind"]: item["date"] for item in items}

    before = due()
    write(yours, "aliexpress.json", {"rules": {"return_window_days": {"value": 20}}})
    after = due()
    assert (before["return_window"], after["return_window"]) == ("2026-11-25", "2026-11-30")
    # The shopper set the number: it is theirs, not "assumed".
    assert explained["return_window"].endswith("+ 20 days, the seller's window (your file)")
    del before["return_window"], after["return_window"]
    assert before == after
    assert before  # the other deadlines are there, unchanged


def test_a_user_file_with_a_new_name_adds_a_marketplace(yours: Path) -> None:
    data = json.loads(GENERIC_FILE.read_text())
    data["name"] = "Temu"
    data["has_disputes"] = True
    data["rules"]["return_window_days"]["value"] = 90
    write(yours, "temu.json", data)
    book = rule_book(Settings())
    assert book.knows("temu.com")
    temu = book.policy_for(a_case(marketplace="Temu"))
    assert (temu.name, temu.has_disputes, temu.return_window_days) == ("Temu", True, 90)
    assert book.policy_for(a_case()).name == "AliExpress"


def test_a_new_marketplace_missing_rules_says_which(
    yours: Path, demo_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(yours, "temu.json", {"rules": {"return_window_days": {"value": 90}}})
    assert main(["due", "--db", str(demo_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "temu.json: rules: missing free_return_days, follow_up_days," in err
    assert "so this file must give every rule; start from a copy of" in err


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('{"rules": {"return_window_days": {"value": 30}}', "line 1 column 48: not JSON"),
        ({"rules": {"return_window_days": {"value": "30"}}}, "return_window_days: must be a whole"),
        ({"rules": {"return_window_days": {"value": 9999}}}, "return_window_days: must be a whole"),
        ({"rules": {"return_windw_days": {"value": 30}}}, "return_windw_days: is not a field"),
        ({"rules": {"ship_back_days": {"vlaue": 3}}}, "ship_back_days.vlaue: is not a field"),
        ({"has_disputes": "no"}, "has_disputes: must be true or false"),
        ({"name": "Ali Market"}, "name: must stay 'AliExpress'"),
        ([1, 2], "must hold one JSON object"),
    ],
)
def test_a_bad_user_file_is_refused_in_one_line_naming_file_and_field(
    yours: Path,
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: Any,
    said: str,
) -> None:
    path = write(yours, "aliexpress.json", content)
    for command in (["due"], ["export", "csv"]):
        forget_loaded_policies()
        assert main([*command, "--db", str(demo_path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert captured.err.count("\n") == 1
        assert captured.err.startswith(f"returns-tui: {path}: ")
        assert said in captured.err


def test_a_bad_user_file_stops_the_app_before_it_starts(
    yours: Path,
    demo_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def started(*_: object, **__: object) -> int:
        raise AssertionError("the app started")

    monkeypatch.setattr(tui.cli, "_run_app", started)
    write(yours, "generic.json", {"rules": {"follow_up_days": {"value": -1}}})
    assert main(["--db", str(demo_path)]) == 2
    assert "generic.json: follow_up_days: must be a whole number of days" in capsys.readouterr().err


def test_policy_path_names_both_folders_and_whether_yours_exists(
    yours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "--path"]) == 0
    out = capsys.readouterr().out
    assert f"your policies:    {yours} (exists)" in out
    assert f"bundled policies: {bundled_data_path('policies')}" in out
    yours.rmdir()
    assert main(["policy", "--path"]) == 0
    assert "(does not exist: create it to add files)" in capsys.readouterr().out


def rows(out: str) -> dict[str, list[str]]:
    table = out.split("\n\n", 1)[1].splitlines()[1:]
    return {line.split()[0]: line.split()[1:] for line in table}


def test_policy_show_lists_each_number_with_its_file(
    yours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write(yours, "aliexpress.json", {"rules": {"return_window_days": {"value": 20}}})
    assert main(["policy", "--show", "AliExpress.com"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AliExpress: the numbers in force\n")
    assert f"  bundled: {bundled_data_path('policies') / 'aliexpress.json'}\n" in out
    assert f"  yours:   {path}\n" in out
    shown = rows(out)
    assert set(shown) == {"has_disputes", "order_page", *RULE_NAMES}
    assert shown["return_window_days"] == ["20", "days", "yours"]
    assert shown["free_return_days"] == ["15", "days", "bundled"]
    assert shown["has_disputes"] == ["yes", "bundled"]
    assert shown["non_returnable_categories"][-1] == "bundled"


def test_policy_show_of_an_unknown_marketplace_shows_the_generic_policy(
    yours: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["policy", "--show", "Corner shop"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(
        "'Corner shop' has no policy of its own: it follows the generic policy "
        "(Generic online store).\nGeneric online store: the numbers in force\n"
    )
    assert "yours:" not in out
    assert rows(out.split("\n", 1)[1])["return_window_days"] == ["30", "days", "bundled"]


def test_no_user_folder_means_the_bundled_policies(yours: Path) -> None:
    yours.rmdir()
    assert policies_in_force().policies == bundled_policies()
