// test: differential
/* The datetime C API: PyDateTime_IMPORT, the constructors of the capsule
 * (dates, datetimes, times with and without fold and tzinfo, deltas with
 * normalization, fixed timezones, from timestamps), the type checks, the
 * field accessor macros reading the object layouts, and the errors for
 * out-of-range fields. */
#include "testing.h"
#include "datetime.h"

int main(void)
{
    PyObject *d, *dt, *t, *td, *tz, *name, *args;
    start();
    PyDateTime_IMPORT;
    check("imported", PyDateTimeAPI != NULL);

    d = PyDate_FromDate(2024, 2, 29);
    check("PyDate_Check", PyDate_Check(d) && PyDate_CheckExact(d) && !PyDateTime_Check(d));
    printf("date fields: %d %d %d\n", PyDateTime_GET_YEAR(d), PyDateTime_GET_MONTH(d),
           PyDateTime_GET_DAY(d));
    show("date", d);

    dt = PyDateTime_FromDateAndTime(1999, 12, 31, 23, 59, 58, 654321);
    check("PyDateTime_Check", PyDateTime_Check(dt) && PyDate_Check(dt));
    printf("datetime fields: %d-%d-%d %d:%d:%d.%d fold=%d naive=%d\n", PyDateTime_GET_YEAR(dt),
           PyDateTime_GET_MONTH(dt), PyDateTime_GET_DAY(dt), PyDateTime_DATE_GET_HOUR(dt),
           PyDateTime_DATE_GET_MINUTE(dt), PyDateTime_DATE_GET_SECOND(dt),
           PyDateTime_DATE_GET_MICROSECOND(dt), PyDateTime_DATE_GET_FOLD(dt),
           PyDateTime_DATE_GET_TZINFO(dt) == Py_None);
    show("datetime", dt);
    show("datetime fold", PyDateTime_FromDateAndTimeAndFold(2000, 1, 1, 1, 2, 3, 4, 1));

    t = PyTime_FromTime(12, 34, 56, 789);
    printf("time fields: %d %d %d %d %d\n", PyDateTime_TIME_GET_HOUR(t),
           PyDateTime_TIME_GET_MINUTE(t), PyDateTime_TIME_GET_SECOND(t),
           PyDateTime_TIME_GET_MICROSECOND(t), PyDateTime_TIME_GET_FOLD(t));
    check("PyTime_Check", PyTime_Check(t) && !PyDate_Check(t));
    show("time", t);
    show("time fold", PyTime_FromTimeAndFold(1, 2, 3, 4, 1));

    td = PyDelta_FromDSU(1, -1, 1000001);
    printf("delta fields: %d %d %d\n", PyDateTime_DELTA_GET_DAYS(td),
           PyDateTime_DELTA_GET_SECONDS(td), PyDateTime_DELTA_GET_MICROSECONDS(td));
    check("PyDelta_Check", PyDelta_Check(td));

    show("too large offset", PyTimeZone_FromOffset(td));
    Py_DECREF(td);
    td = PyDelta_FromDSU(0, 5 * 3600 + 1800, 0);
    tz = PyTimeZone_FromOffset(td);
    check("PyTZInfo_Check", PyTZInfo_Check(tz) && !PyTZInfo_CheckExact(tz));
    show("timezone", tz);
    name = PyUnicode_FromString("ABC");
    show("named timezone", PyTimeZone_FromOffsetAndName(td, name));
    Py_DECREF(name);
    show("utc", Py_NewRef(PyDateTime_TimeZone_UTC));
    check("utc is timezone.utc", PyTZInfo_Check(PyDateTime_TimeZone_UTC));

    dt = PyDateTimeAPI->DateTime_FromDateAndTime(2001, 2, 3, 4, 5, 6, 7,
                                                 PyDateTime_TimeZone_UTC,
                                                 PyDateTimeAPI->DateTimeType);
    check("aware tzinfo", PyDateTime_DATE_GET_TZINFO(dt) == PyDateTime_TimeZone_UTC);
    show("aware", dt);
    show("big delta", PyDelta_FromDSU(999999999, 86399, 999999));
    Py_DECREF(td);

    args = Py_BuildValue("(d)", 86400.5);
    show("date from timestamp", PyDate_FromTimestamp(args));
    Py_DECREF(args);
    args = Py_BuildValue("(dO)", 1e9, PyDateTime_TimeZone_UTC);
    show("datetime from timestamp", PyDateTime_FromTimestamp(args));
    Py_DECREF(args);

    show("bad month", PyDate_FromDate(2024, 13, 1));
    show("bad day", PyDate_FromDate(2023, 2, 29));
    show("bad hour", PyTime_FromTime(24, 0, 0, 0));
    show("bad fold", PyTime_FromTimeAndFold(0, 0, 0, 0, 2));
    show("delta overflow", PyDelta_FromDSU(1000000000, 0, 0));
    show("bad datetime year", PyDateTime_FromDateAndTime(10000, 1, 1, 0, 0, 0, 0));
    return finish();
}
