# syslog: constants, LOG_MASK/LOG_UPTO, setlogmask, argument errors, and
# the audit events of openlog/syslog/closelog/setlogmask.
import sys, syslog as s
print(sorted((n, getattr(s, n)) for n in dir(s) if n.startswith('LOG_') and n not in ('LOG_MASK', 'LOG_UPTO')))
print([n for n in dir(s) if not n.isupper() and not n.startswith('__')])
print([s.LOG_MASK(p) for p in range(8)], [s.LOG_UPTO(p) for p in range(8)])
print(s.LOG_UPTO(s.LOG_ERR), s.LOG_MASK(s.LOG_DEBUG))
events = []
sys.addaudithook(lambda ev, args: events.append((ev, args)) if ev.startswith('syslog.') else None)
for a in [(), (5,), (1, 2, 3), ('a', 'b'), (b'x',), (1.5, 'x'), (2**40, 'x'), ('a\0b',)]:
    try: s.syslog(*a); print('ok')
    except Exception as e: print(type(e).__name__, e)
for f, a in [(s.LOG_MASK, ('x',)), (s.LOG_MASK, (1.5,)), (s.LOG_UPTO, (2**70,)), (s.setlogmask, ('x',)),
             (s.openlog, (5,)), (s.openlog, ('a', 1.5)), (s.LOG_MASK, ()), (s.closelog, (1,)), (s.setlogmask, (2**40,))]:
    try: print(f(*a))
    except Exception as e: print(type(e).__name__, e)
print(s.setlogmask(0), s.setlogmask(s.LOG_UPTO(s.LOG_ERR)), s.setlogmask(0), s.setlogmask(0xff))
s.openlog(ident='ferrython-test', logoption=s.LOG_NDELAY, facility=s.LOG_LOCAL0)
s.setlogmask(0)  # nothing reaches the system log from here on
s.syslog('hello')
s.syslog(s.LOG_ERR | s.LOG_LOCAL1, 'world')
s.closelog()
s.closelog()
s.openlog()
s.syslog(s.LOG_DEBUG, 'again')
s.closelog()
s.setlogmask(0xff)
for ev, args in events:
    print(ev, args)
