"""`python -m escalation_handbook` runs the `handbook` command."""

from .cli import main

if __name__ == "__main__":
    main(prog_name="handbook")
