# Many small list/set/dict comprehensions inside a function: the cost is
# dominated by setting a comprehension up (PEP 709 runs them inline).


def small(rows):
    total = 0
    for row in rows:
        squares = [v * v for v in row]
        evens = {v for v in row if v % 2 == 0}
        index = {v: i for i, v in enumerate(row)}
        total += sum(squares) + len(evens) + len(index)
    return total


def nested(n):
    grid = [[i * j for j in range(8)] for i in range(n)]
    return sum(sum(r) for r in grid)


rows = [list(range(i % 7, i % 7 + 5)) for i in range(200000)]
print(small(rows))
print(nested(60000))
