"""Hostile edits as a stranger's own client sends them, over Streamlit's websocket to the real server: a bad
one gets the page's message and changes nothing, one too big is refused unread, and the server goes on."""

import asyncio
import json

import pytest
import websockets
from streamlit.components.v2.bidi_component.main import _make_trigger_id
from streamlit.proto.Alert_pb2 import Alert
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from benchmarks.load import serve


@pytest.fixture(scope="module")
def server():
    with serve() as (url, _):
        yield url


async def _run(ws, edit: object = None, element: str = "") -> dict:
    """One rerun of the page (with `edit` sent as the touch layer sends it): the touch element's id and data, and
    the errors the page showed."""
    message = BackMsg()
    message.rerun_script.SetInParent()
    if edit is not None:
        state = message.rerun_script.widget_states.widgets.add()
        state.id = _make_trigger_id(element, "events")  # the element's one trigger widget, as its browser code does
        state.json_trigger_value = json.dumps([{"event": "edit", "value": edit}])
    await ws.send(message.SerializeToString())
    found = {"errors": []}
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), 60))
        kind = forward.WhichOneof("type")
        if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
            new = forward.delta.new_element
            if new.WhichOneof("type") == "bidi_component" and new.bidi_component.component_name.endswith("touch"):
                found["id"], found["data"] = new.bidi_component.id, json.loads(new.bidi_component.json)
            elif new.WhichOneof("type") == "alert" and new.alert.format == Alert.ERROR:
                found["errors"].append(new.alert.body)
        elif kind == "script_finished" and forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
            return found


def _connect(url: str):
    return websockets.connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"], max_size=None)


def test_hostile_edits_over_the_wire_get_a_message_and_a_good_one_is_taken(server):
    async def visit():
        async with _connect(server) as ws:
            await _run(ws)  # a new visitor's first run
            page = await _run(ws)
            version, element = page["data"]["version"], page["id"]
            for edit, said in [
                ({"op": "stroke", "stroke": [[0.0, 0.0]] * 100_000, "version": version}, "2 to 500"),  # 1.6 MB
                ({"op": "add", "x": "NaN", "y": 1, "version": version}, "cannot read"),
                ("<b>drop table</b>", "cannot read"),
                ({"op": "move", "index": 10**12, "x": 0, "y": 0, "version": version}, "cannot read"),
            ]:
                answer = await _run(ws, edit, element)
                assert any(said in error and "Not used" in error for error in answer["errors"]), answer["errors"]
                assert answer["data"]["version"] == version and len(answer["data"]["x"]) == 100  # nothing changed
            taken = await _run(ws, {"op": "add", "x": 0.1, "y": 1.5, "version": version}, element)
            assert not taken["errors"] and len(taken["data"]["x"]) == 101 and taken["data"]["version"] != version

    asyncio.run(visit())


def test_a_message_over_the_cap_is_refused_unread_and_the_server_goes_on(server):
    async def visit():
        async with _connect(server) as ws:
            await _run(ws)
            element = (await _run(ws))["id"]
            with pytest.raises(websockets.ConnectionClosed) as closed:
                await _run(ws, {"op": "stroke", "stroke": [[0.5, 0.5]] * 500_000}, element)  # ~6 MB
            assert closed.value.rcvd.code == 1009  # "message too big", before anything is read
        async with _connect(server) as ws:  # the next visitor is served as ever
            await _run(ws)
            assert len((await _run(ws))["data"]["x"]) == 100

    asyncio.run(visit())
