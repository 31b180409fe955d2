"""``inclusief db upgrade``, ``inclusief user add|list|password``, ``inclusief demo``."""

from __future__ import annotations

import argparse
import getpass
import sys

from inclusief.errors import InputError
from inclusief.services import access, accounts
from inclusief.settings import get_settings
from inclusief.store.db import default_engine, default_store, upgrade_database


def _cmd_upgrade(_args: argparse.Namespace) -> int:
    upgrade_database(default_engine())
    print("database is up to date")
    return 0


def _read_password() -> str:
    """From a prompt on a terminal, else the first line of stdin; never from argv."""
    if sys.stdin.isatty():
        first = getpass.getpass("Wachtwoord / password: ")
        if getpass.getpass("Nog eens / again: ") != first:
            raise InputError.single("password", "the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def _cmd_user_add(args: argparse.Namespace) -> int:
    upgrade_database(default_engine())
    user = accounts.create_user(email=args.email, password=_read_password(), role=args.role)
    print(f"added {user.email} ({user.role})")
    return 0


def _cmd_user_password(args: argparse.Namespace) -> int:
    from inclusief.services import logins

    upgrade_database(default_engine())
    logins.set_password(email=args.email, new_password=_read_password())
    print(f"password changed for {args.email}; every login of this user has ended")
    return 0


def _cmd_user_list(_args: argparse.Namespace) -> int:
    upgrade_database(default_engine())
    for u in accounts.list_users(actor=None):
        print(f"{u.id}\t{u.email}\t{u.role}\t{'active' if u.active else 'inactive'}")
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    if not (get_settings().demo or args.force_demo):
        raise InputError.single(
            "demo", "demo accounts have a known password: set INCLUSIEF_DEMO=1 or pass --force-demo"
        )
    upgrade_database(default_engine())
    info = svc_demo_seed()
    print("Demo-gegevens staan klaar / demo data ready")
    for role in ("consultant", "researcher", "admin"):
        print(f"  {role:<11} {info[role]}  wachtwoord/password: {info['password']}")
    if info["invitation_link"]:
        print(f"  uitnodigingslink / invitation link: {info['invitation_link']}")
    return 0


def svc_demo_seed() -> dict[str, str | None]:
    from inclusief.services.demo import seed

    return seed(default_store())


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    db = sub.add_parser("db", help="database maintenance")
    dbsub = db.add_subparsers(dest="action", metavar="ACTION", required=True)
    up = dbsub.add_parser("upgrade", help="create or migrate the schema")
    up.set_defaults(handler=_cmd_upgrade)

    user = sub.add_parser("user", help="manage accounts")
    usub = user.add_subparsers(dest="action", metavar="ACTION", required=True)
    add = usub.add_parser("add", help="add an account; the password is read from a prompt or stdin")
    add.add_argument("--role", required=True, choices=access.ROLES)
    add.add_argument("email", metavar="EMAIL")
    add.set_defaults(handler=_cmd_user_add)
    ls = usub.add_parser("list", help="list accounts")
    ls.set_defaults(handler=_cmd_user_list)
    pw = usub.add_parser(
        "password", help="set a password (prompt or stdin); ends every login of the user"
    )
    pw.add_argument("email", metavar="EMAIL")
    pw.set_defaults(handler=_cmd_user_password)

    demo = sub.add_parser("demo", help="seed demo organisations, scans and logins")
    demo.add_argument("--force-demo", action="store_true", help="also outside INCLUSIEF_DEMO mode")
    demo.set_defaults(handler=_cmd_demo)
