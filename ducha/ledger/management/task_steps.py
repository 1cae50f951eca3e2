"""`ducha tasks transitions` and `ducha tasks transition`: a task's transitions from the command line,
acting as a named user, through ducha.ledger.steps (the API's path). Kept apart from tasks.py so that
file stays about imports and exports."""

import json
import os
import sys

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.management.base import CommandError
from django.utils.datastructures import MultiValueDict
from rest_framework.exceptions import ValidationError as InputError

from ducha.core.actions import StaleEdit
from ducha.core.uploads import max_upload_bytes
from ducha.jurisdictions.commands import named_user
from ducha.ledger import steps
from ducha.ledger.models import Task

JSON_MAX = 1024 * 1024


def run(command, subcommand, *, user, id=None, number=None, plan=None, **options):
    actor = named_user(user)
    task = _task(actor, id, number, plan)
    if subcommand == "transitions":
        found = steps.available(actor, task)
        for t in found:
            needs = "、".join(t["requires"]) or "—"
            command.stdout.write(f"{t['name']}\t{t['label']}\t需填：{needs}")
        if not found:
            command.stdout.write(f"{actor.username} 现在不能对任务 {task.number} 执行任何流转")
        return
    data = _fields(options["set"], options["json"])
    files = _files(options["file"])
    try:
        done = steps.take(acting_user=actor, task=task, name=options["name"], data=data, files=files,
                          version=options["version"])
    except StaleEdit as error:
        raise CommandError(str(error)) from None
    except PermissionDenied as error:
        raise CommandError(str(error) or "无权执行该流转") from None
    except ValidationError as error:
        raise CommandError(_messages(error.message_dict if hasattr(error, "error_dict") else error.messages)) from None
    except InputError as error:
        raise CommandError(_messages(error.detail)) from None
    finally:
        for field in files:
            for upload in files.getlist(field):
                upload.close()
    command.stdout.write(f"任务 {done.number}：{done.get_state_display()}（版本 {done.version}）")


def _task(actor, id, number, plan):
    tasks = Task.objects.restrict(actor)
    if id is not None:
        found = tasks.filter(pk=id).first() if 0 < id < 2**63 else None
    elif number and plan:
        found = tasks.filter(number=number, plan__code=plan).first()
    else:
        raise CommandError("请用 --id，或 --number 与 --plan 指明任务")
    if found is None:
        raise CommandError("任务不存在或不在该用户的范围内")
    return found


def _fields(pairs, json_path):
    data = {}
    if json_path:
        raw = (sys.stdin.buffer.read(JSON_MAX + 1) if json_path == "-" else _read(json_path, JSON_MAX))
        if len(raw) > JSON_MAX:
            raise CommandError("--json 内容超过 1 MB")
        try:
            loaded = json.loads(raw)
        except ValueError as error:
            raise CommandError(f"--json 不是有效的 JSON：{error}") from None
        if not isinstance(loaded, dict):
            raise CommandError("--json 应为一个 JSON 对象")
        data.update(loaded)
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise CommandError(f"--set 应为 KEY=VALUE：{pair}")
        data[key] = value
    return data


def _read(path, limit):
    try:
        with open(path, "rb") as fh:
            return fh.read(limit + 1)
    except OSError as error:
        raise CommandError(f"无法读取 {path}：{error.strerror}") from None


def _files(specs):
    files = MultiValueDict()
    for spec in specs:
        field, sep, path = spec.partition("=")
        if not sep:
            field, path = "file", spec
        try:
            size = os.path.getsize(path)
        except OSError as error:
            raise CommandError(f"无法读取 {path}：{error.strerror}") from None
        if size > max_upload_bytes():
            raise CommandError(f"{path} 超过上传上限 {max_upload_bytes() // (1024 * 1024)} MB")
        files.appendlist(field, File(open(path, "rb"), name=os.path.basename(path)))
    return files


def _messages(detail):
    if isinstance(detail, dict):
        return "；".join(f"{key}：{_messages(value)}" for key, value in detail.items())
    if isinstance(detail, (list, tuple)):
        return "；".join(_messages(item) for item in detail)
    return str(detail)
