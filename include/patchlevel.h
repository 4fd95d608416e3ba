/* Version of the CPython C API that ferrython implements (CPython's
 * patchlevel.h). Hand-written; Python.h includes it first. */
#ifndef Py_PATCHLEVEL_H
#define Py_PATCHLEVEL_H

#define PY_RELEASE_LEVEL_ALPHA 0xA
#define PY_RELEASE_LEVEL_BETA 0xB
#define PY_RELEASE_LEVEL_GAMMA 0xC
#define PY_RELEASE_LEVEL_FINAL 0xF

#define PY_MAJOR_VERSION 3
#define PY_MINOR_VERSION 14
#define PY_MICRO_VERSION 0
#define PY_RELEASE_LEVEL PY_RELEASE_LEVEL_FINAL
#define PY_RELEASE_SERIAL 0
#define PY_VERSION "3.14.0"

/* 0xMMmmuuLS: major, minor, micro, release level, serial. Python.h names
 * it Py_PACK_FULL_VERSION (a macro over the exported function of that
 * name), as CPython's pymacro.h does. */
#define _Py_PACK_FULL_VERSION(X, Y, Z, LEVEL, SERIAL) \
    ((((X) & 0xff) << 24) | (((Y) & 0xff) << 16) | (((Z) & 0xff) << 8) | \
     (((LEVEL) & 0xf) << 4) | ((SERIAL) & 0xf))
#define PY_VERSION_HEX _Py_PACK_FULL_VERSION(PY_MAJOR_VERSION, PY_MINOR_VERSION, \
    PY_MICRO_VERSION, PY_RELEASE_LEVEL, PY_RELEASE_SERIAL)

/* The ferrython release behind this header. */
#define FERRYTHON_VERSION "0.1.0"

#endif /* !Py_PATCHLEVEL_H */
