"""The panels under the charts: the network as the tutorial prints it, and the downloads."""

import pandas as pd
import streamlit as st

from curvefit import i18n, text
from curvefit.serving.downloads import FILES, link
from curvefit.session.page import Page

MAX_VALUES_SHOWN = 1000  # per parameter tensor; a 256 x 256 layer has 65,536


def network(state: Page) -> None:
    """print(net), the parameter count and list(net.parameters()) as tables."""
    model = state.run.trainer.model
    # Filled only while open: its tables cost a new visitor's browser to lay out, closed or not (docs/page.md).
    panel = st.expander(text.NETWORK_PANEL, key="network_panel", on_change="rerun")
    if not panel.open:
        return
    with panel:
        st.code(str(model), language="text")  # print(net), exactly
        st.caption(text.NETWORK_ACTIVATION.format(act=model.activation))
        st.markdown(text.PARAM_COUNT.format(count=sum(p.numel() for p in model.parameters())))
        for name, param in model.named_parameters():
            values = param.detach().numpy()
            rows = values.reshape(1, -1) if values.ndim == 1 else values  # a bias as one row, as torch prints it
            table = rows[: max(1, MAX_VALUES_SHOWN // rows.shape[1]), :MAX_VALUES_SHOWN]
            st.markdown(f"`{name}` {tuple(values.shape)}")
            if table.size < values.size:
                st.caption(text.PARAMS_TRUNCATED.format(shown=table.size, total=values.size))
            # Columns numbered as torch indexes them (a one-column array would be headed "value", in English)
            frame = pd.DataFrame(table, columns=[str(i) for i in range(table.shape[1])])
            st.dataframe(frame, height="content" if len(table) <= 8 else 300)


def glossary() -> None:
    """The words the page uses, each in a line: closed until asked for."""
    with st.expander(text.GLOSSARY_PANEL, key="glossary_panel"):
        st.markdown(text.GLOSSARY)  # our own words: Markdown on purpose


def downloads(state: Page) -> None:
    """The data, the predictions, the weights, a standalone script, the GIF and the PNG, each made when clicked."""
    st.subheader(text.DOWNLOADS)
    files = list(FILES.items())
    for row in (files[i : i + 3] for i in range(0, len(files), 3)):
        for column, (name, file) in zip(st.columns(3), row, strict=False):
            # A link to the page's own route: the file is made in answer to the click (serving/downloads.py)
            label, help_text = getattr(text, file.label), file.help and getattr(text, file.help)
            column.link_button(label, link(state.download_token, name), help=help_text, icon=":material/download:")
    st.caption(text.SHARE)
    st.caption(text.SERVER_LOAD)  # a link to serving/load_page.py's route, relative to the page as the downloads
    if not state.run.trainer.generated:
        travels = text.OWN_IN_LINK if state.run.own is not None and state.run.own.by_hand else text.OWN_NOT_IN_LINK
        st.caption(i18n.sentences(text.SCRIPT_NEEDS_DATA, travels))
