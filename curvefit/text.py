"""Every string the page and its charts show, in one place, so a translation (中文 first) can follow.

Config's messages about bad values are composed in config.py and fields.py from the key and value.
"""

TITLE = "curvefit"
TAGLINE = "Watch a neural network learn a curve — the classic PyTorch regression tutorial, live."

# Sidebar
DATA = "Data"
NETWORK = "Network"
TRAINING = "Training"
TARGET = "Target function"
POINTS = "Points"
NOISE = "Noise level"
NOISE_KIND = "Noise"
NOISE_KINDS = {"uniform": "uniform [0, level), as the tutorial", "gaussian": "Gaussian ± level"}
X_MIN = "x from"
X_MAX = "x to"
SAMPLING = "x sampled"
SAMPLINGS = {"grid": "on a grid", "random": "at random"}
TEST = "Held-out test fraction"
SEED = "Seed"
SEED_HELP = "The same seed gives the same data and the same initial weights."
NEW_SEED = "New seed"
HIDDEN = "Hidden layer widths"
HIDDEN_HELP = "Comma-separated, one number per hidden layer: 10 is the tutorial's, 32,32 is two layers."
ACTIVATION = "Activation"
OPTIMIZER = "Optimizer"
LR = "Learning rate"
MOMENTUM = "Momentum"
MOMENTUM_HELP = "Used by SGD and RMSprop; Adam keeps its own."
WD = "Weight decay"
BATCH = "Batch size"
BATCH_HELP = "0 trains on all points at every step, as the tutorial."
LOSS = "Loss"
STEPS_PER_FRAME = "Steps per frame"
STEPS_PER_FRAME_HELP = "At most this many steps between redraws; fewer when a frame would take over 0.1 s."
FORM_PROBLEM = "Not applied — {note}. The current fit is kept."
URL_PROBLEM = "This link had values that could not be used, so safe ones were taken instead: {notes}."

# Controls and status
PLAY = "Play"
PAUSE = "Pause"
STEP = "Step"
STEP_HELP = "Train one frame's worth of steps."
RESET = "Reset"
RESET_HELP = "Back to the same initial weights. Change the seed for new ones."
PLAYING = "playing"
PAUSED = "paused"
DIVERGED = "diverged"
STATUS = "Step **{step:,}** · train loss **{train:.4g}**{test}{speed} · {state}"
STATUS_TEST = " · test loss **{test:.4g}**"
STATUS_SPEED = " · {speed:,.0f} steps/s"

# Charts
FIT_TITLE = "The fit"
LOSS_TITLE = "Loss"
LOSS_ON_PLOT = "Loss={loss:.4f}"  # as the tutorial writes it on its plot
SERIES_TRAIN = "train"
SERIES_TEST = "test"
SERIES_FIT = "fit"
SERIES_TRUTH = "true function"
AXIS_STEP = "step"
AXIS_LOSS = "loss (log scale)"
BEYOND_DATA = "shaded: beyond the data, where the net extrapolates"

# Network panel
NETWORK_PANEL = "The network, as the tutorial prints it"
PARAM_COUNT = "{count:,} parameters"
PARAMS_TRUNCATED = "first {shown:,} of {total:,} values"

# Downloads
DOWNLOADS = "Take it home"
DOWNLOAD_DATA = "Data (CSV)"
DOWNLOAD_PREDICTIONS = "Predictions (CSV)"
DOWNLOAD_WEIGHTS = "Weights (.pt)"
DOWNLOAD_SCRIPT = "PyTorch script (.py)"
SHARE = "Share: the address bar holds every setting; copy it and anyone who opens it gets the same data and start."

# Divergence: what happened and what to change
DIVERGED_AT = "Training diverged at step {bad_step}: the loss {what}. The weights are back at step {step}, "
DIVERGED_AT += "the last before it blew up. {advice}, then go on."
BECAME_NAN = "became NaN"
BECAME_INF = "became infinite"
EXPLODED = "exploded to {value:.3g}"
LOWER_LR = "Lower the learning rate (now {lr:g}), e.g. to {suggested:g}"
LOWER_MOMENTUM = ", or the momentum (now {momentum:g})"
