from gencli.cli.commands import run

run()
