"""Counter-based random numbers: every draw is a pure function of (seed, stream, agent index).

A word is the SplitMix64 output at position `counter` of a stream: mix64(key + counter * GAMMA),
where the key is derived from the seed and the stream's name. SplitMix64 is a counter hash (its
state is only a counter) and passes BigCrush (Steele, Lea and Flood, "Fast splittable
pseudorandom number generators", OOPSLA 2014). Because nothing carries over from one draw to the
next, agent i draws the same numbers whichever chunk holds it and whichever process runs the
chunk, and a kernel can draw inside its own loop instead of reading arrays of draws.

Uniforms take the top 53 bits of a word. Normals come in Box-Muller pairs: words 2p and 2p + 1
give the normals of positions 2p (the cosine) and 2p + 1 (the sine). The logarithm and the sine
and cosine are written out in plain arithmetic (fdlibm's logarithm; Taylor polynomials on an
eighth of a turn), so that numba vectorises the loops that fill blocks of draws; tests hold them
to math.log, math.cos and math.sin within a few units in the last place.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import cast

import numba
import numpy as np
from llvmlite import ir
from numba import types
from numba.extending import intrinsic
from numpy.typing import NDArray

Floats = NDArray[np.float64]
Ints = NDArray[np.int64]

GAMMA = np.uint64(0x9E3779B97F4A7C15)  # 2^64 / golden ratio, SplitMix64's increment
_MIX1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX2 = np.uint64(0x94D049BB133111EB)
_S11, _S27, _S30, _S31, _S52 = (np.uint64(n) for n in (11, 27, 30, 31, 52))
_MANTISSA = np.uint64(0x000FFFFFFFFFFFFF)
_ONE_BITS = np.uint64(0x3FF0000000000000)
_EXPONENT = np.uint64(0x7FF)
TO_UNIT = 1.0 / 9007199254740992.0  # 2^-53

# Streams: each kind of draw has its own, so adding a draw of one kind never moves another.
NATIVE_COST = 1
NATIVE_INCOME = 2
MIGRANT = 3
MIGRANT_WORDS = 3  # a Box-Muller pair (home income, moving cost) and a uniform (origin)

_LN2_HI = 6.93147180369123816490e-01
_LN2_LO = 1.90821492927058770002e-10
_LG1 = 6.666666666666735130e-01
_LG2 = 3.999999999940941908e-01
_LG3 = 2.857142874366239149e-01
_LG4 = 2.222219843214978396e-01
_LG5 = 1.818357216161805012e-01
_LG6 = 1.531383769920937332e-01
_LG7 = 1.479819860511658591e-01
_SQRT2 = math.sqrt(2.0)
_HALF_PI = math.pi / 2.0
_INV_LN2 = 1.0 / math.log(2.0)
_E2, _E3, _E4, _E5, _E6, _E7, _E8, _E9, _E10, _E11, _E12, _E13 = (
    1.0 / math.factorial(k) for k in range(2, 14)
)
# Taylor coefficients on |x| <= pi/4 (y = x^2); the first terms left out are below 5e-17.
_S1, _S2, _S3, _S4, _S5, _S6, _S7 = ((-1.0) ** k / math.factorial(2 * k + 1) for k in range(1, 8))
_C1, _C2, _C3, _C4, _C5, _C6, _C7, _C8 = ((-1.0) ** k / math.factorial(2 * k) for k in range(1, 9))


def _bitcast(source: types.Type, target: types.Type, target_ir: ir.Type) -> object:
    """A numba intrinsic that reads the 64 bits of a source value as a target value."""

    def typer(typingctx: object, value: object) -> tuple[object, object]:
        def codegen(
            context: object, builder: ir.IRBuilder, signature: object, arguments: list[ir.Value]
        ) -> ir.Value:
            return builder.bitcast(arguments[0], target_ir)

        return target(source), codegen

    return intrinsic(typer)


_bits_of = cast(Callable[[float], np.uint64], _bitcast(types.float64, types.uint64, ir.IntType(64)))
_float_of = cast(
    Callable[[np.uint64], float], _bitcast(types.uint64, types.float64, ir.DoubleType())
)


@numba.njit(cache=True, nogil=True, inline="always")
def mix64(z: np.uint64) -> np.uint64:
    """SplitMix64's finaliser: a bijection of 64-bit words that mixes every bit into every bit."""
    z = np.uint64(z)
    z = (z ^ (z >> _S30)) * _MIX1
    z = (z ^ (z >> _S27)) * _MIX2
    return z ^ (z >> _S31)


@numba.njit(cache=True, nogil=True)
def stream_key(seed: int, stream: int) -> np.uint64:
    """The key of one stream of one seed: where the stream starts in SplitMix64's sequence."""
    return mix64(mix64(np.uint64(seed) * GAMMA + np.uint64(stream)) + GAMMA)


@numba.njit(cache=True, nogil=True, inline="always")
def word(key: np.uint64, counter: int) -> np.uint64:
    """The counter-th 64-bit word of a stream."""
    return mix64(np.uint64(key) + np.uint64(counter) * GAMMA)


@numba.njit(cache=True, nogil=True, inline="always")
def uniform(key: np.uint64, counter: int) -> float:
    """A uniform on [0, 1) with 53 random bits."""
    return float(word(key, counter) >> _S11) * TO_UNIT


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def log_positive(x: float) -> float:
    """ln x for a positive, finite, normal x (fdlibm's e_log.c without its special cases)."""
    bits = _bits_of(x)
    exponent = float(np.int64((bits >> _S52) & _EXPONENT) - 1023)
    mantissa = _float_of((bits & _MANTISSA) | _ONE_BITS)  # in [1, 2)
    high = mantissa > _SQRT2
    mantissa = mantissa * 0.5 if high else mantissa
    exponent = exponent + 1.0 if high else exponent
    f = mantissa - 1.0
    s = f / (2.0 + f)
    z = s * s
    w = z * z
    r = w * (_LG2 + w * (_LG4 + w * _LG6)) + z * (_LG1 + w * (_LG3 + w * (_LG5 + w * _LG7)))
    half_square = 0.5 * f * f
    return exponent * _LN2_HI - ((half_square - (s * (half_square + r) + exponent * _LN2_LO)) - f)


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def exp_moderate(x: float) -> float:
    """e^x for |x| < 700: 2^k e^r with |r| <= ln 2 / 2 and a Taylor polynomial of degree 13 (the
    first term left out is below 5e-18), so that a loop of them is vectorised."""
    k = math.floor(x * _INV_LN2 + 0.5)
    r = (x - k * _LN2_HI) - k * _LN2_LO
    p = 1.0 + r * (
        1.0
        + r
        * (
            _E2
            + r
            * (
                _E3
                + r
                * (
                    _E4
                    + r
                    * (
                        _E5
                        + r
                        * (
                            _E6
                            + r
                            * (
                                _E7
                                + r
                                * (
                                    _E8
                                    + r * (_E9 + r * (_E10 + r * (_E11 + r * (_E12 + r * _E13))))
                                )
                            )
                        )
                    )
                )
            )
        )
    )
    return p * _float_of(np.uint64(np.int64(k) + 1023) << _S52)


@numba.njit(cache=True, nogil=True, inline="always")
def cos_sin_turn(t: float) -> tuple[float, float]:
    """cos and sin of 2 pi t for 0 <= t < 1: Taylor polynomials on [-pi/4, pi/4], turned by
    the quarter turn t is nearest to."""
    quarter = math.floor(4.0 * t + 0.5)
    x = (4.0 * t - quarter) * _HALF_PI
    y = x * x
    sin = x + x * y * (_S1 + y * (_S2 + y * (_S3 + y * (_S4 + y * (_S5 + y * (_S6 + y * _S7))))))
    cos = 1.0 + y * (
        _C1 + y * (_C2 + y * (_C3 + y * (_C4 + y * (_C5 + y * (_C6 + y * (_C7 + y * _C8))))))
    )
    q = np.int64(quarter) & 3
    odd = (q & 1) == 1
    first = sin if odd else cos
    second = cos if odd else sin
    first_sign = 1.0 - 2.0 * float(((q + 1) >> 1) & 1)
    second_sign = 1.0 - 2.0 * float((q >> 1) & 1)
    return first_sign * first, second_sign * second


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def box_muller(radius_word: np.uint64, angle_word: np.uint64) -> tuple[float, float]:
    """Two independent standard normals from two words."""
    unit = (float(radius_word >> _S11) + 1.0) * TO_UNIT  # in (0, 1]: the logarithm is finite
    radius = math.sqrt(-2.0 * log_positive(unit))
    cos, sin = cos_sin_turn(float(angle_word >> _S11) * TO_UNIT)
    return radius * cos, radius * sin


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def normal_pair(key: np.uint64, pair: int) -> tuple[float, float]:
    """The normals of positions 2 pair and 2 pair + 1, from words 2 pair and 2 pair + 1."""
    return box_muller(word(key, 2 * pair), word(key, 2 * pair + 1))


@numba.njit(cache=True, nogil=True, error_model="numpy")
def normal(key: np.uint64, position: int) -> float:
    """The standard normal at one position of a stream."""
    first, second = normal_pair(key, position >> 1)
    return first if position & 1 == 0 else second


@numba.njit(cache=True, nogil=True, error_model="numpy")
def fill_pairs(key: np.uint64, first_pair: int, even: Floats, odd: Floats) -> None:
    """The normals of positions 2 (first_pair + p) into even[p] and 2 (first_pair + p) + 1 into
    odd[p] (this loop is vectorised)."""
    for p in range(even.size):
        even[p], odd[p] = normal_pair(key, first_pair + p)


@numba.njit(cache=True, nogil=True, error_model="numpy", inline="always")
def migrant_draw(key: np.uint64, position: int) -> tuple[float, float, float]:
    """A migrant's draws: a uniform (the origin) and two normals (home income, moving cost)."""
    first = MIGRANT_WORDS * position
    z_home, z_move = box_muller(word(key, first), word(key, first + 1))
    return float(word(key, first + 2) >> _S11) * TO_UNIT, z_home, z_move


@numba.njit(cache=True, nogil=True, error_model="numpy")
def fill_migrants(key: np.uint64, first: int, u: Floats, z_home: Floats, z_move: Floats) -> None:
    """The draws of migrants first, first + 1, ... (this loop is vectorised)."""
    for i in range(u.size):
        u[i], z_home[i], z_move[i] = migrant_draw(key, first + i)


@numba.njit(cache=True, nogil=True, error_model="numpy")
def normals_at(key: np.uint64, positions: Ints, out: Floats) -> None:
    """The normals at some positions of a stream (the sample's agents)."""
    for i in range(positions.size):
        out[i] = normal(key, positions[i])


@numba.njit(cache=True, nogil=True)
def uniforms(key: np.uint64, first: int, out: Floats) -> None:
    """Uniforms of positions first, first + 1, ..."""
    for i in range(out.size):
        out[i] = uniform(key, first + i)
