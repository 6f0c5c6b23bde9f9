"""Letting go of uploaded bytes. Streamlit keeps every uploaded file in memory until the browser removes it or the
session is shut down; a new uploader key does not free the old files, and a closed browser's session is kept for
a reconnect and then dropped from its store without being shut down, so its files stay for the life of the
process; and the session state keeps its own file objects over the same buffers (stored anew when each run
ends) for as long as the session lives. Salkku releases the files itself: after a save or "clear" it removes them
from the upload store and closes every file object over them, and on each Import page run it sweeps the files of
sessions the server no longer has."""
from __future__ import annotations

import ctypes
import ctypes.util
import logging
from collections.abc import Iterable

from streamlit.runtime import Runtime
from streamlit.runtime.scriptrunner_utils.script_run_context import get_script_run_ctx

LOGGER = logging.getLogger("salkku.uploads")
_trim_pending = False  # a release happened while the run still held the parsed files: trim on the next sweep


def _return_to_system() -> None:
    """Hand freed memory back to the system. Python frees the bytes, but glibc keeps freed heap pages for reuse
    (uploads are read in the script thread's own arena), so the server would stay at its peak size."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl): nothing to do
        pass


def _manager():  # noqa: ANN202
    return Runtime.instance().uploaded_file_mgr if Runtime.exists() else None


def _kept_copies(context, file_ids: set[str]) -> list[object]:  # noqa: ANN001
    """The session state's own file objects over the same bytes. When a run ends, Streamlit stores every widget's
    value anew (SessionState._old_state): for an uploader, new UploadedFile objects that share the upload's
    buffer and are not the ones the page was given, kept while the session lives. Not a public API: if it
    changes, nothing is found and the reason is logged."""
    old_state = getattr(getattr(getattr(context, "session_state", None), "_state", None), "_old_state", None)
    if not isinstance(old_state, dict):
        LOGGER.warning("cannot reach the session state's stored widget values; their copies of uploads stay")
        return []
    return [item for value in list(old_state.values()) if isinstance(value, list)
            for item in value if getattr(item, "file_id", None) in file_ids]


def release(files: Iterable[object]) -> int:
    """Drop these uploaded files of this session from the server's memory; returns how many were held."""
    global _trim_pending  # noqa: PLW0603
    manager, context = _manager(), get_script_run_ctx()
    if manager is None or context is None:
        return 0
    files = list(files or ())
    files += _kept_copies(context, {getattr(file, "file_id", None) for file in files} - {None})
    released = 0
    for file in files:
        file_id = getattr(file, "file_id", None)
        if file_id is not None and file_id in getattr(manager, "file_storage", {}).get(context.session_id, {}):
            released += 1
        if file_id is not None:
            manager.remove_file(context.session_id, file_id)
        close = getattr(file, "close", None)
        if close is not None:  # an UploadedFile is a BytesIO: closing frees its buffer, whoever still holds it
            close()
    if released:
        _trim_pending = True
        _return_to_system()
    return released


def sweep() -> int:
    """Drop the uploaded files of sessions the server no longer knows (closed browsers whose reconnect time has
    passed); returns how many sessions were swept. Uses the runtime's session list, which is not a public API:
    if it changes, nothing is swept and the reason is logged."""
    global _trim_pending  # noqa: PLW0603
    manager = _manager()
    storage = getattr(manager, "file_storage", None)
    if manager is None or storage is None:
        return 0
    try:
        known = {info.session.id for info in Runtime.instance()._session_mgr.list_sessions()}  # noqa: SLF001
    except AttributeError:
        LOGGER.warning("cannot list the server's sessions; uploaded files of closed sessions are not swept")
        return 0
    stale = [session_id for session_id in list(storage) if session_id not in known]
    for session_id in stale:
        manager.remove_session_files(session_id)
    if stale:
        LOGGER.info("released the uploaded files of %d closed sessions", len(stale))
    if stale or _trim_pending:
        _trim_pending = False
        _return_to_system()
    return len(stale)
