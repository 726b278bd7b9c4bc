"""The archive as a file: a tar (gzip-compressed unless the name ends in ``.tar``) holding
``manifest.json``, the JSON Lines files of ``format.KINDS`` and ``media/<image key>.<ext>``.

Writing goes to a temporary file beside the destination, renamed into place when complete,
so a failed or interrupted export never leaves a half-written archive under the real name.
Reading checks every file against the manifest's SHA-256 and size and every line against
its schema before returning; nothing is imported from an archive that fails any check.
"""

import hashlib
import io
import json
import os
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from pydantic import ValidationError

from gazette.portability import PortabilityError
from gazette.portability.format import FORMAT, KINDS, MANIFEST, MEDIA_NAME, VERSION, Record

MAX_REPORTED_ERRORS = 20


def _compression(path: Path) -> str:
    return "" if path.name.endswith(".tar") else "gz"


class ArchiveWriter:
    """``with ArchiveWriter(path, source=…) as archive: archive.add_records(…)``."""

    def __init__(self, destination: Path, *, source: dict, overwrite: bool = False):
        self.destination = Path(destination)
        self.source = source
        self.overwrite = overwrite
        self.files: dict[str, dict] = {}
        self.counts: dict[str, int] = {}

    def __enter__(self):
        if self.destination.exists() and not self.overwrite:
            raise PortabilityError(
                f"{self.destination} exists; choose another name or pass --overwrite."
            )
        if not self.destination.parent.is_dir():
            raise PortabilityError(f"No such directory: {self.destination.parent}")
        fd, name = tempfile.mkstemp(
            prefix=f".{self.destination.name}.", suffix=".partial", dir=self.destination.parent
        )
        self._temporary = Path(name)
        self._file = os.fdopen(fd, "wb")
        self._tar = tarfile.open(
            fileobj=self._file,
            mode=f"w:{_compression(self.destination)}",
            format=tarfile.PAX_FORMAT,
        )
        return self

    def _add(self, name: str, data: bytes, records: int | None = None) -> None:
        info = tarfile.TarInfo(name)
        info.size = len(data)
        info.mtime = int(datetime.now(UTC).timestamp())
        info.mode = 0o644
        self._tar.addfile(info, io.BytesIO(data))
        entry = {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        if records is not None:
            entry["records"] = records
        self.files[name] = entry

    def add_records(self, name: str, records: list[Record]) -> None:
        data = b"".join(record.model_dump_json().encode() + b"\n" for record in records)
        self._add(name, data, records=len(records))
        self.counts[name.removesuffix(".jsonl")] = len(records)

    def add_media(self, name: str, data: bytes) -> None:
        self._add(name, data)

    def __exit__(self, kind, error, traceback):
        try:
            if error is None:
                manifest = {
                    "format": FORMAT,
                    "version": VERSION,
                    "exported_at": datetime.now(UTC).isoformat(),
                    "source": self.source,
                    "counts": self.counts,
                    "files": self.files,
                }
                data = json.dumps(manifest, indent=2, ensure_ascii=False).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mode = len(data), 0o644
                info.mtime = int(datetime.now(UTC).timestamp())
                self._tar.addfile(info, io.BytesIO(data))
            self._tar.close()
            self._file.flush()
            os.fsync(self._file.fileno())
            self._file.close()
            if error is None:
                os.replace(self._temporary, self.destination)
        finally:
            self._temporary.unlink(missing_ok=True)
        return False


@dataclass
class Archive:
    """A checked archive: its manifest, its records by file, its image files on disk."""

    path: Path
    manifest: dict
    records: dict[str, list] = field(default_factory=dict)
    media_dir: Path | None = None

    def __getitem__(self, name: str) -> list:
        return self.records[name]

    def media_file(self, member: str) -> Path:
        return self.media_dir / member.removeprefix("media/")


def read_archive(path: Path, media_dir: Path) -> Archive:
    """Check the archive at ``path`` through and through; image files land in ``media_dir``.

    Raises PortabilityError naming the file, the line and the field of each problem found.
    """
    path = Path(path)
    if not path.is_file():
        raise PortabilityError(f"No such file: {path}")
    contents, digests = _read_members(path, media_dir)
    if MANIFEST not in contents:
        raise PortabilityError(f"{path} is not a Gazette export: it has no {MANIFEST}.")
    manifest = _check_manifest(path, contents.pop(MANIFEST))
    _check_files(path, manifest, contents, digests)
    archive = Archive(path=path, manifest=manifest, media_dir=media_dir)
    errors: list[str] = []
    for name, schema in KINDS.items():
        archive.records[name] = _parse_lines(name, contents[name], schema, errors)
        expected = manifest["files"][name].get("records")
        if expected is not None and expected != len(archive.records[name]):
            errors.append(
                f"{name}: the manifest counts {expected} records, the file holds "
                f"{len(archive.records[name])}"
            )
    raise_if_errors(path, errors)
    return archive


def raise_if_errors(path: Path, errors: list[str]) -> None:
    if errors:
        shown = errors[:MAX_REPORTED_ERRORS]
        more = len(errors) - len(shown)
        lines = "\n".join(f"  {error}" for error in shown)
        tail = f"\n  … and {more} more" if more > 0 else ""
        raise PortabilityError(f"{path} cannot be imported; nothing was changed:\n{lines}{tail}")


def _read_members(path: Path, media_dir: Path) -> tuple[dict[str, bytes], dict[str, tuple]]:
    """One pass over the tar: small files into memory, image files to disk, each hashed."""
    contents: dict[str, bytes] = {}
    digests: dict[str, tuple[str, int]] = {}
    allowed = set(KINDS) | {MANIFEST}
    try:
        tar = tarfile.open(path, mode="r:*")
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise PortabilityError(
            f"{path} is not a Gazette export (not a readable tar archive: {error})."
        ) from None
    try:
        with tar:
            for member in tar:
                name = member.name
                if name in digests:
                    raise PortabilityError(f"{path} holds {name} twice.")
                if not member.isfile() or not (name in allowed or MEDIA_NAME.fullmatch(name)):
                    raise PortabilityError(f"{path} holds an unexpected entry: {name!r}.")
                digests[name] = _read_member(tar, member, contents, media_dir, name in allowed)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise PortabilityError(f"{path} is damaged or incomplete: {error}.") from None
    return contents, digests


def _read_member(tar, member, contents: dict, media_dir: Path, small: bool) -> tuple[str, int]:
    source = tar.extractfile(member)
    digest = hashlib.sha256()
    if small:
        data = source.read()
        digest.update(data)
        contents[member.name] = data
        return digest.hexdigest(), len(data)
    size = 0
    media_dir.mkdir(parents=True, exist_ok=True)
    with open(media_dir / member.name.removeprefix("media/"), "wb") as target:
        while chunk := source.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
            target.write(chunk)
    return digest.hexdigest(), size


def _check_manifest(path: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
    except ValueError as error:
        raise PortabilityError(f"{path}: {MANIFEST} is not valid JSON ({error}).") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise PortabilityError(f"{path} is not a Gazette export (format is not {FORMAT!r}).")
    version = manifest.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise PortabilityError(f"{path}: {MANIFEST} has no valid version number.")
    if version > VERSION:
        raise PortabilityError(
            f"{path} was written by a newer Gazette (export format version {version}); this "
            f"Gazette reads versions up to {VERSION}. Upgrade Gazette here, then import again."
        )
    if not isinstance(manifest.get("files"), dict):
        raise PortabilityError(f"{path}: {MANIFEST} does not list the archive's files.")
    return manifest


def _check_files(path: Path, manifest: dict, contents: dict, digests: dict) -> None:
    errors = []
    listed = manifest["files"]
    for name in KINDS:
        if name not in listed or name not in digests:
            errors.append(f"{name} is missing")
    for name, entry in listed.items():
        if name not in digests:
            if name not in KINDS:
                errors.append(f"{name} is listed in the manifest but missing")
            continue
        digest, size = digests[name]
        if (
            not isinstance(entry, dict)
            or entry.get("sha256") != digest
            or entry.get("size") != size
        ):
            errors.append(f"{name} does not match its checksum in the manifest (damaged?)")
    for name in digests:
        if name != MANIFEST and name not in listed:
            errors.append(f"{name} is not listed in the manifest")
    raise_if_errors(path, errors)


def _parse_lines(name: str, data: bytes, schema: type[Record], errors: list[str]) -> list:
    records = []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        errors.append(f"{name}: not UTF-8 text ({error})")
        return records
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            records.append(schema.model_validate_json(line))
        except ValidationError as error:
            for problem in error.errors():
                where = ".".join(str(part) for part in problem["loc"]) or "line"
                errors.append(f"{name} line {number}: {where}: {problem['msg']}")
    return records
