"""One module per `hadath` subcommand; each defines `register(subparsers)` and `run(args) -> int`."""
