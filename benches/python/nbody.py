def advance(bodies, dt, steps):
    pairs = [(bodies[i], bodies[j]) for i in range(len(bodies)) for j in range(i + 1, len(bodies))]
    for _ in range(steps):
        for (p1, v1, m1), (p2, v2, m2) in pairs:
            dx = p1[0] - p2[0]
            dy = p1[1] - p2[1]
            dz = p1[2] - p2[2]
            d2 = dx * dx + dy * dy + dz * dz
            mag = dt / (d2 * d2 ** 0.5)
            b1 = m1 * mag
            b2 = m2 * mag
            v1[0] -= dx * b2
            v1[1] -= dy * b2
            v1[2] -= dz * b2
            v2[0] += dx * b1
            v2[1] += dy * b1
            v2[2] += dz * b1
        for p, v, m in bodies:
            p[0] += dt * v[0]
            p[1] += dt * v[1]
            p[2] += dt * v[2]

def energy(bodies):
    e = 0.0
    for i, (p, v, m) in enumerate(bodies):
        e += 0.5 * m * (v[0] * v[0] + v[1] * v[1] + v[2] * v[2])
        for p2, v2, m2 in bodies[i + 1:]:
            dx, dy, dz = p[0] - p2[0], p[1] - p2[1], p[2] - p2[2]
            e -= m * m2 / (dx * dx + dy * dy + dz * dz) ** 0.5
    return e

bodies = [
    ([0.0, 0.0, 0.0], [0.0, 0.0, 0.0], 39.47),
    ([4.84, -1.16, -0.10], [0.60, 2.81, -0.02], 0.037),
    ([8.34, 4.12, -0.40], [-1.01, 1.82, 0.008], 0.011),
    ([12.89, -15.11, -0.22], [1.08, 0.86, -0.01], 0.0017),
    ([15.37, -25.91, 0.17], [0.97, 0.59, -0.03], 0.002),
]
print("%.9f" % energy(bodies))
advance(bodies, 0.01, 20000)
print("%.9f" % energy(bodies))
