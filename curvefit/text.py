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
SERIES_BAND = "band: mean ± 2σ of K nets"
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
DIVERGED_AT = "Training diverged at step {bad_step}: the loss {what}. {back} {advice}, then go on."
BACK_AT = "The weights are back at step {step:,}, the last good one (loss {loss:.4g})."
BACK_AT_START = "The weights are back at the start."
VALUES_TOO_LARGE = "The loss was {loss:.3g} from the start: the points' values are too large to train on. "
VALUES_TOO_LARGE += "Change the target or the data"
BECAME_NAN = "became NaN"
BECAME_INF = "became infinite"
EXPLODED = "exploded to {value:.3g}"
LOWER_LR = "Lower the learning rate (now {lr:g}), e.g. to {suggested:g}"
LOWER_MOMENTUM = ", or the momentum (now {momentum:g})"

# Formulas and your own points
FORMULA_CHOICE = "a formula in x…"
FORMULA = "y ="
FORMULA_HELP = "In x, with + - * / ^, comparisons such as (x > 0), pi, e and sin cos tan exp log sqrt abs tanh "
FORMULA_HELP += "sinh cosh arcsin arccos arctan floor ceil sign. Example: sin(3*x) + 0.5*x^2"
FORMULA_EXAMPLE = "sin(3*x) + 0.5*x^2"
DROPPED = "{dropped:,} of {n:,} points left out: the formula has no finite value there."
CANNOT_USE = "Not used — {error}. The current fit is kept."
OWN_POINTS = "Your own points: upload a CSV or edit the table"
UPLOAD = "Upload a CSV of x and y"
UPLOAD_HELP = "Comma, semicolon or tab separated, header row optional; decimal commas work with ; or tab."
FIRST_COLUMNS = "The first {shown} of the file's {columns:,} columns are offered."
X_COLUMN = "x column"
Y_COLUMN = "y column"
USING_OWN = "Training on your {n:,} points ({source}). The data settings in the sidebar are set aside meanwhile."
OWN_NOT_IN_LINK = "The link carries your settings but not your points: send the Data (CSV) download with it."
BACK_TO_GENERATED = "Back to the generated data"
EDIT = "Edit the points: change, add or delete rows, then train on them."
TRAIN_ON_EDITED = "Train on these points"
EDIT_TOO_MANY = "The table edits up to {limit:,} points; these are {n:,}."
SOURCE_EDITED = "edited in the table"
LINK_HAD_OWN_POINTS = (
    "it was made with points of its own, which a link cannot carry: upload them (the sender's Data (CSV) "
    "download) under Your own points"
)
STANDARDISED = " (losses on standardised x and y, as training sees them)"
SCRIPT_NEEDS_DATA = "The script reads curvefit_data.csv, the Data (CSV) download, from beside it."

# The uncertainty band
BAND = "Uncertainty band"
BAND_HELP = "Train K more nets from K more seeds beside the red one, all else the same, and shade their mean ± 2σ: "
BAND_HELP += "wide where the data leaves the fit open, between sparse points and beyond them."
BAND_NETS = "Nets in the band"
BAND_DEFAULT = 16
BAND_STOPPED = "A net in the band diverged, so the band stopped where it was; the red fit trains on."

# Sharing the server
WAITING = "waiting for a free trainer — position {place}"
BUDGET_PAUSED = "Paused after {seconds:.0f} s of training, so other visitors get a turn: press Play to go on."
STEP_WAITING = "Every trainer is busy (you are number {place} in line): try Step again in a moment."
UNEXPECTED = "Something went wrong on our side; your fit is as it was. Try again, or Reset."
