"""Shell conventions: every command's --help has a description and examples; completions for
bash, zsh and fish and a manual page are made from the parser."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tui.cli import build_parser, main

COMMANDS = ["due", "restore", "import", "export", "reminders", "policy", "completion", "man"]


@pytest.mark.parametrize("command", COMMANDS)
def test_each_command_s_help_has_a_description_and_examples(
    command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited:
        main([command, "--help"])
    assert exited.value.code == 0
    text = capsys.readouterr().out
    description = text.split("\n\n")[1]
    assert len(description.split()) >= 5
    examples = text.split("examples:\n", 1)[1]
    assert examples.count("  returns-tui ") >= 2


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_know_every_command_and_option(
    shell: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    for word in ("due", "import", "export", "decimal-comma", "date-format", "excel"):
        assert word in script
    if program := shutil.which(shell):
        path = tmp_path / f"completion.{shell}"
        path.write_text(script)
        checked = subprocess.run([program, "-n", str(path)], capture_output=True, text=True)
        assert checked.returncode == 0, checked.stderr


def test_the_manual_page_is_roff_with_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["man"]) == 0
    page = capsys.readouterr().out
    assert page.startswith(".TH RETURNS\\-TUI")
    for word in ("due", "import", "export", "restore", "within", "decimal\\-comma"):
        assert word in page
    assert build_parser().prog == "returns-tui"
    if groff := shutil.which("groff"):
        shown = subprocess.run(
            [groff, "-man", "-Tutf8", "-ww", "-z"], input=page, capture_output=True, text=True
        )
        assert (shown.returncode, shown.stderr) == (0, "")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize(
    "words",
    [
        ["import", "or"],
        ["--db", "or"],
        ["export", "csv", "-o", "or"],
        ["restore", "--backup", "or"],
    ],
    ids=" ".join,
)
def test_bash_completes_file_names_where_a_path_is_asked(
    words: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", "bash"]) == 0
    (tmp_path / "completion.bash").write_text(capsys.readouterr().out)
    (tmp_path / "orders.csv").write_text("")
    line = " ".join(["returns-tui", *words])
    asked = (
        f"source completion.bash; COMP_WORDS=({line}); COMP_CWORD={len(words)}; "
        f'COMP_LINE="{line}"; COMP_POINT=${{#COMP_LINE}}; '
        f"_shtab_returns_tui returns-tui {words[-1]} {words[-2]}; "
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(["bash", "-c", asked], cwd=tmp_path, capture_output=True, text=True)
    assert done.stdout.split() == ["orders.csv"], done.stderr


def test_the_manual_page_says_what_a_user_looks_up_and_no_machine_s_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["man"]) == 0
    page = capsys.readouterr().out
    headings = [line[4:] for line in page.splitlines() if line.startswith(".SH ")]
    for heading in ("NAME", "EXIT STATUS", "ENVIRONMENT", "FILES", "EXAMPLES"):
        assert heading in headings
    for word in ("RETURNS_TUI_DB", "NO_COLOR", "XDG_DATA_HOME", "journal", "seal", "backups"):
        assert word in page.replace("\\-", "-")
    assert str(Path.home()) not in page
    if lexgrog := shutil.which("lexgrog"):  # man-db's own reading of the NAME line
        (tmp_path / "returns-tui.1").write_text(page)
        said = subprocess.run([lexgrog, str(tmp_path / "returns-tui.1")], capture_output=True)
        assert b'"returns-tui - track marketplace returns' in said.stdout


def test_zsh_completes_file_names_where_a_path_is_asked(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["completion", "zsh"]) == 0
    script = capsys.readouterr().out
    for option in ('"--db[', '{-o,--output}"[', '"--backup[', '":a CSV file'):
        lines = [line for line in script.splitlines() if line.strip().startswith(option)]
        assert lines, option
        assert all(line.endswith(':_files"') for line in lines), lines
