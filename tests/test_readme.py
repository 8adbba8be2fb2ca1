"""The README is tested against the real CLI (as sqlite-utils does with its docs)."""
import re
import shlex
from pathlib import Path

from click.testing import CliRunner

from dossier.cli import COMMANDS, cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def readme_commands():
    blocks = re.findall(r"```sh\n(.*?)```", README, flags=re.S)
    for block in blocks:
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("dossier "):
                yield shlex.split(line)[1:]


def test_readme_starts_with_the_two_setup_commands():
    first = re.search(r"```sh\n(.*?)```", README, flags=re.S).group(1)
    cmds = [l.split("#")[0].strip() for l in first.splitlines() if l.split("#")[0].strip()]
    assert cmds == ["make demo", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci


def test_every_documented_command_and_option_exists():
    runner = CliRunner()
    seen = 0
    for argv in readme_commands():
        name = argv[0]
        assert name in COMMANDS, f"README documents unknown command {name!r}"
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, result.output
        for opt in (a for a in argv[1:] if a.startswith("--")):
            assert opt in result.output, f"`dossier {name}` has no option {opt} (README)"
        seen += 1
    assert seen >= 8


def test_makefile_targets_exist():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("demo:", "test:", "install:"):
        assert re.search(rf"^{target}", make, flags=re.M)
