"""`locator settings`: show or change the settings the command line shares with the app."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from locator.cli.arguments import Subcommands
from locator.errors import ExitCode
from locator.i18n import _, megabytes, number

if TYPE_CHECKING:
    from locator.settings import Settings


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
    print(_limit_line(settings))
    print(_("settings file: {path}").format(path=settings_path()))
    return ExitCode.OK


def _limit_line(settings: Settings) -> str:
    """The largest registry read, and whether the setting chose it or it is locator's own."""
    from locator.data.loader import MAX_REGISTRY_BYTES
    from locator.settings import LIMIT_SETTING

    if settings.registry_limit_mb is not None:
        return _("largest registry read: {limit} MB (the setting {setting})").format(
            limit=number(settings.registry_limit_mb), setting=LIMIT_SETTING
        )
    return _(
        "largest registry read: {limit} MB (locator's own; the setting {setting} changes it)"
    ).format(limit=megabytes(MAX_REGISTRY_BYTES), setting=LIMIT_SETTING)
