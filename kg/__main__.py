from kg.cli import entry

entry()
