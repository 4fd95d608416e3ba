class Task:
    def __init__(self, name, priority):
        self.name = name
        self.priority = priority
        self.work = 0

    def run(self, amount):
        self.work += amount
        return self.work % 7

class Scheduler:
    def __init__(self):
        self.tasks = []

    def add(self, task):
        self.tasks.append(task)
        self.tasks.sort(key=lambda t: -t.priority)

    def tick(self, n):
        total = 0
        for i in range(n):
            for t in self.tasks:
                total += t.run(i % 5 + 1)
        return total

class Point:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __add__(self, other):
        return Point(self.x + other.x, self.y + other.y)

s = Scheduler()
for k in range(10):
    s.add(Task("t%d" % k, k % 4))
print(s.tick(20000))
p = Point(0, 0)
for i in range(100000):
    p = p + Point(1, 2)
print(p.x, p.y)
