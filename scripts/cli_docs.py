"""Write docs/cli.md from the commands' own ``--help`` (``tests/test_docs.py`` fails when the
file is stale).

    python scripts/cli_docs.py          # rewrite docs/cli.md
    python scripts/cli_docs.py --check  # exit 1 if docs/cli.md is not what it would write
"""
from __future__ import annotations

import sys
from pathlib import Path

import click

DOCS = Path(__file__).resolve().parent.parent / "docs" / "cli.md"
WIDTH = 88

HEADER = """# The `dossier` command

Generated from `dossier --help` and each command's `--help` by `scripts/cli_docs.py`; do not
edit by hand (run `python scripts/cli_docs.py` after changing an option; `tests/test_docs.py`
fails when this file is stale).
"""


def _help(command: click.Command, name: str, parent: click.Context | None = None) -> str:
    ctx = click.Context(command, info_name=name, parent=parent, terminal_width=WIDTH,
                        max_content_width=WIDTH)
    return ctx.get_help()


def render() -> str:
    from dossier.cli import cli
    root = click.Context(cli, info_name="dossier", terminal_width=WIDTH, max_content_width=WIDTH,
                         **cli.context_settings)
    parts = [HEADER, "```\n" + root.get_help() + "\n```\n"]
    for name in cli.list_commands(root):
        command = cli.get_command(root, name)
        parts.append(f"## dossier {name}\n\n```\n{_help(command, name, root)}\n```\n")
    return "\n".join(parts)


def main(argv: list[str]) -> int:
    text = render()
    if "--check" in argv:
        if DOCS.read_text("utf-8") != text:
            print(f"{DOCS} is stale: run python scripts/cli_docs.py", file=sys.stderr)
            return 1
        return 0
    DOCS.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
