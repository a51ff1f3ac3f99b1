"""Every string the page, its charts and the command line show, in one place, in English: the msgids of the
gettext catalogs (curvefit/locales). Read as `text.NAME`, a message comes in the language its context speaks
(curvefit.i18n); dicts of messages come with their values translated.

Config's messages about bad values are composed in config.py and fields.py from the key and value.
"""

from curvefit import i18n


def N_(message: str) -> str:
    """Marks a message for the catalog (pybabel extract); it is translated when read, not here."""
    return message


class _Messages:
    TITLE = N_("curvefit")
    TAGLINE = N_("Watch a neural network learn a curve — the classic PyTorch regression tutorial, live.")

    # Sidebar
    DATA = N_("Data")
    NETWORK = N_("Network")
    TRAINING = N_("Training")
    TARGET = N_("Target function")
    TARGET_HELP = N_("The curve the points are drawn from (grey, dashed on the chart); the net only sees the points.")
    POINTS = N_("Points")
    POINTS_HELP = N_("How many points to draw from the curve; the tutorial uses 100.")
    NOISE = N_("Noise level")
    NOISE_HELP = N_(
        "How far the points scatter from the curve. The tutorial adds 0.2 · U[0, 1): always upwards, 0.1 on "
        "average, which is why the grey true curve runs below the points."
    )
    NOISE_KIND = N_("Noise")
    NOISE_KIND_HELP = N_(
        "Uniform adds noise upwards only, as the tutorial's torch.rand does; Gaussian scatters both ways."
    )
    X_RANGE_HELP = N_("Where on the x axis the points lie; the net is drawn a little beyond them.")
    NOISE_KINDS = {"uniform": N_("uniform [0, level), as the tutorial"), "gaussian": N_("Gaussian ± level")}
    X_MIN = N_("x from")
    X_MAX = N_("x to")
    SAMPLING = N_("x sampled")
    SAMPLINGS = {"grid": N_("on a grid"), "random": N_("at random")}
    SAMPLING_HELP = N_("Evenly spaced x as torch.linspace gives them (the tutorial), or x drawn at random.")
    TEST = N_("Held-out test fraction")
    TEST_HELP = N_(
        "Points kept out of training to see how the fit does on points it never saw; the tutorial keeps none."
    )
    SEED = N_("Seed")
    SEED_HELP = N_("The same seed gives the same data and the same initial weights.")
    NEW_SEED = N_("New seed")
    HIDDEN = N_("Hidden layer widths")
    HIDDEN_HELP = N_("Comma-separated, one number per hidden layer: 10 is the tutorial's, 32,32 is two layers.")
    ACTIVATION = N_("Activation")
    ACTIVATION_LABELS = {
        "relu": N_("relu"), "tanh": N_("tanh"), "sigmoid": N_("sigmoid"), "leaky_relu": N_("leaky relu"),
        "gelu": N_("gelu"), "silu": N_("silu"),
    }  # fmt: skip
    ACTIVATION_HELP = N_("What each hidden unit does to its input: relu bends at one point, tanh and the others curve.")
    OPTIMIZER = N_("Optimizer")
    OPTIMIZER_LABELS = {"sgd": N_("SGD"), "adam": N_("Adam"), "adamw": N_("AdamW"), "rmsprop": N_("RMSprop")}
    OPTIMIZER_HELP = N_("How each step changes the weights from the gradient; the tutorial uses SGD.")
    LR = N_("Learning rate")
    LR_HELP = N_("How big each step is; too big and the loss jumps or blows up, too small and it crawls.")
    MOMENTUM = N_("Momentum")
    MOMENTUM_HELP = N_("Used by SGD and RMSprop; Adam keeps its own.")
    WD = N_("Weight decay")
    WD_HELP = N_("Pulls every weight a little towards 0 each step, for a smoother fit; 0 is none, as the tutorial.")
    BATCH = N_("Batch size")
    BATCH_HELP = N_("0 trains on all points at every step, as the tutorial.")
    LOSS = N_("Loss")
    LOSS_LABELS = {"mse": N_("mse (mean squared error)"), "l1": N_("l1 (mean absolute error)"), "huber": N_("huber")}
    LOSS_HELP = N_(
        "What the fit minimises: mse (the tutorial's MSELoss) squares each miss, l1 takes its size, huber both."
    )
    BAND_NETS_HELP = N_("How many more nets, each from its own seed; more make the band steadier and cost more.")
    STEPS_PER_FRAME = N_("Steps per frame")
    STEPS_PER_FRAME_HELP = N_(
        "Step trains exactly this many. Playing, this many between redraws, up to ten redraws a second (as "
        "fast as your browser draws them, fewer when the server is busy); fewer steps where a frame would "
        "take too long. 5 is the tutorial's pace: it redraws every 5 steps."
    )
    SPEED_LABELS = {5: N_("5 · tutorial pace")}
    NOT_A_SPEED = N_("{value} is not one of the speeds ({speeds})")
    FORM_PROBLEM = N_("{label} not applied, the current fit is kept: {problem}")
    URL_PROBLEM = N_("This link had values that could not be used, so safe ones were taken instead. {notes}")
    REPLACED = N_("{label}: {problem}, so {fallback} is used.")
    LANGUAGE = N_("Language")

    # Values that cannot be used, from a link, the form or the command line: each follows the value
    BELOW_MIN = N_("is below the minimum {lo}")
    ABOVE_MAX = N_("is above the maximum {hi}")
    NOT_A_NUMBER = N_("is not a number")
    NOT_WHOLE = N_("is not a whole number")
    NOT_FINITE = N_("is not a finite number")
    NOT_ONE_OF = N_("is not one of {options}")
    NO_HIDDEN_LAYER = N_("needs at least one hidden layer, e.g. 10 or 32,32")
    TOO_MANY_LAYERS = N_("has more than {most} layers")
    A_WIDTH = N_("has a width that {problem}")
    NOT_A_TARGET = N_("is not a preset name or a formula")
    NOT_A_PRESET_NOR_FORMULA = N_("is not a preset, and as a formula: {error}")
    RANGE_UPSIDE_DOWN = N_("{start:g} must be below the end of the range, {end:g}")
    RANGE_TOO_NARROW = N_("{start!r} to {end!r} is too narrow a range; here it must be at least {least:.3g} wide")
    RANGE = N_("{start:g} to {end:g}")
    TOO_WIDE = N_("{widths} with {opt} is too slow a step; the widest is {widest}")
    OWN_TOO_MANY = N_("{n:,} points are too many for hidden layers {widths}: the most is {most:,}")
    TOO_MANY_POINTS = N_(
        "{n} is too many points to evaluate every frame for hidden layers {widths}; the most is {most}"
    )
    BATCH_TOO_SLOW = N_("{batch} on {train} points is too slow a step for hidden layers {widths}; the most is {most}")
    MINI_BATCHES = N_("mini-batches of {batch}")
    BAND_TOO_SLOW = N_("{band} nets are too slow a step at this size; the most is {most}")
    USING = N_("{problem}; using {fallback}")  # the command line's note on a value it replaced

    # A formula that cannot be used
    NO_LAMBDAS = N_("lambdas are not allowed")
    NO_IMPORTS = N_("imports are not allowed")
    NO_COMPREHENSIONS = N_("comprehensions are not allowed")
    NO_CONDITIONALS = N_("conditional expressions are not allowed; use comparisons, e.g. (x > 0) * x")
    NO_ATTRIBUTES = N_("attribute access (.) is not allowed")
    NO_SUBSCRIPTS = N_("subscripts ([ ]) are not allowed")
    NO_STRINGS = N_("strings are not allowed")
    NO_SETS = N_("sets and dicts are not allowed")
    NO_ASSIGNMENTS = N_("assignments and keyword arguments are not allowed")
    NO_COLONS = N_("lambdas, slices and annotations are not allowed")
    FORMULA_TOO_LONG = N_("the formula is {length} characters long; the most is {most}")
    FORMULA_EMPTY = N_("the formula is empty")
    FORMULA_TOO_DEEP = N_("the formula is nested too deeply (more than {most} levels)")
    FORMULA_ENDS_TOO_SOON = N_("the formula ends too soon")
    NEEDS_PARENTHESES = N_("{function} needs its argument in parentheses, e.g. {function}(x)")
    NOT_A_FUNCTION = N_("{name} is not a function")
    ONE_ARGUMENT = N_("{function} takes 1 argument, got {count}")
    FORMULA_TOO_BIG = N_("the formula has too many parts (more than {most})")
    EXPECTED = N_("expected '{wanted}' but found {found}")
    CANNOT_BE_USED = N_("'{character}' cannot be used in a formula")
    NUMBER_TOO_LARGE = N_("the number {number} is too large (the most is {most:g})")
    NO_DUNDER = N_("names with __ such as {name} are not allowed")
    UNKNOWN_NAME = N_("unknown name '{name}': use x, pi, e and {functions}")
    THE_END = N_("the end")
    NO_TUPLES = N_("a comma only separates a function's arguments; tuples are not allowed")
    UNEXPECTED_TOKEN = N_("unexpected {found}; is an operator missing?")

    # A file of points that cannot be used, or not all of it
    FILE_TOO_BIG = N_("the file is {size:.1f} MB; the most is {most:.0f} MB")
    FILE_EMPTY = N_("the file is empty")
    NOT_CSV_BECAUSE = N_("this is not a CSV that can be read: {error}")
    NOT_CSV = N_("this is not a CSV that can be read")
    ONE_COLUMN = N_("found only one column: need x and y, separated by commas, semicolons or tabs")
    COLUMN = N_("column {number}")
    TOO_FEW_ROWS = N_("only {rows} rows have numbers in both columns; need at least {least}")
    RAGGED = N_("a row has {saw} cells but the first has {expected}: the rows are ragged")
    ROWS_KEPT = N_("kept {kept:,} of {rows:,} rows, evenly spread; the most is {most:,}")
    ROWS_LEFT_OUT = N_("{left:,} of {rows:,} rows left out: a cell that is not a finite number")
    ROWS_TOO_LARGE = N_("{left:,} of {rows:,} rows left out: a value beyond ±{most:g}, too large to train on")
    TOO_FEW_NOT_TOO_LARGE = N_(
        "only {rows} rows are left once values beyond ±{most:g} (too large to train on) are left out; need at least "
        "{least}"
    )
    ONE_X = N_("every x is {x:g}: need at least two different x values to draw a curve")
    NOT_UTF16 = N_("this file says it is UTF-16 but is not: save it again as CSV")
    NOT_TEXT = N_("this is not a text file: save the data as CSV")

    # The command line
    CLI_USAGE = N_("usage: ")
    CLI_OPTIONS = N_("options")
    CLI_SETTINGS = N_("settings (the share link's keys)")
    CLI_HELP = N_("show this help and exit")
    CLI_STEPS = N_("steps to train (default {default}, or a link's step=)")
    CLI_EVERY = N_("print the loss every K steps (default {default})")
    CLI_JSON = N_("print one JSON object at the end instead")
    CLI_LANG = N_("the language it speaks: {languages} (default: the locale's, LANG or LC_ALL; zh_* is Chinese)")
    CLI_EPILOG = N_(
        "Keys (the share link's): {keys}. step=N trains N steps (as --steps N); changes=STEP:KEY=VALUE,...;... "
        "changes lr, momentum or weight decay at those steps, as the page did. With no arguments it runs the "
        "tutorial. target= is a preset ({targets}) or a formula in x such as sin(3*x) + 0.5*x^2; act= one of "
        "{activations}; opt= one of {optimizers}; loss= one of {losses}."
    )
    CLI_ERROR = N_("curvefit: error: {error}")
    CLI_UNKNOWN = N_("unknown arguments: {arguments}")
    CLI_NOT_A_SETTING = N_("{setting} is not KEY=VALUE with a known key ({keys})")
    CLI_EVERY_TOO_SMALL = N_("--every must be at least 1")
    CLI_STEPS_DISAGREE = N_("--steps {steps} and step={step} disagree: give one")
    CLI_PRESETS = N_("the presets: {presets}")
    CLI_STEPS_RANGE = N_("the steps to train (--steps or step=) must be 1 to {most}")
    CLI_PROGRESS = N_("step {step:>6}/{steps}  loss {loss:.6f} (of the step's batch, before its update)")
    CLI_PROGRESS_TEST = N_("  test {test:.6f}")
    CLI_FINAL = N_("after step {step}  train loss {train:.6f} (on every training point){test}")
    CLI_FINAL_TEST = N_("  test loss {test:.6f}")
    CLI_REFERENCES = N_("noise floor {floor:.6f}  best last layer {best:.6f}")

    # The exported script's comments (in Chinese, the tutorial's own)
    SCRIPT_YOUR_DATA = N_("your data")
    SCRIPT_ABOUT = N_("The same data, network, optimizer and number of steps as on the page, in plain PyTorch.")
    SCRIPT_RUN = N_("Run")
    SCRIPT_SETTINGS = N_("Settings")
    SCRIPT_FUNCTIONAL = N_("the activation functions are in here")
    SCRIPT_SCHEDULE = N_("step -> the optimizer settings changed on the page from that step on")
    SCRIPT_MODULE = N_("inherits torch's Module")
    SCRIPT_INIT = N_("inherits __init__")
    SCRIPT_LAYERS = N_("what each layer is")
    SCRIPT_HIDDEN_LAYER = N_("hidden layer, linear output")
    SCRIPT_OUTPUT_LAYER = N_("output layer, linear output")
    SCRIPT_ACTIVATION = N_("activation function (of the hidden layer's linear values)")
    SCRIPT_OUTPUT = N_("the output")
    SCRIPT_THREADS = N_("as the page trains: bigger nets round differently on more threads")
    SCRIPT_NET = N_("its default init continues the seeded stream after the data, as in the tutorial")
    SCRIPT_OPTIMIZER = N_(
        "the optimizer is the tool that trains: it gets all of net's parameters and the learning rate"
    )
    SCRIPT_LOSS_FUNC = N_("how the loss between prediction and truth is computed")
    SCRIPT_FEED = N_("feed net the training data x, get its predictions")
    SCRIPT_LOSS = N_("the loss between the two")
    SCRIPT_ZERO_GRAD = N_("zero the gradients")
    SCRIPT_BACKWARD = N_("backpropagate the loss: each parameter's gradient")
    SCRIPT_STEP = N_("update the weights")
    SCRIPT_KEEP = N_("where the target has no value, there is no point")
    SCRIPT_STANDARDISED = N_(
        "Standardised, as on the page: the data's scale is far from the tutorial's, where training works best."
    )
    SCRIPT_HELD_OUT = N_("the held-out points, drawn from their own generator")
    SCRIPT_PER_EPOCH = N_("mini-batches of {batch}, reshuffled every epoch")
    SCRIPT_SHUFFLE_SEED = N_("plus the epoch number: the shuffles come from the seed too")
    SCRIPT_RMSPROP = N_("RMSprop makes this buffer only at its first step")
    SCRIPT_MOVED = N_("step -> the points the net trained on from that step on (moved by hand on the page)")
    SCRIPT_MOVED_FIRST = N_("The points placed by hand on the page, as the net first trained on them.")
    SCRIPT_TAKE_MOVED = N_("the points changed here on the page: train on the new ones, from these weights")
    SCRIPT_READ_DATA = N_('The page\'s points, from its "Data (CSV)" download saved next to this script.')
    SCRIPT_SEEDED_WEIGHTS = N_("the initial weights come from the seed, as on the page")
    SCRIPT_DRAWN = N_("The points, drawn in the tutorial's order: x, then the noise.")
    SCRIPT_FORMULA = N_("the page's formula, in float64 as the page computes it")

    # A link's moment that cannot be replayed, a formula without values
    REPLAY_TOO_LONG = N_("{step:,} steps would take about {seconds:,.0f} s to replay here; the most is {most:.0f} s")
    TOO_MANY_CHANGES = N_("more than {most} changes")
    CHANGE_OUT_OF_ORDER = N_("a change at step {at} is not between 1 and {step} in order")
    NOT_A_LIVE_SETTING = N_("{key} is not a setting that can change during a run")
    NO_FINITE_VALUES = N_("the formula has no finite values for x from {start:g} to {end:g}: change it or the x range")
    FEW_FINITE_VALUES = N_(
        "the formula has finite values at only {finite} of {n} points for x from {start:g} to {end:g}: change it or "
        "the x range"
    )

    # Controls and status
    PLAY = N_("Play")
    PAUSE = N_("Pause")
    STEP = N_("Step")
    STEP_HELP = N_("Train exactly the steps per frame (beside the buttons), then pause.")
    RESET = N_("Reset")
    RESET_HELP = N_("Back to the same initial weights. Change the seed for new ones.")
    PLAYING = N_("playing")
    PAUSED = N_("paused")
    DIVERGED = N_("diverged")
    STATUS = N_("Step **{step:,}** · train loss **{train:.4g}**{test}{speed} · {state}")
    STATUS_TEST = N_(" · test loss **{test:.4g}**")
    STATUS_SPEED = N_(" · {speed:,.0f} steps/s")

    # Charts
    FIT_TITLE = N_("The fit")
    LOSS_TITLE = N_("Loss")
    LOSS_ON_PLOT = N_("Loss={loss:.4f}")  # as the tutorial writes it on its plot
    LOSS_AT_STEP = N_("Loss={loss:.4f} at step {step:,}")  # an earlier step's, from the timeline
    SERIES_SHOWN = N_("step shown")
    SERIES_PINNED = N_("pinned run")
    SERIES_PINNED_TRAIN = N_("pinned run: train")
    SERIES_PINNED_TEST = N_("pinned run: test")
    PIN = N_("Pin")
    UNPIN = N_("Unpin")
    PIN_HELP = N_(
        "Keep this run's fit and loss on the charts, faint, to compare: change a setting, press Reset (a "
        "change of the optimizer or the loss starts over by itself) and train again from the same initial "
        "weights."
    )
    PINNED_CAPTION = N_("Faint: the pinned run, at step {step:,} with train loss {loss:.4g}; {differences}.")
    PINNED_DIFFERED = N_("its settings then: {settings}")
    PINNED_SAME = N_("the same settings as now")
    LINK_STEP = N_("The link's step")
    LINK_CHANGES = N_("The link's changes of settings")
    REPLAYING = N_("replaying the link: step {step:,} of {target:,}")
    REPLAYED = N_("Trained to step {step:,}, the moment the link holds, with its changes of settings on the way.")
    TIMELINE = N_("Timeline: show the fit at step")
    TIMELINE_WHILE_MOVING = N_("Timeline: pause to look back at the fit at any earlier step.")
    TIMELINE_HELP = N_(
        "The fit as it was at an earlier step (kept as it trained, fewer and evenly spread the longer it "
        "trains). Play goes on from the latest step."
    )
    SHOWING_EARLIER = N_(
        "Showing step {step:,} from the timeline; the fit has trained to step {latest:,}. The red line and "
        "its loss are as they were then; the units and the errors below are the latest, and the band and the ◆ "
        "marks come back at the latest step."
    )
    SERIES_TRAIN = N_("train")
    SERIES_TEST = N_("test")
    SERIES_FIT = N_("fit")
    SERIES_TRUTH = N_("true function")
    SERIES_BAND = N_("band: mean ± 2σ of K nets")
    AXIS_STEP = N_("step")
    TIP_LOSS = N_("loss")
    SWITCHES_AT = N_("switches at x")
    AXIS_LOSS = N_("loss (log scale)")
    BEYOND_DATA = N_("Shaded: beyond the data, where the net extrapolates.")

    # Network panel
    NETWORK_PANEL = N_("The network, as the tutorial prints it")
    GLOSSARY_PANEL = N_("Words on this page")
    GLOSSARY = N_(
        "- **Step**: one update of the weights, from the loss on one batch of points (all of them, as the "
        "tutorial, unless the batch size says fewer).\n"
        "- **Loss**: how far the red line is from the points, as the loss function measures it (MSE: the mean of "
        "the squared misses). **Train** is on the points it learns from, **test** on the points held out.\n"
        "- **True function**: the grey dashed curve the points were drawn from. The tutorial's noise is always "
        "upwards (0.1 on average), so the points sit above it.\n"
        "- **Noise floor**: the true function's own loss on these points (shifted up by the noise's mean): a fit "
        "much below it on train is learning the noise.\n"
        "- **Best last layer**: the loss these hidden units would give with the ideal output layer (least "
        "squares): how good the units are, whatever the last layer learned so far.\n"
        "- **Polynomial**: a least-squares polynomial of the points, a plain baseline to beat.\n"
        "- **Unit**: one hidden neuron. It adds **w_out · act(w_in · x + b_in)** to the output: **w_in** and "
        "**b_in** are its input weight and bias, **w_out** its weight into the output. Where **w_in · x + b_in** "
        "crosses 0 it **switches**: a relu unit bends the red line there (◆).\n"
        "- **Dead unit**: a relu unit that no training point switches on: it adds a constant, and its gradient is "
        "0, so it never learns again.\n"
        "- **Band**: K more nets, each from its own seed; the shade is their mean ± 2σ (two standard deviations)."
    )
    PARAM_COUNT = N_("{count:,} parameters")
    NETWORK_ACTIVATION = N_("Between the layers: {act}, which the forward pass calls (print(net) does not show it).")
    PARAMS_TRUNCATED = N_("first {shown:,} of {total:,} values")

    # Downloads
    DOWNLOADS = N_("Take it home")
    DOWNLOAD_DATA = N_("Data (CSV)")
    DOWNLOAD_PREDICTIONS = N_("Predictions (CSV)")
    DOWNLOAD_WEIGHTS = N_("Weights (.pt)")
    DOWNLOAD_SCRIPT = N_("PyTorch script (.py)")
    DOWNLOAD_GIF = N_("Training (GIF)")
    DOWNLOAD_GIF_HELP = N_("The fit at up to 100 steps of the run so far, evenly spread, as the tutorial's animation.")
    DOWNLOAD_PNG = N_("The fit (PNG)")
    DOWNLOAD_BUSY = N_("This page's downloads are still being made. Try again once they have come.")
    DOWNLOAD_GONE = N_("The page this download belonged to is closed. Open the page again and download from there.")
    DOWNLOAD_SERVER_BUSY = N_("The server is busy. Try again in a moment.")
    DOWNLOAD_SPENT = N_("This page has used its share of the server for now. Try again in a few seconds.")
    DOWNLOAD_NO_SUCH_FILE = N_("The page has no file of that name. Download it again from the page.")
    SHARE = N_(
        "Share: the address bar holds every setting; copy it and anyone who opens it gets the same data and start."
    )
    SERVER_LOAD = N_(
        "How busy the server is (sessions training, steps a second each), for a teacher before class: [load](load)"
    )

    # The load page (plain text: numbers only, nothing of any session's settings or data)
    LOAD_TITLE = N_("curvefit: this server's load now (the last {seconds:g} seconds)")
    LOAD_TRAINING = N_("sessions training: {count}")
    LOAD_EACH = N_("steps a second each: {median:,.0f} (median), {slowest:,.0f} (slowest)")
    LOAD_ALL = N_("steps a second in all: {total:,.0f}")
    LOAD_PROCESSES = N_("server processes: {count}")
    LOAD_NOTE = N_(
        "The tutorial's whole run is 200 steps: at 20 steps a second, a student sees it in 10 seconds. Under load "
        "the pictures come less often, each with more steps."
    )

    # Divergence: what happened and what to change
    DIVERGED_AT = N_("Training diverged at step {bad_step}: the loss {what}. {back} {advice}, then go on.")
    BACK_AT = N_("The weights are back at step {step:,}, the last good one (loss {loss:.4g}).")
    BACK_AT_START = N_("The weights are back at the start.")
    VALUES_TOO_LARGE = N_(
        "The loss was {loss:.3g} from the start: the points' values are too large to train on. Change the "
        "target or the data"
    )
    OSCILLATING = N_(
        "The loss keeps jumping up ({jumps} times in the last {window} steps) and is {times:.1f} times its best "
        "({best:.4g}): each step overshoots. Lower the learning rate (now {lr:g}), e.g. to {suggested:g}."
    )
    BECAME_NAN = N_("became NaN")
    BECAME_INF = N_("became infinite")
    EXPLODED = N_("exploded to {value:.3g}")
    LOWER_LR = N_("Lower the learning rate (now {lr:g}), e.g. to {suggested:g}")
    LOWER_MOMENTUM = N_(", or the momentum (now {momentum:g})")

    # Formulas and your own points
    FORMULA_CHOICE = N_("a formula in x…")
    FORMULA = N_("y =")
    FORMULA_HELP = N_(
        "In x, with + - * / ^, comparisons such as (x > 0), pi, e and sin cos tan exp log sqrt abs tanh sinh "
        "cosh arcsin arccos arctan floor ceil sign. Example: sin(3*x) + 0.5*x^2"
    )
    FORMULA_EXAMPLE = N_("sin(3*x) + 0.5*x^2")
    DROPPED = N_(
        "{dropped:,} of {n:,} points left out: the formula has no finite value there, or one beyond ±{most:g}."
    )
    CANNOT_USE = N_("Not used, the current fit is kept: {error}")
    OWN_POINTS = N_("Your own points: upload a CSV or edit the table")
    UPLOAD = N_("Upload a CSV of x and y")
    UPLOAD_HELP = N_("Comma, semicolon or tab separated, header row optional; decimal commas work with ; or tab.")
    FIRST_COLUMNS = N_("The first {shown} of the file's {columns:,} columns are offered.")
    X_COLUMN = N_("x column")
    Y_COLUMN = N_("y column")
    USING_OWN = N_(
        "Training on your {n:,} points ({source}). The data settings in the sidebar are set aside meanwhile."
    )
    OWN_NOT_IN_LINK = N_("The link carries your settings but not your points: send the Data (CSV) download with it.")
    BACK_TO_GENERATED = N_("Back to the generated data")
    EDIT = N_("Edit the points: change, add or delete rows, then train on them.")
    TRAIN_ON_EDITED = N_("Train on these points")
    EDIT_TOO_MANY = N_("The table edits up to {limit:,} points; these are {n:,}.")
    SOURCE_EDITED = N_("edited in the table")
    HAND_FROM_LINK = N_("points placed by hand, from the link")
    OWN_IN_LINK = N_("Placed by hand, they travel in the link: whoever opens it gets these very points.")
    LINK_POINTS = N_("Points placed by hand")
    LINK_POINTS_FALLBACK = N_("the generated points")
    HAND_TOO_MANY = N_("holds more than {most} points, the most a link carries")
    HAND_HOW_MANY = N_("holds {n} points; a link carries {least} to {most}")
    HAND_NOT_POINTS = N_("is not points as the page writes them")
    HAND_OUT_OF_RANGE = N_("has a point that is not a number, or x beyond ±{most_x:g}, or y beyond ±{most_y:g}")
    TOUCH_MODES = {"points": N_("Move points"), "draw": N_("Draw the target")}
    TOUCH_HELP = N_(
        "Move points: click empty space to add a point, drag a point to move it, shift-click it (or press and hold, "
        "on a phone) to remove it. Draw the target: a stroke across the chart becomes the curve the points are "
        "drawn from, with the noise, point count and seed of the settings. Training goes on from the current weights."
    )
    LEARNING_PANEL = N_("Why it learns as it does: the sharpness and the frequencies")
    SHARPNESS_TITLE = N_("Sharpness and the edge of stability")
    AXIS_SHARPNESS = N_("sharpness")
    SERIES_SHARPNESS = N_("sharpness")
    SERIES_EDGE = N_("edge of stability")
    SHARPNESS_NOW = N_(
        "Sharpness, the top eigenvalue of the loss's Hessian in the weights: {value:.3g}, found by a few "
        "Hessian-vector products each time this panel is redrawn (about once a second while playing)."
    )
    SHARPNESS_EDGE = N_(
        "Steps stay stable while it is under {edge:.3g} (2/lr for plain SGD, 2(1 + momentum)/lr with momentum): "
        "they are now {ratio:.2f} of the largest stable step."
    )
    SHARPNESS_NO_EDGE = N_("{opt} scales each weight's step by its own history: the simple 2/lr rule does not apply.")
    SHARPNESS_SAMPLED = N_("Measured on {points:,} of the training points, evenly spread.")
    SHARPNESS_PAST = N_(
        "The sharpness {value:.3g} passed the edge {edge:.3g} (2/lr for plain SGD): each step overshoots. A "
        "learning rate of {suggested:.2g} puts the edge at twice the sharpness."
    )
    SHARPNESS_NEAR = N_(
        "The sharpness is {value:.3g}, {ratio:.0%} of the edge {edge:.3g} (2/lr for plain SGD): near it, steps "
        "overshoot. A learning rate of {suggested:.2g} puts the edge at twice the sharpness."
    )
    SPECTRUM_TITLE = N_("What the fit still misses, by frequency")
    HEATMAP_TITLE = N_("The same over the steps")
    AXIS_FREQUENCY = N_("frequency")
    AXIS_AMPLITUDE = N_("amplitude")
    SPECTRUM_CAPTION = N_(
        "The target minus the fit on an even grid over the data (for points of your own: the points minus the fit), "
        "as the amplitude of each wave (frequency: waves per unit of x). Networks learn the slow waves first "
        "(spectral bias, the frequency principle): the low rows of the heatmap darken before the high ones. See it "
        "with sin(πx) + 0.3·sin(8πx), 64,64 tanh units and Adam at 0.01."
    )
    TOUCH_HINTS = {
        "points": N_("Click to add a point, drag one to move it, shift-click or hold to remove it."),
        "draw": N_("Draw a stroke across the chart: the points are drawn from it."),
    }
    TOUCH_OFF = N_("Touching the chart works with up to {most} points; these are {n:,}.")
    UNDO = N_("Undo")
    UNDO_HELP = N_("Back to the points before the last change on the chart.")
    HAND_SOURCE = N_("placed by hand on the chart")
    EDITED_WHILE_TRAINING = N_(
        "The points changed while the net trained: the link holds the points and opens at step 0, where this run "
        "began on other points."
    )
    TOUCH_NOT_UNDERSTOOD = N_("the chart sent an edit the page cannot read")
    TOUCH_STALE = N_("the points changed before this edit arrived; try again")
    TOUCH_STROKE_LENGTH = N_("a stroke has 2 to {most} points")
    TOUCH_STROKE_FLAT = N_("draw the stroke across the chart, from left to right")
    TOUCH_OUT_OF_RANGE = N_("a point's x must be within ±{most_x:g} and its y within ±{most_y:g}")
    TOUCH_TOO_MANY = N_("by hand, the page takes at most {most} points")
    LINK_HAD_OWN_POINTS = N_(
        "This link was made on the sender's own points, which links do not carry: here are the generated points "
        "with the same settings. To fit theirs, upload their Data (CSV) download under Your own points."
    )
    STANDARDISED = N_(" (losses on standardised x and y, as training sees them)")
    SCRIPT_NEEDS_DATA = N_("The script reads curvefit_data.csv, the Data (CSV) download, from beside it.")

    # The uncertainty band
    BAND = N_("Uncertainty band")
    BAND_HELP = N_(
        "Train K more nets from K more seeds beside the red one, all else the same, and shade their mean ± "
        "2σ: wide where the data leaves the fit open, between sparse points and beyond them. Switched on "
        "mid-run, its nets first train up to the red net's step, with the same changes of settings along the "
        "way; switched off, the red net trains on where it is."
    )
    BAND_CATCHING_UP = N_("the band is catching up: step {band:,} of {step:,}")
    BAND_NETS = N_("Nets in the band")
    BAND_STOPPED = N_("A net in the band diverged, so the band stopped where it was; the red fit trains on.")

    # Sharing the server
    SERVER_BUSY = N_("busy server: this frame got no turn to train")
    BUSY_FRAMES = N_("busy server: up to {steps:,} steps a frame")
    SHARE_SPENT = N_("this page has used its share of the server for now: it goes on slowly")
    BUDGET_PAUSED = N_("Paused after {seconds:.0f} s of training, so other visitors get a turn: press Play to go on.")
    STEP_CAPPED = N_(
        "Step trains at most {most:,} steps of this fit at once, so one click stays a fraction of a second."
    )
    STEP_BUSY = N_("The server is busy: try Step again in a moment.")
    BAND_TOO_LONG = N_(
        "{band} nets would take about {seconds:,.0f} s to catch up with step {step:,}; the most is {most:.0f} s: "
        "switch the band on earlier in a run, or Reset"
    )
    UNEXPECTED = N_("Something went wrong on our side; your fit is as it was. Try again, or Reset.")

    # Inside the fit
    SERIES_POLY = N_("polynomial")
    SERIES_FLOOR = N_("noise floor")
    SERIES_BEST_LAST = N_("best last layer")
    POLY_ON_PLOT = N_("polynomial, degree {degree}: Loss={loss:.4f}")
    UNITS_TITLE = N_("What each unit adds")
    UNITS_SUBTITLE = N_("The red fit is their sum plus the output bias (dashed).\nA dot shows a unit's numbers.")
    UNIT = N_("unit {unit}")
    ON_FOR = N_("on for")  # a unit's tooltip: the share of the points that switch it on
    OTHER_UNITS = N_("the other {count} units, summed")
    OUTPUT_BIAS = N_("output bias {bias:.4g}")
    AXIS_ADDS = N_("adds to y")
    PIECES = N_("Inside the data the red line is {pieces:,} straight pieces.")
    TOO_MANY_PIECES = N_("The red line bends too often to count its pieces.")
    KINKS_MARKED = N_("◆ marks where a unit bends it.")
    CENTRES_MARKED = N_("◆ marks each unit's centre, where it switches most steeply.")
    DEAD = N_(
        "{dead} of {units} units are dead (unit {names}): no training point switches them on, so they add {adds}."
    )
    DEAD_ADD_CONSTANT = N_("a constant")
    DEAD_ADD_LINE = N_("a faint straight line")
    FITTING_NOISE = N_("Below the noise floor while the test loss rises: fitting the noise")
    REFERENCE_LINES = N_("Level lines on the loss chart")
    REFERENCE_LINES_HELP = N_(
        "Noise floor: the loss of the true function itself (generated data only); below it on train while the "
        "test loss rises, the net fits the noise. Best last layer: the least-squares output layer on the "
        "current hidden units (MSE). Polynomial: the classical baseline drawn dotted on the fit."
    )
    POLY_DEGREE = N_("Polynomial baseline degree")
    POLY_DEGREE_HELP = N_("Auto picks the degree with the least loss on held-out folds of the training points.")
    POLY_AUTO = N_("auto")
    FLOOR_IS = N_("Noise floor {loss:.4g}: the true function's own loss on these points")
    BEST_LAST_IS = N_("best last layer {loss:.4g}: these hidden units with the ideal output layer")
    BEST_LAST_MSE_ONLY = N_("best last layer: for the MSE loss only")
    POLY_PICKED_IS = N_("polynomial {loss:.4g}: degree {degree}, picked by held-out loss")
    POLY_IS = N_("polynomial {loss:.4g}: degree {degree}")
    NOT_DRAWN = N_("{said} (off the chart: far below the losses on its log scale)")
    NET = N_("net")
    POLY = N_("polynomial")
    LOSS_COLUMN = N_("loss")


def later(name: str, **fields) -> i18n.Later:
    """`text.NAME` with its fields, worded when shown (i18n.Later): for what a session keeps, such as an
    upload's notes and refusal, so that a switch of language says it again."""
    getattr(_Messages, name)  # a name that is no message fails here, where it is made
    return i18n.Later(lambda: __getattr__(name).format(**fields))


def __getattr__(name: str):
    """`text.NAME` in the language of this context (module attributes are looked up here: PEP 562)."""
    message = getattr(_Messages, name)  # an unknown name raises AttributeError, as a module would
    if isinstance(message, str):
        return i18n.translate(message)
    return {key: i18n.translate(value) for key, value in message.items()}
