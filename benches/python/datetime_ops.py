# datetime arithmetic, comparison and text: timedelta steps on an aware
# datetime, differences, isoformat and fromisoformat, ordinals.
from datetime import datetime, timedelta, timezone, date

start = datetime(2020, 1, 1, tzinfo=timezone.utc)
d = start
step = timedelta(hours=1, microseconds=7)
acc = 0
for i in range(300000):
    d = d + step
    acc += (d - start).days
    if d > start and i % 10 == 0:
        s = d.isoformat()
        acc += len(s) + date.fromisoformat(s[:10]).toordinal()
        acc += datetime.fromisoformat(s).minute
print(acc, d, d.strftime('%Y-%m-%d %H:%M:%S.%f %z'))
