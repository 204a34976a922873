"""`locator settings`: show or change the settings the command line shares with the app."""

from __future__ import annotations

import argparse

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode
from locator.i18n import _


def add_parser(commands: Subcommands) -> None:
    """Add `settings` to ``commands``."""
    parser = commands.add_parser(
        "settings",
        help=_("show or change settings shared with the app (online lookups)"),
        description=_("Show the settings; --online-lookups on|off allows or forbids network use."),
    )
    parser.add_argument("--online-lookups", choices=("on", "off"))
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Save ``--online-lookups`` if given, then say what the settings are and where."""
    from locator.settings import Settings, settings_path

    settings = Settings.load()
    if args.online_lookups is not None:
        settings = settings.allowing_online(args.online_lookups == "on")
        settings.save()
    state = {None: _("off (not chosen yet)"), True: _("on"), False: _("off")}[
        settings.online_lookups
    ]
    if settings.online_provider is None:  # why was said on stderr as the settings were read
        print(_("online lookups: off (no usable provider)"))
    else:
        print(
            _("online lookups: {state} (provider: {provider}, sent to {host})").format(
                state=state,
                provider=settings.online_provider.name,
                host=settings.online_provider.host,
            )
        )
    print(_("settings file: {path}").format(path=settings_path()))
    return ExitCode.OK
