"""The ``dossier`` command: a thin wrapper over the library functions.

Each command lives in its own module here and only parses options, calls the library,
and prints with ``output.emit``. Commands are loaded lazily, so ``dossier docs`` does not
pay for loading spaCy.
"""
from __future__ import annotations

import importlib

import click

# command name -> "module:function"
COMMANDS = {
    "ingest": "dossier.cli.ingest_cmd:ingest",
    "extract": "dossier.cli.extract_cmd:extract",
    "docs": "dossier.cli.docs_cmd:docs",
    "show": "dossier.cli.docs_cmd:show",
    "search": "dossier.cli.docs_cmd:search",
    "resolve": "dossier.cli.analyze_cmd:resolve",
    "entities": "dossier.cli.analyze_cmd:entities",
    "actor": "dossier.cli.analyze_cmd:actor",
    "timeline": "dossier.cli.analyze_cmd:timeline",
    "claims": "dossier.cli.analyze_cmd:claims",
    "disputes": "dossier.cli.analyze_cmd:disputes",
    "export": "dossier.cli.analyze_cmd:export",
    "serve": "dossier.cli.serve_cmd:serve",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx):
        return sorted(COMMANDS)

    def get_command(self, ctx, name):
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        try:
            return getattr(importlib.import_module(module), attr)
        except (ImportError, AttributeError) as exc:  # e.g. an optional dependency missing
            reason = str(exc)

            @click.command(name, help=f"(unavailable: {reason})")
            def unavailable():
                raise click.ClickException(f"`dossier {name}` is not available: {reason}")
            return unavailable


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="dossier")
def cli():
    """Dossier: news reports in, a knowledge base you can trust out."""


def main(argv=None):
    return cli.main(args=argv, prog_name="dossier")
