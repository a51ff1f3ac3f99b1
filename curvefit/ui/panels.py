"""The panels under the charts: the network as the tutorial prints it, and the downloads."""

import weakref

import streamlit as st

from curvefit import i18n, text
from curvefit.serving import animation, export
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
    """The data, the predictions, the weights and a standalone script, each made when clicked."""
    st.subheader(text.DOWNLOADS)

    page = weakref.ref(state)  # Streamlit keeps these callables past the session: they must not keep the state

    def made(build, of_state=False):  # a download is built on click, between frames
        def build_now():
            state = page()
            if state is None:  # the tab is gone
                return b""
            with state.lock, i18n.speaking(state.language):  # on a server thread: the page's words, its lock
                return build(state) if of_state else build(state.trainer)

        return build_now

    columns = st.columns(3)
    columns[0].download_button(text.DOWNLOAD_DATA, made(export.data_csv), "curvefit_data.csv", "text/csv")
    columns[1].download_button(text.DOWNLOAD_PREDICTIONS, made(export.predictions_csv), "curvefit_fit.csv", "text/csv")
    columns[2].download_button(text.DOWNLOAD_WEIGHTS, made(export.weights_pt), "curvefit_weights.pt")
    columns = st.columns(3)
    columns[0].download_button(text.DOWNLOAD_SCRIPT, made(export.script), export.SCRIPT_NAME, "text/x-python")
    gif = made(lambda state: animation.training_gif(state.trainer, state.timeline), of_state=True)
    columns[1].download_button(
        text.DOWNLOAD_GIF, gif, "curvefit_training.gif", "image/gif", help=text.DOWNLOAD_GIF_HELP
    )
    columns[2].download_button(text.DOWNLOAD_PNG, made(animation.fit_png), "curvefit_fit.png", "image/png")
    st.caption(text.SHARE)
    if not state.trainer.generated:
        st.caption(i18n.sentences(text.SCRIPT_NEEDS_DATA, text.OWN_NOT_IN_LINK))
