"""Every cap on a size a user can set, in one place, with the reason for it."""

MAX_POINTS = 100_000  # enough for a real CSV; generating them takes ~1 ms
MIN_POINTS = 5  # fewer points cannot show a curve
MAX_LAYERS = 4  # deeper nets add nothing on a 1-D curve but cost
MAX_WIDTH = 256  # 4 x 256 is ~200k weights; cost.py bounds what each size may buy
MAX_TEST_FRACTION = 0.5  # at least half the points stay for training
MAX_ABS_X = 1_000.0  # wider ranges only make the fit ill-conditioned
# The narrowest x range, as a fraction of its larger end (or of 1): narrower, float32 points fall on a few
# values (999 to 999.00001 were all 999.0, and the pictures divided by a width of 0).
MIN_X_WIDTH = 1e-3
MAX_NOISE = 10.0
# The largest |x| or |y| of a point that trains: float32 arithmetic near its own limit (3.4e38) overflows when
# the points are shifted and scaled (3e38 gave NaN losses, and the least-squares fits failed inside LAPACK).
MAX_ABS_VALUE = 1e30
MIN_LR, MAX_LR = 1e-6, 10.0
MAX_MOMENTUM = 0.99  # at 1.0 SGD never forgets a gradient
MAX_WEIGHT_DECAY = 1.0
MAX_SEED = 2**32 - 1
MAX_DEGREE = 15  # of the polynomial baseline; higher ones only wiggle between the points
MIN_BAND, MAX_BAND = 2, 64  # nets in the uncertainty band (one has no spread); cost.py counts them too
BAND_DEFAULT = 16  # the nets a band ticked on has, until the user chooses
EVAL_SLICE = 1024  # points evaluated at once: bounds the activations a big data set would need

# A loss a thousand times its start is not coming back; stopping there keeps the restored
# weights close to a useful state (at 1e6 they were already 10^4 times worse than at the start).
EXPLODE_FACTOR = 1e3

# A first loss past this is not a learning-rate problem: float32 squares of values near 1e19 overflow.
MAX_START_LOSS = 1e30

MAX_CLI_STEPS = 100_000
