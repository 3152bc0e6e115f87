# A table of loop kernels, one per signature (generated in the shape of
# a ufunc module: each kernel casts its inputs and calls the function).

cimport numpy as np
from libc.math cimport sqrt

ctypedef double (*unary_t)(double) noexcept nogil

cdef void loop_d_d(char **args, np.npy_intp *dims, np.npy_intp *steps, void *data) noexcept nogil:
    cdef np.npy_intp i, n = dims[0]
    cdef void *func = (<void**>data)[0]
    cdef char *ip0 = args[0]
    cdef char *op0 = args[1]
    cdef double ov0
    for i in range(n):
        ov0 = (<unary_t>func)(<double>(<double*>ip0)[0])
        (<double *>op0)[0] = <double>ov0
        ip0 += steps[0]
        op0 += steps[1]

cdef void loop_f_f(char **args, np.npy_intp *dims, np.npy_intp *steps, void *data) noexcept nogil:
    cdef np.npy_intp i, n = dims[0]
    cdef void *func = (<void**>data)[0]
    cdef char *ip0 = args[0]
    cdef char *op0 = args[1]
    cdef double ov0
    for i in range(n):
        ov0 = (<unary_t>func)(<double>(<float*>ip0)[0])
        (<double *>op0)[0] = <double>ov0
        ip0 += steps[0]
        op0 += steps[1]

cdef void loop_g_g(char **args, np.npy_intp *dims, np.npy_intp *steps, void *data) noexcept nogil:
    cdef np.npy_intp i, n = dims[0]
    cdef void *func = (<void**>data)[0]
    cdef char *ip0 = args[0]
    cdef char *op0 = args[1]
    cdef long double ov0
    for i in range(n):
        ov0 = (<unary_t>func)(<double>(<long double*>ip0)[0])
        (<long double *>op0)[0] = <long double>ov0
        ip0 += steps[0]
        op0 += steps[1]

cdef void loop_i_d(char **args, np.npy_intp *dims, np.npy_intp *steps, void *data) noexcept nogil:
    cdef np.npy_intp i, n = dims[0]
    cdef void *func = (<void**>data)[0]
    cdef char *ip0 = args[0]
    cdef char *op0 = args[1]
    cdef double ov0
    for i in range(n):
        ov0 = (<unary_t>func)(<double>(<int*>ip0)[0])
        (<double *>op0)[0] = <double>ov0
        ip0 += steps[0]
        op0 += steps[1]


cdef char *ufunc_halfsq_doc = (
    "halfsq(x, out=None)\n"
    "\n"
    "Half the square of x, for every element of an array.\n"
    "\n"
    "The kernel is picked by the type of the input, and a float input is\n"
    "computed in double precision before it is rounded back to a float.\n"
    "Values that overflow become infinite and raise the overflow flag,\n"
    "which the caller may turn into a warning or an error as it likes.\n"
    "\n"
    "Parameters\n"
    "----------\n"
    "x : array_like\n"
    "    Input values\n"
    "out : ndarray, optional\n"
    "    Optional output array for the function results")

cdef char *ufunc_twicesq_doc = (
    "twicesq(x, out=None)\n"
    "\n"
    "Twice the square of x, for every element of an array.\n"
    "\n"
    "The kernel is picked by the type of the input, and a float input is\n"
    "computed in double precision before it is rounded back to a float.\n"
    "Values that overflow become infinite and raise the overflow flag,\n"
    "which the caller may turn into a warning or an error as it likes.\n"
    "\n"
    "Parameters\n"
    "----------\n"
    "x : array_like\n"
    "    Input values\n"
    "out : ndarray, optional\n"
    "    Optional output array for the function results")
