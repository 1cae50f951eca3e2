from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from ducha.audit.checkpoints import CheckpointRefused, checkpoint_file, run_checkpoint
from ducha.audit.services import verify


class Command(BaseCommand):
    help = ("审计日志 / audit log: `ducha audit verify` checks the guard triggers, the signed checkpoints and "
            "the hash chain; `ducha audit checkpoint` signs the chain's head into the checkpoint file.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        v = sub.add_parser("verify", help="check triggers, checkpoints and chain; exit 1 naming what is wrong")
        v.add_argument("--require-checkpoint", action="store_true",
                       help="fail when the log has entries but no checkpoint file")
        sub.add_parser("checkpoint", help="verify from the last checkpoint on and sign the head (idempotent)")

    def handle(self, *args, subcommand, **options):
        if subcommand == "checkpoint":
            try:
                cp = run_checkpoint()
            except (CheckpointRefused, ImproperlyConfigured) as exc:
                raise CommandError(f"未写入检查点 / no checkpoint written: {exc}")
            if cp is None:
                self.stdout.write("日志头未变，未写入新检查点 / the head has not moved: no new checkpoint")
            else:
                self.stdout.write(f"已签署检查点 / checkpoint signed: entry #{cp.entry_id} → {checkpoint_file()}")
            return
        result = verify(require_checkpoint=options["require_checkpoint"])
        for warning in result.warnings:
            self.stderr.write(f"注意 / warning: {warning}")
        if not result.ok:
            raise CommandError("审计日志不可信 / audit log NOT intact:\n  " + "\n  ".join(result.problems))
        self.stdout.write(f"审计日志完整 / audit chain intact: {result.checked} entries, "
                          f"{result.checkpoints} checkpoint(s), guard triggers in place")
