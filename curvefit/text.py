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
STEPS_PER_FRAME_HELP = (
    "Step trains exactly this many. Playing, this many between redraws, up to ten redraws a second (as fast as "
    "your browser draws them, fewer when the server is busy); fewer steps where a frame would take too long. "
    "5 is the tutorial's pace: it redraws every 5 steps."
)
SPEED_LABELS = {5: "5 · tutorial pace"}
NOT_A_SPEED = "{value} is not one of the speeds ({speeds})"
FORM_PROBLEM = "{label} not applied, the current fit is kept: {problem}"
URL_PROBLEM = "This link had values that could not be used, so safe ones were taken instead. {notes}"
REPLACED = "{label}: {problem}, so {fallback} is used."

# Controls and status
PLAY = "Play"
PAUSE = "Pause"
STEP = "Step"
STEP_HELP = "Train exactly the steps per frame (beside the buttons), then pause."
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
LOSS_AT_STEP = "Loss={loss:.4f} at step {step:,}"  # an earlier step's, from the timeline
SERIES_SHOWN = "step shown"
SERIES_PINNED = "pinned run"
SERIES_PINNED_TRAIN = "pinned run: train"
SERIES_PINNED_TEST = "pinned run: test"
PIN = "Pin"
UNPIN = "Unpin"
PIN_HELP = (
    "Keep this run's fit and loss on the charts, faint, to compare: change a setting, press Reset (a change "
    "of the optimizer or the loss starts over by itself) and train again from the same initial weights."
)
PINNED_CAPTION = "Faint: the pinned run, at step {step:,} with train loss {loss:.4g}; {differences}."
PINNED_DIFFERED = "its settings then: {settings}"
PINNED_SAME = "the same settings as now"
LINK_STEP = "The link's step"
LINK_CHANGES = "The link's changes of settings"
REPLAYING = "replaying the link: step {step:,} of {target:,}"
REPLAYED = "Trained to step {step:,}, the moment the link holds, with its changes of settings on the way."
TIMELINE = "Timeline: show the fit at step"
TIMELINE_HELP = (
    "The fit as it was at an earlier step (kept as it trained, fewer and evenly spread the longer it trains). "
    "Play goes on from the latest step."
)
SHOWING_EARLIER = (
    "Showing step {step:,} from the timeline; the fit has trained to step {latest:,}. The red line and its loss "
    "are as they were then; the band, the ◆ marks, the units and the errors are the latest."
)
SERIES_TRAIN = "train"
SERIES_TEST = "test"
SERIES_FIT = "fit"
SERIES_TRUTH = "true function"
SERIES_BAND = "band: mean ± 2σ of K nets"
AXIS_STEP = "step"
AXIS_LOSS = "loss (log scale)"
BEYOND_DATA = "Shaded: beyond the data, where the net extrapolates."

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
DOWNLOAD_GIF = "Training (GIF)"
DOWNLOAD_GIF_HELP = "The fit at up to 100 steps of the run so far, evenly spread, as the tutorial's animation."
DOWNLOAD_PNG = "The fit (PNG)"
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
CANNOT_USE = "Not used, the current fit is kept: {error}"
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
    "It was made with points of its own, which a link cannot carry: upload them (the sender's Data (CSV) "
    "download) under Your own points."
)
STANDARDISED = " (losses on standardised x and y, as training sees them)"
SCRIPT_NEEDS_DATA = "The script reads curvefit_data.csv, the Data (CSV) download, from beside it."

# The uncertainty band
BAND = "Uncertainty band"
BAND_HELP = "Train K more nets from K more seeds beside the red one, all else the same, and shade their mean ± 2σ: "
BAND_HELP += "wide where the data leaves the fit open, between sparse points and beyond them."
BAND_HELP += " Switched on mid-run, its nets first train up to the red net's step, with the same changes of settings "
BAND_HELP += "along the way; switched off, the red net trains on where it is."
BAND_CATCHING_UP = "the band is catching up: step {band:,} of {step:,}"
BAND_NETS = "Nets in the band"
BAND_DEFAULT = 16
BAND_STOPPED = "A net in the band diverged, so the band stopped where it was; the red fit trains on."

# Sharing the server
WAITING = "waiting for a free trainer — position {place}"
BUDGET_PAUSED = "Paused after {seconds:.0f} s of training, so other visitors get a turn: press Play to go on."
STEP_CAPPED = "Step trains at most {most:,} steps of this fit at once, so one click stays a fraction of a second."
STEP_WAITING = "Every trainer is busy (you are number {place} in line): try Step again in a moment."
UNEXPECTED = "Something went wrong on our side; your fit is as it was. Try again, or Reset."

# Inside the fit
SERIES_POLY = "polynomial"
SERIES_FLOOR = "noise floor"
SERIES_BEST_LAST = "best last layer"
POLY_ON_PLOT = "polynomial, degree {degree}: Loss={loss:.4f}"
UNITS_TITLE = "What each unit adds"
UNITS_SUBTITLE = "The red fit is their sum plus the output bias (dashed). A dot shows a unit's numbers."
UNIT = "unit {unit}"
OTHER_UNITS = "the other {count} units, summed"
OUTPUT_BIAS = "output bias {bias:.4g}"
AXIS_ADDS = "adds to y"
PIECES = "Inside the data the red line is {pieces:,} straight pieces."
TOO_MANY_PIECES = "The red line bends too often to count its pieces."
KINKS_MARKED = "◆ marks where a unit bends it."
CENTRES_MARKED = "◆ marks each unit's centre, where it switches most steeply."
DEAD = "{dead} of {units} units are dead (unit {names}): no training point switches them on, so they add {adds}."
DEAD_ADD_CONSTANT = "a constant"
DEAD_ADD_LINE = "a faint straight line"
FITTING_NOISE = "Below the noise floor while the test loss rises: fitting the noise"
REFERENCE_LINES = "Level lines on the loss chart"
REFERENCE_LINES_HELP = (
    "Noise floor: the loss of the true function itself (generated data only); below it on train while the test "
    "loss rises, the net fits the noise. Best last layer: the least-squares output layer on the current hidden "
    "units (MSE). Polynomial: the classical baseline drawn dotted on the fit."
)
POLY_DEGREE = "Polynomial baseline degree"
POLY_DEGREE_HELP = "Auto picks the degree with the least loss on held-out folds of the training points."
POLY_AUTO = "auto"
FLOOR_IS = "Noise floor {loss:.4g}: the true function's own loss on these points"
BEST_LAST_IS = "best last layer {loss:.4g}: these hidden units with the ideal output layer"
BEST_LAST_MSE_ONLY = "best last layer: for the MSE loss only"
POLY_PICKED_IS = "polynomial {loss:.4g}: degree {degree}, picked by held-out loss"
POLY_IS = "polynomial {loss:.4g}: degree {degree}"
NET = "net"
POLY = "polynomial"
LOSS_COLUMN = "loss"
