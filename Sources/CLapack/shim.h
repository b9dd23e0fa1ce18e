#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
#define HAVE_LAPACK_CONFIG_H 1
#define LAPACK_COMPLEX_STRUCTURE 1
#define FORCE_OPENBLAS_COMPLEX_STRUCT 1
#include <cblas.h>
#include <lapacke.h>
#endif
