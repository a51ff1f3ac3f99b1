"""Your own points: upload a CSV or edit the table; a bad file or edit changes nothing."""

import pandas as pd
import streamlit as st

from curvefit import i18n, text
from curvefit.inputs.upload import MAX_MB, UploadError, checked_points, points, read_table
from curvefit.session.messages import not_used
from curvefit.session.page import Page, use_points
from curvefit.session.verbatim import verbatim
from curvefit.ui.state import on_page

MAX_EDIT_ROWS = 2_000  # a bigger table is slow to send and to edit by hand


def own_data(state: Page) -> None:
    """The expander with the uploader and the points table."""
    # Opened by the user to upload or edit, it stays open by its key. Not `expanded=`: a change of that is a
    # new widget, so the browser drew a second panel beside the stale one until the run after an upload ended.
    panel = st.expander(text.OWN_POINTS, key="own_points", on_change="rerun")
    with panel:
        _upload(state)
        if state.run.own is not None:
            own = state.run.own
            travels = text.OWN_IN_LINK if own.by_hand else text.OWN_NOT_IN_LINK
            st.info(i18n.sentences(text.USING_OWN.format(n=len(own.x), source=verbatim(own.source)), travels))
            for note in own.notes:
                st.caption(str(note))
            if state.run.fit_notes:  # a setting made smaller for these points: it echoes the settings
                st.caption(str(state.run.fit_notes))
            st.button(text.BACK_TO_GENERATED, on_click=on_page(use_points, None), key="generated")
        if panel.open:  # the points table only while open: laid out closed, it cost a new visitor (docs/page.md)
            _editor(state)


def _upload(state: Page) -> None:
    upload = st.file_uploader(
        text.UPLOAD, type=["csv", "tsv", "txt"], help=text.UPLOAD_HELP, max_upload_size=MAX_MB, key="upload"
    )
    if upload is None:
        return
    table = None
    if state.upload_read is None or state.upload_read[0] != upload.file_id:  # read each file once, not per rerun
        try:
            table = read_table(upload.getvalue())
            state.upload_read = (upload.file_id, table.names, table.columns)  # the names alone: the cells stay out
        except UploadError as error:
            state.upload_read = (upload.file_id, error.reason, 0)
    _, names, columns = state.upload_read
    if isinstance(names, i18n.Later):  # why the file was refused, worded now
        st.error(not_used(str(names)))
        return
    x_name, y_name = names[0], names[1]
    if len(names) > 2:
        left, right = st.columns(2)
        x_name = left.selectbox(text.X_COLUMN, names, index=0, key="upload_x")
        y_name = right.selectbox(text.Y_COLUMN, names, index=1, key="upload_y")
        if columns > len(names):
            st.caption(text.FIRST_COLUMNS.format(shown=len(names), columns=columns))
    seen = (upload.file_id, x_name, y_name)
    if seen == state.upload_seen:  # each file and column choice is read and taken once, not on every rerun
        if state.upload_problem:
            st.error(str(state.upload_problem))
        return
    state.upload_seen, state.upload_problem = seen, None
    try:  # the file is parsed again, and only the two chosen columns' points are kept
        own = points(table or read_table(upload.getvalue()), x_name, y_name, source=upload.name)
        problem = use_points(state, own)
    except UploadError as error:
        problem = error.reason  # worded when shown: a switch of language says it again
    if problem:
        state.upload_problem = i18n.Later(lambda: not_used(str(problem)))
        st.error(str(state.upload_problem))
    else:
        st.rerun()  # the sidebar above was drawn for the old data: draw the whole page anew


def _editor(state: Page) -> None:
    data = state.run.trainer.data
    x = pd.concat([pd.Series(data.x_train.numpy().ravel()), pd.Series(data.x_test.numpy().ravel())])
    y = pd.concat([pd.Series(data.y_train.numpy().ravel()), pd.Series(data.y_test.numpy().ravel())])
    if len(x) > MAX_EDIT_ROWS:
        st.caption(text.EDIT_TOO_MANY.format(limit=MAX_EDIT_ROWS, n=len(x)))
        return
    st.caption(text.EDIT)
    current = pd.DataFrame({"x": x.to_numpy(), "y": y.to_numpy()}).sort_values("x", ignore_index=True)
    # Keyed by the fit, so a new fit shows its own points rather than the last edits.
    edited = st.data_editor(current, num_rows="dynamic", key=f"editor_{id(state.run.trainer)}", height=240)
    if st.button(text.TRAIN_ON_EDITED, key="train_on_edited"):
        try:
            own = checked_points(edited["x"].tolist(), edited["y"].tolist(), text.later("SOURCE_EDITED"))
        except UploadError as error:
            st.error(not_used(str(error)))
            return
        problem = use_points(state, own)
        if problem:
            st.error(not_used(problem))
        else:
            st.rerun()  # redraw the page around the new fit
