# decimal (through _pydecimal), fractions and statistics, which need contextvars.
import decimal
from decimal import Decimal, getcontext, localcontext, Context, ROUND_HALF_UP, InvalidOperation, DivisionByZero
print(Decimal('1.1') + Decimal('2.2'), Decimal(1) / Decimal(7))
getcontext().prec = 10
print(Decimal(1) / Decimal(7), Decimal(2).sqrt(), Decimal('10').ln(), Decimal('3.14159').quantize(Decimal('0.01')))
with localcontext() as ctx:
    ctx.prec = 3
    print(Decimal(1) / Decimal(3), getcontext().prec)
print(getcontext().prec, Decimal(1) / Decimal(3))
with localcontext(prec=7, rounding=ROUND_HALF_UP):
    print(Decimal('2.345675').quantize(Decimal('0.00001')) , +Decimal('1.234567'))
c = Context(prec=4, traps=[DivisionByZero])
try: c.divide(Decimal(1), Decimal(0))
except DivisionByZero as e: print('DivisionByZero', type(e).__mro__[1].__name__)
try: Decimal('abc')
except InvalidOperation as e: print('InvalidOperation')
print(repr(Decimal('1e100') * Decimal('3')), Decimal('-0.0'), Decimal(0.1), Decimal('NaN'), Decimal('1.30').normalize())
print(sum(Decimal('0.1') for _ in range(10)), round(Decimal('2.675'), 2), float(Decimal('1.5')), int(Decimal('-7.9')))
print(Decimal(10) ** 20, Decimal('1.23E+5').to_eng_string(), f"{Decimal('1234.5678'):,.2f}", Decimal(7) % Decimal(3), divmod(Decimal(7), Decimal(-3)))
print(sorted([Decimal('3'), Decimal('1.5'), Decimal('-2')]), Decimal('1.5').as_tuple(), Decimal(3).compare(Decimal(4)))
import threading
out = []
def th():
    out.append(getcontext().prec)
t = threading.Thread(target=th); t.start(); t.join()
print(out)
from fractions import Fraction
a, b = Fraction(1, 3), Fraction(3, 4)
print(a + b, a * b, a / b, a - b, a ** 2, -a, abs(-b), a < b, Fraction('0.125'), Fraction(0.5), Fraction(3.14159).limit_denominator(1000))
print(Fraction(7, 3).numerator, Fraction(6, 4), float(Fraction(1, 8)), round(Fraction(7, 2)), Fraction(7,2).__floor__(), Fraction(-7, 2) // 1, f"{Fraction(1,3):.5f}", Fraction(Decimal('1.1')))
try: Fraction(1, 0)
except ZeroDivisionError as e: print(e)
print(hash(Fraction(1, 2)) == hash(0.5), Fraction(2, 1) == 2, Fraction(5, 2).as_integer_ratio(), Fraction(1,3).is_integer())
import statistics
data = [2.5, 3.25, 5.5, 11.25, 11.75, 1, 4]
print(statistics.mean(data), statistics.median(data), statistics.stdev(data), statistics.pstdev(data), statistics.variance(data))
print(statistics.mean([1, 2, 3, 4]), statistics.median([1, 3, 5, 7]), statistics.median_low([1, 3, 5, 7]), statistics.median_high([1, 3, 5, 7]), statistics.mode([1, 1, 2, 3]))
print(statistics.mean([Fraction(1, 2), Fraction(3, 4)]), statistics.mean([Decimal('1.5'), Decimal('2.5')]), statistics.stdev([Decimal('1'), Decimal('2'), Decimal('4')]))
print(statistics.fmean([1, 2, 3]), statistics.geometric_mean([1, 4]), statistics.harmonic_mean([1, 4]), statistics.quantiles([1, 2, 3, 4, 5, 6, 7, 8]), statistics.multimode('aabbc'))
try: statistics.mean([])
except statistics.StatisticsError as e: print(e)
nd = statistics.NormalDist(0, 1)
print(round(nd.cdf(1.0), 6), nd.inv_cdf(0.5), statistics.correlation([1, 2, 3], [2, 4, 7]), statistics.linear_regression([1, 2, 3], [2, 4, 6]))
