"""The one error of backups and restores: a sentence for staff, exit status 2 on the CLI."""


class BackupError(Exception):
    """A backup or restore that cannot be done; nothing was changed by it."""
