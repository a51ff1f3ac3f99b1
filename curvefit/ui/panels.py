"""The panels under the charts: the network as the tutorial prints it, and the downloads."""

import streamlit as st

from curvefit import i18n, text
from curvefit.serving import export
from curvefit.serving.downloads import link
from curvefit.ui.state import PageState

MAX_VALUES_SHOWN = 1000  # per parameter tensor; a 256 x 256 layer has 65,536


def network(state: PageState) -> None:
    """print(net), the parameter count and list(net.parameters()) as tables."""
    model = state.trainer.model
    # Filled only while open: its tables cost a new visitor's browser ~1 s to lay out, closed or not.
    panel = st.expander(text.NETWORK_PANEL, key="network_panel", on_change="rerun")
    if not panel.open:
        return
    with panel:
        st.code(str(model), language="text")
        st.markdown(text.PARAM_COUNT.format(count=sum(p.numel() for p in model.parameters())))
        for name, param in model.named_parameters():
            values = param.detach().numpy()
            # A vector, or a one-input weight column, reads best as one row, as torch prints a bias.
            rows = values.reshape(1, -1) if values.ndim == 1 or values.shape[1] == 1 else values
            table = rows[: max(1, MAX_VALUES_SHOWN // rows.shape[1]), :MAX_VALUES_SHOWN]
            st.markdown(f"`{name}` {tuple(values.shape)}")
            if table.size < values.size:
                st.caption(text.PARAMS_TRUNCATED.format(shown=table.size, total=values.size))
            st.dataframe(table, height="content" if len(table) <= 8 else 300)


def downloads(state: PageState) -> None:
    """The data, the predictions, the weights, a standalone script, the GIF and the PNG, each made when clicked."""
    st.subheader(text.DOWNLOADS)
    buttons = [
        (text.DOWNLOAD_DATA, "curvefit_data.csv", None),
        (text.DOWNLOAD_PREDICTIONS, "curvefit_fit.csv", None),
        (text.DOWNLOAD_WEIGHTS, "curvefit_weights.pt", None),
        (text.DOWNLOAD_SCRIPT, export.SCRIPT_NAME, None),
        (text.DOWNLOAD_GIF, "curvefit_training.gif", text.DOWNLOAD_GIF_HELP),
        (text.DOWNLOAD_PNG, "curvefit_fit.png", None),
    ]
    for row in (buttons[:3], buttons[3:]):
        for column, (label, name, help_text) in zip(st.columns(3), row, strict=True):
            # A link to the page's own route: the file is made in answer to the click (serving/downloads.py)
            column.link_button(label, link(state.download_token, name), help=help_text, icon=":material/download:")
    st.caption(text.SHARE)
    st.caption(text.SERVER_LOAD)  # a link to serving/load_page.py's route, relative to the page as the downloads
    if not state.trainer.generated:
        st.caption(i18n.sentences(text.SCRIPT_NEEDS_DATA, text.OWN_NOT_IN_LINK))
