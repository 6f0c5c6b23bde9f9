"""Uploaded bytes are let go: release() drops this session's files, sweep() the files of sessions the server no
longer has (a closed browser's), with Streamlit's own in-memory upload store."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from streamlit.runtime.memory_uploaded_file_manager import MemoryUploadedFileManager
from streamlit.runtime.state.safe_session_state import SafeSessionState
from streamlit.runtime.state.session_state import SessionState
from streamlit.runtime.uploaded_file_manager import UploadedFile, UploadedFileRec

from components import uploads


@pytest.fixture
def state():
    return SessionState()


@pytest.fixture
def server(monkeypatch, state):
    manager = MemoryUploadedFileManager("/_stcore/upload_file")
    sessions = {"live", "stored-for-reconnect"}
    runtime = SimpleNamespace(
        uploaded_file_mgr=manager,
        _session_mgr=SimpleNamespace(list_sessions=lambda: [SimpleNamespace(session=SimpleNamespace(id=session_id))
                                                             for session_id in sorted(sessions)]),
    )
    monkeypatch.setattr(uploads.Runtime, "exists", staticmethod(lambda: True))
    monkeypatch.setattr(uploads.Runtime, "instance", staticmethod(lambda: runtime))
    context = SimpleNamespace(session_id="live", session_state=SafeSessionState(state, lambda: None))
    monkeypatch.setattr(uploads, "get_script_run_ctx", lambda: context)
    return manager, sessions


def _add(manager, session_id: str, file_id: str, size: int = 1024) -> UploadedFile:
    record = UploadedFileRec(file_id=file_id, name=f"{file_id}.docx", type="application/octet-stream", data=b"x" * size)
    manager.add_file(session_id, record)
    return UploadedFile(record, None)


def test_release_drops_this_sessions_files_only(server):
    manager, _ = server
    mine = [_add(manager, "live", "a"), _add(manager, "live", "b")]
    _add(manager, "live", "kept")
    _add(manager, "stored-for-reconnect", "other")
    assert uploads.release(mine) == 2
    assert all(file.closed for file in mine)  # the buffers are freed, whoever still holds the objects
    assert set(manager.file_storage["live"]) == {"kept"}
    assert set(manager.file_storage["stored-for-reconnect"]) == {"other"}
    assert uploads.release(mine) == 0  # already gone


def test_sweep_drops_the_files_of_sessions_the_server_no_longer_has(server):
    manager, sessions = server
    _add(manager, "live", "a")
    _add(manager, "stored-for-reconnect", "b")
    _add(manager, "closed-long-ago", "c", size=19 * 1024 * 1024)
    assert uploads.sweep() == 1
    assert set(manager.file_storage) == {"live", "stored-for-reconnect"}
    sessions.discard("stored-for-reconnect")  # its reconnect time passed
    assert uploads.sweep() == 1
    assert set(manager.file_storage) == {"live"}
    assert uploads.sweep() == 0


def test_release_closes_the_session_states_own_copies_too(server, state):
    """At the end of each run Streamlit stores the uploader's value anew, as other UploadedFile objects over the
    same buffer; left open, they kept the whole upload for the life of the session (benchmarks/upload_memory)."""
    manager, _ = server
    given = [_add(manager, "live", "a"), _add(manager, "live", "b")]
    kept = [UploadedFile(manager.file_storage["live"][file_id], None) for file_id in ("a", "b")]
    other = _add(manager, "live", "someone-elses")
    state._old_state["$$ID-uploads-0"] = kept
    state._old_state["$$ID-other-uploader"] = [other]
    state._old_state["import-organisation"] = "Naantali"
    assert uploads.release(given) == 2
    assert all(file.closed for file in given + kept)
    assert not other.closed
