/* marshal.h: what CPython's marshal.h adds to Python.h. The functions
 * (PyMarshal_ReadObjectFromString, PyMarshal_WriteObjectToString) are
 * declared in ferrython/capi.h. */
#ifndef Py_MARSHAL_H
#define Py_MARSHAL_H

#include "Python.h"

/* The marshal format version marshal.dumps writes by default. */
#define Py_MARSHAL_VERSION 4

#endif /* !Py_MARSHAL_H */
